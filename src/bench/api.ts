/**
 * Bench stage `api`: latency of the HTTP API on a store of 10,000 articles.
 * The fixture articles are analysed once, then copied with varied ids, text,
 * dates and actor names and written straight into the tables (near-duplicate
 * detection would otherwise spend the build comparing copies of the same
 * three texts). autocannon then drives the actor page and search queries.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Analysis } from '../analysis.js';
import { analyzeArticle } from '../analysis.js';
import { contentHash } from '../ingest/article.js';
import { parseTextArticle } from '../ingest/text.js';
import { buildServer } from '../server/app.js';
import { prepareArticle } from '../store/ingest.js';
import { writeCorpusLayers } from '../store/layers.js';
import { actorKey } from '../store/queries/actor-key.js';
import { openStore, ANALYSIS_VERSION, type Store } from '../store/index.js';
// Types only: stages.ts imports this module, and bench/api-latency.ts enters here first.
import type { BenchOptions, BenchResult, BenchStage } from './stages.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/web/', import.meta.url));
const FIRST = ['Mara', 'Teodor', 'Ines', 'Kofi', 'Yara', 'Bruno', 'Lena', 'Rafael', 'Sanna', 'Idris', 'Noor', 'Emil', 'Greta'];
const SURNAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Castellano', 'Nakamura', 'Petrov', 'Haddad', 'Brennan', 'Silva', 'Kowalski'];

export interface ApiLatency {
  name: string;
  path: string;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  requests: number;
  rps: number;
  non2xx: number;
  /** CPU of this process (server and autocannon together) per request: an upper bound on the server's work. */
  cpuMsPerRequest: number;
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

/** A SQLite store at `path` holding `count` articles with every layer table filled. */
export async function buildApiStore(path: string, count: number): Promise<{ store: Store; hotActor: string; rareActor: string }> {
  const bases = baseAnalyses();
  const store = await openStore(path);
  const now = new Date().toISOString();
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
  const speaker = bases[0]!.attributions.find((x) => x.speaker?.entity)?.speaker?.entity;
  const e = bases[0]!.entities.find((x) => x.id === speaker) ?? bases[0]!.entities[0]!;
  return { store, hotActor: actorKey(e.name, e.type), rareActor: actorKey(renamed(e.id, 3), e.type) };
}

export async function measureApi(store: Store, actors: { hotActor: string; rareActor: string }, options: { seconds?: number; connections?: number } = {}): Promise<ApiLatency[]> {
  const app = await buildServer({ store, token: 'bench-token-0123456789', webRoot: null, readRateLimit: 1_000_000_000 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const { hotActor, rareActor } = actors;
  const surname = hotActor.split(':')[1]!.split(' ').pop()!;
  const targets = [
    ['actor page (frequent actor)', `/api/actors/${encodeURIComponent(hotActor)}`],
    ['actor page (rare actor)', `/api/actors/${encodeURIComponent(rareActor)}`],
    ['actor search', `/api/actors?q=${encodeURIComponent(surname.slice(0, 4))}`],
    ['search box (articles + actors + quotes)', '/api/search?q=harbor'],
    ['quotes: what did X say about Y', `/api/quotes?speaker=${encodeURIComponent(hotActor)}&text=coast`],
    ['article full-text search', '/api/articles/search?q=grain%20agreement'],
  ] as const;
  const out: ApiLatency[] = [];
  try {
    for (const [name, path] of targets) {
      const cpu0 = process.cpuUsage();
      const r = await autocannon({ url: `${base}${path}`, connections: options.connections ?? 4, duration: options.seconds ?? 8 });
      out.push({
        name,
        path,
        p50: r.latency.p50,
        p97_5: r.latency.p97_5,
        p99: r.latency.p99,
        max: r.latency.max,
        requests: r.requests.total,
        rps: Math.round(r.requests.average),
        non2xx: r.non2xx,
        cpuMsPerRequest: Math.round(((c => c.user + c.system)(process.cpuUsage(cpu0)) / 1000 / Math.max(1, r.requests.total)) * 100) / 100,
      });
    }
  } finally {
    await app.close();
  }
  return out;
}

export const apiStage: BenchStage = {
  name: 'api',
  description: 'HTTP API latency (autocannon) for actor pages and searches on a 10,000-article store',
  async run(options: BenchOptions): Promise<BenchResult> {
    const count = options.limit ?? 10_000;
    const dir = mkdtempSync(join(tmpdir(), 'fivew-api-bench-'));
    const t0 = performance.now();
    try {
      const { store, ...actors } = await buildApiStore(join(dir, 'api.db'), count);
      const built = (performance.now() - t0) / 1000;
      try {
        const results = await measureApi(store, actors);
        const rates: Record<string, number> = {};
        for (const r of results) {
          rates[`${r.name} p50 ms`] = r.p50;
          rates[`${r.name} p99 ms`] = r.p99;
        }
        return {
          stage: 'api',
          rates,
          items: count,
          seconds: Math.round(((performance.now() - t0) / 1000) * 10) / 10,
          peakRssMB: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
          notes: `store built in ${built.toFixed(1)} s; 4 connections; non-2xx ${results.reduce((n, r) => n + r.non2xx, 0)}`,
        };
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
