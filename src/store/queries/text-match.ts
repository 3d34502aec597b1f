/**
 * Full-text conditions over quote content: FTS5 in SQLite, tsvector in
 * PostgreSQL, from the same web-search style query the article search takes.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Engine } from '../schema.js';
import { toFts5Query } from '../search.js';

/** A condition on `alias` (an attributions row) that its content matches `query`; null when the query has no words. */
export function quoteMatches(engine: Engine, alias: string, query: string): RawBuilder<boolean> | null {
  if (engine === 'sqlite') {
    const match = toFts5Query(query);
    if (match === null) return null;
    return sql<boolean>`${sql.ref(`${alias}.seq`)} in (select rowid from attributions_fts where attributions_fts match ${match})`;
  }
  if (!/[\p{L}\p{N}]/u.test(query)) return null;
  return sql<boolean>`${sql.ref(`${alias}.search`)} @@ websearch_to_tsquery('english', ${query})`;
}
