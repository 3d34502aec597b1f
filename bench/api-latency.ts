/**
 * `fivew serve` latency and load on a 10,000-article store (see
 * src/bench/api.ts), printed as the Markdown tables docs/EVAL-api.md shows.
 * The server runs in its own process; autocannon runs in this one.
 *
 *   npx tsx bench/api-latency.ts [--articles N] [--db FILE] [--connections 1,4] [--seconds S]
 *                                [--no-cache] [--load-connections 50] [--load-seconds S]
 *
 * --db keeps the store in FILE (built there when absent) so later runs skip the build.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApiStore, runApiBench, sampleApiStore } from '../src/bench/api.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    db: { type: 'string' },
    seconds: { type: 'string', default: '6' },
    connections: { type: 'string', default: '1,4' },
    'no-cache': { type: 'boolean', default: false },
    'load-connections': { type: 'string', default: '50' },
    'load-seconds': { type: 'string', default: '10' },
  },
});
const dir = values.db ? null : mkdtempSync(join(tmpdir(), 'fivew-api-bench-'));
const dbPath = values.db ?? join(dir!, 'api.db');
try {
  if (!existsSync(dbPath)) {
    const t0 = performance.now();
    await buildApiStore(dbPath, Number(values.articles));
    process.stderr.write(`built ${values.articles} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const sample = await sampleApiStore(dbPath);
  process.stderr.write(`${sample.articleIds.length} articles; frequent actor ${sample.hotActor}, rare actor ${sample.rareActor}\n`);
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')}; response cache ${values['no-cache'] ? 'off' : 'on'}\n`);
  const results = await runApiBench(dbPath, sample, {
    connections: values.connections.split(',').map(Number),
    seconds: Number(values.seconds),
    cache: !values['no-cache'],
    loadConnections: Number(values['load-connections']),
    loadSeconds: Number(values['load-seconds']),
  });
  console.log(`| query | connections | median ms | p97.5 ms | p99 ms | max ms | req/s | requests | non-2xx | server CPU ms/req |`);
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  for (const r of results) {
    console.log(`| ${r.name} | ${r.connections} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.max} | ${r.rps} | ${r.requests} | ${r.non2xx} | ${r.serverCpuMsPerRequest ?? '–'} |`);
  }
  console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
