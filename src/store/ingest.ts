/**
 * One article from reader to database: prepare its text, skip it cheaply when
 * its content is stored already, analyse it (the annotators run on English
 * only), store it.
 * Shared by `fivew ingest` and the ingest benchmark.
 */
import { analyzeArticle, type Analysis } from '../analysis.js';
import { normalizeText } from '../doc/normalize.js';
import { contentHash, type Article } from '../ingest/article.js';
import type { InsertResult, Store } from './store.js';

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

export async function ingestArticle(store: Store, article: Article, options: IngestOptions = {}): Promise<InsertResult> {
  const prepared = prepareArticle(article, options);
  if (prepared.text.trim() === '') throw new Error('no article text');
  const hash = contentHash(prepared.text);
  const existing = await store.findByContentHash(hash);
  // Analysis is the expensive part: never spend it on content we already hold.
  if (existing) return { outcome: 'duplicate', id: hash.slice(0, 16), duplicateOf: existing };
  // analyzeArticle itself keeps the annotators off non-English text; their Analysis still has sentences.
  const analysis: Analysis | null = options.analyze === false ? null : analyzeArticle(prepared).analysis;
  return store.insertArticle(prepared, analysis);
}
