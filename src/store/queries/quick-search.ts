/**
 * The search box's matches: the most recently stored articles and quotes
 * containing the words. In SQLite the full-text index hands matches over in
 * rowid order, so newest-first stops after `limit` instead of ranking every
 * match (relevance ranking stays with /api/articles/search and /api/quotes).
 */
import { sql } from 'kysely';
import { toSearchHit, type SearchHit, type SearchHitRow, type Store } from '../store.js';
import { toFts5Query } from '../search.js';
import { searchQuotes, type QuoteRow } from './quotes.js';

export async function newestArticleMatches(store: Store, query: string, limit: number): Promise<SearchHit[]> {
  if (store.engine !== 'sqlite') return store.search(query, { limit });
  const match = toFts5Query(query);
  if (match === null) return [];
  const { rows } = await sql<Omit<SearchHitRow, 'score'>>`
    select a.id, a.url, a.title, a.source, a.published, a.duplicate_of, snippet(articles_fts, 1, '[', ']', '…', 24) as snippet
    from articles_fts join articles a on a.seq = articles_fts.rowid
    where articles_fts match ${match}
    order by articles_fts.rowid desc
    limit ${limit}`.execute(store.db);
  // Newest first: the score only keeps that order for callers that merge hits.
  return rows.map((r, i) => toSearchHit({ ...r, score: rows.length - i }));
}

export async function newestQuoteMatches(store: Store, query: string, limit: number): Promise<QuoteRow[]> {
  if (store.engine !== 'sqlite') return searchQuotes(store, { text: query, limit });
  const match = toFts5Query(query);
  if (match === null) return [];
  const { rows } = await sql<{ seq: number }>`
    select rowid as seq from attributions_fts where attributions_fts match ${match} order by rowid desc limit ${limit}`.execute(store.db);
  if (rows.length === 0) return [];
  const quotes = await searchQuotes(store, { seqs: rows.map((r) => Number(r.seq)), limit });
  return quotes;
}
