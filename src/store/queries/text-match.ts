/**
 * Full-text conditions over quote content: FTS5 in SQLite, tsvector in
 * PostgreSQL, from the same web-search style query the article search takes.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Engine } from '../schema.js';
import { toFts5Query } from '../search.js';

/**
 * A condition on `alias` (an attributions row) that its content matches `query`; null when the query has no words.
 * `narrowedElsewhere`: another condition (a speaker) picks few rows through its own index. SQLite would otherwise
 * fetch every full-text match by rowid and sort them all; with the rowid hidden from the planner it walks the
 * speaker's (key, date) index newest first and stops after a page, testing each row against the matches.
 */
export function quoteMatches(engine: Engine, alias: string, query: string, options: { narrowedElsewhere?: boolean } = {}): RawBuilder<boolean> | null {
  if (engine === 'sqlite') {
    const match = toFts5Query(query);
    if (match === null) return null;
    const seq = options.narrowedElsewhere ? sql`+${sql.ref(`${alias}.seq`)}` : sql.ref(`${alias}.seq`);
    return sql<boolean>`${seq} in (select rowid from attributions_fts where attributions_fts match ${match})`;
  }
  if (!/[\p{L}\p{N}]/u.test(query)) return null;
  return sql<boolean>`${sql.ref(`${alias}.search`)} @@ websearch_to_tsquery('english', ${query})`;
}
