/**
 * Bench stage `api`: latency and load of `fivew serve` on a store of 10,000
 * articles. The fixture articles are analysed once, then copied with varied
 * ids, text, dates and actor names and written straight into the tables
 * (near-duplicate detection would otherwise spend the build comparing copies
 * of the same three texts). The server runs as its own process, as a user
 * starts it; autocannon drives it from this one, so on two cores each has
 * one.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Analysis } from '../analysis.js';
import { analyzeArticle } from '../analysis.js';
import { contentHash } from '../ingest/article.js';
import { parseTextArticle } from '../ingest/text.js';
import { prepareArticle } from '../store/ingest.js';
import { writeCorpusLayers } from '../store/layers.js';
import { corpusDb } from '../store/queries/schema.js';
import { refreshCorpus } from '../corpus/refresh.js';
import { openStore, ANALYSIS_VERSION } from '../store/index.js';
// Types only: stages.ts imports this module, and bench/api-latency.ts enters here first.
import type { BenchOptions, BenchResult, BenchStage } from './stages.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/web/', import.meta.url));
const FIRST = ['Mara', 'Teodor', 'Ines', 'Kofi', 'Yara', 'Bruno', 'Lena', 'Rafael', 'Sanna', 'Idris', 'Noor', 'Emil', 'Greta'];
const SURNAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Castellano', 'Nakamura', 'Petrov', 'Haddad', 'Brennan', 'Silva', 'Kowalski'];
const BENCH_TOKEN = 'bench-token-0123456789';

export interface ApiLatency {
  name: string;
  path: string;
  connections: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  requests: number;
  rps: number;
  non2xx: number;
  /** CPU time of the server process per request (Linux; null elsewhere). */
  serverCpuMsPerRequest: number | null;
}

function baseAnalyses(): Analysis[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => analyzeArticle(prepareArticle(parseTextArticle(readFileSync(join(FIXTURES, f), 'utf8')))).analysis);
}

/** The invented name entity `id` of copy `i` takes: about a thousand distinct names per entity, none sharing the originals' words. */
function renamed(id: string, i: number): string {
  return `${FIRST[i % FIRST.length]} ${SURNAMES[Math.floor(i / 4) % SURNAMES.length]} ${id}-${i % 397}`;
}

/** Copy i of a base analysis: unique text (a trailing line, so every span stays valid), its own date, some renamed actors. */
function copyOf(base: Analysis, i: number): Analysis {
  const text = `${base.article.text}\n\n(Archive copy ${i}.)`;
  const day = new Date(Date.UTC(2020, 0, 1) + (i % 2000) * 86_400_000).toISOString().slice(0, 10);
  // Three copies in four rename their people and groups, so the store holds thousands of actors, a few of them frequent.
  const rename = i % 4 !== 0;
  const entities = base.entities.map((e) => (rename && e.type !== 'GPE' ? { ...e, name: renamed(e.id, i) } : e));
  return { ...base, article: { ...base.article, id: contentHash(text).slice(0, 16), text, published: day }, entities };
}

/** Writes a SQLite store at `path` holding `count` articles with every layer table filled. */
export async function buildApiStore(path: string, count: number): Promise<void> {
  const bases = baseAnalyses();
  const store = await openStore(path);
  const now = new Date().toISOString();
  try {
    for (let start = 0; start < count; start += 500) {
      await store.db.transaction().execute(async (trx) => {
        for (let i = start; i < Math.min(count, start + 500); i++) {
          const a = copyOf(bases[i % bases.length]!, i);
          const hash = contentHash(a.article.text);
          const row = await trx
            .insertInto('articles')
            .values({ ...a.article, id: a.article.id, content_hash: hash, minhash: null, duplicate_of: null, status: 'analysed', ingested_at: now })
            .returning('seq')
            .executeTakeFirstOrThrow();
          const { article: _article, ...layers } = a;
          await trx.insertInto('analyses').values({ article_id: a.article.id, version: ANALYSIS_VERSION, analysis: JSON.stringify(layers), created_at: now }).execute();
          await writeCorpusLayers(trx, { id: a.article.id, seq: Number(row.seq), analysis: a });
        }
      });
    }
    // A real ingest leaves the store linked: actor pages then read linked actors, as they do in use.
    await refreshCorpus(store);
  } finally {
    await store.close();
  }
}

export interface ApiSample {
  /** The most quoted person, and one quoted once: the heaviest and a typical actor page. */
  hotActor: string;
  rareActor: string;
  articleIds: string[];
}

/** What the queries ask for, read from the store so a store built earlier can be measured again. */
export async function sampleApiStore(path: string): Promise<ApiSample> {
  const store = await openStore(path, { mustExist: true });
  try {
    const db = corpusDb(store.db);
    const person = db.selectFrom('actors').select('key').where('type', '=', 'PERSON');
    const hot = await person.orderBy('statements', 'desc').orderBy('key').executeTakeFirstOrThrow();
    // Linking merges most of the invented variants, so "rare" is the least quoted person still quoted.
    const rare = await person.where('statements', '>=', 1).orderBy('statements').orderBy('key').executeTakeFirstOrThrow();
    const ids = await store.db.selectFrom('articles').select('id').orderBy('seq').execute();
    return { hotActor: hot.key, rareActor: rare.key, articleIds: ids.map((r) => r.id) };
  } finally {
    await store.close();
  }
}

export interface ApiTarget {
  name: string;
  path: string;
  /** When given, each request takes one of these at random (the path above names them). */
  paths?: string[];
}

/** The actor page and search queries issue 7 sets latency targets for. */
export function latencyTargets(sample: ApiSample): ApiTarget[] {
  const { hotActor, rareActor } = sample;
  const surname = hotActor.split(':')[1]!.split(' ').pop()!;
  return [
    { name: 'actor page (frequent actor)', path: `/api/actors/${encodeURIComponent(hotActor)}` },
    { name: 'actor page (rare actor)', path: `/api/actors/${encodeURIComponent(rareActor)}` },
    { name: 'actor search', path: `/api/actors?q=${encodeURIComponent(surname.slice(0, 4))}` },
    { name: 'search box (articles + actors + quotes)', path: '/api/search?q=harbor' },
    { name: 'quotes: what did X say about Y', path: `/api/quotes?speaker=${encodeURIComponent(hotActor)}&text=coast` },
    { name: 'article full-text search', path: '/api/articles/search?q=grain%20agreement' },
  ];
}

/** Article fetch with its analysis, a random stored article per request: the load target of issue 8. */
export function articleFetchTarget(sample: ApiSample): ApiTarget {
  return { name: 'article fetch (random id)', path: '/api/articles/:id', paths: sample.articleIds.map((id) => `/api/articles/${id}`) };
}

export interface ServerProcess {
  url: string;
  /** CPU seconds the server process has used so far (Linux /proc); null elsewhere. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

let clockTicks: number | null = null;

function processCpuSeconds(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    // Fields after the parenthesised command name: state is the first, utime the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** `fivew serve` on the store at `dbPath`, on a free port, reads unlimited; resolves once it listens. */
export async function startServer(dbPath: string, options: { cache?: boolean } = {}): Promise<ServerProcess> {
  // Run from source (bench/api-latency.ts under tsx, the tests) the CLI is TypeScript too; built, both are in dist/.
  const fromSource = import.meta.url.endsWith('.ts');
  const cli = fileURLToPath(new URL(fromSource ? '../cli/main.ts' : '../cli/main.js', import.meta.url));
  const args = [...(fromSource ? ['--import', 'tsx'] : []), cli, 'serve', '--db', dbPath, '--port', '0', '--token', BENCH_TOKEN, '--rate-limit', '0'];
  if (options.cache === false) args.push('--no-cache');
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines: string[] = [];
    const rl = createInterface({ input: child.stderr! });
    rl.on('line', (line) => {
      lines.push(line);
      const m = /serving (http:\/\/\S+)/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`fivew serve exited (${code}) before listening: ${lines.slice(-3).join(' / ')}`)));
  });
  return {
    url,
    cpuSeconds: () => processCpuSeconds(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      // A server that does not close within a few seconds is not worth waiting for.
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(force);
    },
  };
}

export async function measureTarget(server: ServerProcess, target: ApiTarget, options: { connections: number; seconds: number }): Promise<ApiLatency> {
  const { paths } = target;
  const cpu0 = server.cpuSeconds();
  const r = await autocannon({
    url: `${server.url}${target.path}`,
    connections: options.connections,
    duration: options.seconds,
    ...(paths ? { requests: [{ setupRequest: (req) => ({ ...req, path: paths[Math.floor(Math.random() * paths.length)]! }) }] } : {}),
  });
  const cpu1 = server.cpuSeconds();
  const total = Math.max(1, r.requests.total);
  return {
    name: target.name,
    path: target.path,
    connections: options.connections,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    rps: Math.round(r.requests.average),
    non2xx: r.non2xx,
    serverCpuMsPerRequest: cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) * 1000 * 100) / total) / 100,
  };
}

export interface ApiRunOptions {
  /** Connection counts the latency targets run at. */
  connections: number[];
  seconds: number;
  /** Server with its response cache (default) or answering every request from the database. */
  cache: boolean;
  /** Connections for the article-fetch load run; 0 skips it. */
  loadConnections: number;
  loadSeconds: number;
}

/** Starts a server on the store, runs every latency target at each connection count, then the article-fetch load. */
export async function runApiBench(dbPath: string, sample: ApiSample, options: ApiRunOptions): Promise<ApiLatency[]> {
  const server = await startServer(dbPath, { cache: options.cache });
  const out: ApiLatency[] = [];
  try {
    for (const connections of options.connections) {
      for (const target of latencyTargets(sample)) out.push(await measureTarget(server, target, { connections, seconds: options.seconds }));
    }
    if (options.loadConnections > 0) {
      out.push(await measureTarget(server, articleFetchTarget(sample), { connections: options.loadConnections, seconds: options.loadSeconds }));
    }
  } finally {
    await server.stop();
  }
  return out;
}

export const apiStage: BenchStage = {
  name: 'api',
  description: 'fivew serve on a 10,000-article store: actor page and search latency (1 and 4 connections, uncached and cached), article fetch load (50 connections)',
  async run(options: BenchOptions): Promise<BenchResult> {
    const count = options.limit ?? 10_000;
    const dir = mkdtempSync(join(tmpdir(), 'fivew-api-bench-'));
    const t0 = performance.now();
    try {
      const dbPath = join(dir, 'api.db');
      await buildApiStore(dbPath, count);
      const sample = await sampleApiStore(dbPath);
      const built = (performance.now() - t0) / 1000;
      const load = loadavg()[0]!;
      const uncached = await runApiBench(dbPath, sample, { connections: [1, 4], seconds: 5, cache: false, loadConnections: 50, loadSeconds: 10 });
      const cached = await runApiBench(dbPath, sample, { connections: [4], seconds: 5, cache: true, loadConnections: 0, loadSeconds: 0 });
      const rates: Record<string, number> = {};
      for (const r of uncached) {
        const mode = r.path === '/api/articles/:id' ? `${r.connections} connections` : `${r.connections} connection${r.connections === 1 ? '' : 's'}, uncached`;
        rates[`${r.name}, ${mode}: p50 ms`] = r.p50;
        rates[`${r.name}, ${mode}: p99 ms`] = r.p99;
        if (r.path === '/api/articles/:id') rates[`${r.name}, ${mode}: req/s`] = r.rps;
        // The server's own work per request, which the machine's load hardly moves (once per query).
        if (r.connections > 1 && r.serverCpuMsPerRequest !== null) rates[`${r.name}, ${mode}: server CPU ms/req`] = r.serverCpuMsPerRequest;
      }
      for (const r of cached) {
        rates[`${r.name}, ${r.connections} connections, cached: p50 ms`] = r.p50;
        rates[`${r.name}, ${r.connections} connections, cached: p99 ms`] = r.p99;
      }
      const all = [...uncached, ...cached];
      return {
        stage: 'api',
        rates,
        items: count,
        seconds: Math.round(((performance.now() - t0) / 1000) * 10) / 10,
        peakRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
        notes: `store built in ${built.toFixed(1)} s; fivew serve in its own process, autocannon in this one; load average ${load.toFixed(1)} at the start; non-2xx ${all.reduce((n, r) => n + r.non2xx, 0)}`,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
