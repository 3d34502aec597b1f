/**
 * The records that flow out of the readers.
 *
 * A reader turns a source (file, URL, feed item, WARC record…) into a
 * RawArticle; extraction turns that into an Article with clean body text.
 */
import { createHash } from 'node:crypto';

export interface Article {
  url: string | null;
  title: string | null;
  byline: string | null;
  /** The outlet: publisher name or site host. */
  source: string | null;
  /** ISO 8601 date or date-time, as precise as the source gives it. */
  published: string | null;
  /** ISO 639-1 code ("en"), or null when it could not be told. */
  language: string | null;
  /** Body text only: no headline, byline or dateline. Paragraphs separated by blank lines. */
  text: string;
}

/** What a reader yields before extraction: either HTML to extract or text to parse. */
export interface RawArticle {
  /** Where it came from, for messages: a path, URL, or "file.jsonl#12". */
  origin: string;
  url: string | null;
  html?: string | Uint8Array;
  text?: string;
  /** Content-Type header, when fetched over HTTP (carries the charset). */
  contentType?: string;
  /** Metadata the container already knows (feed item title, JSONL fields). */
  hints?: Partial<Omit<Article, 'text'>>;
}

export type ReadResult =
  | { ok: true; origin: string; article: Article }
  | { ok: false; origin: string; error: string };

/** Content hash of an article body: whitespace- and case-insensitive, so re-encodings dedupe. */
export function contentHash(text: string): string {
  const canonical = text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return createHash('sha256').update(canonical).digest('hex');
}

/** Stable article id: the first 16 hex digits of the content hash. */
export function articleId(article: Pick<Article, 'text'>): string {
  return contentHash(article.text).slice(0, 16);
}

/** An error a reader raises for bad input: its message is the one-line reason shown to the user. */
export class InputError extends Error {
  override name = 'InputError';
}
