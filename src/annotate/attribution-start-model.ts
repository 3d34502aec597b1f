/**
 * Learned content starts: where the content of a cue-first attribution begins
 * ("told reporters in Windham on Friday [that …]", "urged [voters to …]",
 * "made [the case that …]"). The rules in attribution.ts propose a start;
 * an averaged perceptron ranks the first tokens after the cue, with the rule's
 * choice as one of its features, as the content-end ranker does for ends.
 * Trained on PolNeAR train: `npx tsx train/attribution-content-start.ts`
 * (see models/attribution-content-start.md).
 */
import { fileURLToPath } from 'node:url';
import type { Doc, Sentence } from '../doc/doc.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import { bestCandidate, hashFeatures, quotesIn, rankerModel, sentenceReader } from './attribution-ranker.js';
import type { TokenTags } from './attribution-tags.js';
import type { Quote } from './quotes.js';

export const contentStartModel = rankerModel({
  path: fileURLToPath(new URL('../../models/attribution-content-start.bin.gz', import.meta.url)),
  kind: 'fivew-attribution-content-start',
  version: 1,
  parts: ['start'],
  assemble: ({ start }) => start,
});

export interface StartCandidate {
  /** First content token. */
  start: number;
  features: Uint32Array;
}

export interface ContentStartInput {
  doc: Doc;
  tags: TokenTags;
  quotes: Quote[];
  sentence: Sentence;
  /** The cue's tokens. */
  cueStart: number;
  cueEnd: number;
  /** The first token after the cue (and its colon or comma). */
  from: number;
  /** The rules' start. */
  ruleStart: number;
  cueLemma: string;
}

/** How many tokens past the cue a content may start (longer gaps are rare on PolNeAR train). */
const MAX_GAP = 16;
const PUNCT = /^[.!?,:;)]+$/;
const OPEN_QUOTE = /^["“'‘`]+$/;

function bucket(n: number): string {
  return n <= 3 ? String(n) : n <= 6 ? '4-6' : n <= 10 ? '7-10' : '11+';
}

function kind(word: string, pos: string): string {
  if (word === 'that' || word === 'to' || word === 'for' || word === 'of' || word === 'about' || word === 'on') return word;
  if (/^(how|why|what|whether|who|when|where|if)$/.test(word)) return 'wh';
  if (OPEN_QUOTE.test(word)) return 'quote';
  return pos;
}

/** Every place the content could start, each with its features; the rules' start is always among them. */
export function startCandidates(input: ContentStartInput): StartCandidate[] {
  const { doc, tags, quotes, sentence: s, cueStart, cueEnd, from, ruleStart, cueLemma } = input;
  const toks = doc.tokens;
  const { word, pos } = sentenceReader(doc, tags, s);
  const near = quotesIn(quotes, s);
  const inside = (k: number): boolean => near.some((q) => q.span.start < toks[k]!.start && toks[k]!.start < q.span.end);
  const starts = new Set<number>([ruleStart]);
  for (let k = from; k < s.tokenEnd && k - from <= MAX_GAP; k++) {
    if (PUNCT.test(toks[k]!.text) || inside(k)) continue;
    starts.add(k);
  }
  const head = tags.head;
  const rel = tags.deprel;
  const parsed = head !== undefined && rel !== undefined && rel[cueStart] !== '_' && rel[cueStart] !== undefined;
  const cueHead = cueEnd - 1;
  // Where a token hangs: on the cue, on a token skipped before it, inside what would be the content, or elsewhere.
  const hang = (k: number, start: number): string => {
    if (!parsed) return 'none';
    const h = head[k]!;
    if (h >= cueStart && h < cueEnd) return `cue|${rel[k]}`;
    if (h >= from && h < start) return `skip|${rel[k]}`;
    if (h >= start) return `in|${rel[k]}`;
    return `out|${rel[k]}`;
  };
  let thatAt = -1;
  for (let k = from; k < s.tokenEnd && k - from <= MAX_GAP; k++) {
    if (word(k) === 'that') {
      thatAt = k;
      break;
    }
  }
  const out: StartCandidate[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    let verbs = 0;
    let commas = 0;
    for (let k = from; k < start; k++) {
      if (tags.upos[k] === 'VERB' || tags.upos[k] === 'AUX') verbs++;
      if (toks[k]!.text === ',') commas++;
    }
    const w = word(start);
    const p = pos(start);
    const kd = kind(w, p);
    const rule = start === ruleStart ? 'R' : start < ruleStart ? '<' : '>';
    const gap = bucket(start - from);
    const that = thatAt < 0 ? 'none' : thatAt === start ? 'here' : thatAt < start ? 'skipped' : 'later';
    const hangs = hang(start, start);
    const feats = [
      `rule=${rule}`,
      `gap=${gap}`,
      `rule+gap=${rule}|${gap}`,
      `k=${kd}`,
      `w=${w}`,
      `p=${p}`,
      `p-1=${pos(start - 1)}`,
      `w-1=${word(start - 1)}`,
      `p-1+p=${pos(start - 1)}|${p}`,
      `p-1+k=${pos(start - 1)}|${kd}`,
      `w-1+k=${word(start - 1)}|${kd}`,
      `p+1=${p}|${pos(start + 1)}`,
      `k+rule=${kd}|${rule}`,
      `cue+k=${cueLemma}|${kd}`,
      `cue+gap=${cueLemma}|${gap}`,
      `cue+p-1=${cueLemma}|${pos(start - 1)}`,
      `cw+k=${word(cueHead)}|${kd}`,
      `v=${Math.min(verbs, 2)}|${kd}`,
      `c=${Math.min(commas, 2)}|${kd}`,
      `that=${that}`,
      `that+k=${that}|${kd}`,
      `first=${kind(word(from), pos(from))}|${gap}`,
      `hang=${hangs}`,
      `hang+k=${hangs}|${kd}`,
      `hang-1=${start > from ? hang(start - 1, start) : 'cue'}`,
    ];
    out.push({ start, features: hashFeatures(feats) });
  }
  return out;
}

/** The best-scoring candidate's start. */
export function bestStart(p: AveragedPerceptron, candidates: StartCandidate[]): number {
  return bestCandidate(p, candidates).start;
}

/** The shipped content-start model; null when absent or out of date (the rules decide then). */
export const defaultStartModel = contentStartModel.get;
