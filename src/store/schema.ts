/**
 * The tables every engine shares, as Kysely sees them. Later layers
 * (entities, attributions, events) add their tables with new migrations and
 * extend Database here.
 */
import type { ColumnType, Generated } from 'kysely';

/** What happened to an article's analysis when it was stored. */
export type ArticleStatus = 'analysed' | 'not_analysed' | 'not_analysed_language';

export interface ArticlesTable {
  /** Ingest order; also the FTS rowid in SQLite and the near-dup index's key. */
  seq: Generated<number>;
  /** First 16 hex digits of content_hash. */
  id: string;
  content_hash: string;
  url: string | null;
  title: string | null;
  byline: string | null;
  source: string | null;
  published: string | null;
  language: string | null;
  text: string;
  /** MinHash signature (src/ingest/dedupe.ts), null for texts too short to compare. */
  minhash: Buffer | null;
  duplicate_of: string | null;
  status: ArticleStatus;
  ingested_at: string;
}

export interface AnalysesTable {
  article_id: string;
  /** ANALYSIS_VERSION when it was written, so stale analyses can be found and redone. */
  version: number;
  /** The Analysis layers as JSON: text in SQLite, json (parsed by the driver on read) in PostgreSQL. */
  analysis: ColumnType<unknown, string, string>;
  created_at: string;
}

/** LSH band keys of each article's MinHash signature: the near-duplicate lookup. */
export interface ArticleBandsTable {
  band_key: ColumnType<number | string, number, number>;
  article_seq: number;
}

export interface Database {
  articles: ArticlesTable;
  analyses: AnalysesTable;
  article_bands: ArticleBandsTable;
}

export type Engine = 'sqlite' | 'postgres';
