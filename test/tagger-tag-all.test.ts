import { describe, expect, it } from 'vitest';
import { annotateSyntax, defaultSyntaxModels } from '../src/annotate/syntax.js';
import { createDoc } from '../src/doc/doc.js';

// Invented sentences: names, numbers, an unknown compound and a quote, so that both tagger passes score words.
const SENTENCES = [
  ['The', 'Dorvala', 'harbour', 'council', 'approved', 'a', '12-point', 'plan', 'on', 'Tuesday', '.'],
  ['"', 'We', 'will', 'not', 'give', 'up', ',', '"', 'Mirela', 'Oskan', 'told', 'reporters', '.'],
  ['Kestrin-backed', 'fishermen', 'blockaded', 'the', 'port', 'for', 'three', 'days', 'in', '2025', '.'],
  ['HARBOUR', 'TALKS', 'RESUME'],
];

describe('tagger.tagAll', () => {
  it('tags each sentence as tag() does, though every pass runs over all sentences first', () => {
    const { tagger } = defaultSyntaxModels();
    const all = tagger.tagAll(SENTENCES);
    expect(all).toHaveLength(SENTENCES.length);
    SENTENCES.forEach((words, k) => expect(Array.from(all[k]!)).toEqual(Array.from(tagger.tag(words))));
    expect(tagger.tagAll([])).toEqual([]);
  });

  it('gives annotateSyntax the tags of a sentence-by-sentence run', () => {
    const { tagger } = defaultSyntaxModels();
    const doc = createDoc(SENTENCES.map((s) => s.join(' ')).join('\n\n'));
    const layer = annotateSyntax(doc);
    const tagged = doc.sentences.map((s) => tagger.tag(doc.tokens.slice(s.tokenStart, s.tokenEnd).map((t) => t.text)));
    const upos = tagged.flatMap((tags) => Array.from(tags, (c) => tagger.upos[c]!));
    expect(layer.upos.length).toBe(upos.length);
    expect(layer.upos).toEqual(upos);
  });
});
