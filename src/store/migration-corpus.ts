/**
 * The corpus layer's own table: user corrections to actor linking. They are
 * kept by name, apart from any article, so re-ingesting or relinking the
 * corpus applies them again (`fivew actors merge|split`).
 */
import type { Generated, Kysely } from 'kysely';
import { z } from 'zod';
import type { ActorOverrides } from '../corpus/actors.js';
import type { CorpusIncrementalTables } from './migration-corpus-incremental.js';
import type { CorpusLinkedTables } from './migration-corpus-linked.js';
import type { StoreMigration } from './migrations.js';

export interface ActorOverridesTable {
  seq: Generated<number>;
  action: string;
  name_a: string;
  name_b: string | null;
  created_at: string;
}

export interface CorpusDatabase extends CorpusLinkedTables, CorpusIncrementalTables {
  actor_overrides: ActorOverridesTable;
  /** `key` (migration 0009): the linked actor's key in the layer tables. */
  corpus_actors: { id: string; name: string; kind: string; country: string | null; num_articles: number; data: string; key: string | null };
  corpus_actor_mentions: { actor_id: string; article_id: string; entity_id: string };
  corpus_stories: { id: string; title: string | null; first: string | null; last: string | null; num_articles: number; num_sources: number; data: string };
  corpus_story_articles: { story_id: string; article_id: string; similarity: number; evidence: string; terms: string | null };
  corpus_claims: { id: string; text: string; first_seen: string | null; last_seen: string | null; num_statements: number; data: string };
  corpus_claim_statements: {
    claim_id: string;
    article_id: string;
    attribution_id: string;
    speaker_actor: string | null;
    published: string | null;
    /** Migration 0009: the article's own words for when, where no calendar date is known. */
    date_text: string | null;
    /** Migration 0011: the statement's terms (JSON), for placing later statements. */
    terms: string | null;
  };
}

export const corpusMigration: StoreMigration = {
  name: '0007_corpus_overrides',
  async up(db, engine) {
    await db.schema
      .createTable('actor_overrides')
      .addColumn('seq', 'integer', (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity()))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('name_a', 'text', (c) => c.notNull())
      .addColumn('name_b', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};

/**
 * The corpus view as last built by `fivew corpus rebuild`: actors, stories and claims with their members,
 * for the API and for queries by actor or article. Rebuilt whole, in one transaction.
 */
export const corpusViewsMigration: StoreMigration = {
  name: '0008_corpus_views',
  async up(db) {
    await db.schema
      .createTable('corpus_actors')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('num_articles', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('corpus_actor_mentions')
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('article_id', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('corpus_actor_mentions_pk', ['article_id', 'entity_id'])
      .execute();
    await db.schema.createIndex('corpus_actor_mentions_actor').on('corpus_actor_mentions').column('actor_id').execute();
    await db.schema
      .createTable('corpus_stories')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text')
      .addColumn('first', 'text')
      .addColumn('last', 'text')
      .addColumn('num_articles', 'integer', (c) => c.notNull())
      .addColumn('num_sources', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('corpus_story_articles')
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('article_id', 'text', (c) => c.notNull().primaryKey())
      .addColumn('similarity', 'real', (c) => c.notNull())
      .addColumn('evidence', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('corpus_story_articles_story').on('corpus_story_articles').column('story_id').execute();
    await db.schema
      .createTable('corpus_claims')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('first_seen', 'text')
      .addColumn('last_seen', 'text')
      .addColumn('num_statements', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('corpus_claim_statements')
      .addColumn('claim_id', 'text', (c) => c.notNull())
      .addColumn('article_id', 'text', (c) => c.notNull())
      .addColumn('attribution_id', 'text', (c) => c.notNull())
      .addColumn('speaker_actor', 'text')
      .addColumn('published', 'text')
      .addPrimaryKeyConstraint('corpus_claim_statements_pk', ['article_id', 'attribution_id'])
      .execute();
    await db.schema.createIndex('corpus_claim_statements_claim').on('corpus_claim_statements').column('claim_id').execute();
    await db.schema.createIndex('corpus_claim_statements_speaker').on('corpus_claim_statements').column('speaker_actor').execute();
  },
};

const rowSchema = z.object({ action: z.enum(['merge', 'split']), name_a: z.string(), name_b: z.string().nullable() });

export type OverrideAction = { action: 'merge'; a: string; b: string } | { action: 'split'; name: string };

export async function addActorOverride(db: Kysely<CorpusDatabase>, o: OverrideAction): Promise<void> {
  await db
    .insertInto('actor_overrides')
    .values({ action: o.action, name_a: o.action === 'merge' ? o.a : o.name, name_b: o.action === 'merge' ? o.b : null, created_at: new Date().toISOString() })
    .execute();
}

/** The corrections in the order they were made. */
export async function readActorOverrides(db: Kysely<CorpusDatabase>): Promise<ActorOverrides> {
  const rows = await db.selectFrom('actor_overrides').select(['action', 'name_a', 'name_b']).orderBy('seq').execute();
  const out: ActorOverrides = { merges: [], splits: [] };
  for (const raw of rows) {
    const r = rowSchema.parse(raw);
    if (r.action === 'merge' && r.name_b !== null) out.merges.push([r.name_a, r.name_b]);
    else if (r.action === 'split') out.splits.push(r.name_a);
  }
  return out;
}
