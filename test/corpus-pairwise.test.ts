import { describe, expect, it } from 'vitest';
import { attributionCovering, pairwiseScores, parseFixture } from '../src/eval/corpus.js';
import type { Analysis } from '../src/analysis.js';

const m = (entries: Array<[string, string]>): Map<string, string> => new Map(entries);

describe('pairwise clustering scores', () => {
  it('counts pairs: gold {a,b,c}{d}, predicted {a,b}{c,d}', () => {
    const s = pairwiseScores(m([['a', '1'], ['b', '1'], ['c', '1'], ['d', '2']]), m([['a', 'x'], ['b', 'x'], ['c', 'y'], ['d', 'y']]));
    // gold pairs ab ac bc; predicted ab cd; correct ab.
    expect(s).toMatchObject({ truePairs: 3, predictedPairs: 2, correctPairs: 1 });
    expect(s.precision).toBeCloseTo(1 / 2);
    expect(s.recall).toBeCloseTo(1 / 3);
    expect(s.f1).toBeCloseTo(0.4);
  });

  it('an item missing from the prediction is a singleton: it costs recall only', () => {
    const s = pairwiseScores(m([['a', '1'], ['b', '1'], ['c', '1']]), m([['a', 'x'], ['b', 'x']]));
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(1 / 3);
  });

  it('a perfect clustering scores 1 whatever the label names', () => {
    const s = pairwiseScores(m([['a', '1'], ['b', '1'], ['c', '2']]), m([['a', 'q'], ['b', 'q'], ['c', 'r']]));
    expect(s.f1).toBe(1);
  });

  it('lumping everything together keeps recall and loses precision', () => {
    const s = pairwiseScores(m([['a', '1'], ['b', '1'], ['c', '2'], ['d', '2']]), m([['a', 'z'], ['b', 'z'], ['c', 'z'], ['d', 'z']]));
    expect(s.recall).toBe(1);
    expect(s.precision).toBeCloseTo(2 / 6);
  });
});

describe('fixture parsing and statement matching', () => {
  it('reads headline, Date and Source lines, then the body', () => {
    const f = parseFixture('x', 'Headline here\nDate: 2026-01-02\nSource: Some Wire\n\nFirst paragraph.\n\nSecond.\n');
    expect(f.article).toMatchObject({ title: 'Headline here', published: '2026-01-02', source: 'Some Wire', text: 'First paragraph.\n\nSecond.' });
  });

  it('a quote belongs to the attribution whose content covers most of it', () => {
    const text = 'Oren Vale said the bridge will open in May. He said tolls would rise.';
    const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    const analysis = {
      article: { text },
      attributions: [
        { id: 'q1', content: { spans: [span('the bridge will open in May')] } },
        { id: 'q2', content: { spans: [span('tolls would rise')] } },
      ],
    } as unknown as Analysis;
    expect(attributionCovering(analysis, 'bridge will open')).toBe('q1');
    expect(attributionCovering(analysis, 'tolls would rise.')).toBe('q2');
    expect(attributionCovering(analysis, 'Oren Vale said')).toBeNull();
  });
});
