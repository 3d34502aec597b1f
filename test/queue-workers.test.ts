import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const PG = process.env.FIVEW_TEST_PG;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COUNT = 500;
const TOWNS = ['Orsen Bay', 'Velmar', 'Tessin', 'Kessa', 'Lunden', 'Wrenford', 'Halvik'];

function writeArticles(dir: string): void {
  mkdirSync(dir);
  for (let i = 0; i < COUNT; i++) {
    const town = TOWNS[i % TOWNS.length]!;
    const body = [
      `${town.toUpperCase()}, May ${(i % 28) + 1} - The ferry board of ${town} approved timetable ${i} for route ${i * 11}, its chairman said on ${['Monday', 'Tuesday', 'Friday'][i % 3]}.`,
      `Board member ${String.fromCharCode(65 + (i % 26))}. Tallis said vessel ${i * 17} would be repaired for ${i * 5 + 7} thousand crowns within ${(i % 8) + 2} weeks.`,
      `Passengers at pier ${i % 19} asked for ${i % 2 ? 'later sailings' : 'a covered waiting room'} before review ${i * 3 + 2}.`,
    ].join('\n\n');
    writeFileSync(join(dir, `ferry-${String(i).padStart(4, '0')}.txt`), `Ferry timetable ${i} approved in ${town}\n\n${body}\n`);
  }
}

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.on('exit', (code) => done(code)));
}

async function query<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!PG)(`distributed workers on PostgreSQL${PG ? '' : ' (skipped: set FIVEW_TEST_PG=postgres://… to run)'}`, () => {
  const schema = `fivew_queue_${process.pid}_${randomBytes(4).toString('hex')}`;
  const tmp = mkdtempSync(join(tmpdir(), 'fivew-queue-'));
  afterAll(async () => {
    rmSync(tmp, { recursive: true, force: true });
    await query(`drop schema if exists ${schema} cascade; drop schema if exists ${schema}_boss cascade`);
  });

  it(`stores ${COUNT} queued articles exactly once while a worker is killed with SIGKILL and restarted`, async () => {
    const url = new URL(PG!);
    url.searchParams.set('schema', schema);
    const db = url.toString();
    const folder = join(tmp, 'ferries');
    writeArticles(folder);

    const enqueue = cli(['ingest', folder, '--db', db, '--queue', '--no-analyze', '--job-expiry', '2']);
    expect(await exited(enqueue)).toBe(0);

    // Small batches and a 1 s maintenance interval: the killed worker's jobs expire (2 s) and come back fast.
    const workerArgs = ['worker', '--db', db, '--until-empty', '--jobs', '1', '--batch', '5', '--maintenance-interval', '1'];
    const a = cli(workerArgs);
    const b = cli(workerArgs);
    const bDone = exited(b);
    const aKilled = exited(a);
    const deadline = Date.now() + 90_000;
    const stored = async () => Number((await query<{ n: string }>(`select count(*) as n from ${schema}.articles`).catch(() => [{ n: '0' }]))[0]!.n);
    while ((await stored()) < 60 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    a.kill('SIGKILL');
    await aKilled;
    const a2 = cli(workerArgs);
    const [codeA2, codeB] = await Promise.all([exited(a2), bDone]);
    expect(codeA2).toBe(0);
    expect(codeB).toBe(0);

    const [articles] = await query<{ n: string; hashes: string; unanalysed: string }>(
      `select count(*) as n, count(distinct content_hash) as hashes, count(*) filter (where status = 'not_analysed') as unanalysed from ${schema}.articles`,
    );
    expect(Number(articles!.n)).toBe(COUNT);
    expect(Number(articles!.hashes)).toBe(COUNT);
    expect(Number(articles!.unanalysed)).toBe(COUNT);
    const [orphans] = await query<{ analyses: string; bands: string }>(
      `select (select count(*) from ${schema}.analyses n where not exists (select 1 from ${schema}.articles a where a.id = n.article_id)) as analyses,
              (select count(*) from ${schema}.article_bands b where not exists (select 1 from ${schema}.articles a where a.seq = b.article_seq)) as bands`,
    );
    expect(Number(orphans!.analyses)).toBe(0);
    expect(Number(orphans!.bands)).toBe(0);
    const jobs = await query<{ state: string; n: string }>(
      `select state::text as state, count(*) as n from (select state from ${schema}_boss.job union all select state from ${schema}_boss.archive) j group by state`,
    );
    const byState = Object.fromEntries(jobs.map((j) => [j.state, Number(j.n)]));
    expect(byState).toEqual({ completed: COUNT });
  }, 180_000);
});
