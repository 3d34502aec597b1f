/**
 * `fivew stories`: articles grouped by the event they report, with the
 * events merged across them (one event, many mentions).
 */
import type { Command } from 'commander';
import { loadCorpusView } from '../../corpus/load.js';
import { describeRefresh, refreshCorpus } from '../../corpus/refresh.js';
import type { Story } from '../../corpus/stories.js';
import type { ActorIndex } from '../../corpus/actors.js';
import { DEFAULT_DB } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { openStoreForCli } from './ingest.js';

export function intOption(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} wants a whole number ≥ ${min}, not "${value}"`);
  return n;
}

function describeStory(s: Story, actors: ActorIndex): string {
  const name = (id: string): string => actors.byId(id)?.name ?? id;
  const lines = [`${s.id}  ${s.first ?? '?'}${s.last && s.last !== s.first ? ` → ${s.last}` : ''}  ${s.members.length} article(s), ${s.numSources} source(s)  ${s.title ?? ''}`];
  lines.push(`  actors: ${s.actors.slice(0, 6).map(name).join(', ')}`);
  for (const e of s.events.slice(0, 5)) lines.push(`  ${e.type} ${e.source.map(name).join('+') || '-'} → ${e.target.map(name).join('+') || '-'}: ${e.mentions.length} mention(s) in ${e.numArticles} article(s)`);
  for (const m of s.members) lines.push(`    ${m.article}  ${m.evidence} ${m.similarity.toFixed(2)}`);
  return lines.join('\n');
}

export function registerStories(program: Command): void {
  program
    .command('stories')
    .description('stored articles grouped into stories (same event), largest first')
    .option('--db <url>', 'SQLite file or postgres:// URL', DEFAULT_DB)
    .option('--min <n>', 'only stories with at least this many articles', '2')
    .option('--limit <n>', 'most stories to print', '20')
    .option('--json', 'print the stories as JSON')
    .action(async (opts: { db: string; min: string; limit: string; json?: boolean }) => {
      const min = intOption(opts.min, '--min', 1);
      const limit = intOption(opts.limit, '--limit', 1);
      const store = await openStoreForCli(opts.db, { mustExist: true });
      try {
        const { view } = await loadCorpusView(store);
        const stories = view.stories.filter((s) => s.members.length >= min).sort((a, b) => b.members.length - a.members.length).slice(0, limit);
        if (opts.json) process.stdout.write(`${JSON.stringify(stories, null, 2)}\n`);
        else if (stories.length === 0) process.stderr.write('no stories\n');
        else process.stdout.write(`${stories.map((s) => describeStory(s, view.actors)).join('\n\n')}\n`);
      } finally {
        await store.close();
      }
    });
}

/** `fivew corpus rebuild`: link, cluster and save the corpus view into the store's corpus tables. */
export function registerCorpus(program: Command): void {
  const corpus = program.command('corpus').description('the cross-article layer: actors, stories, claims');
  corpus
    .command('rebuild')
    .description('relink actors and recluster stories and claims over every stored analysis, save them (corpus_* tables) and key the API by linked actor (fivew ingest does this at the end of each run)')
    .option('--db <url>', 'SQLite file or postgres:// URL', DEFAULT_DB)
    .action(async (opts: { db: string }) => {
      const store = await openStoreForCli(opts.db, { mustExist: true });
      try {
        process.stdout.write(`${describeRefresh(await refreshCorpus(store, { full: true }))}\n`);
      } finally {
        await store.close();
      }
    });
}
