import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerExport } from '../src/cli/commands/export.js';
import { registerIngest } from '../src/cli/commands/ingest.js';
import { GDELT_EVENT_COLUMNS } from '../src/export/gdelt.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let tmp = '';

async function run(args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  registerIngest(program);
  registerExport(program);
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'fivew', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'fivew-gdelt-'));
  mkdirSync(join(tmp, 'in'));
  cpSync(join(root, 'test/fixtures/events/summit.txt'), join(tmp, 'in/summit.txt'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('fivew export --format gdelt', () => {
  it('writes one 61-column row per asserted event of the stored articles', { timeout: 120_000 }, async () => {
    const db = join(tmp, 'news.db');
    await run(['ingest', join(tmp, 'in'), '--db', db, '--published', '2024-03-08']);
    const file = join(tmp, 'events.tsv');
    await run(['export', '--format', 'gdelt', '--db', db, '--out', file]);
    const rows = readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toHaveLength(GDELT_EVENT_COLUMNS.length);
    const col = (row: string[], name: (typeof GDELT_EVENT_COLUMNS)[number]): string => row[GDELT_EVENT_COLUMNS.indexOf(name)]!;
    const meeting = rows.find((r) => col(r, 'EventCode') === '040');
    expect(meeting).toBeDefined();
    expect(col(meeting!, 'SQLDATE')).toBe('20240305');
    expect(col(meeting!, 'Actor1CountryCode')).toBe('KEN');
    expect(col(meeting!, 'Actor2CountryCode')).toBe('ETH');
    expect(col(meeting!, 'ActionGeo_FullName')).toBe('Addis Ababa, Ethiopia');
    // The support claimed inside Bekele's quote, the future summit and the negated withdrawal stay out.
    expect(rows.filter((r) => col(r, 'EventRootCode') === '05')).toHaveLength(0);
    expect(rows.filter((r) => col(r, 'EventCode') === '043')).toHaveLength(0);
  });
});
