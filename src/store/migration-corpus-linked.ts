/**
 * 0009_corpus_linked: the linked actor becomes the unit of the layer tables.
 * A corpus rebuild rewrites entities.actor_key, attributions.speaker_key and
 * event_actors.actor_key to the linked actor's key; these tables remember
 * the mapping so articles ingested between rebuilds join known actors at once,
 * and old links (`PERSON:velayati`) still find the actor they were merged into.
 */
import type { StoreMigration } from './migrations.js';

export interface CorpusLinkedTables {
  /** Every entity's own key (`TYPE:normalised name`) → the key of the linked actor it belongs to. */
  corpus_actor_keys: { actor_key: string; linked_key: string };
  /** Every stored entity → the key the layer tables give it (the relink's input). */
  corpus_entity_keys: { article_id: string; entity_id: string; actor_key: string };
}

export const corpusLinkedMigration: StoreMigration = {
  name: '0009_corpus_linked',
  async up(db) {
    await db.schema
      .createTable('corpus_actor_keys')
      .addColumn('actor_key', 'text', (c) => c.primaryKey())
      .addColumn('linked_key', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('corpus_entity_keys')
      .addColumn('article_id', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('actor_key', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('corpus_entity_keys_pk', ['article_id', 'entity_id'])
      .execute();
    // The linked actor's layer key, so the API can go from an actor page to its corpus actor (aliases, links, claims).
    await db.schema.alterTable('corpus_actors').addColumn('key', 'text').execute();
    await db.schema.createIndex('corpus_actors_key').on('corpus_actors').column('key').execute();
    // When a statement of an undated article was made, as the article says it ("Sunday").
    await db.schema.alterTable('corpus_claim_statements').addColumn('date_text', 'text').execute();
  },
};

/**
 * 0010_corpus_claim_order: a claim's statements in date order straight off an index, so a page shows the
 * first few of a claim repeated thousands of times without sorting them all; claims by size, and an actor's
 * claims, likewise.
 */
export const corpusClaimOrderMigration: StoreMigration = {
  name: '0010_corpus_claim_order',
  async up(db) {
    await db.schema.createIndex('corpus_claim_statements_order').on('corpus_claim_statements').columns(['claim_id', 'published', 'article_id']).execute();
    await db.schema.createIndex('corpus_claims_size').on('corpus_claims').columns(['num_statements', 'last_seen', 'id']).execute();
    // An actor's claims: its statements' claim ids without visiting each statement row.
    await db.schema.createIndex('corpus_claim_statements_speaker_claim').on('corpus_claim_statements').columns(['speaker_actor', 'claim_id']).execute();
  },
};
