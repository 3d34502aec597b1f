import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { bilouSpans, bilouTags, iobSpans, parseConll, readConllFile } from '../src/models/ner-conll.js';
import { formatScores, scoreSpans } from '../src/eval/conll.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'ner');

describe('CoNLL reading', () => {
  it('splits documents and sentences and keeps token and tag columns', () => {
    const docs = readConllFile(join(fixtures, 'tiny-gold.iob'));
    expect(docs).toHaveLength(1);
    expect(docs[0]!.sentences.map((s) => s.words.length)).toEqual([6, 8]);
    expect(docs[0]!.sentences[1]!.words[5]).toBe('Brandt');
    expect(docs[0]!.sentences[1]!.tags[5]).toBe('B-PER');
  });

  it('rejects a line without an NER tag, naming the line', () => {
    expect(() => parseConll('Marta NNP I-NP I-PER\nQuell NNP\n', 'bad.iob')).toThrow(/bad\.iob:2/);
  });

  it('reads IOB1 chunks by conlleval rules', () => {
    // I- after O opens a chunk; B- splits two adjacent chunks of one type; a type change opens a chunk.
    expect(iobSpans(['I-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC', 'I-ORG'])).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 3, end: 4, type: 'LOC' },
      { start: 4, end: 5, type: 'LOC' },
      { start: 5, end: 6, type: 'ORG' },
    ]);
  });

  it('round-trips spans through BILOU tags', () => {
    const spansArb = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom('PER', 'ORG', 'LOC', 'MISC')), { maxLength: 6 })
      .map((parts) => {
        let at = 0;
        return parts.map(([gap, len, type]) => {
          const start = at + gap;
          at = start + len;
          return { start, end: start + len, type };
        });
      });
    fc.assert(
      fc.property(spansArb, (spans) => {
        const n = spans.length ? spans[spans.length - 1]!.end + 1 : 3;
        expect(bilouSpans(bilouTags(spans, n))).toEqual(spans);
      }),
    );
  });
});

describe('conlleval-style scoring', () => {
  it('counts exact-span exact-type matches, overall and per type', () => {
    const gold = readConllFile(join(fixtures, 'tiny-gold.iob'))[0]!.sentences.map((s) => iobSpans(s.tags));
    const pred = readConllFile(join(fixtures, 'tiny-pred.iob'))[0]!.sentences.map((s) => iobSpans(s.tags));
    const scores = scoreSpans(gold, pred);
    // Gold: Marta Quell/PER, Orsen Bay/LOC, Harbour Union/ORG, Ivo/PER, Brandt Kessa/PER.
    // Predicted: Marta Quell/PER (right), Orsen Bay/ORG (wrong type), Harbour Union/ORG (right), Ivo Brandt Kessa/PER (wrong span).
    expect(scores.overall).toMatchObject({ gold: 5, predicted: 4, correct: 2 });
    expect(scores.overall.precision).toBeCloseTo(0.5);
    expect(scores.overall.recall).toBeCloseTo(0.4);
    expect(scores.overall.f1).toBeCloseTo(0.4444, 4);
    expect(scores.types.PER).toMatchObject({ gold: 3, predicted: 2, correct: 1 });
    expect(scores.types.PER!.f1).toBeCloseTo(0.4);
    expect(scores.types.ORG).toMatchObject({ gold: 1, predicted: 2, correct: 1, recall: 1 });
    expect(scores.types.LOC).toMatchObject({ gold: 1, predicted: 0, correct: 0, precision: 0, f1: 0 });
    expect(formatScores(scores)).toMatch(/overall: precision +50\.00 +recall +40\.00 +F1 +44\.44/);
  });

  it('gives F1 1 for identical input and refuses misaligned sentences', () => {
    const gold = [[{ start: 0, end: 2, type: 'PER' }], []];
    expect(scoreSpans(gold, gold).overall.f1).toBe(1);
    expect(() => scoreSpans(gold, [[]])).toThrow();
  });
});
