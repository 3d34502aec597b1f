/**
 * Writes N invented reports as one JSONL file, for measuring the corpus layer
 * at ingest: the 60 fixture reports of test/fixtures/corpus, each copy moved
 * by whole fortnights (so copies of one story never share a story window) and
 * given a closing line of its own (so no copy is an exact duplicate). The same
 * people recur across copies, as they do in a news stream.
 *
 *   npx tsx scripts/corpus-copies.ts 1000 /tmp/corpus-1000.jsonl
 *   fivew ingest /tmp/corpus-1000.jsonl --db a.db --no-corpus   vs   fivew ingest /tmp/corpus-1000.jsonl --db b.db
 *
 * Copy i is the same whatever N is, so the last lines of a longer file are new to a store built from a
 * shorter one: a small batch into a big store (the incremental refresh) is measured that way
 * (docs/EVAL-corpus.md).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFixture } from '../src/eval/corpus.js';

const SOURCE = fileURLToPath(new URL('../test/fixtures/corpus/', import.meta.url));
const FORTNIGHT_MS = 14 * 86_400_000;
const [countArg, out] = process.argv.slice(2);
const count = Number(countArg);
if (!Number.isInteger(count) || count < 1 || !out) {
  process.stderr.write('usage: npx tsx scripts/corpus-copies.ts N OUT.jsonl\n');
  process.exit(2);
}

const fixtures = readdirSync(SOURCE)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => parseFixture(f.replace(/\.txt$/, ''), readFileSync(join(SOURCE, f), 'utf8')).article);
const lines: string[] = [];
for (let i = 0; i < count; i++) {
  const a = fixtures[i % fixtures.length]!;
  const round = Math.floor(i / fixtures.length);
  const published = a.published ? new Date(Date.parse(`${a.published}T00:00:00Z`) + round * FORTNIGHT_MS).toISOString().slice(0, 10) : null;
  lines.push(JSON.stringify({ title: a.title, source: a.source, published, text: `${a.text}\n\nReport ${i + 1} of the measurement set.` }));
}
writeFileSync(out, `${lines.join('\n')}\n`);
process.stdout.write(`${count} reports → ${out}\n`);
