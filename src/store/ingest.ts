/**
 * Articles from reader to database: prepare the text, skip content already
 * stored before spending analysis on it, analyse (the annotators run on
 * English only), store in batches. Shared by `fivew ingest` and the ingest
 * benchmark.
 */
import { analyzeArticle, type Analysis } from '../analysis.js';
import { normalizeText } from '../doc/normalize.js';
import { contentHash, type Article } from '../ingest/article.js';
import type { BatchItem, InsertResult, Store } from './store.js';

export interface IngestOptions {
  /** Run the analysis pipeline (default true); without it articles are stored as not_analysed. */
  analyze?: boolean;
  /** Publication date to assume when the article has none. */
  published?: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(value: string | null): string | null {
  // PostgreSQL text cannot hold NUL, and lone surrogates have no UTF-8 form (U+FFFD is what an encoder would write).
  return value === null ? null : value.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * The article as it is stored and analysed: text normalised exactly as the Doc
 * normalises it, so stored offsets and analysis offsets are the same offsets.
 */
export function prepareArticle(article: Article, options: Pick<IngestOptions, 'published'> = {}): Article {
  return {
    url: clean(article.url),
    title: clean(article.title),
    byline: clean(article.byline),
    source: clean(article.source),
    published: clean(article.published) ?? options.published ?? null,
    language: clean(article.language),
    text: normalizeText(clean(article.text) ?? '').text,
  };
}

/** An article ready to store, or the one-line reason it cannot be. */
async function readyToStore(store: Store, article: Article, options: IngestOptions, analysis?: Analysis): Promise<BatchItem | InsertResult> {
  const prepared = prepareArticle(article, options);
  if (prepared.text.trim() === '') throw new Error('no article text');
  if (options.analyze === false) return { article: prepared, analysis: null };
  const hash = contentHash(prepared.text);
  const existing = await store.findByContentHash(hash);
  // Analysis is the expensive part: never spend it on content we already hold.
  if (existing) return { outcome: 'duplicate', id: hash.slice(0, 16), duplicateOf: existing };
  // analyzeArticle itself keeps the annotators off non-English text; their Analysis still has sentences.
  return { article: prepared, analysis: analysis ?? analyzeArticle(prepared).analysis };
}

/** One article, one transaction. */
export async function ingestArticle(store: Store, article: Article, options: IngestOptions = {}): Promise<InsertResult> {
  const ready = await readyToStore(store, article, options);
  return 'outcome' in ready ? ready : store.insertArticle(ready.article, ready.analysis);
}

export type Settled = { origin: string; ok: true; result: InsertResult } | { origin: string; ok: false; error: string };

export interface IngesterOptions extends IngestOptions {
  /** Articles per transaction (default 64). */
  batchSize?: number;
  /** Commit at least this often while articles trickle in (default 1000 ms). */
  maxDelayMs?: number;
}

export interface Ingester {
  /**
   * Take one article; returns whatever has settled (stored, skipped or failed) since the last call.
   * `analysis`, when given, is analyzeArticle(prepareArticle(article)) computed elsewhere (a worker thread).
   */
  add(origin: string, article: Article, analysis?: Analysis): Promise<Settled[]>;
  /** Commit what is pending. Call at the end, and before stopping early. */
  flush(): Promise<Settled[]>;
}

/** The first line of an error's message: what a summary shows. */
export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.trim() || 'unknown error';
}

/**
 * Ingest in batches: articles are analysed one by one and committed together,
 * each in its own savepoint (see Store.insertBatch), so a failure costs only
 * its own article and an interruption only the uncommitted batch — which was
 * never reported as stored.
 */
export function createIngester(store: Store, options: IngesterOptions = {}): Ingester {
  const batchSize = Math.max(1, options.batchSize ?? 64);
  const maxDelayMs = options.maxDelayMs ?? 1000;
  let pending: Array<{ origin: string; item: BatchItem }> = [];
  let oldest = 0;

  async function flush(): Promise<Settled[]> {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return [];
    try {
      const results = await store.insertBatch(batch.map((p) => p.item));
      return results.map((r, i): Settled => {
        const origin = batch[i]!.origin;
        return r.ok ? { origin, ok: true, result: r.result } : { origin, ok: false, error: oneLine(r.error) };
      });
    } catch (err) {
      // The commit failed: nothing of the batch is stored, and every article in it says why.
      return batch.map(({ origin }): Settled => ({ origin, ok: false, error: oneLine(err) }));
    }
  }

  return {
    async add(origin, article, analysis) {
      let ready: BatchItem | InsertResult;
      try {
        ready = await readyToStore(store, article, options, analysis);
      } catch (err) {
        return [{ origin, ok: false, error: oneLine(err) }];
      }
      if ('outcome' in ready) return [{ origin, ok: true, result: ready }];
      if (pending.length === 0) oldest = Date.now();
      pending.push({ origin, item: ready });
      return pending.length >= batchSize || Date.now() - oldest >= maxDelayMs ? flush() : [];
    },
    flush,
  };
}
