/**
 * Part-of-speech tags and lemmas for attribution rules: the Doc's syntax
 * layer when the tagger has run, otherwise wink-nlp's tagger (loaded once),
 * aligned to Doc tokens by character offset.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Doc, Sentence } from '../doc/doc.js';

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
    return { upos: namesAreNotVerbs(doc, syntax.upos), lemma, head: syntax.head, deprel: syntax.deprel };
  }
  const tags = winkTags(doc);
  return { ...tags, upos: namesAreNotVerbs(doc, tags.upos) };
}

/**
 * A capitalised word inside a sentence tagged as a verb is nearly always a
 * name the tagger did not know ("…,” Lynch said"); attribution rules lean on
 * verbs as clause boundaries, so such tokens become PROPN.
 */
function namesAreNotVerbs(doc: Doc, upos: string[]): string[] {
  let out: string[] | null = null;
  for (let i = 0; i < doc.tokens.length; i++) {
    if (upos[i] !== 'VERB') continue;
    const t = doc.tokens[i]!;
    const prev = doc.tokens[i - 1];
    if (!prev || prev.sentence !== t.sentence || !/^\p{Lu}\p{Ll}/u.test(t.text)) continue;
    if (/^[“"‘'(:\u2014\u2015-]$/.test(prev.text)) continue;
    out ??= upos.slice();
    out[i] = 'PROPN';
  }
  return out ?? upos;
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

/**
 * First and one-past-last token of sentence s whose chain of heads reaches `root` (the root included).
 * Chains are followed for at most 12 steps, which noun phrases never need more of.
 */
export function subtreeExtent(head: Int32Array, s: Sentence, root: number): { start: number; end: number } {
  let lo = root;
  let hi = root;
  for (let k = s.tokenStart; k < s.tokenEnd; k++) {
    let h = k;
    for (let steps = 0; steps < 12 && h >= 0 && h !== root; steps++) h = head[h]!;
    if (h === root) {
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
    }
  }
  return { start: lo, end: hi + 1 };
}
