/**
 * Learned content ends: where the content of a cue-first attribution ("X
 * said that …", "X criticized …") stops. PolNeAR annotators end a content
 * before the reporter's own continuation (", which …", "during the debate",
 * "; the rival …", ", but …") but keep adjuncts that belong to what was said;
 * the rules in attribution.ts propose one end, and an averaged perceptron
 * ranks every token boundary of the sentence (outside quotations) with the
 * rule's choice as one of its features. Trained on PolNeAR train:
 * `npx tsx train/attribution-content.ts` (see models/attribution-content.md).
 */
import { fileURLToPath } from 'node:url';
import type { Doc, Sentence } from '../doc/doc.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import { bestCandidate, hashFeatures, rankerModel } from './attribution-ranker.js';
import type { TokenTags } from './attribution-tags.js';
import type { Quote } from './quotes.js';

export const contentEndModel = rankerModel({
  path: fileURLToPath(new URL('../../models/attribution-content.bin.gz', import.meta.url)),
  kind: 'fivew-attribution-content-end',
  version: 2,
  parts: ['end'],
  assemble: ({ end }) => end,
});

export interface EndCandidate {
  /** Token index just past the content's last token. */
  end: number;
  features: Uint32Array;
}

export interface ContentEndInput {
  doc: Doc;
  tags: TokenTags;
  quotes: Quote[];
  sentence: Sentence;
  /** First content token. */
  from: number;
  /** The rules' end (token index past the content). */
  ruleEnd: number;
  cueLemma: string;
  /** The cue is "say" or "tell": a clausal content keeps its verb ("said Tehran and Beirut believe that …"). */
  clausal?: boolean;
}

function hasVerb(tags: TokenTags, t0: number, t1: number): boolean {
  for (let k = t0; k < t1; k++) if (tags.upos[k] === 'VERB' || tags.upos[k] === 'AUX') return true;
  return false;
}

const TRAILING = /^[.!?,:;]+$/;
/** How far past its start a content may end other than at the rules' end or the sentence end (speed; longer ones are rare). */
const MAX_REACH = 60;
/** Tags that continue a noun phrase on both sides of a boundary. */
const NP_INNER = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);

/** Drop trailing sentence punctuation, commas, colons and semicolons from a token range end. */
export function trimTokenEnd(doc: Doc, t0: number, t1: number): number {
  while (t1 > t0 && TRAILING.test(doc.tokens[t1 - 1]!.text)) t1--;
  return t1;
}

function bucket(n: number): string {
  return n <= 3 ? String(n) : n <= 6 ? '4-6' : n <= 10 ? '7-10' : n <= 20 ? '11-20' : '21+';
}

/** Every place the content could end, each with its features; the rules' end is always among them. */
export function endCandidates(input: ContentEndInput): EndCandidate[] {
  const { doc, tags, quotes, sentence: s, from, ruleEnd, cueLemma } = input;
  const toks = doc.tokens;
  // Lower-cased words of the rest of the sentence, computed once: every candidate reads them.
  const words: string[] = [];
  for (let k = from; k < s.tokenEnd; k++) words.push(toks[k]!.text.toLowerCase().replace(/’/g, "'"));
  const word = (k: number): string => (k < s.tokenEnd ? words[k - from]! : '</s>');
  const pos = (k: number): string => (k < s.tokenEnd ? tags.upos[k]! : '</s>');
  const sentenceEnd = trimTokenEnd(doc, from, s.tokenEnd);
  const first = word(from);
  const firstKind = first === 'that' || first === 'to' ? first : /^(how|why|what|whether|who|when|where|if)$/.test(first) ? 'wh' : /^["“'‘`]+$/.test(first) ? 'quote' : pos(from);
  // Quotations of this sentence only: a content never ends inside one.
  const sentenceQuotes = quotes.filter((q) => q.span.start < s.end && s.start < q.span.end);
  const ends = new Set<number>();
  for (let e = from + 1; e <= s.tokenEnd && e - from <= MAX_REACH; e++) {
    const end = trimTokenEnd(doc, from, e);
    if (end <= from) continue;
    // Inside a noun phrase ("the new | ferry") is never an end; the parse and the rules agree on that.
    if (end < s.tokenEnd && end !== ruleEnd && NP_INNER.has(tags.upos[end]!) && NP_INNER.has(tags.upos[end - 1]!)) continue;
    const at = toks[end - 1]!.end;
    if (sentenceQuotes.some((q) => q.span.start < at && at < q.span.end)) continue;
    ends.add(end);
  }
  ends.add(ruleEnd);
  const lastEnd = trimTokenEnd(doc, from, s.tokenEnd);
  if (lastEnd > from) ends.add(lastEnd);
  // Verbs and commas before each token of the content, verbs after it: prefix counts.
  const n = s.tokenEnd - from;
  const verbsBefore = new Int32Array(n + 1);
  const commasBefore = new Int32Array(n + 1);
  for (let k = from; k < s.tokenEnd; k++) {
    verbsBefore[k - from + 1] = verbsBefore[k - from]! + (tags.upos[k] === 'VERB' || tags.upos[k] === 'AUX' ? 1 : 0);
    commasBefore[k - from + 1] = commasBefore[k - from]! + (toks[k]!.text === ',' ? 1 : 0);
  }
  let mainVerbsTotal = 0;
  for (let k = from; k < s.tokenEnd; k++) if (tags.upos[k] === 'VERB') mainVerbsTotal++;
  // A clause reported by a verb of saying ("said Tehran and Beirut believe that …") keeps its predicate.
  const clausal = input.clausal === true && hasVerb(tags, from, ruleEnd);
  const out: EndCandidate[] = [];
  let mainVerbsSeen = 0;
  let seenUpTo = from;
  for (const end of [...ends].sort((a, b) => a - b)) {
    const verbs = verbsBefore[end - from]!;
    const commas = commasBefore[end - from]!;
    if (clausal && verbs === 0) continue;
    for (; seenUpTo < end; seenUpTo++) if (tags.upos[seenUpTo] === 'VERB') mainVerbsSeen++;
    const verbsAfter = mainVerbsTotal - mainVerbsSeen;
    // The first token after any punctuation the trim dropped: what the content would stop in front of.
    let next = end;
    const punct = next < s.tokenEnd && TRAILING.test(toks[next]!.text) ? word(next) : '-';
    while (next < s.tokenEnd && TRAILING.test(toks[next]!.text)) next++;
    const { attach, crossing } = arcsAt(tags, s, from, end, next);
    const rule = end === ruleEnd ? 'R' : '-';
    const last = end === sentenceEnd ? 'E' : '-';
    const closesQuote = sentenceQuotes.some((q) => q.span.end === toks[end - 1]!.end) ? 'q' : '-';
    const feats = [
      `rule=${rule}`,
      `end=${last}`,
      `rule+end=${rule}|${last}`,
      `p=${punct}`,
      `n=${word(next)}`,
      `np=${pos(next)}`,
      `p+n=${punct}|${word(next)}`,
      `p+np=${punct}|${pos(next)}`,
      `np+np2=${pos(next)}|${pos(next + 1)}`,
      `n+n2=${word(next)}|${word(next + 1)}`,
      `l=${word(end - 1)}`,
      `lp=${pos(end - 1)}`,
      `lp+p+np=${pos(end - 1)}|${punct}|${pos(next)}`,
      `f+np=${firstKind}|${pos(next)}`,
      `f+p+n=${firstKind}|${punct}|${word(next)}`,
      `f+end=${firstKind}|${last}`,
      `v+np=${Math.min(verbs, 2)}|${pos(next)}`,
      `v+p+np=${Math.min(verbs, 2)}|${punct}|${pos(next)}`,
      `va+np=${Math.min(verbsAfter, 2)}|${pos(next)}`,
      `len=${bucket(end - from)}`,
      `f+len=${firstKind}|${bucket(end - from)}`,
      `c=${Math.min(commas, 3)}|${punct}`,
      `cue+np=${cueLemma}|${pos(next)}`,
      `cue+end=${cueLemma}|${last}`,
      `q=${closesQuote}|${last}`,
      `rest=${bucket(sentenceEnd - end)}|${rule}`,
      `att=${attach}`,
      `att+np=${attach}|${pos(next)}`,
      `att+p+n=${attach}|${punct}|${word(next)}`,
      `att+x=${attach}|${crossing}`,
      `att+f=${attach}|${firstKind}|${rule}`,
    ];
    out.push({ end, features: hashFeatures(feats) });
  }
  return out;
}

/**
 * Where the phrase after a candidate end hangs in the parse: climb from its first token while the head
 * lies further right; the head reached is inside the content ('in', so cutting orphans a modifier), before
 * it (the cue's clause: an adjunct of the report), or the root. Also how many content tokens hang on
 * something after the end. 'none' where the sentence was not parsed.
 */
function arcsAt(tags: TokenTags, s: Sentence, from: number, end: number, next: number): { attach: string; crossing: string } {
  const head = tags.head;
  const rel = tags.deprel;
  if (!head || !rel || next >= s.tokenEnd || rel[next] === '_') return { attach: 'none', crossing: 'none' };
  let a = next;
  for (let steps = 0; steps < 40 && head[a]! >= end && head[a]! < s.tokenEnd; steps++) a = head[a]!;
  const h = head[a]!;
  const where = h < 0 ? 'root' : h < from ? 'pre' : h < end ? 'in' : 'post';
  let crossing = 0;
  for (let k = from; k < end; k++) if (head[k]! >= end && head[k]! < s.tokenEnd) crossing++;
  return { attach: `${where}|${rel[a]}`, crossing: String(Math.min(crossing, 2)) };
}

/** The best-scoring candidate's end. */
export function bestEnd(p: AveragedPerceptron, candidates: EndCandidate[]): number {
  return bestCandidate(p, candidates).end;
}

/** The shipped content-end model; null when absent or out of date (the rules decide then). */
export const defaultContentModel = contentEndModel.get;
