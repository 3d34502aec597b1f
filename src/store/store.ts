/**
 * The Store: articles, their analyses and the near-duplicate index, behind one
 * typed object that works the same over SQLite and PostgreSQL.
 *
 * An article, its analysis and every layer written for it commit in one
 * transaction: a failure anywhere leaves the database as it was before that
 * article.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Analysis } from '../analysis.js';
import { isAnalysable } from '../analysis.js';
import { contentHash, type Article } from '../ingest/article.js';
import {
  bandKeys,
  minhashSignature,
  pickNearDuplicate,
  signatureFromBytes,
  signatureToBytes,
  type NearDupCandidate,
} from '../ingest/dedupe.js';
import type { ArticlesTable, ArticleStatus, Database, Engine } from './schema.js';
import { toFts5Query } from './search.js';

/** Bumped when the stored Analysis layers change shape. */
export const ANALYSIS_VERSION = 1;

export interface StoredArticle extends Article {
  id: string;
  seq: number;
  contentHash: string;
  duplicateOf: string | null;
  status: ArticleStatus;
  ingestedAt: string;
}

export type InsertOutcome = 'stored' | 'near_duplicate' | 'duplicate';

export interface InsertResult {
  outcome: InsertOutcome;
  id: string;
  /** For near-duplicates the original's id; for exact duplicates the article already stored. */
  duplicateOf: string | null;
  /** Estimated Jaccard similarity to the matched article, for near-duplicates. */
  similarity?: number;
  /** How the new row was stored; absent for duplicates. */
  status?: ArticleStatus;
}

export interface BatchItem {
  article: Article;
  analysis: Analysis | null;
}

export type BatchResult = { ok: true; result: InsertResult } | { ok: false; error: Error };

export interface BatchOptions {
  /**
   * Runs last inside the batch's transaction, with the results, so other work commits with the articles
   * or not at all (the job queue marks its jobs done here). If it throws, nothing of the batch is stored.
   */
  beforeCommit?: (trx: Transaction<Database>, results: BatchResult[]) => Promise<void>;
}

/**
 * Writes one more layer (entities, events…) for an article inside its
 * transaction. Later issues pass theirs to openStore.
 */
export type LayerWriter = (trx: Transaction<Database>, article: { id: string; seq: number; analysis: Analysis }) => Promise<void>;

export interface SearchOptions {
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  id: string;
  url: string | null;
  title: string | null;
  source: string | null;
  published: string | null;
  duplicateOf: string | null;
  /** Text around the matches, matched words in [brackets]. */
  snippet: string;
  /** Higher is better; comparable only within one engine. */
  score: number;
}

/** A search query's row, as both engines select it. */
export type SearchHitRow = Omit<SearchHit, 'duplicateOf' | 'score'> & { duplicate_of: string | null; score: number | string };

export function toSearchHit(r: SearchHitRow): SearchHit {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    source: r.source,
    published: r.published,
    duplicateOf: r.duplicate_of,
    snippet: r.snippet.replace(/\s+/g, ' ').trim(),
    score: Number(r.score),
  };
}

export interface StoreCounts {
  articles: number;
  analysed: number;
  notAnalysed: number;
  notAnalysedLanguage: number;
  nearDuplicates: number;
}

export interface StoredRecord {
  article: StoredArticle;
  /** Null when the article was stored without analysis (--no-analyze). */
  analysis: Analysis | null;
}

export interface Store {
  readonly engine: Engine;
  /** For queries the Store does not offer yet; prefer adding a method. */
  readonly db: Kysely<Database>;
  /** The id of the article with this content hash, if stored. */
  findByContentHash(hash: string): Promise<string | null>;
  /**
   * Store an article (text already prepared, see prepareArticle) and its
   * analysis, unless its content is stored already. Whole or not at all.
   */
  insertArticle(article: Article, analysis: Analysis | null): Promise<InsertResult>;
  /**
   * Store several articles in one transaction, each inside its own savepoint:
   * an article that fails is rolled back whole and reported, the others
   * commit. One commit for many articles is what makes PostgreSQL ingest fast
   * (a commit waits for the disk). Rejects only when the commit itself fails,
   * and then nothing of the batch is stored.
   */
  insertBatch(items: BatchItem[], options?: BatchOptions): Promise<BatchResult[]>;
  getArticle(id: string): Promise<StoredArticle | null>;
  getAnalysis(id: string): Promise<Analysis | null>;
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Every article in ingest order, read in batches so memory stays flat. */
  iterate(options?: { batchSize?: number }): AsyncGenerator<StoredRecord>;
  counts(): Promise<StoreCounts>;
  close(): Promise<void>;
}

// The stored analysis holds the layers only: the article lives in its own row, once. Layers later
// issues add to the contract are kept as they come (loose), so the store never drops one.
const StoredLayers = z
  .object({
    sentences: z.array(z.object({ start: z.number(), end: z.number() })),
    entities: z.array(z.unknown()),
    attributions: z.array(z.unknown()),
    events: z.array(z.unknown()),
  })
  .loose();

type ArticleRow = Omit<Selectable<ArticlesTable>, 'minhash'>;

const ARTICLE_COLUMNS = [
  'seq',
  'id',
  'content_hash',
  'url',
  'title',
  'byline',
  'source',
  'published',
  'language',
  'text',
  'duplicate_of',
  'status',
  'ingested_at',
] as const;

function toStoredArticle(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    seq: Number(row.seq),
    contentHash: row.content_hash,
    url: row.url,
    title: row.title,
    byline: row.byline,
    source: row.source,
    published: row.published,
    language: row.language,
    text: row.text,
    duplicateOf: row.duplicate_of,
    status: row.status,
    ingestedAt: row.ingested_at,
  };
}

function toAnalysis(article: StoredArticle, stored: unknown): Analysis {
  const value = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
  const layers = StoredLayers.parse(value);
  const { id, url, title, byline, source, published, language, text } = article;
  // The layers were written from an Analysis by insertArticle; the schema check above guards the shape.
  return { article: { id, url, title, byline, source, published, language, text }, ...layers } as Analysis;
}

/** Non-English articles may carry an analysis (sentences only: the annotators skip them) and are still flagged. */
function statusOf(article: Article, analysis: Analysis | null): ArticleStatus {
  if (!isAnalysable(article)) return 'not_analysed_language';
  return analysis ? 'analysed' : 'not_analysed';
}

/** Articles sharing an LSH band with a signature: an index lookup per band key, whatever the store's size. */
export function nearDupCandidatesQuery(db: Kysely<Database>, keys: number[]) {
  return db
    .selectFrom('article_bands as b')
    .innerJoin('articles as a', 'a.seq', 'b.article_seq')
    .where('b.band_key', 'in', keys)
    .select(['a.id', 'a.seq', 'a.minhash', 'a.duplicate_of'])
    .distinct();
}

export function createStore(db: Kysely<Database>, engine: Engine, writers: LayerWriter[] = []): Store {
  async function nearDuplicateOf(trx: Transaction<Database>, signature: Int32Array, keys: number[]) {
    const rows = await nearDupCandidatesQuery(trx, keys).execute();
    const candidates: NearDupCandidate[] = [];
    for (const r of rows) {
      if (r.minhash) candidates.push({ id: r.id, seq: Number(r.seq), signature: signatureFromBytes(r.minhash), duplicateOf: r.duplicate_of });
    }
    return pickNearDuplicate(signature, candidates);
  }

  async function insertOne(trx: Transaction<Database>, { article, analysis }: BatchItem): Promise<InsertResult> {
    const hash = contentHash(article.text);
    const id = hash.slice(0, 16);
    const signature = minhashSignature(article.text);
    const keys = signature ? bandKeys(signature) : [];
    const near = signature ? await nearDuplicateOf(trx, signature, keys) : null;
    const status = statusOf(article, analysis);
    const inserted = await trx
      .insertInto('articles')
      .values({
        id,
        content_hash: hash,
        url: article.url,
        title: article.title,
        byline: article.byline,
        source: article.source,
        published: article.published,
        language: article.language,
        text: article.text,
        minhash: signature ? signatureToBytes(signature) : null,
        duplicate_of: near?.duplicateOf ?? null,
        status,
        ingested_at: new Date().toISOString(),
      })
      // Stored already (earlier, earlier in this batch, or by a concurrent ingest): the unique content hash decides.
      .onConflict((oc) => oc.column('content_hash').doNothing())
      .returning('seq')
      .executeTakeFirst();
    if (!inserted) return { outcome: 'duplicate', id, duplicateOf: id };
    const seq = Number(inserted.seq);
    if (keys.length) {
      await trx
        .insertInto('article_bands')
        .values(keys.map((band_key) => ({ band_key, article_seq: seq })))
        .onConflict((oc) => oc.columns(['band_key', 'article_seq']).doNothing())
        .execute();
    }
    if (analysis) {
      const { article: _article, ...layers } = analysis;
      await trx
        .insertInto('analyses')
        .values({ article_id: id, version: ANALYSIS_VERSION, analysis: JSON.stringify(layers), created_at: new Date().toISOString() })
        .execute();
      for (const write of writers) await write(trx, { id, seq, analysis });
    }
    return near
      ? { outcome: 'near_duplicate', id, duplicateOf: near.duplicateOf, similarity: near.similarity, status }
      : { outcome: 'stored', id, duplicateOf: null, status };
  }

  async function insertBatch(items: BatchItem[], options: BatchOptions = {}): Promise<BatchResult[]> {
    if (items.length === 0) return [];
    // Failures are rare, and on PostgreSQL every savepoint is a round trip: try the batch plainly first,
    // and only when an article fails redo it with one savepoint per article.
    if (items.length > 1) {
      try {
        return await db.transaction().execute(async (trx) => {
          const results: BatchResult[] = [];
          for (const item of items) results.push({ ok: true, result: await insertOne(trx, item) });
          await options.beforeCommit?.(trx, results);
          return results;
        });
      } catch {
        // Rolled back whole; the careful pass below tells which article failed and why.
      }
    }
    return db.transaction().execute(async (trx) => {
      const results: BatchResult[] = [];
      for (const item of items) {
        await sql`savepoint article`.execute(trx);
        try {
          results.push({ ok: true, result: await insertOne(trx, item) });
        } catch (err) {
          await sql`rollback to savepoint article`.execute(trx);
          results.push({ ok: false, error: err instanceof Error ? err : new Error(String(err)) });
        }
        await sql`release savepoint article`.execute(trx);
      }
      await options.beforeCommit?.(trx, results);
      return results;
    });
  }

  /** Articles with their analysis, when they have one. */
  const records = () =>
    db
      .selectFrom('articles as a')
      .leftJoin('analyses as n', 'n.article_id', 'a.id')
      .select(ARTICLE_COLUMNS.map((c) => `a.${c}` as const))
      .select('n.analysis');

  return {
    engine,
    db,

    async findByContentHash(hash) {
      const row = await db.selectFrom('articles').select('id').where('content_hash', '=', hash).executeTakeFirst();
      return row?.id ?? null;
    },

    insertBatch,

    async insertArticle(article, analysis) {
      const [settled] = await insertBatch([{ article, analysis }]);
      if (!settled!.ok) throw settled!.error;
      return settled!.result;
    },

    async getArticle(id) {
      const row = await db.selectFrom('articles').select(ARTICLE_COLUMNS).where('id', '=', id).executeTakeFirst();
      return row ? toStoredArticle(row) : null;
    },

    async getAnalysis(id) {
      const row = await records().where('a.id', '=', id).executeTakeFirst();
      return row && row.analysis !== null ? toAnalysis(toStoredArticle(row), row.analysis) : null;
    },

    async search(query, options = {}) {
      const limit = Math.max(1, Math.floor(options.limit ?? 20));
      const offset = Math.max(0, Math.floor(options.offset ?? 0));
      let rows: SearchHitRow[];
      if (engine === 'sqlite') {
        const match = toFts5Query(query);
        if (match === null) return [];
        // bm25 is lower-is-better; title matches weigh five times body matches.
        const result = await sql<SearchHitRow>`
          select a.id, a.url, a.title, a.source, a.published, a.duplicate_of,
                 snippet(articles_fts, 1, '[', ']', '…', 24) as snippet,
                 -bm25(articles_fts, 5.0, 1.0) as score
          from articles_fts join articles a on a.seq = articles_fts.rowid
          where articles_fts match ${match}
          order by bm25(articles_fts, 5.0, 1.0), a.seq
          limit ${limit} offset ${offset}`.execute(db);
        rows = result.rows;
      } else {
        const result = await sql<SearchHitRow>`
          select a.id, a.url, a.title, a.source, a.published, a.duplicate_of,
                 ts_headline('english', left(a.text, 100000), q,
                   'StartSel=[, StopSel=], MaxWords=35, MinWords=15, MaxFragments=1') as snippet,
                 ts_rank(a.search, q) as score
          from articles a, websearch_to_tsquery('english', ${query}) q
          where a.search @@ q
          order by score desc, a.seq
          limit ${limit} offset ${offset}`.execute(db);
        rows = result.rows;
      }
      return rows.map(toSearchHit);
    },

    async *iterate(options = {}) {
      const batchSize = Math.max(1, options.batchSize ?? 200);
      let after = 0;
      for (;;) {
        // Keyset paging on seq: each batch is one short query, so memory stays flat and no cursor is held open.
        const rows = await records().where('a.seq', '>', after).orderBy('a.seq').limit(batchSize).execute();
        for (const row of rows) {
          const article = toStoredArticle(row);
          yield { article, analysis: row.analysis === null ? null : toAnalysis(article, row.analysis) };
        }
        if (rows.length < batchSize) return;
        after = Number(rows[rows.length - 1]!.seq);
      }
    },

    async counts() {
      const row = await db
        .selectFrom('articles')
        .select([
          sql<number | string>`count(*)`.as('articles'),
          sql<number | string>`count(*) filter (where status = 'analysed')`.as('analysed'),
          sql<number | string>`count(*) filter (where status = 'not_analysed')`.as('not_analysed'),
          sql<number | string>`count(*) filter (where status = 'not_analysed_language')`.as('not_analysed_language'),
          sql<number | string>`count(duplicate_of)`.as('near_duplicates'),
        ])
        .executeTakeFirstOrThrow();
      return {
        articles: Number(row.articles),
        analysed: Number(row.analysed),
        notAnalysed: Number(row.not_analysed),
        notAnalysedLanguage: Number(row.not_analysed_language),
        nearDuplicates: Number(row.near_duplicates),
      };
    },

    async close() {
      await db.destroy();
    },
  };
}
