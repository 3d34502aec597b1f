import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'fivew-parallel-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PEOPLE = ['Ilse Marnova', 'Oren Valdt', 'Petra Suvic', 'Anton Brell'];
const TOWNS = ['Velmar', 'Tessin', 'Kessa', 'Orsen Bay'];

function writeArticles(dir: string, count: number): void {
  mkdirSync(dir);
  for (let i = 0; i < count; i++) {
    const who = PEOPLE[i % PEOPLE.length]!;
    const town = TOWNS[(i * 3) % TOWNS.length]!;
    const text = [
      `${town.toUpperCase()}, June ${i + 1} - Dock workers in ${town} ended a ${i + 2}-day strike on Tuesday after the port authority agreed to talks, officials said.`,
      `"We will be back at the cranes tomorrow," ${who}, a union spokeswoman, told reporters outside berth ${i + 4}.`,
      `The authority's director said a pay offer would follow in ${['March', 'April', 'May'][i % 3]}.`,
    ].join('\n\n');
    writeFileSync(join(dir, `strike-${String(i).padStart(2, '0')}.txt`), `Strike ends in ${town}\n\n${text}\n`);
  }
}

function ingest(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'ingest', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((done) => child.on('exit', (code) => done(code)));
}

async function stored(db: string) {
  const store = await openStore(db, { mustExist: true });
  try {
    const out = [];
    for await (const r of store.iterate()) out.push({ title: r.article.title, text: r.article.text, analysis: r.analysis });
    return out;
  } finally {
    await store.close();
  }
}

describe('ingest --jobs 2', () => {
  it('stores, in input order, exactly what --jobs 1 stores', async () => {
    const folder = join(tmp, 'strikes');
    writeArticles(folder, 8);
    const one = join(tmp, 'one.db');
    const two = join(tmp, 'two.db');
    expect(await ingest([folder, '--db', one, '--jobs', '1'])).toBe(0);
    expect(await ingest([folder, '--db', two, '--jobs', '2'])).toBe(0);
    const [a, b] = await Promise.all([stored(one), stored(two)]);
    expect(a).toHaveLength(8);
    expect(a.every((r) => r.analysis && r.analysis.entities.length > 0)).toBe(true);
    expect(b).toEqual(a);
    // A rerun on worker threads finds everything stored and adds nothing.
    expect(await ingest([folder, '--db', two, '--jobs', '2'])).toBe(0);
    expect(await stored(two)).toHaveLength(8);
  }, 180_000);

  it('rejects a bad --jobs value as a usage error', async () => {
    expect(await ingest([join(tmp, 'none'), '--db', join(tmp, 'x.db'), '--jobs', '0'])).toBe(2);
  }, 60_000);
});
