/**
 * Writes a built corpus view into the corpus tables (migrations 0008, 0009),
 * whole and in one transaction, so readers never see half of a rebuild.
 */
import type { Kysely } from 'kysely';
import { chunks } from '../store/chunks.js';
import type { CorpusDatabase } from '../store/migration-corpus.js';
import type { CorpusView } from './build.js';
import type { LayerKeys } from './layer-keys.js';

/** What the saved view adds to the clusters: each actor's layer key, and each undated statement's own time words. */
export interface SaveExtras {
  keys: Pick<LayerKeys, 'ofActor' | 'aliases'>;
  /** `article\u0000attribution` → time expression ("Sunday"). */
  times: ReadonlyMap<string, string>;
  /** The terms an incremental refresh compares with (incremental-index.ts), by article and by statement. */
  terms?: { storyArticles: ReadonlyMap<string, string>; statements: ReadonlyMap<string, string> };
}

const NO_EXTRAS: SaveExtras = { keys: { ofActor: new Map(), aliases: new Map() }, times: new Map() };

/** Inserts rows into one corpus table a slice at a time. */
export async function insertChunks<T extends keyof CorpusDatabase>(db: Kysely<CorpusDatabase>, table: T, rows: Array<CorpusDatabase[T]>): Promise<void> {
  // Kysely cannot narrow a generic table name's insert type; the rows are typed by the caller.
  for (const part of chunks(rows)) await db.insertInto(table).values(part as never).execute();
}

export interface SavedCounts {
  actors: number;
  stories: number;
  claims: number;
}

export async function saveCorpusView(db: Kysely<CorpusDatabase>, view: CorpusView, extras: SaveExtras = NO_EXTRAS): Promise<SavedCounts> {
  await db.transaction().execute((trx) => writeCorpusView(trx, view, extras));
  return { actors: view.actors.actors.length, stories: view.stories.length, claims: view.claims.length };
}

/** The writes of saveCorpusView, inside a transaction the caller holds. */
export async function writeCorpusView(trx: Kysely<CorpusDatabase>, view: CorpusView, extras: SaveExtras = NO_EXTRAS): Promise<void> {
  for (const t of ['corpus_actor_keys', 'corpus_actor_mentions', 'corpus_actors', 'corpus_story_articles', 'corpus_stories', 'corpus_claim_statements', 'corpus_claims'] as const) {
    await trx.deleteFrom(t).execute();
  }
  const actors = view.actors.actors;
  await insertChunks(
    trx,
    'corpus_actors',
    actors.map((a) => ({
      id: a.id,
      key: extras.keys.ofActor.get(a.id) ?? null,
      name: a.name,
      kind: a.kind,
      country: a.country,
      num_articles: a.articles.length,
      data: JSON.stringify({ variants: a.variants, links: a.links }),
    })),
  );
  await insertChunks(trx, 'corpus_actor_keys', [...extras.keys.aliases].map(([actor_key, linked_key]) => ({ actor_key, linked_key })));
  // One row per (article, entity): an entity belongs to one actor.
  await insertChunks(trx, 'corpus_actor_mentions', actors.flatMap((a) => a.mentions.map((m) => ({ actor_id: a.id, article_id: m.article, entity_id: m.entity }))));
  await insertChunks(
    trx,
    'corpus_stories',
    view.stories.map((s) => ({ id: s.id, title: s.title, first: s.first, last: s.last, num_articles: s.members.length, num_sources: s.numSources, data: JSON.stringify({ actors: s.actors, events: s.events }) })),
  );
  await insertChunks(trx, 'corpus_story_articles', view.stories.flatMap((s) =>
      s.members.map((m) => ({ story_id: s.id, article_id: m.article, similarity: m.similarity, evidence: m.evidence, terms: extras.terms?.storyArticles.get(m.article) ?? null })),
    ),
  );
  await insertChunks(
    trx,
    'corpus_claims',
    view.claims.map((c) => ({ id: c.id, text: c.text, first_seen: c.firstSeen, last_seen: c.lastSeen, num_statements: c.statements.length, data: JSON.stringify({ speakers: c.speakers }) })),
  );
  await insertChunks(
    trx,
    'corpus_claim_statements',
    view.claims.flatMap((c) =>
      c.statements.map((s) => ({
        claim_id: c.id,
        article_id: s.article,
        attribution_id: s.attribution,
        speaker_actor: s.speaker,
        published: s.published,
        date_text: extras.times.get(`${s.article}\u0000${s.attribution}`) ?? null,
        terms: extras.terms?.statements.get(`${s.article}\u0000${s.attribution}`) ?? null,
      })),
    ),
  );
}
