import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeArticle } from '../src/analysis.js';
import type { Article } from '../src/ingest/article.js';
import { orderedMap } from '../src/parallel/ordered.js';
import { createAnalysisPool, createWorkerPool, parseJobs, shareModelsInThread } from '../src/parallel/pool.js';
import { pipelineModelFiles } from '../src/parallel/shared-models.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('orderedMap', () => {
  it('keeps input order and never has more than `window` calls in flight or pulled ahead', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(5), { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), async (delays, window) => {
        let running = 0;
        let peak = 0;
        let pulled = 0;
        let yielded = 0;
        let maxAhead = 0;
        function* source() {
          for (const d of delays) {
            pulled++;
            maxAhead = Math.max(maxAhead, pulled - yielded);
            yield d;
          }
        }
        const out: number[] = [];
        let i = 0;
        for await (const v of orderedMap(source(), async (d) => {
          const index = i++;
          running++;
          peak = Math.max(peak, running);
          await sleep(d);
          running--;
          return index;
        }, window)) {
          out.push(v);
          yielded++;
        }
        expect(out).toEqual(delays.map((_, k) => k));
        expect(peak).toBeLessThanOrEqual(window);
        expect(maxAhead).toBeLessThanOrEqual(window);
      }),
      { numRuns: 60 },
    );
  });

  it('surfaces a failure in its turn', async () => {
    const seen: number[] = [];
    const run = async () => {
      for await (const v of orderedMap([1, 2, 3], async (n) => {
        if (n === 2) throw new Error('boom');
        return n;
      }, 3)) seen.push(v);
    };
    await expect(run()).rejects.toThrow('boom');
    expect(seen).toEqual([1]);
  });
});

describe('parseJobs', () => {
  it('accepts whole numbers and rejects the rest', () => {
    expect(parseJobs('2')).toBe(2);
    expect(parseJobs(undefined)).toBeGreaterThanOrEqual(1);
    for (const bad of ['0', '-1', '1.5', 'two', '']) expect(parseJobs(bad)).toBeNull();
  });
});

function article(i: number): Article {
  const places = ['Dorvala', 'Kestrin', 'Mavrona'];
  const where = places[i % places.length]!;
  return {
    url: null,
    title: `Harbour talks ${i}`,
    byline: null,
    source: null,
    published: '2026-03-0' + ((i % 9) + 1),
    language: 'en',
    text: `Dock workers in ${where} ended a ${i + 2}-day strike on Tuesday, the harbour council said.\n\n"We will return to work tomorrow," said Ilse Marnova, a union spokeswoman.`,
  };
}

describe('analysis pool', () => {
  it('gives, on two worker threads and in input order, exactly the in-thread analyses', async () => {
    const articles = Array.from({ length: 6 }, (_, i) => article(i));
    const pool = createAnalysisPool(2);
    try {
      expect(pool.workers).toBe(2);
      const got = [];
      for await (const r of orderedMap(articles, (a) => pool.analyze(a, { timings: true }), 4)) got.push(r);
      expect(got.map((r) => r.analysis)).toEqual(articles.map((a) => analyzeArticle(a).analysis));
      expect(Object.keys(got[0]!.timings ?? {})).toContain('entities');
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('runs one job on a worker thread when asked (the bench keeps models out of its own thread)', async () => {
    const articles = Array.from({ length: 2 }, (_, i) => article(i));
    expect(createAnalysisPool(1).workers).toBe(0);
    const pool = createWorkerPool(1);
    try {
      expect(pool.workers).toBe(1);
      const got = await Promise.all(articles.map((a) => pool.analyze(a, { syntax: true })));
      expect(got.map((r) => r.analysis)).toEqual(articles.map((a) => analyzeArticle(a, { syntax: true }).analysis));
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('shares every model file the pipeline loads, decoded by a thread of its own into shared memory', async () => {
    const sharing = shareModelsInThread();
    const models = await sharing.models;
    await sharing.stop();
    const files = pipelineModelFiles();
    expect(files.some((f) => f.endsWith('tagger.bin.gz'))).toBe(true);
    expect(Object.keys(models).sort()).toEqual([...files].sort());
    for (const model of Object.values(models)) {
      for (const p of Object.values(model.perceptrons)) expect(p.keys.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  }, 60_000);

  it('refuses work once closed', async () => {
    const pool = createAnalysisPool(2);
    await pool.close();
    await expect(pool.analyze(article(0))).rejects.toThrow(/closed/);
  });
});
