/**
 * 0002_layers: the Analysis layers as indexed tables, for the HTTP API and the
 * web UI (issue 7). The analyses table keeps the JSON as written; these tables
 * exist only so the corpus can be queried by actor, speaker, type, place and
 * date without parsing every analysis.
 */
import { sql } from 'kysely';
import type { StoreMigration } from './migrations.js';

export const layersMigration: StoreMigration = {
  name: '0002_layers',
  async up(db, engine) {
    const sqlite = engine === 'sqlite';

    await db.schema
      .createTable('actors')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('norm_name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('sector', 'text')
      .addColumn('articles', 'integer', (c) => c.notNull())
      .addColumn('mentions', 'integer', (c) => c.notNull())
      .addColumn('statements', 'integer', (c) => c.notNull())
      .addColumn('events', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('actors_statements').on('actors').columns(['statements', 'key']).execute();
    await db.schema.createIndex('actors_articles').on('actors').columns(['articles', 'key']).execute();

    await db.schema
      .createTable('entities')
      .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('actor_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('country', 'text')
      .addColumn('sector', 'text')
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('mentions', 'integer', (c) => c.notNull())
      .addColumn('date', 'text')
      .addPrimaryKeyConstraint('entities_pk', ['article_id', 'entity_id'])
      .execute();
    await db.schema.createIndex('entities_actor').on('entities').columns(['actor_key', 'date']).execute();

    await db.schema
      .createTable('mentions')
      .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('span_start', 'integer', (c) => c.notNull())
      .addColumn('span_end', 'integer', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mentions_article').on('mentions').columns(['article_id', 'entity_id']).execute();

    await db.schema
      .createTable('attributions')
      .addColumn('seq', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedAlwaysAsIdentity()))
      .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('attribution_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('speaker_entity', 'text')
      .addColumn('speaker_key', 'text')
      .addColumn('speaker_text', 'text')
      .addColumn('cue', 'text', (c) => c.notNull())
      .addColumn('cue_lemma', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('span_start', 'integer', (c) => c.notNull())
      .addColumn('span_end', 'integer', (c) => c.notNull())
      .addColumn('date', 'text')
      .addUniqueConstraint('attributions_article_attribution', ['article_id', 'attribution_id'])
      .execute();
    await db.schema.createIndex('attributions_speaker').on('attributions').columns(['speaker_key', 'date']).execute();
    await db.schema.createIndex('attributions_date').on('attributions').column('date').execute();

    await db.schema
      .createTable('events')
      .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('mode', 'text')
      .addColumn('cameo', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('span_start', 'integer', (c) => c.notNull())
      .addColumn('span_end', 'integer', (c) => c.notNull())
      .addColumn('date', 'text')
      .addColumn('place', 'text')
      .addColumn('country', 'text')
      .addColumn('lat', 'real')
      .addColumn('lon', 'real')
      .addColumn('claimed_by', 'text')
      .addPrimaryKeyConstraint('events_pk', ['article_id', 'event_id'])
      .execute();
    await db.schema.createIndex('events_type').on('events').columns(['type', 'date']).execute();
    await db.schema.createIndex('events_country').on('events').columns(['country', 'date']).execute();
    await db.schema.createIndex('events_date').on('events').column('date').execute();

    await db.schema
      .createTable('event_actors')
      .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('actor_key', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('event_actors_actor').on('event_actors').columns(['actor_key', 'article_id', 'event_id']).execute();
    await db.schema.createIndex('event_actors_event').on('event_actors').columns(['article_id', 'event_id']).execute();

    if (sqlite) {
      await sql`create virtual table attributions_fts using fts5(
        content, content='attributions', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
      await sql`create trigger attributions_fts_insert after insert on attributions begin
        insert into attributions_fts(rowid, content) values (new.seq, new.content);
      end`.execute(db);
      await sql`create trigger attributions_fts_delete after delete on attributions begin
        insert into attributions_fts(attributions_fts, rowid, content) values ('delete', old.seq, old.content);
      end`.execute(db);
    } else {
      await sql`alter table attributions add column search tsvector generated always as (
        to_tsvector('english', left(content, 100000))) stored`.execute(db);
      await sql`create index attributions_search on attributions using gin (search)`.execute(db);
    }
  },
};

/** Undated articles still say when things happened ("on Sunday"): keep the words where no calendar date resolves. */
export const eventDateTextMigration: StoreMigration = {
  name: '0003_event_date_text',
  async up(db) {
    await db.schema.alterTable('events').addColumn('date_text', 'text').execute();
  },
};

/**
 * One row per actor and event (an actor both source and target of an event
 * keeps one row, role source), dated, so an actor's newest events come
 * straight off an index.
 */
export const eventActorDateMigration: StoreMigration = {
  name: '0004_event_actor_date',
  async up(db) {
    await db.schema.alterTable('event_actors').addColumn('date', 'text').execute();
    await db.schema.createIndex('event_actors_actor_date').on('event_actors').columns(['actor_key', 'date']).execute();
  },
};

/**
 * SQLite: a trigram index over actor names, so "contains" searches use an
 * index instead of reading every actor. PostgreSQL keeps the plain scan
 * (pg_trgm needs an extension we cannot assume).
 */
export const actorTrigramMigration: StoreMigration = {
  name: '0005_actor_trigrams',
  async up(db, engine) {
    if (engine !== 'sqlite') return;
    await sql`create virtual table actors_fts using fts5(norm_name, content='actors', content_rowid='rowid', tokenize='trigram')`.execute(db);
    await sql`insert into actors_fts(actors_fts) values ('rebuild')`.execute(db);
    // Upserts only change counts; a name is written once, so insert and delete triggers are enough.
    await sql`create trigger actors_fts_insert after insert on actors begin
      insert into actors_fts(rowid, norm_name) values (new.rowid, new.norm_name);
    end`.execute(db);
    await sql`create trigger actors_fts_delete after delete on actors begin
      insert into actors_fts(actors_fts, rowid, norm_name) values ('delete', old.rowid, old.norm_name);
    end`.execute(db);
  },
};

/**
 * How many events each pair of actors shares, kept in both directions and
 * updated with every article, so an actor's counterparts and the network are
 * index reads instead of self-joins over every event the actor took part in.
 */
export const actorPairsMigration: StoreMigration = {
  name: '0006_actor_pairs',
  async up(db) {
    await db.schema
      .createTable('actor_pairs')
      .addColumn('actor_key', 'text', (c) => c.notNull())
      .addColumn('other_key', 'text', (c) => c.notNull())
      .addColumn('weight', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('actor_pairs_pk', ['actor_key', 'other_key'])
      .execute();
    await db.schema.createIndex('actor_pairs_weight').on('actor_pairs').columns(['actor_key', 'weight']).execute();
    await db.schema.createIndex('actor_pairs_top').on('actor_pairs').columns(['weight', 'actor_key', 'other_key']).execute();
    await sql`insert into actor_pairs (actor_key, other_key, weight)
      select x.actor_key, y.actor_key, count(*) from event_actors x
      join event_actors y on y.article_id = x.article_id and y.event_id = x.event_id and y.actor_key <> x.actor_key
      group by x.actor_key, y.actor_key`.execute(db);
  },
};
