import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authorMatches,
  authorNames,
  bagOfWordsPrf,
  dateMatches,
  detectLayout,
  extractionTask,
  runExtractionEval,
  shingleCounts,
  shinglePrecision,
  shingleRecall,
  titleMatches,
  words,
} from '../src/eval/extraction.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'html');

describe('body scores', () => {
  it('bag of words: lowercase, Unicode \\w+ tokens, multiset overlap', () => {
    expect(words('Café-owners, naïve_x 42!')).toEqual(['Café', 'owners', 'naïve_x', '42']);
    // gold: a b c d (4 tokens); predicted: a a b x (4 tokens); overlap a, b = 2.
    const s = bagOfWordsPrf('A b c d', 'a A b x');
    expect(s.precision).toBeCloseTo(0.5);
    expect(s.recall).toBeCloseTo(0.5);
    expect(s.f1).toBeCloseTo(0.5);
    expect(bagOfWordsPrf('', '')).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(bagOfWordsPrf('gold text', '').f1).toBe(0);
  });

  it('shingles: case kept, 4-token multisets, counts normalised to sum to 1', () => {
    // gold shingles: [a b c d], [b c d e]; predicted: [a b c d], [b c d X] → tp 1, fp 1, fn 1 → each 1/3.
    const c = shingleCounts('a b c d e', 'a b c d X');
    expect(c.tp).toBeCloseTo(1 / 3);
    expect(c.fp).toBeCloseTo(1 / 3);
    expect(c.fn).toBeCloseTo(1 / 3);
    expect(shinglePrecision(c)).toBeCloseTo(0.5);
    expect(shingleRecall(c)).toBeCloseTo(0.5);
    // Case matters on this layout.
    expect(shingleCounts('A b c d', 'a b c d').tp).toBe(0);
    // Texts shorter than 4 tokens are one shingle.
    expect(shingleCounts('two words', 'two words')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(shinglePrecision({ tp: 0, fp: 0, fn: 0 })).toBe(1);
    expect(shingleRecall({ tp: 0, fp: 1, fn: 0 })).toBe(0);
  });
});

describe('metadata matching', () => {
  it('title: equal after case, whitespace, quote and dash folding', () => {
    expect(titleMatches('Growers’ deal — signed', "growers' deal - signed ")).toBe(true);
    expect(titleMatches('Growers deal signed', 'Growers deal signed | Ledger')).toBe(false);
  });

  it('author: same name set, or one side inside the other', () => {
    expect(authorNames('By Dylan Bailey, MS, RD, FAND')).toEqual(['dylan bailey']);
    expect(authorNames('Danielle DeSiato, Donna Enzmann, and Natalie Nguyen')).toEqual(['danielle desiato', 'donna enzmann', 'natalie nguyen']);
    expect(authorMatches('Natalie Nguyen and Donna Enzmann', 'Donna Enzmann, Natalie Nguyen')).toBe(true);
    expect(authorMatches('Sergio Martínez-Beltrán | The Texas Newsroom', 'Sergio Martinez Beltran')).toBe(true);
    expect(authorMatches('Mike Marshall', 'Mike Marshall, Shipping Expert')).toBe(true);
    expect(authorMatches('Mike Marshall', 'Mike Marsh')).toBe(false);
    expect(authorMatches('Mike Marshall', null)).toBe(false);
  });

  it('date: same calendar day as written, month precision when gold has only a month', () => {
    expect(dateMatches('2025-09-04', '2025-09-04T23:30:00-04:00')).toBe(true);
    expect(dateMatches('2025-09-04', '2025-09-05T01:00:00Z')).toBe(false);
    expect(dateMatches('2025-09', '2025-09-30')).toBe(true);
    expect(dateMatches('2025-09-04', null)).toBe(false);
  });
});

describe('runExtractionEval on our own fixtures', () => {
  it('detects the Zyte layout and scores shingles', () => {
    const dir = join(fixtures, 'zyte');
    expect(detectLayout(dir)).toBe('zyte');
    const out = runExtractionEval(dir);
    expect(out.layout).toBe('zyte');
    expect(out.ours.pages).toBe(2);
    expect(out.ours.titleAccuracy).toBeNull();
    expect(out.ours.bodyPrecision).toBeGreaterThan(0.95);
    expect(out.ours.bodyRecall).toBeGreaterThan(0.95);
  });

  it('detects the WCXB layout and scores body, title, author and date', async () => {
    const dir = join(fixtures, 'wcxb');
    const progress: number[] = [];
    const result = await extractionTask.run({ data: dir, flags: { baseline: 'readability' }, progress: (done) => progress.push(done) });
    expect(progress).toEqual([1, 2]);
    const report = result.report as { layout: string; ours: Record<string, number>; baseline: Record<string, number> };
    expect(report.layout).toBe('wcxb');
    expect(report.ours.bodyF1).toBeGreaterThan(0.95);
    expect(report.ours.titleAccuracy).toBe(1);
    // Only page 0001 has a gold author; page 0002's gold date is not on the page.
    expect(report.ours.authorPages).toBe(1);
    expect(report.ours.authorAccuracy).toBe(1);
    expect(report.ours.datePages).toBe(2);
    expect(report.ours.dateAccuracy).toBe(0.5);
    expect(report.baseline.pages).toBe(2);
    expect(result.text).toContain('WCXB layout');
    expect(result.text).toContain('readability');
  });

  it('honours --limit and rejects unknown baselines', async () => {
    const out = runExtractionEval(join(fixtures, 'wcxb'), { limit: 1 });
    expect(out.ours.pages).toBe(1);
    await expect(extractionTask.run({ data: join(fixtures, 'wcxb'), flags: { baseline: 'nope' }, progress: () => {} })).rejects.toThrow(/unknown baseline/);
    expect(() => detectLayout(fixtures)).toThrow(/no html\/ folder/);
  });
});

// ../shared sits beside the repository root; a fresh clone does not have it.
const wcxb = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'wcxb-dev-articles');

describe.skipIf(!existsSync(wcxb))('WCXB dev pages (../shared)', () => {
  it('reaches the body F1 floor on the first 30 pages', () => {
    const out = runExtractionEval(wcxb, { limit: 30 });
    expect(out.ours.pages).toBe(30);
    expect(out.ours.failures).toBe(0);
    expect(out.ours.bodyF1).toBeGreaterThanOrEqual(0.95);
    expect(out.ours.titleAccuracy).toBeGreaterThanOrEqual(0.8);
  });
});

if (!existsSync(wcxb)) console.warn(`skipping WCXB extraction floor test: ${wcxb} not found`);
