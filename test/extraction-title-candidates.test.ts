import { describe, expect, it } from 'vitest';
import { parseTree } from '../src/ingest/html/tree.js';
import { collectCandidates, rankingExample } from '../src/ingest/html/title-candidates.js';
import type { TitleInputs } from '../src/ingest/html/title.js';

/** Title inputs for an invented page: its metadata titles (JSON-LD, og, twitter, other meta, <title>) and body markup. */
function inputs(metaTitles: (string | null)[], body: string): TitleInputs {
  const page = parseTree(`<html><body>${body}</body></html>`);
  return { metaTitles, siteNames: ['Velmar Courier'], host: 'velmarcourier.example', all: page.all };
}

describe('title candidates', () => {
  it('offers each metadata title as written, without its site part and its first segment, merged across sources', () => {
    const found = collectCandidates(inputs([null, 'Late ferry added', null, null, 'Late ferry added – Night routes | Velmar Courier'], '<h1>Harbour board adds a late ferry</h1>'));
    const byText = new Map(found.map((c) => [c.text, [...c.from].sort()]));
    expect(byText.get('Late ferry added')).toEqual(['og', 'title-first']);
    expect(byText.get('Late ferry added – Night routes')).toEqual(['title-siteless', 'title-unpiped']);
    expect(byText.get('Late ferry added – Night routes | Velmar Courier')).toEqual(['title']);
    expect(byText.get('Harbour board adds a late ferry')).toEqual(['h1']);
  });

  it('finds the heading that shows a metadata title, even with other punctuation, and skips navigation headings', () => {
    const found = collectCandidates(inputs([null, 'How much is a ferry pass', null, null, null], '<nav><h2>Ferry passes</h2></nav><h1>How much is a ferry pass?</h1>'));
    const meta = found.find((c) => c.from.has('og'))!;
    expect(meta.level).toBe(1);
    expect(meta.shownAt).toBe(0);
    expect(found.some((c) => c.text === 'Ferry passes')).toBe(false);
  });

  it('always includes the rules\' choice and marks it for the ranker', () => {
    const example = rankingExample(inputs([null, 'Late ferry added', null, null, null], '<h1>Harbour board adds a late ferry</h1>'), 'Harbour board adds a late ferry');
    const chosen = example.candidates.findIndex((c) => c.text === 'Harbour board adds a late ferry');
    expect(example.features[chosen]).toContain('rules');
    const other = example.candidates.findIndex((c) => c.text === 'Late ferry added');
    expect(example.features[other]).toContain('not-rules');
    expect(example.features[other]).toContain('shown=0');
  });
});
