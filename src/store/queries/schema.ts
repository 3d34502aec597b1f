/**
 * The layer tables of migration 0002_layers as Kysely sees them, on top of
 * the store's own Database.
 */
import type { Generated, Kysely, Transaction } from 'kysely';
import type { CorpusDatabase as CorpusViewTables } from '../migration-corpus.js';
import type { CorpusLinkedTables } from '../migration-corpus-linked.js';
import type { Database } from '../schema.js';

export interface ActorsTable {
  key: string;
  name: string;
  norm_name: string;
  type: string;
  country: string | null;
  sector: string | null;
  articles: number;
  mentions: number;
  statements: number;
  events: number;
}

export interface EntitiesTable {
  article_id: string;
  entity_id: string;
  actor_key: string;
  name: string;
  type: string;
  country: string | null;
  sector: string | null;
  /** JSON array of role strings. */
  roles: string;
  mentions: number;
  /** The article's publication date (YYYY-MM-DD…), for timelines. */
  date: string | null;
}

export interface MentionsTable {
  article_id: string;
  entity_id: string;
  span_start: number;
  span_end: number;
  text: string;
}

export interface AttributionsTable {
  seq: Generated<number>;
  article_id: string;
  attribution_id: string;
  kind: string;
  speaker_entity: string | null;
  speaker_key: string | null;
  speaker_text: string | null;
  cue: string;
  cue_lemma: string;
  content: string;
  span_start: number;
  span_end: number;
  date: string | null;
}

export interface EventsTable {
  article_id: string;
  event_id: string;
  type: string;
  mode: string | null;
  cameo: string | null;
  status: string;
  trigger: string;
  span_start: number;
  span_end: number;
  date: string | null;
  /** The date as the text gave it ("Sunday"), from migration 0003. */
  date_text: string | null;
  place: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  claimed_by: string | null;
}

export interface EventActorsTable {
  article_id: string;
  event_id: string;
  role: 'source' | 'target';
  entity_id: string;
  actor_key: string;
  /** The event's date (migration 0004). */
  date: string | null;
}

/** Events shared by two actors, both directions (migration 0006). */
export interface ActorPairsTable {
  actor_key: string;
  other_key: string;
  weight: number;
}

export interface CorpusDatabase
  extends Database,
    Pick<CorpusLinkedTables, 'corpus_actor_keys'>,
    Pick<CorpusViewTables, 'corpus_actors' | 'corpus_claims' | 'corpus_claim_statements' | 'corpus_story_articles'> {
  actor_pairs: ActorPairsTable;
  actors: ActorsTable;
  entities: EntitiesTable;
  mentions: MentionsTable;
  attributions: AttributionsTable;
  events: EventsTable;
  event_actors: EventActorsTable;
}

/** The store's handle typed with the layer tables (they exist once migration 0002_layers ran). */
export function corpusDb(db: Kysely<Database>): Kysely<CorpusDatabase> {
  return db as unknown as Kysely<CorpusDatabase>;
}

export function corpusTrx(trx: Transaction<Database>): Transaction<CorpusDatabase> {
  return trx as unknown as Transaction<CorpusDatabase>;
}
