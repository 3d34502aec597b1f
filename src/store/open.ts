/**
 * openStore: the one way in. Picks the engine from the URL, applies pending
 * migrations, and hands back a Store.
 */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { LAYER_WRITERS } from './layers.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import { createStore, type LayerWriter, type Store } from './store.js';
import { DEFAULT_DB, DbUrlError, parseDbUrl, redactDbUrl } from './url.js';

export interface OpenStoreOptions {
  /** Refuse to create a new SQLite file (search and export have nothing to read in one). */
  mustExist?: boolean;
  /** Per-article layer writers, run inside each article's transaction (default: LAYER_WRITERS). */
  writers?: LayerWriter[];
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * The better-sqlite3 handle as Kysely sees it. Kysely prepares every query
 * afresh; preparing costs as much as running the small queries ingest makes,
 * so statements are kept by SQL text. Kysely runs one query at a time on its
 * single SQLite connection, so a cached statement is never in use twice.
 */
function sqliteForKysely(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      // Refreshes the planner's statistics where they went stale; cheap, and what SQLite advises before closing.
      sqlite.pragma('optimize');
      sqlite.close();
    },
    prepare(query) {
      // Kysely opens transactions with a plain (deferred) BEGIN. A deferred transaction that reads and then
      // writes cannot wait for another process's writer (SQLite answers "database is locked" at once), so take
      // the write lock up front; busy_timeout then makes concurrent ingests queue instead of failing.
      const text = query === 'begin' ? 'begin immediate' : query;
      let stmt = cache.get(text);
      if (!stmt) {
        // Queries with varying IN-lists would grow the cache without end: start over when it is full.
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        stmt = sqlite.prepare(text);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
}

/** Node reports a refused connection to a dual-stack host as an AggregateError with an empty message. */
function reasonOf(err: unknown): string {
  if (err instanceof AggregateError && !err.message && err.errors.length) return reasonOf(err.errors[0]);
  if (err instanceof Error) return err.message || (err as NodeJS.ErrnoException).code || err.name;
  return String(err);
}

export async function openStore(url: string = DEFAULT_DB, options: OpenStoreOptions = {}): Promise<Store> {
  const location = parseDbUrl(url);
  let db: Kysely<Database>;
  if (location.engine === 'sqlite') {
    if (options.mustExist && location.path !== ':memory:' && !existsSync(location.path)) {
      throw new DbUrlError(`no database at ${location.path} (run fivew ingest first, or pass --db)`);
    }
    let sqlite: BetterSqlite3.Database;
    try {
      sqlite = new BetterSqlite3(location.path);
      sqlite.pragma('journal_mode = WAL');
      // WAL makes NORMAL durable against application crashes; only an OS crash can lose the last commits.
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('busy_timeout = 30000');
      sqlite.pragma('foreign_keys = ON');
    } catch (err) {
      throw new Error(`cannot open SQLite database ${location.path}: ${reasonOf(err)}`);
    }
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqliteForKysely(sqlite) }) });
  } else {
    const pool = new pg.Pool({
      connectionString: location.connectionString,
      max: 4,
      connectionTimeoutMillis: 15_000,
      ...(location.schema ? { options: `-c search_path=${location.schema}` } : {}),
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  try {
    if (location.engine === 'postgres' && location.schema) {
      await sql`create schema if not exists ${sql.id(location.schema)}`.execute(db);
    }
    await migrateToLatest(db as unknown as Kysely<unknown>, location.engine);
  } catch (err) {
    await db.destroy().catch(() => {});
    const where = location.engine === 'sqlite' ? location.path : redactDbUrl(url);
    throw new Error(`database ${where}: ${reasonOf(err)}`);
  }
  return createStore(db, location.engine, options.writers ?? LAYER_WRITERS);
}
