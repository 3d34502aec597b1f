import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'fivew-ingest-crash-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const TOWNS = ['Orsen Bay', 'Velmar', 'Tessin', 'Kessa', 'Lunden', 'Wrenford'];
const COUNT = 300;

/** Distinct invented reports, different enough that none is a near-duplicate of another. */
function writeArticles(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir);
  for (let i = 0; i < COUNT; i++) {
    const town = TOWNS[i % TOWNS.length]!;
    const body = [
      `${town.toUpperCase()}, April ${(i % 28) + 1} - Council meeting number ${i} in ${town} approved plan ${i * 7} for the ${i % 2 ? 'harbour' : 'market'} district.`,
      `Councillor ${String.fromCharCode(65 + (i % 26))}. Marrow said item ${i * 13} would cost ${i * 3 + 11} thousand crowns and take ${(i % 9) + 2} months.`,
      `Residents of ward ${i % 17} asked for ${i % 3 ? 'more buses' : 'a new bridge'} before vote ${i * 5 + 1} next spring.`,
    ].join('\n\n');
    writeFileSync(join(dir, `report-${String(i).padStart(4, '0')}.txt`), `Council approves plan ${i} in ${town}\n\n${body}\n`);
  }
}

function ingest(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'ingest', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
}

function storedCount(db: string): number {
  try {
    const raw = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
    try {
      return Number(raw.prepare('select count(*) from articles').pluck().get());
    } finally {
      raw.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

describe('an ingest killed mid-way', () => {
  it('leaves only whole articles behind, and the next run completes the rest', async () => {
    const folder = join(tmp, 'reports');
    const db = join(tmp, 'crash.db');
    writeArticles(folder);

    const child = ingest([folder, '--db', db, '--no-analyze']);
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    const deadline = Date.now() + 120_000;
    while (storedCount(db) < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGKILL');
    await exited;
    const survived = storedCount(db);
    expect(survived).toBeGreaterThan(0);
    expect(survived).toBeLessThan(COUNT);

    const raw = new BetterSqlite3(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.exec(`insert into articles_fts(articles_fts) values ('integrity-check')`);
    // Every article that made it has its near-dup index rows: no half-written article.
    expect(raw.prepare('select count(*) from articles a where not exists (select 1 from article_bands b where b.article_seq = a.seq)').pluck().get()).toBe(0);
    raw.close();

    const again = ingest([folder, '--db', db, '--no-analyze']);
    let stderr = '';
    again.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => again.on('exit', (c) => done(c)));
    expect(code).toBe(0);
    expect(stderr).toContain(`stored: ${COUNT - survived}\n`);
    expect(stderr).toMatch(new RegExp(`^duplicates: ${survived} `, 'm'));
    const store = await openStore(db);
    try {
      expect(await store.counts()).toMatchObject({ articles: COUNT, nearDuplicates: 0 });
      expect((await store.search('"plan 2023"')).length).toBe(1);
    } finally {
      await store.close();
    }
    // Two CLI processes: generous, because a loaded machine can take many seconds just to start one.
  }, 240_000);
});

describe('two ingests of the same folder at once', () => {
  it('share the SQLite file without a failure and store each article once', async () => {
    const folder = join(tmp, 'reports');
    const db = join(tmp, 'shared.db');
    writeArticles(folder);
    const run = () => {
      const child = ingest([folder, '--db', db, '--no-analyze']);
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      return new Promise<{ code: number | null; stderr: string }>((done) => child.on('exit', (code) => done({ code, stderr })));
    };
    const [a, b] = await Promise.all([run(), run()]);
    for (const r of [a, b]) {
      expect(r.stderr).toContain('failed: 0\n');
      expect(r.code).toBe(0);
    }
    const stored = (r: { stderr: string }) => Number(/^stored: (\d+)$/m.exec(r.stderr)?.[1]);
    expect(stored(a) + stored(b)).toBe(COUNT);
    const store = await openStore(db);
    try {
      expect((await store.counts()).articles).toBe(COUNT);
    } finally {
      await store.close();
    }
  }, 240_000);
});
