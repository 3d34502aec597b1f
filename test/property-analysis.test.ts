/**
 * Property: for random and mutated articles, every span in the Analysis lies
 * inside the text, in order, and its `text` is exactly the text it points at.
 * Inputs are small so thousands of cases run in seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeArticle, type Analysis } from '../src/analysis.js';
import type { Article } from '../src/ingest/article.js';

const RUNS = Number(process.env.FIVEW_PROPERTY_RUNS ?? 1);

const PIECES = [
  'Mirela Oskan', 'Pavel Renke', 'the harbour council', 'Dorvala', 'Kestrin', 'the Ministry of Ports', 'Velmar Shipping Ltd',
  'said', 'told reporters', 'warned', 'denied', 'announced', 'met', 'attacked', 'signed an agreement with', 'accused',
  'on Tuesday', 'in March', 'last year', 'on 3 May 2025', '"We will not give up,"', '"No," she said.', '“Never again,”',
  'according to officials', 'in a statement', 'he added', ',', '.', '!', '?', ';', ' - ', '(', ')', "'", '"', '\n\n', '\n', ' ',
  'U.S.', 'Dr.', 'e.g.', '3.5%', '$12 million', 'https://example.org/a', '#tag', '@user', 'émigré', 'Zürich', '東京', '🙂', '\u00a0', '\t',
];

/** Wire-style text made of name/verb/quote pieces, then lightly mutated at the character level. */
const text = fc
  .tuple(
    fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }),
    fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('drop', 'dup', 'insert'), ch: fc.constantFrom('\u0000', '\uD800', '\r', '"', '.', 'A', ' ', '\u200b', '\uFFFD') }), { maxLength: 4 }),
  )
  .map(([parts, edits]) => {
    let s = parts.join(' ');
    for (const e of edits) {
      if (s.length === 0) break;
      const at = e.at % s.length;
      if (e.op === 'drop') s = s.slice(0, at) + s.slice(at + 1);
      else if (e.op === 'dup') s = s.slice(0, at) + s[at] + s.slice(at);
      else s = s.slice(0, at) + e.ch + s.slice(at);
    }
    return s;
  });

const article = fc.record({
  text: fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: fc.string({ maxLength: 120, unit: 'binary' }) }),
  published: fc.constantFrom(null, '2026-03-03', '1999-12-31'),
  language: fc.constantFrom(null, 'en', 'en', 'de'),
}).map((a): Article => ({ url: null, title: null, byline: null, source: null, published: a.published, language: a.language, text: a.text }));

function checkSpan(text: string, span: { start: number; end: number; text?: string }, what: string): void {
  expect(Number.isInteger(span.start) && Number.isInteger(span.end), what).toBe(true);
  expect(span.start, what).toBeGreaterThanOrEqual(0);
  expect(span.end, what).toBeGreaterThanOrEqual(span.start);
  expect(span.end, what).toBeLessThanOrEqual(text.length);
  if (span.text !== undefined) expect(span.text, what).toBe(text.slice(span.start, span.end));
}

function checkOrdered(spans: Array<{ start: number; end: number }>, what: string): void {
  for (let i = 1; i < spans.length; i++) expect(spans[i]!.start, what).toBeGreaterThanOrEqual(spans[i - 1]!.end);
}

function checkAnalysis(a: Analysis): void {
  const text = a.article.text;
  for (const s of a.sentences) checkSpan(text, s, 'sentence');
  checkOrdered(a.sentences, 'sentences');
  for (const e of a.entities) {
    for (const m of e.mentions) checkSpan(text, m, `mention of ${e.id}`);
  }
  const ids = new Set(a.entities.map((e) => e.id));
  for (const at of a.attributions) {
    checkSpan(text, at.cue, 'cue');
    if (at.speaker) {
      checkSpan(text, at.speaker.mention, 'speaker');
      if (at.speaker.entity !== null) expect(ids.has(at.speaker.entity), 'speaker entity').toBe(true);
    }
    for (const c of at.content.spans) checkSpan(text, c, 'content');
    checkOrdered(at.content.spans, 'content spans');
  }
  for (const ev of a.events) checkSpan(text, ev.trigger, `trigger of ${ev.id}`);
}

describe('every span of an Analysis lies inside its text', () => {
  it('for random and mutated articles', () => {
    fc.assert(
      fc.property(article, (a) => {
        checkAnalysis(analyzeArticle(a).analysis);
      }),
      { numRuns: 4000 * RUNS },
    );
  }, 120_000);
});
