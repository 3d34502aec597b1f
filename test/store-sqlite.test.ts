import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import { bandKeys, minhashSignature } from '../src/ingest/dedupe.js';
import { openStore, parseDbUrl, DbUrlError } from '../src/store/index.js';
import { nearDupCandidatesQuery } from '../src/store/store.js';
import { fixtureArticle, storeContract } from './fixtures/store/contract.js';
import { ingestArticle } from '../src/store/ingest.js';

const root = mkdtempSync(join(tmpdir(), 'fivew-store-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('store on SQLite', () => {
  storeContract(
    async () => join(root, `db${++n}.db`),
    async (path) => rmSync(path, { force: true }),
  );

  it('uses WAL and FTS5, and keeps its data in the file', async () => {
    const path = join(root, 'wal.db');
    const store = await openStore(path);
    await ingestArticle(store, fixtureArticle('kessa-floods'), { analyze: false });
    await store.close();
    const raw = new BetterSqlite3(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = raw.prepare(`select name from sqlite_master where type in ('table') order by name`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['articles', 'analyses', 'article_bands', 'articles_fts', 'kysely_migration']));
    expect(raw.prepare('select count(*) from articles').pluck().get()).toBe(1);
    raw.close();
  });

  it('finds near-duplicate candidates through the band index, never by scanning', async () => {
    const store = await openStore(join(root, 'plan.db'));
    try {
      const { sql: text, parameters } = nearDupCandidatesQuery(store.db, bandKeys(minhashSignature(fixtureArticle('orsen-strike').text)!)).compile();
      const plan = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
      const steps = plan.rows.map((r) => r.detail);
      expect(steps.some((d) => /SEARCH b USING (PRIMARY KEY|COVERING INDEX \S+) \(band_key=\?\)/.test(d))).toBe(true);
      expect(steps.some((d) => /SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\)/.test(d))).toBe(true);
      expect(steps.filter((d) => /^SCAN (a|b)\b/.test(d))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('refuses to create a database for readers when asked', async () => {
    const path = join(root, 'absent.db');
    await expect(openStore(path, { mustExist: true })).rejects.toThrow(DbUrlError);
    expect(existsSync(path)).toBe(false);
  });

  it('reports a file it cannot open in one line', async () => {
    await expect(openStore(join(root, 'no-such-dir', 'x.db'))).rejects.toThrow(/^cannot open SQLite database .*x\.db: .+$/);
  });
});

describe('parseDbUrl', () => {
  it('tells SQLite paths from PostgreSQL URLs and rejects other schemes', () => {
    expect(parseDbUrl('fivew.db')).toEqual({ engine: 'sqlite', path: 'fivew.db' });
    expect(parseDbUrl('sqlite:/tmp/a.db')).toEqual({ engine: 'sqlite', path: '/tmp/a.db' });
    expect(parseDbUrl('postgres://u:pw@db.example:5432/news?schema=s1')).toEqual({
      engine: 'postgres',
      connectionString: 'postgres://u:pw@db.example:5432/news',
      schema: 's1',
    });
    expect(parseDbUrl('postgresql://db.example/news').engine).toBe('postgres');
    expect(() => parseDbUrl('mysql://db.example/news')).toThrow(/unsupported database "mysql:\/\/"/);
    expect(() => parseDbUrl('postgres://db.example/news?schema=x;drop')).toThrow(DbUrlError);
    expect(() => parseDbUrl('')).toThrow(DbUrlError);
  });
});
