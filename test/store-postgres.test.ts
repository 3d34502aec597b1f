import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
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
});
