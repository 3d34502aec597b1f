import type { Command } from 'commander';
import { DEFAULT_DB, type SearchHit } from '../../store/index.js';
import { queryWords } from '../../store/search.js';
import { UsageError } from '../errors.js';
import { openStoreForCli } from './ingest.js';

function positiveInt(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} expects a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export function formatHit(hit: SearchHit): string {
  const date = hit.published ? hit.published.slice(0, 10) : '----------';
  const head = [hit.id, date, hit.source ?? '-', hit.title ?? '(untitled)'].join('  ');
  const dup = hit.duplicateOf ? `  (copy of ${hit.duplicateOf})` : '';
  return `${head}${dup}\n    ${hit.snippet}\n`;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('full-text search over stored articles (words, "phrases", OR, -excluded)')
    .argument('<query...>', 'what to look for')
    .option('--db <url>', 'SQLite file or postgres:// URL', DEFAULT_DB)
    .option('--limit <n>', 'most hits to print', '20')
    .option('--offset <n>', 'hits to skip (for paging)', '0')
    .option('--json', 'print the hits as a JSON array')
    .action(async (words: string[], opts: { db: string; limit: string; offset: string; json?: boolean }) => {
      const query = words.join(' ');
      if (queryWords(query).length === 0) throw new UsageError('search needs at least one word to look for');
      const limit = positiveInt(opts.limit, '--limit', 1);
      const offset = positiveInt(opts.offset, '--offset', 0);
      const store = await openStoreForCli(opts.db, { mustExist: true });
      let hits: SearchHit[];
      try {
        hits = await store.search(query, { limit, offset });
      } finally {
        await store.close();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
      else {
        for (const hit of hits) process.stdout.write(formatHit(hit));
        if (hits.length === 0) process.stderr.write('no matches\n');
      }
    });
}
