/**
 * What the learned attribution rankers share. Each ranker takes one decision
 * the rules in attribution.ts make (where a content starts or ends, how far a
 * cue runs, where a source's edges are), lists the token positions it could
 * be, each with hashed features (the rules' choice among them), and lets a
 * two-class averaged perceptron pick the candidate with the largest margin
 * "yes" − "no". A ranker module supplies only its candidates and features and
 * its model file (`rankerModel`); scoring, hashing and loading live here, and
 * train/attribution-ranker-training.ts trains any of them.
 */
import { existsSync } from 'node:fs';
import { fmix, hashString } from '../models/hash.js';
import { loadModel, type Model } from '../models/model-file.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import type { Doc, Sentence, Span } from '../doc/doc.js';
import type { TokenTags } from './attribution-tags.js';
import type { Quote } from './quotes.js';

/** One position a ranker could choose, with its hashed features. */
export interface RankedCandidate {
  features: Uint32Array;
}

/** Scratch scores for candidateMargin (the perceptrons write into it; a fresh array per candidate was garbage). */
const marginScores = new Float32Array(2);

/** How strongly the perceptron says "this is the place". */
export function candidateMargin(p: AveragedPerceptron, candidate: RankedCandidate): number {
  const s = p.scores(candidate.features, marginScores);
  return s[1]! - s[0]!;
}

/** Index of the best-scoring candidate; the first of equals wins, so choices are deterministic. */
export function bestCandidateIndex(p: AveragedPerceptron, candidates: readonly RankedCandidate[]): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < candidates.length; i++) {
    const score = candidateMargin(p, candidates[i]!);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/** The best-scoring candidate (the list is never empty: the rules' choice is always in it). */
export function bestCandidate<C extends RankedCandidate>(p: AveragedPerceptron, candidates: readonly C[]): C {
  return candidates[bestCandidateIndex(p, candidates)]!;
}

/** Feature strings to the hashed ids the perceptron reads. */
export function hashFeatures(names: readonly string[]): Uint32Array {
  const out = new Uint32Array(names.length);
  for (let k = 0; k < names.length; k++) out[k] = hashString(names[k]!);
  return out;
}

// hashString's FNV-1a constants: the state after a prefix carries on over the rest of a string.
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Each name, and each name again behind `prefix`: the same ids as
 * `hashFeatures(names.flatMap((f) => [f, prefix + f]))` without building the prefixed strings (one pass over
 * each name carries both hashes; the source ranker hashes every feature twice so).
 */
export function hashFeaturesWithPrefixed(names: readonly string[], prefix: string): Uint32Array {
  let start = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) start = Math.imul(start ^ prefix.charCodeAt(i), FNV_PRIME);
  const out = new Uint32Array(names.length * 2);
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    let plain = FNV_OFFSET;
    let prefixed = start;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      plain = Math.imul(plain ^ c, FNV_PRIME);
      prefixed = Math.imul(prefixed ^ c, FNV_PRIME);
    }
    out[2 * k] = fmix(plain);
    out[2 * k + 1] = fmix(prefixed);
  }
  return out;
}

/**
 * A shipped attribution model file, or null when it is absent, switched off (`FIVEW_ATTRIBUTION_RULES_ONLY`)
 * or of another kind or feature version (it would score garbage: the rules decide until it is retrained).
 */
export function loadShippedModel(path: string, kind: string, version: number): Model | null {
  if (process.env.FIVEW_ATTRIBUTION_RULES_ONLY || !existsSync(path)) return null;
  const model = loadModel(path);
  return model.header.kind === kind && model.header.version === version ? model : null;
}

export interface RankerModelSpec<Part extends string, M> {
  path: string;
  /** Written into the file's header; a file of another kind or version is ignored. */
  kind: string;
  version: number;
  /** Names of the perceptrons the file holds (one per decision the ranker makes). */
  parts: readonly Part[];
  /** The model attribution.ts uses, from the file's perceptrons. */
  assemble: (perceptrons: Record<Part, AveragedPerceptron>) => M;
}

export interface RankerModel<Part extends string, M> extends RankerModelSpec<Part, M> {
  /** The model in use: the shipped file's, loaded once; null when absent or out of date (the rules decide then). */
  get: () => M | null;
  /** Use this model (null: the rules) instead of the shipped file, for training and experiments; undefined restores it. */
  set: (model: M | null | undefined) => void;
}

/** A ranker's model file and the slot holding the model attribution runs with. */
export function rankerModel<Part extends string, M>(spec: RankerModelSpec<Part, M>): RankerModel<Part, M> {
  // undefined: not loaded yet (loading is lazy so that rules-only runs never read the file).
  let current: M | null | undefined;
  const load = (): M | null => {
    const model = loadShippedModel(spec.path, spec.kind, spec.version);
    if (!model || !spec.parts.every((part) => model.perceptrons[part])) return null;
    return spec.assemble(model.perceptrons as Record<Part, AveragedPerceptron>);
  };
  return {
    ...spec,
    get: () => {
      if (current === undefined) current = load();
      return current;
    },
    set: (model) => {
      current = model;
    },
  };
}

/** What a ranker's features read of the tokens around its decision. */
export interface SentenceReader {
  word(k: number): string;
  pos(k: number): string;
}

/**
 * Lowercased word (’ read as ') and UPOS of token k of sentence s. Positions outside the sentence read as
 * `before` or `after`: each ranker's model was trained with its own markers, so they are the caller's.
 */
export function sentenceReader(doc: Doc, tags: TokenTags, s: Sentence, before = '<s>', after = '</s>'): SentenceReader {
  const inside = (k: number): boolean => k >= s.tokenStart && k < s.tokenEnd;
  // Each word lowercased once (features read the same few words for every candidate).
  const words: Array<string | undefined> = new Array(s.tokenEnd - s.tokenStart).fill(undefined);
  const word = (k: number): string => {
    if (!inside(k)) return k < s.tokenStart ? before : after;
    let w = words[k - s.tokenStart];
    if (w === undefined) {
      w = doc.tokens[k]!.text.toLowerCase();
      if (w.includes('’')) w = w.replace(/’/g, "'");
      words[k - s.tokenStart] = w;
    }
    return w;
  };
  return {
    word,
    pos: (k) => (inside(k) ? tags.upos[k]! : k < s.tokenStart ? before : after),
  };
}

/** The quotations that overlap sentence s (candidates never leave their sentence, so no other matters). */
export function quotesIn(quotes: readonly Quote[], s: Sentence): Quote[] {
  return quotes.filter((q) => q.span.start < s.end && s.start < q.span.end);
}

/** Whether token k overlaps a content piece, the source or one of `near` quotations: a cue never reaches into them. */
export function cueBarrier(doc: Doc, near: readonly Quote[], content: readonly Span[], source: Span | null): (k: number) => boolean {
  return (k) => {
    const t = doc.tokens[k]!;
    if (content.some((c) => c.start < t.end && t.start < c.end)) return true;
    if (source && source.start < t.end && t.start < source.end) return true;
    return near.some((q) => q.span.start < t.end && t.start < q.span.end);
  };
}
