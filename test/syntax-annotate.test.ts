import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDoc, type Doc } from '../src/doc/doc.js';
import { annotateSyntax, sentenceWords } from '../src/annotate/syntax.js';

const models = fileURLToPath(new URL('../models/', import.meta.url));
const shipped = existsSync(`${models}parser.bin.gz`) && existsSync(`${models}tagger.bin.gz`);

function parse(text: string): Doc {
  const doc = createDoc(text);
  doc.syntax = annotateSyntax(doc);
  return doc;
}

function find(doc: Doc, word: string, from = 0): number {
  const i = doc.tokens.findIndex((t, k) => k >= from && t.text === word);
  if (i < 0) throw new Error(`no token "${word}" in: ${doc.text}`);
  return i;
}

/** Text of the nominal subject(s) of a token, with their flat/compound name parts. */
function subjectOf(doc: Doc, head: number): string[] {
  const s = doc.syntax!;
  const out: string[] = [];
  doc.tokens.forEach((_, i) => {
    if (s.head![i] !== head || !s.deprel![i]!.startsWith('nsubj')) return;
    const parts = doc.tokens
      .map((t, k) => ({ t, k }))
      .filter(({ k }) => k === i || (s.head![k] === i && /^(flat|compound)/.test(s.deprel![k]!)));
    out.push(parts.map(({ t }) => t.text).join(' '));
  });
  return out;
}

describe.skipIf(!shipped)('syntax annotator on invented news sentences (shipped models)', () => {
  it('post-posed "said X": the speaker is the subject of the cue', () => {
    const doc = parse('“We will rebuild the bridge before the winter,” said Orlan Mebric, the mayor of Tessaly.');
    expect(subjectOf(doc, find(doc, 'said')).join('|')).toMatch(/Mebric/);
  });

  it('post-posed "added X" with a single name', () => {
    const doc = parse('“The talks in Vessa were useful and frank,” added Kareli.');
    expect(subjectOf(doc, find(doc, 'added'))).toEqual(['Kareli']);
  });

  it('"he said" after the quote', () => {
    const doc = parse('The port will reopen on Monday, he said.');
    expect(subjectOf(doc, find(doc, 'said'))).toEqual(['he']);
  });

  it('fronted quote followed by "X said"', () => {
    const doc = parse('"Prices will fall by the end of the year," Darvan Ostik said on Tuesday.');
    expect(subjectOf(doc, find(doc, 'said')).join('|')).toMatch(/Ostik/);
  });

  it('"said in a meeting with Y" attaches the meeting to the saying verb', () => {
    const doc = parse('Darvan Ostik said in a Sunday meeting with Lirean Ambassador to Vessa Tomas Ardel that the border would stay open.');
    const said = find(doc, 'said');
    const meeting = find(doc, 'meeting');
    expect(doc.syntax!.head![meeting]).toBe(said);
    expect(subjectOf(doc, said).join('|')).toMatch(/Ostik/);
  });

  it('apposition: the name, not the title, is the subject', () => {
    const doc = parse('Hanna Velic, the head of the harbour council, said the strike was over.');
    const said = find(doc, 'said');
    expect(subjectOf(doc, said).join('|')).toMatch(/Velic/);
    const head = find(doc, 'head');
    expect(doc.syntax!.deprel![head]).toBe('appos');
  });

  it('relative clause: the modified noun is the subject of the main verb', () => {
    const doc = parse('The minister who resigned on Friday said the plan had failed.');
    const said = find(doc, 'said');
    expect(subjectOf(doc, said)).toEqual(['minister']);
    expect(doc.syntax!.head![find(doc, 'resigned')]).toBe(find(doc, 'minister'));
  });

  it('coordination: the first conjunct is the subject, the second its conj', () => {
    const doc = parse('Mebric and Ostik said they would meet again in March.');
    const said = find(doc, 'said');
    expect(subjectOf(doc, said)).toEqual(['Mebric']);
    expect(doc.syntax!.head![find(doc, 'Ostik')]).toBe(find(doc, 'Mebric'));
    expect(doc.syntax!.deprel![find(doc, 'Ostik')]).toBe('conj');
  });

  it('every sentence is one tree over its own tokens, aligned to Doc tokens', () => {
    const doc = parse('Ships left Velmar at dawn. I’m sure they don’t know, the captain said. See www.velmar-port.example/news for updates.');
    const s = doc.syntax!;
    for (const k of ['upos', 'xpos', 'lemma', 'deprel'] as const) expect(s[k]!.length).toBe(doc.tokens.length);
    expect(s.head!.length).toBe(doc.tokens.length);
    for (const sentence of doc.sentences) {
      let roots = 0;
      for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
        const h = s.head![i]!;
        if (h < 0) roots++;
        else expect(h >= sentence.tokenStart && h < sentence.tokenEnd && h !== i).toBe(true);
      }
      expect(roots).toBe(1);
    }
    expect(s.lemma[find(doc, 'Ships')]).toBe('ship');
    expect(s.lemma[find(doc, 'left')]).toBe('leave');
    expect(s.upos[find(doc, 'Velmar')]).toBe('PROPN');
  });
});

describe('UD-like words from wink tokens', () => {
  it('splits clitics and fused words and keeps character offsets', () => {
    const doc = createDoc("I'm sure we’re gonna win, but they can't. Visit https://velmar-port.example/news/today or write to ops@velmar-port.example.");
    const words = doc.sentences.flatMap((s) => sentenceWords(doc, s));
    for (const w of words) expect(doc.text.slice(w.start, w.end).replace(/’/g, "'")).toBe(w.form);
    const forms = words.map((w) => w.form);
    expect(forms).toEqual(expect.arrayContaining(['I', "'m", 'we', "'re", 'gon', 'na', 'ca', "n't", 'https://velmar-port.example/news/today', 'ops@velmar-port.example']));
    expect(forms).not.toContain("I'm");
    // The sentence-final full stop stays its own word after the address.
    expect(forms[forms.length - 1]).toBe('.');
  });

  it('merges a URL split into pieces within one sentence', () => {
    // wink also ends sentences inside such URLs (a tokenizer matter), so build the Doc by hand.
    const text = 'Details at velmar.example/harbour-news today.';
    const base = createDoc('x');
    const pieces = ['Details', 'at', 'velmar', '.', 'example', '/', 'harbour', '-', 'news', 'today', '.'];
    let at = 0;
    const tokens = pieces.map((p) => {
      const start = text.indexOf(p, at);
      at = start + p.length;
      return { start, end: at, text: p, spaceAfter: text[at] === ' ', sentence: 0 };
    });
    const doc = { ...base, text, tokens, sentences: [{ start: 0, end: text.length, tokenStart: 0, tokenEnd: tokens.length, paragraph: 0 }] };
    const words = sentenceWords(doc, doc.sentences[0]!);
    expect(words.map((w) => w.form)).toEqual(['Details', 'at', 'velmar.example/harbour-news', 'today', '.']);
    expect(words[2]).toMatchObject({ start: 11, end: 38, tokenStart: 2, tokenEnd: 9 });
  });
});
