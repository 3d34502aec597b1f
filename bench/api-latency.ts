/**
 * API latency on a 10,000-article store (see src/bench/api.ts), printed as
 * the Markdown table docs/EVAL-api.md shows.
 *   npx tsx bench/api-latency.ts [--articles N] [--seconds S] [--connections C]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApiStore, measureApi } from '../src/bench/api.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '8' }, connections: { type: 'string', default: '4' } } });
const dir = mkdtempSync(join(tmpdir(), 'fivew-api-bench-'));
try {
  const t0 = performance.now();
  const { store, ...actors } = await buildApiStore(join(dir, 'api.db'), Number(values.articles));
  const counts = await store.counts();
  console.log(`load average before: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  process.stderr.write(`built ${counts.articles} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s; frequent actor ${actors.hotActor}, rare actor ${actors.rareActor}\n`);
  const results = await measureApi(store, actors, { seconds: Number(values.seconds), connections: Number(values.connections) });
  await store.close();
  console.log(`| query | median ms | p97.5 ms | p99 ms | max ms | req/s | requests | non-2xx | CPU ms/req |`);
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  for (const r of results) console.log(`| ${r.name} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.max} | ${r.rps} | ${r.requests} | ${r.non2xx} | ${r.cpuMsPerRequest} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
