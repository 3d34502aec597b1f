import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { storeContract } from './fixtures/store/contract.js';

const PG = process.env.FIVEW_TEST_PG;

/** Several runs may share one database: each test gets its own schema, dropped afterwards. */
async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}

describe.skipIf(!PG)(`store on PostgreSQL${PG ? '' : ' (skipped: set FIVEW_TEST_PG=postgres://… to run)'}`, () => {
  storeContract(
    async () => {
      const schema = `fivew_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      await admin((c) => c.query(`create schema ${schema}`));
      return withSchema(PG!, schema);
    },
    async (url) => {
      const schema = new URL(url).searchParams.get('schema')!;
      await admin((c) => c.query(`drop schema if exists ${schema} cascade`));
    },
  );

  it('creates the schema named in the URL, ignoring migration tables of other schemas', async () => {
    const schema = `fivew_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const decoy = `${schema}_decoy`;
    try {
      // Another app (or run) sharing the database, with Kysely bookkeeping of its own.
      await admin((c) =>
        c.query(`create schema ${decoy};
          create table ${decoy}.kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null);
          create table ${decoy}.kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0);
          insert into ${decoy}.kysely_migration values ('0001_articles', '2020-01-01');
          insert into ${decoy}.kysely_migration_lock values ('migration_lock', 0);`),
      );
      const store = await openStore(withSchema(PG!, schema));
      await store.close();
      const tables = await admin((c) => c.query('select table_name from information_schema.tables where table_schema = $1', [schema]));
      expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual(expect.arrayContaining(['articles', 'analyses', 'article_bands']));
    } finally {
      await admin((c) => c.query(`drop schema if exists ${schema} cascade; drop schema if exists ${decoy} cascade`));
    }
  });
});
