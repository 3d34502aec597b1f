import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Analysis } from '../src/analysis.js';
import { UsageError } from '../src/cli/errors.js';
import { registerExport } from '../src/cli/commands/export.js';
import { registerIngest } from '../src/cli/commands/ingest.js';
import { registerSearch } from '../src/cli/commands/search.js';
import { openStore } from '../src/store/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test/fixtures/store/articles');
let tmp = '';
let folder = '';
let db = '';

/** The real CLI, as a user runs it (through tsx, so no build is needed). */
function fivew(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** The same commands in-process, for the cases that need no separate process. */
async function inProcess(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const program = new Command().exitOverride();
  registerIngest(program);
  registerSearch(program);
  registerExport(program);
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    await program.parseAsync(['node', 'fivew', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { stdout, stderr };
}

const line = (stderr: string, label: string): string | undefined => stderr.split('\n').find((l) => l.startsWith(`${label}:`));

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fivew-ingest-cli-'));
  folder = join(tmp, 'articles');
  cpSync(fixtures, folder, { recursive: true });
  // Bad inputs beside the good ones: empty.txt comes with the fixtures, and a binary file.
  writeFileSync(join(folder, 'scan.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe, 0, 1, 2, 3]));
  db = join(tmp, 'news.db');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});

describe('fivew ingest, search and export', () => {
  it('ingests a folder, reports every failure, and re-ingests idempotently', async () => {
    const missing = join(tmp, 'missing.txt');
    const first = await fivew(['ingest', folder, missing, '--db', db]);
    expect(first.code).toBe(1);
    expect(line(first.stderr, 'read')).toBe('read: 8');
    expect(line(first.stderr, 'stored')).toBe('stored: 5');
    expect(line(first.stderr, 'near-duplicates')).toMatch(/^near-duplicates: 1 /);
    expect(line(first.stderr, 'duplicates')).toMatch(/^duplicates: 0 /);
    expect(line(first.stderr, 'failed')).toBe('failed: 3');
    for (const bad of ['empty.txt', 'scan.txt', 'missing.txt']) {
      expect(first.stderr).toMatch(new RegExp(`^  \\S*${bad.replace('.', '\\.')}: \\S.*$`, 'm'));
    }

    const second = await fivew(['ingest', folder, '--db', db]);
    expect(second.code).toBe(1);
    expect(line(second.stderr, 'stored')).toBe('stored: 0');
    expect(line(second.stderr, 'duplicates')).toMatch(/^duplicates: 5 /);
    expect(line(second.stderr, 'failed')).toBe('failed: 2');

    const store = await openStore(db);
    try {
      expect(await store.counts()).toMatchObject({ articles: 5, analysed: 5, nearDuplicates: 1 });
      const titles = new Map<string, { id: string; duplicateOf: string | null }>();
      for await (const { article } of store.iterate()) titles.set(article.title ?? '', article);
      const a = titles.get('Dockworkers halt cargo at Orsen Bay as wage talks stall')!;
      const b = titles.get('Orsen Bay port strike strands forty ships')!;
      // Whichever copy came first is the original; the other points at it.
      expect([a.duplicateOf, b.duplicateOf].sort()).toEqual([null, a.duplicateOf ? b.id : a.id].sort());
    } finally {
      await store.close();
    }
  });

  it('keeps everything stored before when a later ingest has failures', async () => {
    const more = join(tmp, 'more');
    mkdirSync(more);
    cpSync(join(fixtures, 'kessa-floods.txt'), join(more, 'kessa-floods.txt'));
    writeFileSync(join(more, 'tidal.txt'), 'Tidal barrier opens at Wrenford\n\nWRENFORD, May 2 - The new tidal barrier on the Wren estuary opened on Friday after six years of construction, the regional water board said. Engineers expect it to protect four thousand homes from winter surges.\n');
    writeFileSync(join(more, 'blank.txt'), '   \n\n  ');
    await inProcess(['ingest', more, '--db', db, '--no-analyze']);
    expect(process.exitCode).toBe(1);
    const store = await openStore(db);
    try {
      expect(await store.counts()).toMatchObject({ articles: 6, analysed: 5, notAnalysed: 1 });
    } finally {
      await store.close();
    }
  });

  it('gives every bad input a one-line reason and still stores the good ones beside them', async () => {
    const bad = join(tmp, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'empty.txt'), '');
    writeFileSync(join(bad, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    writeFileSync(join(bad, 'huge.html'), `<html><body><p>${'filler words '.repeat(4_200_000)}</p></body></html>`);
    writeFileSync(join(bad, 'broken.rss'), '<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title><item><title>One</title><description>Text of');
    writeFileSync(
      join(bad, 'malformed.html'),
      '<html><head><title>Mayor opens Tessin ferry line<body><article><h1>Mayor opens Tessin ferry line<p>TESSIN - The mayor of Tessin opened a new ferry line to Orsen Bay on Saturday, cutting the crossing to forty minutes.<p>About two hundred passengers <b>rode the first <i>boat</b>, officials said.</i><div><p>The line will run six times a day.</article',
    );
    writeFileSync(
      join(bad, 'latin1.txt'),
      Buffer.from('Harbour fees rise in Velmar\n\nVELMAR - Port fees in Velmar will rise by five percent, the harbour board said, citing the cost of dredging the caf\xe9 quay.\n', 'latin1'),
    );
    writeFileSync(join(bad, 'good.txt'), 'Library reopens in Drumlin\n\nDRUMLIN, July 9 - The village library in Drumlin reopened on Monday after flood repairs, its trustees said. Volunteers dried and rebound more than two thousand books.\n');
    const before = await openStore(db);
    const countBefore = (await before.counts()).articles;
    await before.close();

    const unreachable = 'http://127.0.0.1:9/news/1';
    const { stderr } = await inProcess(['ingest', bad, unreachable, '--db', db, '--no-analyze']);
    expect(process.exitCode).toBe(1);
    const failures = stderr.split('\n').filter((l) => l.startsWith('  '));
    for (const origin of ['empty.txt', 'image.txt', 'huge.html', 'broken.rss', unreachable]) {
      const reason = failures.find((l) => l.includes(origin));
      expect(reason, `${origin} should be reported`).toMatch(/^ {2}\S.*: \S[^\n]*$/);
    }
    const count = (label: string) => Number(line(stderr, label)?.match(/\d+/)?.[0]);
    expect(count('read')).toBe(8);
    expect(count('stored') + count('duplicates') + count('failed')).toBe(8);
    expect(count('failed')).toBe(failures.length);
    expect(failures.some((l) => l.includes('good.txt'))).toBe(false);

    const after = await openStore(db);
    try {
      expect((await after.counts()).articles).toBe(countBefore + count('stored'));
      expect((await after.search('Drumlin library')).length).toBe(1);
      // What was stored before is all still there.
      expect((await after.search('dockworkers')).length).toBe(3);
    } finally {
      await after.close();
    }
  });

  it('searches and exports what was stored', async () => {
    const search = await inProcess(['search', 'labour', 'court', '--db', db, '--json']);
    const hits = JSON.parse(search.stdout) as Array<{ id: string; title: string; snippet: string }>;
    expect(hits.length).toBe(3);
    expect(hits.every((h) => /\[court\]/i.test(h.snippet))).toBe(true);
    const text = await inProcess(['search', 'estuary', '--db', db]);
    expect(text.stdout).toMatch(/^[0-9a-f]{16} {2}\S+ {2}\S+ {2}Tidal barrier opens at Wrenford\n {4}.*\[estuary\]/);

    const store = await openStore(db);
    const { articles } = await store.counts();
    await store.close();

    const csvFile = join(tmp, 'out.csv');
    await inProcess(['export', '--format', 'csv', '--db', db, '--out', csvFile]);
    const rows = readFileSync(csvFile, 'utf8').split('\r\n');
    expect(rows[0]).toBe('id,url,title,byline,source,published,language,duplicate_of,status,sentences,entities,attributions,events');
    expect(rows.filter(Boolean)).toHaveLength(articles + 1);

    const jsonlFile = join(tmp, 'out.jsonl');
    await inProcess(['export', '--format', 'jsonl', '--db', db, '--out', jsonlFile]);
    const analyses = readFileSync(jsonlFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Analysis);
    expect(analyses).toHaveLength(articles);
    for (const a of analyses) {
      expect(Object.keys(a)).toEqual(['article', 'sentences', 'entities', 'attributions', 'events']);
      expect(a.article.id).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(analyses.filter((a) => a.sentences.length > 0)).toHaveLength(5);
  });

  it('treats bad options and database URLs as usage errors', async () => {
    const unknown = await fivew(['export', '--format', 'xml', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/^fivew: unknown --format xml \(jsonl or csv\b/);
    await expect(inProcess(['search', 'x', '--db', 'mysql://h/db'])).rejects.toThrow(UsageError);
    await expect(inProcess(['search', 'x', '--db', join(tmp, 'nothing.db')])).rejects.toThrow(/no database at/);
    await expect(inProcess(['search', '"":-', '--db', db])).rejects.toThrow(UsageError);
    await expect(inProcess(['ingest', folder, '--db', db, '--published', 'yesterday'])).rejects.toThrow(UsageError);
    await expect(inProcess(['ingest', folder, '--db', 'postgres://nobody@127.0.0.1:1/none'])).rejects.toThrow(/^database postgres:\/\/nobody@127\.0\.0\.1:1\/none: .+/);
  });
});
