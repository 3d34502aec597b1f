import { describe, expect, it } from 'vitest';
import { canonicalSpans, parseBrat, scoreDocuments, type SpanAttribution } from '../src/eval/polnear.js';

const text = 'Ana Lind said the port will close. Critics warned of long delays.';
const at = (s: string): { start: number; end: number } => {
  const start = text.indexOf(s);
  if (start < 0) throw new Error(s);
  return { start, end: start + s.length };
};
const brat = (label: string, s: string, id: number): string => {
  const { start, end } = at(s);
  return `T${id}\t${label} ${start} ${end}\t${s}`;
};

const ann = [
  brat('Source', 'Ana Lind', 1),
  brat('Cue', 'said', 2),
  brat('Content', 'the port will close', 3),
  brat('Attribution', 'said', 4),
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  brat('Source', 'Critics', 5),
  brat('Cue', 'warned', 6),
  brat('Content', 'of long delays', 7),
  brat('Attribution', 'warned', 8),
  'E2\tAttribution:T8 Cue:T6 Content:T7 Source:T5',
  '#1\tAnnotatorNotes T3\ta note',
].join('\n');

describe('parseBrat', () => {
  it('reads text-bound spans, events, discontiguous spans, continuation lines and source-less attributions', () => {
    const gold = parseBrat(ann);
    expect(gold).toHaveLength(2);
    expect(gold[0]).toEqual({ source: [at('Ana Lind')], cue: [at('said')], content: [at('the port will close')] });
    const odd = parseBrat('T1\tCue 5 9\tsaid\nT2\tContent 0 4;10 20\tfirst\nsecond line\nE1\tAttribution-no-source:T9 Cue:T1 Content:T2\nE2\tAttribution-no-source:T3 ');
    expect(odd).toEqual([{ source: null, cue: [{ start: 5, end: 9 }], content: [{ start: 0, end: 4 }, { start: 10, end: 20 }] }]);
  });

  it('canonicalises spans: trims whitespace, sorts and merges touching pieces', () => {
    expect(canonicalSpans('ab  cd ef', [{ start: 6, end: 9 }, { start: 0, end: 4 }, { start: 1, end: 6 }])).toEqual([
      { start: 0, end: 6 },
      { start: 7, end: 9 },
    ]);
  });
});

describe('scoreDocuments', () => {
  it('aligns by content overlap and computes exact, token and end-to-end scores', () => {
    const predicted: SpanAttribution[] = [
      { source: [at('Ana Lind')], cue: [at('said')], content: [at('the port will close')] },
      { source: [at('Critics')], cue: [at('warned of')], content: [at('long delays')] },
      { source: null, cue: [at('said')], content: [at('Ana Lind')] },
    ];
    const r = scoreDocuments([{ text, gold: parseBrat(ann), predicted }]);
    expect(r.all.attributions).toEqual({ predicted: 3, gold: 2, aligned: 2 });
    expect(r.all.source).toMatchObject({ tp: 2, predicted: 2, gold: 2, f1: 1 });
    expect(r.all.cue).toMatchObject({ tp: 1, predicted: 3, gold: 2, precision: 0.3333, recall: 0.5, f1: 0.4 });
    expect(r.all.content).toMatchObject({ tp: 1, f1: 0.4 });
    // Tokens: predicted 4 + 2 + 2, gold 4 + 3, overlapping 4 + 2.
    expect(r.all.contentTokens).toMatchObject({ tp: 6, predicted: 8, gold: 7, precision: 0.75, recall: 0.8571 });
    // Both aligned pairs overlap ≥ 0.5 (Dice) with overlapping sources; the spurious one counts against precision.
    expect(r.all.endToEnd).toMatchObject({ tp: 2, precision: 0.6667, recall: 1 });
    expect(r.speechVerbs.attributions.gold).toBe(2);
  });
});
