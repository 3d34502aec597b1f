/**
 * Learned source boundaries: where the source phrase before a cue starts and
 * ends. The rules in attribution.ts (`sourceBefore`) find a subject phrase;
 * PolNeAR annotators keep or drop its edges (a fronted description, a time,
 * an apposition, "for his part", a leading conjunction) in ways the rules
 * only partly follow. Two averaged perceptrons rank candidate starts and then
 * candidate ends around the rules' span, each with the rules' choice and the
 * parse (the cue's subject subtree) among their features. Trained on PolNeAR
 * train: `npx tsx train/attribution-source.ts` (see models/attribution-source.md).
 */
import { fileURLToPath } from 'node:url';
import type { Doc, Sentence } from '../doc/doc.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import { bestCandidate, hashFeaturesWithPrefixed, rankerModel, sentenceReader } from './attribution-ranker.js';
import { subtreeExtent, type TokenTags } from './attribution-tags.js';

export interface SourceModel {
  start: AveragedPerceptron;
  end: AveragedPerceptron;
}

export const sourceModel = rankerModel({
  path: fileURLToPath(new URL('../../models/attribution-source.bin.gz', import.meta.url)),
  kind: 'fivew-attribution-source',
  version: 2,
  parts: ['start', 'end'],
  assemble: ({ start, end }): SourceModel => ({ start, end }),
});

export interface SourceCandidate {
  /** A token index: the first source token (start candidates) or one past the last (end candidates). */
  at: number;
  features: Uint32Array;
}

export interface SourceInput {
  doc: Doc;
  tags: TokenTags;
  sentence: Sentence;
  /** The rules' span, token indices [start, end), before or after the cue. */
  start: number;
  end: number;
  /** The cue head token. */
  cue: number;
  /** First token the source may start at (the sentence's, or the one after the cue). */
  floor: number;
  /** First token the source may not reach (the cue's first token, or the sentence end). */
  limit: number;
  /** The source follows its cue ("…, said Mr. Burman, a senior fellow"). */
  after: boolean;
}

/** How far either edge may move from the rules' choice, in tokens. */
const REACH = 8;
const TIME = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|morning|afternoon|evening|night|week|month|year|last|this|earlier|later|then|recently|again)$/;

function kind(word: string, pos: string): string {
  if (TIME.test(word)) return 'time';
  if (/^(,|the|a|an|and|but|or|who|which|that|of|for|in|on|at|by|with|to|as|mr\.|mrs\.|ms\.|dr\.|'s|")$/.test(word)) return word;
  if (/^[“”"'‘’]$/.test(word)) return 'quote';
  return pos;
}

interface Parse {
  /** Leftmost and rightmost token of the cue's subject subtree, or -1. */
  subjStart: number;
  subjEnd: number;
}

/** The cue's nominal subject subtree, where the sentence was parsed. */
function subjectSubtree(tags: TokenTags, s: Sentence, cue: number): Parse {
  const head = tags.head;
  const rel = tags.deprel;
  if (!head || !rel || rel[cue] === '_' || rel[cue] === undefined) return { subjStart: -1, subjEnd: -1 };
  let subj = -1;
  for (let k = s.tokenStart; k < s.tokenEnd; k++) if (head[k] === cue && rel[k]!.startsWith('nsubj')) subj = k;
  if (subj < 0) return { subjStart: -2, subjEnd: -2 };
  const { start, end } = subtreeExtent(head, s, subj);
  return { subjStart: start, subjEnd: end };
}

/** Hashed features, each also marked with the side of the cue the source is on (the two differ a lot). */
function encode(feats: string[], after: boolean): Uint32Array {
  const side = after ? 'A' : 'B';
  return hashFeaturesWithPrefixed(feats, `${side}|`);
}

type Reader = { word: (k: number) => string; pos: (k: number) => string; parse: Parse };
/** One reader per decision: the start and the end rankers share its parse lookup. */
const readers = new WeakMap<SourceInput, Reader>();

function reader(input: SourceInput): Reader {
  const known = readers.get(input);
  if (known) return known;
  const { doc, tags, sentence: s } = input;
  const made = { ...sentenceReader(doc, tags, s), parse: subjectSubtree(tags, s, input.cue) };
  readers.set(input, made);
  return made;
}

function parseMark(parse: Parse, edge: number, which: 'start' | 'end'): string {
  if (parse.subjStart === -1) return 'unparsed';
  if (parse.subjStart === -2) return 'nosubj';
  const ref = which === 'start' ? parse.subjStart : parse.subjEnd;
  const d = edge - ref;
  return d === 0 ? 'at' : d < 0 ? (d < -2 ? '<<' : '<') : d > 2 ? '>>' : '>';
}

/** Candidate starts around the rules' start (the end fixed at the rules' end). */
export function sourceStartCandidates(input: SourceInput): SourceCandidate[] {
  const { sentence: s, start, end, floor, after } = input;
  const { word, pos, parse } = reader(input);
  const out: SourceCandidate[] = [];
  for (let at = Math.max(floor, start - REACH); at < end && at <= start + REACH; at++) {
    if (/^[,;:.)]$/.test(word(at))) continue;
    const rule = at === start ? 'R' : at < start ? '<' : '>';
    let commas = 0;
    for (let k = at; k < end; k++) if (word(k) === ',') commas++;
    const kb = kind(word(at - 1), pos(at - 1));
    const ka = kind(word(at), pos(at));
    const pm = parseMark(parse, at, 'start');
    out.push({
      at,
      features: encode([
        `rule=${rule}`,
        `d=${Math.min(Math.abs(at - start), 4)}|${rule}`,
        `kb=${kb}`,
        `ka=${ka}`,
        `kb+ka=${kb}|${ka}`,
        `pb+pa=${pos(at - 1)}|${pos(at)}`,
        `wa=${word(at)}`,
        `wb=${word(at - 1)}`,
        `c=${Math.min(commas, 3)}`,
        `c+ka=${Math.min(commas, 2)}|${ka}`,
        `len=${Math.min(end - at, 8)}`,
        `sent=${at === s.tokenStart ? 'S' : '-'}`,
        `parse=${pm}`,
        `parse+rule=${pm}|${rule}`,
        `parse+ka=${pm}|${ka}`,
      ], after),
    });
  }
  if (!out.some((c) => c.at === start)) out.push({ at: start, features: encode(['rule=R'], after) });
  return out;
}

/** Candidate ends around the rules' end, for a source starting at `start`. */
export function sourceEndCandidates(input: SourceInput, start: number): SourceCandidate[] {
  const { end, limit, after } = input;
  const { word, pos, parse } = reader(input);
  const out: SourceCandidate[] = [];
  for (let at = start + 1; at <= limit && at <= end + REACH; at++) {
    if (at < end - REACH) continue;
    if (/^[,;:(]$/.test(word(at - 1))) continue;
    const rule = at === end ? 'R' : at < end ? '<' : '>';
    const kl = kind(word(at - 1), pos(at - 1));
    const kn = kind(word(at), pos(at));
    const pm = parseMark(parse, at, 'end');
    out.push({
      at,
      features: encode([
        `rule=${rule}`,
        `d=${Math.min(Math.abs(at - end), 4)}|${rule}`,
        `kl=${kl}`,
        `kn=${kn}`,
        `kl+kn=${kl}|${kn}`,
        `pl+pn=${pos(at - 1)}|${pos(at)}`,
        `wl=${word(at - 1)}`,
        `wn=${word(at)}`,
        `gap=${Math.min(limit - at, 4)}`,
        `gap+kn=${Math.min(limit - at, 2)}|${kn}`,
        `len=${Math.min(at - start, 8)}`,
        `parse=${pm}`,
        `parse+rule=${pm}|${rule}`,
        `parse+kn=${pm}|${kn}`,
      ], after),
    });
  }
  if (!out.some((c) => c.at === end)) out.push({ at: end, features: encode(['rule=R'], after) });
  return out;
}

/** The best-scoring candidate's token index. */
export function bestSourceEdge(p: AveragedPerceptron, candidates: SourceCandidate[]): number {
  return bestCandidate(p, candidates).at;
}

/** The shipped source model; null when absent or out of date (the rules decide then). */
export const defaultSourceModel = sourceModel.get;
