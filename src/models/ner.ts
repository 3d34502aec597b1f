/**
 * Named-entity tagger: an averaged perceptron over BILOU tags of CoNLL's
 * four types (PER, ORG, LOC, MISC), trained greedily left to right with the
 * previous two predicted tags and the document's prediction history as
 * features, decoded with a small beam over locally normalised scores.
 * Transitions that break BILOU are never predicted.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadModel, saveModel } from './model-file.js';
import { Gazetteer } from '../knowledge/gazetteer.js';
import { nerGazetteerLists, type GazetteerList } from '../knowledge/lexicon.js';
import { AveragedPerceptron } from './perceptron.js';
import { WORD_CACHE_WORDS } from './word-cache.js';
import { bilouSpans, type TypedSpan } from './ner-conll.js';
import {
  DEFAULT_FEATURE_SETTINGS,
  WordTable,
  docStats,
  historyFeatures,
  dropGazetteerMatches,
  sentenceContext,
  staticFeatures,
  tagFeatures,
  type WordLexicons,
  NO_LEXICONS,
  type DocStats,
  type WordInfo,
  type FeatureSettings,
} from './ner-features.js';

export const NER_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof NER_TYPES)[number];
const PREFIXES = ['B', 'I', 'L', 'U'] as const;
/** Class 0 is O; class 1 + 4·type + prefix is PREFIX-TYPE. */
export const NER_TAGS: readonly string[] = ['O', ...NER_TYPES.flatMap((t) => PREFIXES.map((p) => `${p}-${t}`))];
const N_CLASSES = NER_TAGS.length;
const START = N_CLASSES; // the "tag" before the first token

export const NER_MODEL_KIND = 'fivew-ner';
export const NER_MODEL_VERSION = 1;

/** allowed[prev * N + cur]: BILOU well-formedness, with START behaving like O. */
const allowed: Uint8Array = (() => {
  const a = new Uint8Array((N_CLASSES + 1) * N_CLASSES);
  for (let prev = 0; prev <= N_CLASSES; prev++) {
    const inside = prev !== START && prev > 0 && ((prev - 1) % 4 === 0 || (prev - 1) % 4 === 1);
    const prevType = prev > 0 && prev !== START ? Math.floor((prev - 1) / 4) : -1;
    for (let cur = 0; cur < N_CLASSES; cur++) {
      const curPrefix = cur === 0 ? -1 : (cur - 1) % 4;
      const curType = cur === 0 ? -1 : Math.floor((cur - 1) / 4);
      const continues = curPrefix === 1 || curPrefix === 2;
      a[prev * N_CLASSES + cur] = inside ? (continues && curType === prevType ? 1 : 0) : continues ? 0 : 1;
    }
  }
  return a;
})();

/**
 * The allowed tags plus O: inside a chunk only its continuations are allowed, and a softmax over those
 * two alone gives a wrongly opened chunk's continuation a probability near 1 (label bias), whereas
 * O's score there says the chunk should have ended.
 */
const allowedOrOutside: Uint8Array = (() => {
  const a = allowed.slice();
  for (let prev = 0; prev <= N_CLASSES; prev++) a[prev * N_CLASSES] = 1;
  return a;
})();

/** Entity type index (1..4) of a class, 0 for O: what the history remembers. */
function classType(c: number): number {
  return c === 0 ? 0 : 1 + Math.floor((c - 1) / 4);
}

export function tagIndex(tag: string): number {
  const i = NER_TAGS.indexOf(tag);
  if (i < 0) throw new Error(`unknown NER tag ${tag}`);
  return i;
}

/** The prediction history of one document: per capitalised word (hashed lowercase form), how often each label was given. */
class History {
  private readonly counts = new Map<number, Int32Array>();
  get(info: WordInfo): number {
    if (!info.cap) return -1;
    const c = this.counts.get(info.lower);
    if (!c) return -1;
    let best = 0;
    for (let k = 1; k < c.length; k++) if (c[k]! > c[best]!) best = k;
    return best;
  }
  /** This history minus one sentence's own labels (only the words of that sentence are copied). */
  without(infos: readonly WordInfo[], classes: readonly number[]): History {
    const rest = new History();
    for (const info of infos) {
      const c = info.cap ? this.counts.get(info.lower) : undefined;
      if (c && !rest.counts.has(info.lower)) rest.counts.set(info.lower, c.slice());
    }
    infos.forEach((info, i) => {
      const c = info.cap ? rest.counts.get(info.lower) : undefined;
      if (c) c[classType(classes[i]!)]!--;
    });
    for (const [k, c] of rest.counts) if (c.every((x) => x === 0)) rest.counts.delete(k);
    return rest;
  }
  add(info: WordInfo, cls: number): void {
    if (!info.cap) return;
    let c = this.counts.get(info.lower);
    if (!c) {
      c = new Int32Array(NER_TYPES.length + 1);
      this.counts.set(info.lower, c);
    }
    c[classType(cls)]!++;
  }
}

type Context = ReturnType<typeof sentenceContext>;

const NO_FEATURES: readonly number[] = [];

/** Reusable buffers for one tagger (decoding is synchronous, so one set suffices). */
class Scratch {
  feats: number[] = [];
  offsets = new Int32Array(256);
  base = new Float32Array(N_CLASSES);
  dyn = new Float32Array(N_CLASSES);
  /** Tag-feature scores of the single live hypothesis, kept for its beam step (see decodeBeam). */
  dynSingle = new Float32Array(N_CLASSES);
  /** A hypothesis's tempered scores per tag (doubles, as the softmax reads them). */
  local = new Float64Array(N_CLASSES);
  tagFeats: number[] = [];
  private ids = new Uint32Array(256);
  private idViews: Uint32Array[] = [];
  private beamBuffers: BeamBuffers | null = null;

  /**
   * `feats[from..to)` then `extra` as a Uint32Array view of exactly that length, reused across calls.
   * The other models score Uint32Arrays; handing the perceptron plain arrays too would make its hot
   * loops polymorphic for every model.
   */
  featureIds(feats: readonly number[], from: number, to: number, extra: readonly number[] = NO_FEATURES): Uint32Array {
    const n = to - from + extra.length;
    if (this.ids.length < n) {
      this.ids = new Uint32Array(2 * n);
      this.idViews = [];
    }
    const ids = this.ids;
    let k = 0;
    for (let j = from; j < to; j++) ids[k++] = feats[j]!;
    for (let j = 0; j < extra.length; j++) ids[k++] = extra[j]!;
    let view = this.idViews[n];
    if (view === undefined) {
      view = ids.subarray(0, n);
      this.idViews[n] = view;
    }
    return view;
  }

  /** Beam buffers for a sentence of n tokens and beam size B, reused across sentences. */
  beam(n: number, B: number): BeamBuffers {
    const b = this.beamBuffers;
    if (b && b.size === B && b.tagsAt.length >= n * B) return b;
    const cap = Math.max(n, 128) * B;
    this.beamBuffers = {
      size: B,
      tagsAt: new Int32Array(cap),
      parentsAt: new Int32Array(cap),
      scores: new Float64Array(B),
      lastTags: new Int32Array(B),
      prevTags: new Int32Array(B),
      nextScores: new Float64Array(B),
      nextTags: new Int32Array(B),
      nextPrev: new Int32Array(B),
      nextParents: new Int32Array(B),
    };
    return this.beamBuffers;
  }
}

interface BeamBuffers {
  size: number;
  tagsAt: Int32Array;
  parentsAt: Int32Array;
  scores: Float64Array;
  lastTags: Int32Array;
  prevTags: Int32Array;
  nextScores: Float64Array;
  nextTags: Int32Array;
  nextPrev: Int32Array;
  nextParents: Int32Array;
}

/**
 * Static and history features of every token of a sentence, flattened into
 * scratch.feats. At tagging time (`cached`) each word's own features are
 * replaced by their scores, computed once per distinct word.
 */
function sentenceFeatures(ctx: Context, stats: DocStats, history: History, scratch: Scratch, cached: AveragedPerceptron | null = null): void {
  const n = ctx.words.length;
  if (scratch.offsets.length < n + 1) scratch.offsets = new Int32Array(2 * (n + 1));
  const feats = scratch.feats;
  feats.length = 0;
  for (let i = 0; i < n; i++) {
    scratch.offsets[i] = feats.length;
    staticFeatures(ctx, i, stats, feats, cached === null);
    if (cached) {
      const info = ctx.infos[i]!;
      info.scores ??= cached.scores(info.unigram, new Float32Array(N_CLASSES));
    }
    historyFeatures(ctx, i, history.get(ctx.infos[i]!), feats);
  }
  scratch.offsets[n] = feats.length;
}

/** Greedy decode of one sentence, updating the model toward `gold` at every token (training). */
function trainSentence(model: AveragedPerceptron, ctx: Context, stats: DocStats, history: History, gold: readonly number[], scratch: Scratch, unconstrained: boolean): number[] {
  sentenceFeatures(ctx, stats, history, scratch);
  const { feats: all, offsets } = scratch;
  const tags: number[] = [];
  let prev = START;
  let prev2 = START;
  const feats: number[] = [];
  for (let i = 0; i < ctx.words.length; i++) {
    feats.length = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) feats.push(all[k]!);
    tagFeatures(ctx, i, prev, prev2, feats);
    const scores = model.scores(feats, scratch.base);
    const best = bestAllowed(scores, prev, false);
    model.update(gold[i]!, unconstrained ? bestAny(scores) : best, feats);
    tags.push(best);
    prev2 = prev;
    prev = best;
  }
  return tags;
}

function bestAllowed(scores: Float32Array, prev: number, last: boolean, noOpening = false): number {
  let best = -1;
  const row = prev * N_CLASSES;
  for (let c = 0; c < N_CLASSES; c++) {
    if (allowed[row + c] === 0 || (last && !canEnd(c)) || (noOpening && opens(c))) continue;
    if (best < 0 || scores[c]! > scores[best]!) best = c;
  }
  return best;
}

function bestAny(scores: Float32Array): number {
  let best = 0;
  for (let c = 1; c < N_CLASSES; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}

/** B-X or U-X: a class that starts a chunk. */
function opens(c: number): boolean {
  return c !== 0 && ((c - 1) % 4 === 0 || (c - 1) % 4 === 3);
}

/** A class that may end a sentence (no chunk left open). */
function canEnd(c: number): boolean {
  return c === 0 || (c - 1) % 4 >= 2;
}

/** Greedy decode: each token's features with the tag features of the path so far, best allowed tag taken. */
function decodeGreedy(model: AveragedPerceptron, ctx: Context, stats: DocStats, history: History, scratch: Scratch, noFunctionWordStarts: boolean): number[] {
  const n = ctx.words.length;
  sentenceFeatures(ctx, stats, history, scratch, model);
  const { feats: all, offsets, base, tagFeats } = scratch;
  const tags = new Array<number>(n);
  let prev = START;
  let prev2 = START;
  for (let i = 0; i < n; i++) {
    // Tag features go at the end of this token's slice so that one scores() call covers all.
    tagFeats.length = 0;
    tagFeatures(ctx, i, prev, prev2, tagFeats);
    model.scores(scratch.featureIds(all, offsets[i]!, offsets[i + 1]!, tagFeats), base);
    const own = ctx.infos[i]!.scores!;
    for (let c = 0; c < N_CLASSES; c++) base[c] += own[c]!;
    const best = bestAllowed(base, prev, i === n - 1, noFunctionWordStarts && ctx.infos[i]!.functionWord);
    tags[i] = best;
    prev2 = prev;
    prev = best;
  }
  return tags;
}

/**
 * Beam decode of one sentence over locally normalised scores (log-softmax
 * over the allowed tags, at a temperature: raw perceptron sums of different
 * paths are not comparable). Only the tag features differ between
 * hypotheses, so the rest is scored once per token; hypotheses with the same
 * last two tags have the same future and are merged.
 */
function decodeBeam(model: AveragedPerceptron, ctx: Context, stats: DocStats, history: History, decoding: Decoding, scratch: Scratch): number[] {
  const { beam: beamSize, temperature, margin } = decoding;
  const inZ = decoding.normalise === 'outside' ? allowedOrOutside : allowed;
  const noFunctionWordStarts = decoding.noFunctionWordStarts ?? false;
  const n = ctx.words.length;
  sentenceFeatures(ctx, stats, history, scratch, model);
  const { feats: all, offsets, base, dyn, tagFeats } = scratch;
  const B = beamSize;
  // Per step and kept hypothesis: tag, parent index; current scores and previous tags.
  const beam = scratch.beam(n, B);
  const { tagsAt, parentsAt, scores, lastTags, prevTags, nextScores, nextTags, nextPrev, nextParents } = beam;
  const dynSingle = scratch.dynSingle;
  const local = scratch.local;
  lastTags[0] = START;
  prevTags[0] = START;
  scores[0] = 0;
  let live = 1;
  for (let i = 0; i < n; i++) {
    model.scores(scratch.featureIds(all, offsets[i]!, offsets[i + 1]!), base);
    const own = ctx.infos[i]!.scores!;
    for (let c = 0; c < N_CLASSES; c++) base[c] += own[c]!;
    let kept = 0;
    const noOpening = noFunctionWordStarts && ctx.infos[i]!.functionWord;
    // Set when the single hypothesis's tag scores are already in dynSingle (its beam step reuses them).
    let singleScored = false;
    if (live === 1) {
      // One reading so far: if one tag clearly wins here, take it as greedy would (scores only matter relative to each other).
      const prev = lastTags[0]!;
      tagFeats.length = 0;
      tagFeatures(ctx, i, prev, prevTags[0]!, tagFeats);
      model.scores(scratch.featureIds(tagFeats, 0, tagFeats.length), dynSingle);
      singleScored = true;
      for (let c = 0; c < N_CLASSES; c++) dyn[c] = dynSingle[c]! + base[c]!;
      const row = prev * N_CLASSES;
      let best = -1;
      let second = -Infinity;
      for (let c = 0; c < N_CLASSES; c++) {
        if (allowed[row + c] === 0 || (i === n - 1 && !canEnd(c)) || (noOpening && opens(c))) continue;
        if (best < 0 || dyn[c]! > dyn[best]!) {
          if (best >= 0) second = dyn[best]!;
          best = c;
        } else if (dyn[c]! > second) second = dyn[c]!;
      }
      if ((dyn[best]! - second) / temperature > margin) {
        tagsAt[i * B] = best;
        parentsAt[i * B] = 0;
        scores[0] = 0;
        prevTags[0] = prev;
        lastTags[0] = best;
        continue;
      }
    }
    for (let h = 0; h < live; h++) {
      const prev = lastTags[h]!;
      if (singleScored) dyn.set(dynSingle);
      else {
        tagFeats.length = 0;
        tagFeatures(ctx, i, prev, prevTags[h]!, tagFeats);
        model.scores(scratch.featureIds(tagFeats, 0, tagFeats.length), dyn);
      }
      const row = prev * N_CLASSES;
      // Normalised over the allowed tags, or also over O (see Decoding.normalise).
      let max = -Infinity;
      for (let c = 0; c < N_CLASSES; c++) {
        const x = (base[c]! + dyn[c]!) / temperature;
        local[c] = x;
        if (inZ[row + c] !== 0) max = Math.max(max, x);
      }
      let sum = 0;
      for (let c = 0; c < N_CLASSES; c++) if (inZ[row + c] !== 0) sum += Math.exp(local[c]! - max);
      const logZ = max + Math.log(sum);
      for (let c = 0; c < N_CLASSES; c++) {
        if (allowed[row + c] === 0 || (i === n - 1 && !canEnd(c)) || (noOpening && opens(c))) continue;
        const score = scores[h]! + local[c]! - logZ;
        // Merge with a kept hypothesis ending in the same two tags, else insert in order.
        let same = -1;
        for (let j = 0; j < kept; j++) if (nextTags[j] === c && nextPrev[j] === prev) same = j;
        if (same >= 0) {
          if (score <= nextScores[same]!) continue;
          for (let j = same; j < kept - 1; j++) {
            nextScores[j] = nextScores[j + 1]!;
            nextTags[j] = nextTags[j + 1]!;
            nextPrev[j] = nextPrev[j + 1]!;
            nextParents[j] = nextParents[j + 1]!;
          }
          kept--;
        }
        if (kept === B && score <= nextScores[B - 1]!) continue;
        let at = Math.min(kept, B - 1);
        while (at > 0 && nextScores[at - 1]! < score) {
          nextScores[at] = nextScores[at - 1]!;
          nextTags[at] = nextTags[at - 1]!;
          nextPrev[at] = nextPrev[at - 1]!;
          nextParents[at] = nextParents[at - 1]!;
          at--;
        }
        nextScores[at] = score;
        nextTags[at] = c;
        nextPrev[at] = prev;
        nextParents[at] = h;
        if (kept < B) kept++;
      }
    }
    // Hypotheses far behind the best are dropped: on most tokens one reading dominates and the beam is greedy-fast.
    while (kept > 1 && nextScores[kept - 1]! < nextScores[0]! - margin) kept--;
    for (let j = 0; j < kept; j++) {
      tagsAt[i * B + j] = nextTags[j]!;
      parentsAt[i * B + j] = nextParents[j]!;
    }
    scores.set(nextScores.subarray(0, kept));
    lastTags.set(nextTags.subarray(0, kept));
    prevTags.set(nextPrev.subarray(0, kept));
    live = kept;
  }
  const out = new Array<number>(n);
  let h = 0; // kept hypotheses are ordered best first
  for (let i = n - 1; i >= 0; i--) {
    out[i] = tagsAt[i * B + h]!;
    h = parentsAt[i * B + h]!;
  }
  return out;
}

export interface Decoding {
  /** Hypotheses kept (1 = greedy). */
  beam: number;
  /** Softmax temperature of the beam's local scores (perceptron scores are unnormalised). */
  temperature: number;
  /** Hypotheses whose log-score trails the best by more than this are dropped. */
  margin: number;
  /**
   * Decode again, with the later history, the sentences whose capitalised
   * words were first met there and labelled otherwise later in the document.
   */
  revisit: boolean;
  /** Which tags the beam's softmax sums over: those allowed after the previous tag, or those and O. */
  normalise?: 'allowed' | 'outside';
  /** Never start a chunk on a lowercase function word ("to", "of"…; see WordInfo.functionWord). */
  noFunctionWordStarts?: boolean;
}

/** Part-of-speech tags per sentence and token (as the POS tagger writes them), or null. */
export type PosTags = readonly (readonly string[])[] | null;

/** How training perturbs its input and updates the model. */
export interface TrainingControl {
  /** Gazetteer dropout: probability of erasing a match of the main gazetteer (see dropGazetteerMatches). */
  gazetteer: number;
  /** The same for the second gazetteer. */
  extra: number;
  random: () => number;
  /**
   * Update against the best of all tags, not only those BILOU allows after the predicted one, so
   * every tag's score is trained everywhere and a softmax over allowed tags and O means something
   * (Decoding.normalise 'outside'). The predicted history stays well-formed.
   */
  unconstrained: boolean;
}

/**
 * How a model file that carries no decoding settings is decoded (models saved before they carried
 * them, trained with constrained updates; chosen on eng.testa). Newer files carry their own
 * (ner-train.ts TRAINED_DECODING).
 */
export const DEFAULT_DECODING: Decoding = { beam: 4, temperature: 16, margin: 2, revisit: true, normalise: 'allowed' };

export class NerTagger {
  readonly table: WordTable;
  readonly gazetteer: Gazetteer;
  readonly extraGazetteer: Gazetteer | null;
  /** How this model is decoded unless a caller says otherwise: saved with it, since the beam temperature suits one model's score scale. */
  decoding: Decoding = DEFAULT_DECODING;
  private readonly scratch = new Scratch();

  constructor(
    readonly perceptron: AveragedPerceptron,
    readonly settings: FeatureSettings = DEFAULT_FEATURE_SETTINGS,
    readonly lexicons: WordLexicons = NO_LEXICONS,
    maxCachedWords = WORD_CACHE_WORDS,
    /** The gazetteer lists the model is trained with (default: built from the packages). */
    readonly gazetteerLists: GazetteerList[] = nerGazetteerLists(),
    /** The second gazetteer's lists (names, organisations, peoples, towns; see ner-extra-lists.ts), empty for none. */
    readonly extraLists: GazetteerList[] = [],
  ) {
    this.gazetteer = new Gazetteer(gazetteerLists);
    this.extraGazetteer = extraLists.length > 0 ? new Gazetteer(extraLists) : null;
    this.table = new WordTable(settings, lexicons, maxCachedWords);
  }

  /** Tag one document (its sentences as token strings, in order); returns typed token spans per sentence. */
  tagDocument(sentences: readonly (readonly string[])[], decoding: Decoding = this.decoding, pos: PosTags = null): TypedSpan[][] {
    return this.tagDocumentWithMatches(sentences, decoding, pos).spans;
  }

  /**
   * tagDocument, plus the main gazetteer's matches per sentence (Gazetteer.match of the lowercased
   * tokens), which the tagger computes anyway: callers that need them need not match again.
   */
  tagDocumentWithMatches(sentences: readonly (readonly string[])[], decoding: Decoding = this.decoding, pos: PosTags = null): { spans: TypedSpan[][]; gazetteer: Uint32Array[] } {
    const { classes, contexts } = this.run(sentences, null, decoding, null, pos);
    return { spans: classes.map((tags) => bilouSpans(tags.map((t) => NER_TAGS[t]!))), gazetteer: contexts.map((ctx) => ctx.gaz) };
  }

  /** Classes per token; with `gold`, trains on the document instead (greedy, one update per token, as `control` says). */
  tagDocumentClasses(
    sentences: readonly (readonly string[])[],
    gold: readonly (readonly number[])[] | null = null,
    decoding: Decoding = this.decoding,
    control: TrainingControl | null = null,
    pos: PosTags = null,
  ): number[][] {
    return this.run(sentences, gold, decoding, control, pos).classes;
  }

  private run(
    sentences: readonly (readonly string[])[],
    gold: readonly (readonly number[])[] | null,
    decoding: Decoding,
    control: TrainingControl | null,
    pos: PosTags,
  ): { classes: number[][]; contexts: Context[] } {
    const infos = sentences.map((words) => words.map((w) => this.table.get(w)));
    const stats = docStats(infos);
    const history = new History();
    const decode = (ctx: Context, h: History): number[] =>
      decoding.beam <= 1 ? decodeGreedy(this.perceptron, ctx, stats, h, this.scratch, decoding.noFunctionWordStarts ?? false) : decodeBeam(this.perceptron, ctx, stats, h, decoding, this.scratch);
    // Sentences where a capitalised word was met before any other occurrence of it (a headline, an opening line).
    const unseen: number[] = [];
    const contexts: Context[] = [];
    const result = sentences.map((words, s) => {
      const ctx = sentenceContext(words, infos[s]!, this.gazetteer, this.extraGazetteer, pos?.[s] ?? null);
      if (gold && control) {
        dropGazetteerMatches(ctx.gaz, this.gazetteer.listNames.length, control.gazetteer, control.random);
        if (ctx.gaz2 && this.extraGazetteer) dropGazetteerMatches(ctx.gaz2, this.extraGazetteer.listNames.length, control.extra, control.random);
      }
      contexts.push(ctx);
      let tags: number[];
      if (words.length === 0) tags = [];
      else if (gold) tags = trainSentence(this.perceptron, ctx, stats, history, gold[s]!, this.scratch, control?.unconstrained ?? false);
      else {
        if (decoding.revisit && ctx.infos.some((info) => info.cap && history.get(info) < 0)) unseen.push(s);
        tags = decode(ctx, history);
      }
      for (let i = 0; i < words.length; i++) history.add(ctx.infos[i]!, tags[i]!);
      return tags;
    });
    // Decode those again knowing how the rest of the document labelled their words.
    for (const s of unseen) {
      const ctx = contexts[s]!;
      const others = history.without(ctx.infos, result[s]!);
      // Only where the rest of the document disagrees with what was predicted here.
      const tags = result[s]!;
      if (!ctx.infos.some((info, i) => info.cap && others.get(info) >= 0 && others.get(info) !== classType(tags[i]!))) continue;
      result[s] = decode(ctx, others);
    }
    return { classes: result, contexts };
  }

  save(path: string, training: Record<string, unknown>, bits: 8 | 16 = 16): void {
    const { clusters, capPrior } = this.lexicons;
    saveModel(
      path,
      {
        header: {
          kind: NER_MODEL_KIND,
          version: NER_MODEL_VERSION,
          labels: { tags: [...NER_TAGS] },
          features: { ...this.settings },
          training,
          extra: {
            decoding: { ...this.decoding },
            gazetteer: this.gazetteerLists,
            ...(this.extraLists.length > 0 ? { gazetteer2: this.extraLists } : {}),
            ...(clusters ? { clusters: Object.fromEntries(clusters) } : {}),
            ...(capPrior ? { capPrior: Object.fromEntries(capPrior) } : {}),
          },
        },
        perceptrons: { ner: this.perceptron },
      },
      { bits },
    );
  }

  static load(path: string): NerTagger {
    const model = loadModel(path);
    if (model.header.kind !== NER_MODEL_KIND) throw new Error(`${path}: not an NER model (kind ${model.header.kind})`);
    if (model.header.version !== NER_MODEL_VERSION) throw new Error(`${path}: NER model version ${model.header.version}, expected ${NER_MODEL_VERSION}`);
    const tags = model.header.labels.tags;
    if (!tags || tags.join(' ') !== NER_TAGS.join(' ')) throw new Error(`${path}: unexpected tag set`);
    const settings = z.object({ affixes: z.number().int().min(0).max(8), ngrams: z.number().int().min(0).max(6) }).parse(model.header.features);
    const extra = z
      .object({
        clusters: z.record(z.string(), z.string()).optional(),
        capPrior: z.record(z.string(), z.number().int()).optional(),
        gazetteer: z.array(z.object({ name: z.string(), phrases: z.array(z.string()) })).optional(),
        gazetteer2: z.array(z.object({ name: z.string(), phrases: z.array(z.string()) })).optional(),
        decoding: z.object({ beam: z.number().int().min(1).max(64), temperature: z.number().positive(), margin: z.number().positive(), revisit: z.boolean(), normalise: z.enum(['allowed', 'outside']).optional(), noFunctionWordStarts: z.boolean().optional() }).optional(),
      })
      .parse(model.header.extra ?? {});
    const perceptron = model.perceptrons.ner;
    if (!perceptron) throw new Error(`${path}: no "ner" weights`);
    const lexicons: WordLexicons = {
      clusters: extra.clusters ? new Map(Object.entries(extra.clusters)) : null,
      capPrior: extra.capPrior ? new Map(Object.entries(extra.capPrior)) : null,
    };
    const tagger = new NerTagger(perceptron, settings, lexicons, WORD_CACHE_WORDS, extra.gazetteer ?? nerGazetteerLists(), extra.gazetteer2 ?? []);
    // Models saved before the decoding travelled with them were tuned for the default.
    if (extra.decoding) tagger.decoding = extra.decoding;
    return tagger;
  }
}

/**
 * Where the shipped model lives: models/ner.bin.gz at the package root (from src/ or dist/).
 * FIVEW_NER_MODEL points elsewhere, so a candidate model can be scored by the whole pipeline and
 * its tests without replacing the file other work is measured with.
 */
export function defaultNerModelPath(): string {
  const override = process.env.FIVEW_NER_MODEL;
  if (override) return override;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 4; k++) {
    const candidate = join(dir, 'models', 'ner.bin.gz');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models', 'ner.bin.gz');
}

let shared: NerTagger | null = null;

/** The shipped tagger, loaded once on first use. */
export function sharedNerTagger(): NerTagger {
  shared ??= NerTagger.load(defaultNerModelPath());
  return shared;
}
