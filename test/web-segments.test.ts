import { describe, expect, it } from 'vitest';
import { segmentText, speakersOf } from '../src/web/parts/segments.js';
import { buildFixture, FIXTURES } from './fixtures/web/analyses.js';

describe('article reader segments', () => {
  const { article, analysis } = buildFixture(FIXTURES[0]!);
  const segments = segmentText(article.text, analysis);

  it('covers the text exactly once, in order', () => {
    expect(segments.map((s) => s.text).join('')).toBe(article.text);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start).toBe(segments[i - 1]!.end);
  });

  it('ties each quote, mention and trigger to its layer item', () => {
    const quoted = segments.filter((s) => s.quote === 'a1').map((s) => s.text).join('');
    expect(quoted).toBe('"We will not give up a single meter of our coast,"');
    expect(segments.find((s) => s.text === 'met')?.event).toBe('v1');
    expect(segments.find((s) => s.text === 'told')?.quoteHead).toBe('a1');
    expect(segments.filter((s) => s.entity === 'e2').map((s) => s.text)).toEqual(['Colm Verhaegen', 'Verhaegen']);
  });

  it('gives the inner speaker a nested quote, and speakers distinct colours in order of speech', () => {
    const text = 'Lantz said "Droste told me: no deal" today.';
    const nested = segmentText(text, {
      entities: [],
      events: [],
      attributions: [
        { id: 'a1', kind: 'direct', speaker: null, cue: { start: 6, end: 10, text: 'said', lemma: 'say', tense: 'past', negated: false }, content: { spans: [{ start: 11, end: 36 }], text: '' } },
        { id: 'a2', kind: 'direct', speaker: null, cue: { start: 19, end: 23, text: 'told', lemma: 'tell', tense: 'past', negated: false }, content: { spans: [{ start: 28, end: 35 }], text: '' } },
      ],
    });
    expect(nested.find((s) => s.text === 'no deal')?.quote).toBe('a2');
    expect(nested.find((s) => s.text.startsWith('"Droste'))?.quote).toBe('a1');
    const speakers = speakersOf(analysis);
    expect([...speakers.values()].map((s) => [s.name, s.colour])).toEqual([
      ['Anika Droste', 0],
      ['Colm Verhaegen', 1],
    ]);
  });

  it('ignores spans outside the text instead of breaking the page', () => {
    const broken = segmentText('short', { entities: [{ id: 'e1', type: 'PERSON', name: 'X', country: null, sector: null, roles: [], mentions: [{ start: 3, end: 99, text: 'x' }] }], attributions: [], events: [] });
    expect(broken).toEqual([{ start: 0, end: 5, text: 'short', quote: null, quoteHead: null, entity: null, event: null }]);
  });
});
