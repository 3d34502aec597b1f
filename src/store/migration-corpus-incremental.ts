/**
 * 0011_corpus_incremental: what an incremental corpus refresh needs to place a
 * few new articles without reading every stored analysis: the name forms each
 * linked actor answers to (looked up by the skeleton of their last word), the
 * document frequencies the clusterers weight terms by, each clustered article's
 * and statement's own terms, and blocking indexes from a term to the stories
 * and claims that use it. A full rebuild rewrites them all; an incremental
 * refresh adds to them.
 */
import type { StoreMigration } from './migrations.js';

export interface CorpusIncrementalTables {
  corpus_actor_forms: { form_key: string; actor_id: string; display: string; type: string; last_skel: string };
  /** scope 's' (stories: article terms) or 'c' (claims: statement terms). */
  corpus_terms: { scope: string; term: string; df: number };
  corpus_meta: { key: string; value: string };
  /** last: the story's newest date ('' when undated), so a term's stories within a window come off the index. */
  corpus_story_terms: { term: string; story_id: string; last: string };
  /** key: a heavy term, or `speaker\u0000term` for every term of a statement with a known speaker. */
  corpus_claim_terms: { key: string; claim_id: string };
}

export const corpusIncrementalMigration: StoreMigration = {
  name: '0011_corpus_incremental',
  async up(db) {
    await db.schema
      .createTable('corpus_actor_forms')
      .addColumn('form_key', 'text', (c) => c.primaryKey())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('display', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('last_skel', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('corpus_actor_forms_skel').on('corpus_actor_forms').column('last_skel').execute();
    await db.schema
      .createTable('corpus_terms')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('df', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('corpus_terms_pk', ['scope', 'term'])
      .execute();
    await db.schema
      .createTable('corpus_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('corpus_story_terms')
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('last', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('corpus_story_terms_pk', ['term', 'story_id'])
      .execute();
    await db.schema.createIndex('corpus_story_terms_last').on('corpus_story_terms').columns(['term', 'last']).execute();
    await db.schema.createIndex('corpus_story_terms_story').on('corpus_story_terms').column('story_id').execute();
    await db.schema
      .createTable('corpus_claim_terms')
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('claim_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('corpus_claim_terms_pk', ['key', 'claim_id'])
      .execute();
    // An article's terms, actors and source as its story compares it; a statement's terms as its claim does.
    await db.schema.alterTable('corpus_story_articles').addColumn('terms', 'text').execute();
    await db.schema.alterTable('corpus_claim_statements').addColumn('terms', 'text').execute();
  },
};
