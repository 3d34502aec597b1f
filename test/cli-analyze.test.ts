import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analysis.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(join(tmpdir(), 'fivew-analyze-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function analyze(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'analyze', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fivew analyze', () => {
  it('prints the Analysis contract for the example article', () => {
    const r = analyze(['examples/harbour-talks.txt', '--jobs', '1']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as Analysis;
    expect(a.article.title).toBe('Veloria and Castamar agree to reopen northern ferry route');
    expect(a.article.text).not.toContain(a.article.title!);
    for (const s of a.sentences) expect(a.article.text.slice(s.start, s.end).trim().length).toBeGreaterThan(0);
    expect(Object.keys(a).sort()).toEqual(['article', 'attributions', 'entities', 'events', 'sentences']);
  });

  it('codes actors with a user dictionary given by --actors, in worker threads too', () => {
    const dict = join(tmp, 'actors.txt');
    writeFileSync(dict, 'MAREN_HOLT_ [FRAGOV]\n');
    for (const jobs of ['1', '2']) {
      const r = analyze(['examples/harbour-talks.txt', '--actors', dict, '--jobs', jobs]);
      expect(r.code).toBe(0);
      const holt = (JSON.parse(r.stdout) as Analysis).entities.find((e) => e.name === 'Maren Holt');
      expect(holt?.country).toBe('FRA');
    }
    const without = JSON.parse(analyze(['examples/harbour-talks.txt', '--jobs', '1']).stdout) as Analysis;
    expect(without.entities.find((e) => e.name === 'Maren Holt')?.country).not.toBe('FRA');
  });

  it('treats a missing --actors file and a bad --format as usage errors', () => {
    const missing = analyze(['examples/harbour-talks.txt', '--actors', join(tmp, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('--actors');
    expect(analyze(['examples/harbour-talks.txt', '--format', 'xml']).code).toBe(2);
  });

  it('reports an unreadable input on one line, prints the rest and exits 1', () => {
    const empty = join(tmp, 'empty.txt');
    writeFileSync(empty, '');
    const r = analyze(['examples/harbour-talks.txt', empty, '--format', 'jsonl', '--jobs', '1']);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/empty\.txt: .*empty/);
  });
});
