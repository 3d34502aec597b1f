/** Finding actors by part of their name. */
import { sql } from 'kysely';
import type { Store } from '../store.js';
import { containsPattern } from './page.js';

/** Actors whose normalised name contains `words`: through the trigram index in SQLite when it can serve the query. */
export function nameContains(store: Pick<Store, 'engine'>, words: string) {
  const like = sql<boolean>`norm_name like ${containsPattern(words)} escape '\\'`;
  // Trigrams need three characters; a phrase query matches the text as a substring.
  if (store.engine !== 'sqlite' || [...words].length < 3) return like;
  return sql<boolean>`actors.rowid in (select rowid from actors_fts where actors_fts match ${`"${words.replace(/"/g, '""')}"`})`;
}

