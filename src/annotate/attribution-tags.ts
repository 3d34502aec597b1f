/**
 * Part-of-speech tags and lemmas for attribution rules: the Doc's syntax
 * layer when the tagger has run, otherwise wink-nlp's tagger (loaded once),
 * aligned to Doc tokens by character offset.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Doc } from '../doc/doc.js';

export interface TokenTags {
  upos: string[];
  lemma: string[];
  /** Dependency heads and relations, when the parser has run. */
  head?: Int32Array;
  deprel?: string[];
}

type Wink = ReturnType<typeof winkNLP>;
let wink: Wink | null = null;

function getWink(): Wink {
  wink ??= winkNLP(model, ['sbd', 'pos']);
  return wink;
}

export function tokenTags(doc: Doc): TokenTags {
  const syntax = doc.syntax;
  if (syntax && syntax.upos.length === doc.tokens.length) {
    const lemma = syntax.lemma.length === doc.tokens.length ? syntax.lemma : doc.tokens.map((t) => t.text.toLowerCase());
    return { upos: syntax.upos, lemma, head: syntax.head, deprel: syntax.deprel };
  }
  return winkTags(doc);
}

function winkTags(doc: Doc): TokenTags {
  const nlp = getWink();
  const its = nlp.its;
  const wdoc = nlp.readDoc(doc.text);
  const values = wdoc.tokens().out(its.value) as string[];
  const spaces = wdoc.tokens().out(its.precedingSpaces) as string[];
  const pos = wdoc.tokens().out(its.pos) as string[];
  // The lite model's lemma helper is typed for addons; at run time it needs none.
  const lemmas = wdoc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const byStart = new Map<number, number>();
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i]!.length;
    const v = values[i]!;
    const found = doc.text.startsWith(v, at) ? at : doc.text.indexOf(v, at);
    const start = found >= 0 ? found : at;
    byStart.set(start, i);
    at = start + v.length;
  }
  const upos: string[] = [];
  const lemma: string[] = [];
  for (const t of doc.tokens) {
    const w = byStart.get(t.start);
    upos.push(w === undefined ? 'X' : pos[w]!);
    lemma.push(w === undefined ? t.text.toLowerCase() : lemmas[w]!.toLowerCase());
  }
  return { upos, lemma };
}
