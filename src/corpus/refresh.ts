/**
 * Keeping the corpus layer current: place the articles stored since the last
 * refresh (incremental.ts), or relink actors, recluster stories and claims over
 * every stored analysis, save the view and re-key the layer tables by linked
 * actor; either way in one transaction (readers never see half of it).
 * `fivew ingest` runs it once at the end of a run; the server runs it a moment
 * after the last article posted to it, so a burst of posts costs one refresh.
 */
import { sql, type Kysely } from 'kysely';
import type { Store } from '../store/store.js';
import { buildCorpus, CORPUS_DEFAULTS, type CorpusView } from './build.js';
import { incrementalBatch, refreshIncremental } from './incremental.js';
import { incrementalIndex } from './incremental-index.js';
import { layerKeys } from './layer-keys.js';
import { corpusDb, storedAnalyses } from './load.js';
import { readActorOverrides, type CorpusDatabase } from '../store/migration-corpus.js';
import { writeCorpusView } from './persist.js';
import { relinkLayers, type LinkDatabase } from './relink.js';
import { statementTimes } from './when.js';
import { cpuSecondsSince } from '../cpu-time.js';

export interface RefreshResult {
  /** 'incremental' placed only the articles stored since the last refresh (incremental.ts). */
  mode: 'full' | 'incremental';
  /** Analyses the corpus holds, and (incremental) how many this refresh placed. */
  analyses: number;
  placed: number;
  actors: number;
  stories: number;
  claims: number;
  /** Layer rows whose actor key the relink changed. */
  rekeyed: number;
  seconds: number;
  /** CPU time of the process meanwhile (wall time on a busy machine says little). */
  cpuSeconds: number;
  /** The built view (full rebuilds only). */
  view?: CorpusView;
}

export interface RefreshOptions {
  /** Rebuild whole even when an incremental refresh could place the new articles. */
  full?: boolean;
  /** The largest share of the store a batch may be to be placed incrementally (default INCREMENTAL_MAX_SHARE). */
  maxShare?: number;
}

/**
 * Bring the corpus layer up to date: incrementally when a saved corpus exists, no correction was made since
 * it was built and the new articles are a small share of the store; else a full rebuild.
 */
export async function refreshCorpus(store: Store, options: RefreshOptions = {}): Promise<RefreshResult> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const overrides = await readActorOverrides(corpusDb(store));
  const overrideCount = overrides.merges.length + overrides.splits.length;
  const db = store.db as unknown as Kysely<LinkDatabase>;
  const batch = options.full ? null : await incrementalBatch(db, overrideCount, options.maxShare);
  if (batch) {
    const r = await refreshIncremental(store, batch, overrides);
    const count = async (table: 'analyses' | 'corpus_actors' | 'corpus_stories' | 'corpus_claims') =>
      Number((await db.selectFrom(table).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    return {
      mode: 'incremental',
      analyses: await count('analyses'),
      placed: r.articles,
      actors: await count('corpus_actors'),
      stories: await count('corpus_stories'),
      claims: await count('corpus_claims'),
      rekeyed: r.rekeyed,
      seconds: (performance.now() - t0) / 1000,
      cpuSeconds: cpuSecondsSince(cpu0),
    };
  }
  const analyses = await storedAnalyses(store);
  const view = buildCorpus(analyses, { ...CORPUS_DEFAULTS, overrides });
  const keys = layerKeys(analyses, view.actors, view.statements);
  const times = new Map<string, string>();
  for (const a of analyses) for (const [attribution, text] of statementTimes(a)) times.set(`${a.article.id}\u0000${attribution}`, text);
  const index = incrementalIndex(analyses, view, overrideCount);
  const rekeyed = await db.transaction().execute(async (trx) => {
    // The same connection seen through the corpus tables only.
    const corpusTrx = trx as unknown as Kysely<CorpusDatabase>;
    await writeCorpusView(corpusTrx, view, { keys, times, terms: index });
    await index.write(corpusTrx);
    const c = await relinkLayers(trx, analyses, keys, view.actors.actors);
    return c.entities + c.attributions + c.eventArticles;
  });
  return {
    mode: 'full',
    analyses: analyses.length,
    placed: analyses.length,
    actors: view.actors.actors.length,
    stories: view.stories.length,
    claims: view.claims.length,
    rekeyed,
    seconds: (performance.now() - t0) / 1000,
    cpuSeconds: cpuSecondsSince(cpu0),
    view,
  };
}


/** One line for the command line. */
export function describeRefresh(r: RefreshResult): string {
  const what = r.mode === 'incremental' ? `${r.placed} new of ${r.analyses} analyses placed incrementally` : `${r.analyses} analyses`;
  return `${what} → ${r.actors} actors, ${r.stories} stories, ${r.claims} claims; ${r.rekeyed} layer rows relinked (${r.seconds.toFixed(1)} s, ${r.cpuSeconds.toFixed(1)} CPU-s)`;
}

export interface CorpusRefresher {
  /** Refresh a little later; calls in the meantime share that one refresh. */
  schedule(): void;
  /** Refresh now (after any refresh under way) and wait for it. */
  now(): Promise<RefreshResult>;
  /** Run a scheduled refresh at once and wait for everything under way. */
  close(): Promise<void>;
}

export interface RefresherOptions {
  delayMs?: number;
  /** After each refresh commits (a server drops its cached responses). */
  onRefreshed?: (r: RefreshResult) => void;
  onError?: (err: unknown) => void;
}

export function createCorpusRefresher(store: Store, options: RefresherOptions = {}): CorpusRefresher {
  const delayMs = options.delayMs ?? 2000;
  let timer: NodeJS.Timeout | null = null;
  // Refreshes run one after another: two at once would both rewrite the same tables.
  let chain: Promise<unknown> = Promise.resolve();
  const run = (): Promise<RefreshResult> => {
    const next = chain.then(async () => {
      const r = await refreshCorpus(store);
      options.onRefreshed?.(r);
      return r;
    });
    chain = next.catch((err: unknown) => options.onError?.(err));
    return next;
  };
  return {
    schedule() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void run().catch(() => {});
      }, delayMs);
      timer.unref();
    },
    now: () => run(),
    async close() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
        await run().catch(() => {});
      }
      await chain;
    },
  };
}
