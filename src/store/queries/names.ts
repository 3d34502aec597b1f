/** Finding actors by part of their name, or by a key they were once stored under. */
import { sql } from 'kysely';
import type { Store } from '../store.js';
import { containsPattern } from './page.js';
import { corpusDb } from './schema.js';

/** Actors whose normalised name contains `words`: through the trigram index in SQLite when it can serve the query. */
export function nameContains(store: Pick<Store, 'engine'>, words: string) {
  const like = sql<boolean>`norm_name like ${containsPattern(words)} escape '\\'`;
  // Trigrams need three characters; a phrase query matches the text as a substring.
  if (store.engine !== 'sqlite' || [...words].length < 3) return like;
  return sql<boolean>`actors.rowid in (select rowid from actors_fts where actors_fts match ${`"${words.replace(/"/g, '""')}"`})`;
}


/**
 * The key an actor is stored under now: a key that names no actor row may be a name the corpus has since
 * linked into another actor (an old link to `PERSON:velayati` finds `PERSON:ali akbar velayati`).
 */
export async function currentActorKey(store: Store, key: string): Promise<string> {
  const db = corpusDb(store.db);
  if (await db.selectFrom('actors').select('key').where('key', '=', key).executeTakeFirst()) return key;
  const alias = await db.selectFrom('corpus_actor_keys').select('linked_key').where('actor_key', '=', key).executeTakeFirst();
  return alias?.linked_key ?? key;
}
