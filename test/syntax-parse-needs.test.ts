import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../src/analysis.js';
import { sentenceNeedsParse } from '../src/annotate/parse-needs.js';
import { UNPARSED } from '../src/annotate/syntax.js';
import type { Article } from '../src/ingest/article.js';

const models = fileURLToPath(new URL('../models/', import.meta.url));
const shipped = existsSync(`${models}parser.bin.gz`) && existsSync(`${models}tagger.bin.gz`);

describe('sentenceNeedsParse', () => {
  it('accepts a reporting verb only when the tagger calls it a verb', () => {
    expect(sentenceNeedsParse(['Orlan', 'Mebric', 'said', 'no', '.'], ['PROPN', 'PROPN', 'VERB', 'INTJ', 'PUNCT'])).toBe(true);
    expect(sentenceNeedsParse(['The', 'state', 'of', 'Tessaly', '.'], ['DET', 'NOUN', 'ADP', 'PROPN', 'PUNCT'])).toBe(false);
    expect(sentenceNeedsParse(['They', 'state', 'their', 'case', '.'], ['PRON', 'VERB', 'PRON', 'NOUN', 'PUNCT'])).toBe(true);
  });

  it('accepts quotation marks, reporting nouns and "according to"', () => {
    expect(sentenceNeedsParse(['"', 'Never', '"', '.'], ['PUNCT', 'ADV', 'PUNCT', 'PUNCT'])).toBe(true);
    expect(sentenceNeedsParse(['In', 'a', 'statement', ',', 'it', 'agreed', '.'], ['ADP', 'DET', 'NOUN', 'PUNCT', 'PRON', 'VERB', 'PUNCT'])).toBe(true);
    expect(sentenceNeedsParse(['Sales', 'rose', ',', 'according', 'to', 'Kareli', '.'], ['NOUN', 'VERB', 'PUNCT', 'VERB', 'ADP', 'PROPN', 'PUNCT'])).toBe(true);
  });

  it('rejects a sentence with nothing reported', () => {
    expect(sentenceNeedsParse(['Rain', 'fell', 'on', 'Dorvala', '.'], ['NOUN', 'VERB', 'ADP', 'PROPN', 'PUNCT'])).toBe(false);
  });
});

describe.skipIf(!shipped)('analysis parses only the sentences attribution may read', () => {
  const article: Article = {
    url: null,
    title: null,
    byline: null,
    source: null,
    published: '2026-03-03',
    language: 'en',
    text: 'Heavy rain flooded the harbour of Dorvala on Monday.\n\n“The walls will hold,” Orlan Mebric said on Tuesday.',
  };

  it('leaves arcs out of sentences with no quotation or cue, and keeps every other layer', () => {
    const { doc, analysis } = analyzeArticle(article);
    const first = doc.sentences[0]!;
    const second = doc.sentences[1]!;
    const deprel = doc.syntax!.deprel!;
    for (let i = first.tokenStart; i < first.tokenEnd; i++) {
      expect(deprel[i]).toBe(UNPARSED);
      expect(doc.syntax!.head![i]).toBe(-1);
      expect(doc.syntax!.upos[i]).not.toBe('X');
    }
    for (let i = second.tokenStart; i < second.tokenEnd; i++) expect(deprel[i]).not.toBe(UNPARSED);

    // The quote in the parsed sentence is found; entities and events never read arcs, so they do not change.
    expect(analysis.attributions.some((a) => a.cue.text === 'said' && a.speaker?.mention.text.includes('Mebric'))).toBe(true);
    const full = analyzeArticle(article, { syntax: true }).analysis;
    expect(full.tokens!.every((t) => t.deprel !== UNPARSED)).toBe(true);
    expect(full.entities).toEqual(analysis.entities);
    expect(full.events).toEqual(analysis.events);
  });
});
