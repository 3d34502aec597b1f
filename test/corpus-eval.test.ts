import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeFixtures, loadCorpusFixtures, scoreCorpus, scoreCorpusIncremental } from '../src/eval/corpus.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures/corpus');

describe('corpus layer on the labelled fixture set', () => {
  it('reaches the issue floors: story F1 >= 0.90, claim F1 >= 0.85, labelled actors linked', { timeout: 180_000 }, () => {
    const { articles, labels } = loadCorpusFixtures(dir);
    expect(articles.length).toBeGreaterThanOrEqual(60);
    const report = scoreCorpus(analyzeFixtures(articles), labels);
    expect(report.stories.f1).toBeGreaterThanOrEqual(0.9);
    expect(report.claims.f1).toBeGreaterThanOrEqual(0.85);
    expect(report.actors.linked).toBe(report.actors.labelled);
  });

  it('keeps the floors when the set arrives ten at a time in date order and each batch is placed incrementally', { timeout: 180_000 }, async () => {
    const { articles, labels } = loadCorpusFixtures(dir);
    const report = await scoreCorpusIncremental(analyzeFixtures(articles), labels, 10);
    expect(report.refreshes[0]).toBe('full');
    expect(report.refreshes.slice(1)).toEqual(Array(report.refreshes.length - 1).fill('incremental'));
    expect(report.stories.f1).toBeGreaterThanOrEqual(0.9);
    expect(report.claims.f1).toBeGreaterThanOrEqual(0.85);
  });

  it('every labelled quote is in its article, every labelled article exists', () => {
    const { articles, labels } = loadCorpusFixtures(dir);
    const byName = new Map(articles.map((a) => [a.name, a.article.text]));
    expect(labels.stories.flatMap((s) => s.articles).sort()).toEqual([...byName.keys()].sort());
    for (const c of labels.claims) for (const s of c.statements) expect(byName.get(s.article), `${c.id} ${s.article}`).toContain(s.quote);
  });
});
