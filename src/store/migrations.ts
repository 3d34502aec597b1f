/**
 * Schema migrations, defined in code so they ship inside dist/. Each runs once
 * per database, in name order, inside the Migrator's lock. Later issues append
 * to MIGRATIONS (never edit one that has shipped).
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { actorPairsMigration, actorTrigramMigration, eventActorDateMigration, eventDateTextMigration, layersMigration } from './migration-layers.js';
import type { Engine } from './schema.js';
import { corpusMigration, corpusViewsMigration } from './migration-corpus.js';
import { corpusClaimOrderMigration, corpusLinkedMigration } from './migration-corpus-linked.js';
import { corpusIncrementalMigration } from './migration-corpus-incremental.js';

export interface StoreMigration {
  /** Sorts in apply order: "0001_articles", "0002_entities", … */
  name: string;
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

const articles: StoreMigration = {
  name: '0001_articles',
  async up(db, engine) {
    const sqlite = engine === 'sqlite';
    await db.schema
      .createTable('articles')
      // In SQLite an INTEGER PRIMARY KEY is the rowid, which FTS5 external content needs.
      .addColumn('seq', 'integer', (c) => (sqlite ? c.primaryKey() : c.primaryKey().generatedAlwaysAsIdentity()))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('content_hash', 'text', (c) => c.notNull().unique())
      .addColumn('url', 'text')
      .addColumn('title', 'text')
      .addColumn('byline', 'text')
      .addColumn('source', 'text')
      .addColumn('published', 'text')
      .addColumn('language', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('minhash', sqlite ? 'blob' : 'bytea')
      .addColumn('duplicate_of', 'text', (c) => c.references('articles.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('ingested_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('articles_published').on('articles').column('published').execute();
    await db.schema.createIndex('articles_url').on('articles').column('url').execute();
    await db.schema.createIndex('articles_duplicate_of').on('articles').column('duplicate_of').execute();

    await db.schema
      .createTable('analyses')
      .addColumn('article_id', 'text', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      // json, not jsonb: it keeps the text as written, so both engines export the same bytes (key order included).
      .addColumn('analysis', sqlite ? 'text' : 'json', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    let bands = db.schema
      .createTable('article_bands')
      .addColumn('band_key', sqlite ? 'integer' : 'bigint', (c) => c.notNull())
      .addColumn('article_seq', 'integer', (c) => c.notNull().references('articles.seq').onDelete('cascade'))
      .addPrimaryKeyConstraint('article_bands_pk', ['band_key', 'article_seq']);
    // The lookup only ever reads the key: no rowid saves a third of the space.
    if (sqlite) bands = bands.modifyEnd(sql`without rowid`);
    await bands.execute();
    await db.schema.createIndex('article_bands_article').on('article_bands').column('article_seq').execute();

    if (sqlite) {
      await sql`create virtual table articles_fts using fts5(
        title, text, content='articles', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
      await sql`create trigger articles_fts_insert after insert on articles begin
        insert into articles_fts(rowid, title, text) values (new.seq, new.title, new.text);
      end`.execute(db);
      await sql`create trigger articles_fts_delete after delete on articles begin
        insert into articles_fts(articles_fts, rowid, title, text) values ('delete', old.seq, old.title, old.text);
      end`.execute(db);
      await sql`create trigger articles_fts_update after update of title, text on articles begin
        insert into articles_fts(articles_fts, rowid, title, text) values ('delete', old.seq, old.title, old.text);
        insert into articles_fts(rowid, title, text) values (new.seq, new.title, new.text);
      end`.execute(db);
    } else {
      // to_tsvector refuses documents over 1 MB; the first 100k characters are plenty to find an article by.
      await sql`alter table articles add column search tsvector generated always as (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', left(text, 100000)), 'B')) stored`.execute(db);
      await sql`create index articles_search on articles using gin (search)`.execute(db);
    }
  },
};

export const MIGRATIONS: StoreMigration[] = [articles, layersMigration, eventDateTextMigration, eventActorDateMigration, actorTrigramMigration, actorPairsMigration, corpusMigration, corpusViewsMigration, corpusLinkedMigration, corpusClaimOrderMigration, corpusIncrementalMigration];

/**
 * Bring a database up to date; throws with the failing migration's name and reason.
 *
 * On PostgreSQL the migration bookkeeping tables are pinned to the schema we
 * work in: unpinned, Kysely takes a kysely_migration table in ANY schema of
 * the database (another app's, another test run's) for ours.
 */
export async function migrateToLatest(db: Kysely<unknown>, engine: Engine, migrations: StoreMigration[] = MIGRATIONS): Promise<void> {
  let migrationTableSchema: string | undefined;
  if (engine === 'postgres') {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
    if (!migrationTableSchema) throw new Error('no schema to work in: none of the search_path schemas exists');
  }
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const m of migrations) out[m.name] = { up: (d) => m.up(d, engine) };
      return out;
    },
  };
  // Kysely takes no lock for SQLite (it assumes one process), so two ingests opening a new file at once
  // would both run the migrations. An immediate transaction makes the second wait, then find them done.
  if (engine === 'sqlite') await sql`begin immediate`.execute(db);
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    outcome = await new Migrator({ db, provider, migrationTableSchema }).migrateToLatest();
  } catch (err) {
    if (engine === 'sqlite') await sql`rollback`.execute(db).catch(() => {});
    throw err;
  }
  if (engine === 'sqlite') await sql`${sql.raw(outcome.error ? 'rollback' : 'commit')}`.execute(db);
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${reason}` : reason);
  }
}
