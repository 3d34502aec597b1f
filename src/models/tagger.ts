/**
 * Greedy left-to-right POS tagger predicting UPOS and Penn XPOS jointly (one
 * class per UPOS|XPOS pair seen in training), in the style of Collins (2002)
 * and Honnibal's "A good part-of-speech tagger in about 200 lines".
 * Frequent unambiguous words skip the classifier via a tag dictionary.
 */
import { FeatureBatch, hashInts, hashString } from './hash.js';
import { LexiconFeatures, NO_LEX, lexiconFromJson, lexiconToJson, type Lexicon, type WordLex } from './lexicon.js';
import { learnLemmaTable, lemmatize, type LemmaTable } from './lemma.js';
import { loadModel, type Model } from './model-file.js';
import { AveragedPerceptron } from './perceptron.js';
import { createRandom, shuffle } from './prng.js';
import { z } from 'zod';
import { NONE, wordInfo, type WordInfo } from './word-features.js';

export const TAGGER_KIND = 'fivew-tagger';
export const TAGGER_VERSION = 1;

export interface TaggedSentence {
  words: string[];
  /** Joint tags, "UPOS\tXPOS". */
  tags: string[];
  /** Gold lemmas, when known: the tagger learns its lemma exceptions from them. */
  lemmas?: string[];
}

export interface Tagger {
  /** Joint classes, "UPOS\tXPOS". */
  readonly classes: string[];
  readonly upos: string[];
  readonly xpos: string[];
  /** Class ids for one sentence. */
  tag(words: string[]): Int32Array;
  /** Lemma of a word given its class id. */
  lemma(word: string, tag: number): string;
  readonly model: Model;
}

const TaggerExtraSchema = z.object({
  tagDictionary: z.record(z.string(), z.number().int().nonnegative()).default({}),
  ambiguityClasses: z.record(z.string(), z.number().int()).default({}),
  lemmaExceptions: z.record(z.string(), z.string()).default({}),
  tagSets: z.record(z.string(), z.array(z.number().int().nonnegative())).default({}),
  lexicon: z.unknown().default({ clusters: {}, capPrior: {} }),
});

export interface TaggerTrainOptions {
  epochs: number;
  /** Cluster and capitalisation lexicons from unlabelled text (optional). */
  lexicon?: Lexicon;
  seed: number;
  log?: (line: string) => void;
  /** Called after each epoch (e.g. to score dev). */
  onEpoch?: (epoch: number, tagger: Tagger) => void;
  /**
   * First-pass tags ("UPOS\tXPOS") of every sentence from taggers that never
   * saw it (jackknifeFirstPass): when given, a second pass is trained on them
   * and tagging runs both passes.
   */
  guides?: string[][];
  /** Train the first pass right to left (the guides must then come from right-to-left taggers too). */
  reversedFirstPass?: boolean;
  /** Share of training tokens whose word identity is hidden (0, the default, for none). */
  wordDropout?: number;
  /** Leave out the style templates (the session-3 design, to compare). */
  noStyleTemplates?: boolean;
  /** Add the name templates (nameFeatures: capitalisation in context, for PROPN/NOUN) after the style templates. */
  nameTemplates?: boolean;
}

const N_FEATURES = 47;
/** Templates of the second pass: the first pass's, then those reading its tags. */
const N_GUIDED_FEATURES = 59;
/**
 * Templates after those of either pass (models since session 4; older files
 * have none and compute none): longer suffix, the head of a hyphenated
 * compound, and the sentence's capitalisation style, which tells a
 * capitalised word in a title-case heading ("Pizza Housing") from a name.
 */
const N_STYLE_FEATURES = 6;
/** Templates after the style templates (models that declare nameTemplates; older files compute none). */
const N_NAME_FEATURES = 6;
const START = 0x5747a27;

/** Template k is feature k, in the order features(), guideFeatures() and styleFeatures() write them. */
function templateIds(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}

/** Hash of a first-pass tag as a second-pass operand (by name, so fold taggers with other class lists agree). */
function guideHash(tag: string): number {
  return hashString(tag, 98) | 2;
}

/** Operands of the first-pass templates for word i (the caller hashes them). */
function features(info: WordInfo[], amb: Uint32Array, lex: WordLex[], i: number, p1: number, p2: number, initial: number, ops: FeatureBatch): void {
  const { a: o1, b: o2, c: o3 } = ops;
  const w = info[i]!;
  const wm1 = i > 0 ? info[i - 1]! : NONE;
  const wm2 = i > 1 ? info[i - 2]! : NONE;
  const wp1 = i + 1 < info.length ? info[i + 1]! : NONE;
  const wp2 = i + 2 < info.length ? info[i + 2]! : NONE;
  let k = 0;
  o1[k] = 0, o2[k] = 0, o3[k++] = 0; // 0
  o1[k] = w.norm, o2[k] = 0, o3[k++] = 0; // 1
  o1[k] = w.form, o2[k] = 0, o3[k++] = 0; // 2
  o1[k] = w.suf3, o2[k] = 0, o3[k++] = 0; // 3
  o1[k] = w.suf2, o2[k] = 0, o3[k++] = 0; // 4
  o1[k] = w.suf4, o2[k] = 0, o3[k++] = 0; // 5
  o1[k] = w.pre1, o2[k] = 0, o3[k++] = 0; // 6
  o1[k] = w.shape, o2[k] = 0, o3[k++] = 0; // 7
  o1[k] = p1, o2[k] = 0, o3[k++] = 0; // 8
  o1[k] = p2, o2[k] = 0, o3[k++] = 0; // 9
  o1[k] = p1, o2[k] = p2, o3[k++] = 0; // 10
  o1[k] = p1, o2[k] = w.norm, o3[k++] = 0; // 11
  o1[k] = wm1.norm, o2[k] = 0, o3[k++] = 0; // 12
  o1[k] = wm1.suf3, o2[k] = 0, o3[k++] = 0; // 13
  o1[k] = wp1.norm, o2[k] = 0, o3[k++] = 0; // 14
  o1[k] = wp1.suf3, o2[k] = 0, o3[k++] = 0; // 15
  o1[k] = wm2.norm, o2[k] = 0, o3[k++] = 0; // 16
  o1[k] = wp2.norm, o2[k] = 0, o3[k++] = 0; // 17
  o1[k] = wm1.norm, o2[k] = w.norm, o3[k++] = 0; // 18
  o1[k] = w.norm, o2[k] = wp1.norm, o3[k++] = 0; // 19
  o1[k] = wm1.shape, o2[k] = w.shape, o3[k++] = 0; // 20
  o1[k] = w.shape, o2[k] = wp1.shape, o3[k++] = 0; // 21
  o1[k] = i === initial ? 1 : 0, o2[k] = w.shape, o3[k++] = 0; // 22
  o1[k] = p1, o2[k] = w.suf3, o3[k++] = 0; // 23
  o1[k] = w.pre3, o2[k] = 0, o3[k++] = 0; // 24
  o1[k] = wp1.norm, o2[k] = wp2.norm, o3[k++] = 0; // 25
  o1[k] = wm1.norm, o2[k] = wp1.norm, o3[k++] = 0; // 26
  o1[k] = p1, o2[k] = wp1.norm, o3[k++] = 0; // 27
  o1[k] = w.suf1, o2[k] = 0, o3[k++] = 0; // 28
  o1[k] = wp1.suf2, o2[k] = wp1.shape, o3[k++] = 0; // 29
  o1[k] = p1, o2[k] = w.shape, o3[k++] = 0; // 30
  o1[k] = wm2.suf3, o2[k] = p2, o3[k++] = 0; // 31
  // Ambiguity classes look ahead: what the next words could be, before they are tagged.
  const a0 = amb[i]!;
  const a1 = i + 1 < amb.length ? amb[i + 1]! : 1;
  const a2 = i + 2 < amb.length ? amb[i + 2]! : 1;
  o1[k] = a0, o2[k] = 0, o3[k++] = 0; // 32
  o1[k] = a1, o2[k] = 0, o3[k++] = 0; // 33
  o1[k] = a0, o2[k] = a1, o3[k++] = 0; // 34
  o1[k] = p1, o2[k] = a0, o3[k++] = a1; // 35
  o1[k] = a1, o2[k] = a2, o3[k++] = 0; // 36
  o1[k] = w.norm, o2[k] = a1, o3[k++] = 0; // 37
  // Cluster paths and capitalisation priors from unlabelled text.
  const l0 = lex[i]!;
  const lm1 = i > 0 ? lex[i - 1]! : NO_LEX;
  const lp1 = i + 1 < lex.length ? lex[i + 1]! : NO_LEX;
  o1[k] = l0.c1, o2[k] = 0, o3[k++] = 0; // 38
  o1[k] = l0.c2, o2[k] = 0, o3[k++] = 0; // 39
  o1[k] = l0.c3, o2[k] = 0, o3[k++] = 0; // 40
  o1[k] = l0.cap, o2[k] = w.shape, o3[k++] = i === initial ? 1 : 0; // 41
  o1[k] = l0.c3, o2[k] = p1, o3[k++] = 0; // 42
  o1[k] = lp1.c3, o2[k] = 0, o3[k++] = 0; // 43
  o1[k] = lm1.c2, o2[k] = l0.c2, o3[k++] = 0; // 44
  o1[k] = l0.c2, o2[k] = lp1.c2, o3[k++] = 0; // 45
  o1[k] = l0.cap, o2[k] = w.suf3, o3[k++] = 0; // 46
}

/**
 * How the sentence capitalises its words: 1 normal, 2 every word
 * capitalised (a title), 3 most words capitalised, 4 nothing capitalised,
 * 5 all upper case. In titles and lower-case web text, capitalisation says
 * little about names.
 */
export function sentenceStyle(words: readonly string[]): number {
  let alpha = 0;
  let initialCap = 0;
  let lower = 0;
  let upper = 0;
  for (const w of words) {
    const c = w.charCodeAt(0);
    const isUpper = c >= 65 && c <= 90;
    if (!isUpper && !(c >= 97 && c <= 122)) continue;
    alpha++;
    if (isUpper) {
      initialCap++;
      if (w.length > 1 && w === w.toUpperCase()) upper++;
    } else lower++;
  }
  if (alpha < 2) return 1;
  if (upper === alpha) return 5;
  if (initialCap === alpha) return 2;
  if (initialCap >= 0.6 * alpha) return 3;
  if (lower === alpha) return 4;
  return 1;
}

/** Operands of the style templates for word i, written from index k. */
function styleFeatures(info: WordInfo[], amb: Uint32Array, lex: WordLex[], i: number, style: number, k: number, ops: FeatureBatch): void {
  const { a: o1, b: o2, c: o3 } = ops;
  const w = info[i]!;
  const l0 = lex[i]!;
  const wp1 = i + 1 < info.length ? info[i + 1]! : NONE;
  o1[k] = w.suf5, o2[k] = 0, o3[k++] = 0;
  o1[k] = w.hyphenTail, o2[k] = 0, o3[k++] = 0;
  o1[k] = style, o2[k] = w.shape, o3[k++] = l0.cap;
  o1[k] = style, o2[k] = w.norm, o3[k++] = 0;
  o1[k] = style, o2[k] = amb[i]!, o3[k++] = w.shape;
  o1[k] = style, o2[k] = w.shape, o3[k++] = wp1.shape;
}

/**
 * Operands of the name templates for word i, written from index k: whether
 * a capitalised word is a name or a common noun shows in its neighbours'
 * shapes and words ("the Harbour Board", "Mr Kareli", "Kareli said").
 */
function nameFeatures(info: WordInfo[], amb: Uint32Array, lex: WordLex[], i: number, p1: number, k: number, ops: FeatureBatch): void {
  const { a: o1, b: o2, c: o3 } = ops;
  const w = info[i]!;
  const l0 = lex[i]!;
  const wm1 = i > 0 ? info[i - 1]! : NONE;
  const wp1 = i + 1 < info.length ? info[i + 1]! : NONE;
  o1[k] = wm1.shape, o2[k] = w.shape, o3[k++] = wp1.shape;
  o1[k] = amb[i] === 0 ? 1 : 2, o2[k] = w.shape, o3[k++] = l0.cap;
  o1[k] = wm1.norm, o2[k] = w.shape, o3[k++] = 0;
  o1[k] = w.shape, o2[k] = wp1.norm, o3[k++] = 0;
  o1[k] = l0.c3, o2[k] = w.shape, o3[k++] = 0;
  o1[k] = p1, o2[k] = w.shape, o3[k++] = l0.cap;
}

/** Stands for a hidden word in word dropout. */
const HIDDEN_WORD = 0x70017;

/**
 * Word dropout: hide the word's identity (form, normalised form, ambiguity
 * class) from the templates that read it, so that training sees more
 * tokens as the unknown words of test time. Clusters, affixes and shape stay.
 */
function hideWord(ops: FeatureBatch, guided: boolean): void {
  const { a: o1, b: o2 } = ops;
  o1[1] = HIDDEN_WORD;
  o1[2] = HIDDEN_WORD;
  o2[11] = HIDDEN_WORD;
  o2[18] = HIDDEN_WORD;
  o1[19] = HIDDEN_WORD;
  o1[32] = 0;
  o1[34] = 0;
  o2[35] = 0;
  o1[37] = HIDDEN_WORD;
  if (guided) o1[53] = HIDDEN_WORD;
}

/**
 * Second-pass operands: the first pass's tags of the words around i (its
 * right context above all, which a left-to-right pass cannot see), written
 * after the first-pass templates.
 */
function guideFeatures(info: WordInfo[], lex: WordLex[], guide: Uint32Array, i: number, p1: number, ops: FeatureBatch): void {
  const { a: o1, b: o2, c: o3 } = ops;
  const n = guide.length;
  const w = info[i]!;
  const g0 = guide[i]!;
  const g1 = i + 1 < n ? guide[i + 1]! : 1;
  const g2 = i + 2 < n ? guide[i + 2]! : 1;
  const gm1 = i > 0 ? guide[i - 1]! : 1;
  const wp1 = i + 1 < n ? info[i + 1]! : NONE;
  let k = N_FEATURES;
  o1[k] = g0, o2[k] = 0, o3[k++] = 0; // 47
  o1[k] = g1, o2[k] = 0, o3[k++] = 0; // 48
  o1[k] = g2, o2[k] = 0, o3[k++] = 0; // 49
  o1[k] = g1, o2[k] = g2, o3[k++] = 0; // 50
  o1[k] = p1, o2[k] = g1, o3[k++] = 0; // 51
  o1[k] = p1, o2[k] = g0, o3[k++] = g1; // 52
  o1[k] = w.norm, o2[k] = g1, o3[k++] = 0; // 53
  o1[k] = w.suf3, o2[k] = g1, o3[k++] = 0; // 54
  o1[k] = w.shape, o2[k] = g1, o3[k++] = g0; // 55
  o1[k] = lex[i]!.c3, o2[k] = g1, o3[k++] = 0; // 56
  o1[k] = g1, o2[k] = wp1.norm, o3[k++] = 0; // 57
  o1[k] = gm1, o2[k] = g0, o3[k++] = g1; // 58
}

class PerceptronTagger implements Tagger {
  readonly classes: string[];
  readonly upos: string[];
  readonly xpos: string[];
  private readonly feats: Uint32Array;
  private readonly guidedFeats: Uint32Array;
  private readonly ops: FeatureBatch;
  private readonly guidedOps: FeatureBatch;
  /** Whether the model has the style templates (styleFeatures). */
  private readonly styled: boolean;
  /** Whether the model has the name templates (nameFeatures), written after the style templates. */
  private readonly named: boolean;
  private readonly scores: Float32Array;
  private readonly classHash: Uint32Array;
  private readonly classGuide: Uint32Array;
  /** Training only: share of tokens whose word is hidden (see hideWord), and its random source. */
  private dropout = 0;
  private dropRandom: () => number = () => 1;

  constructor(
    readonly model: Model,
    private readonly perceptron: AveragedPerceptron,
    /** Second pass, reading the first pass's tags (null: one pass). */
    private readonly second: AveragedPerceptron | null,
    /** The first pass reads the sentence right to left (its errors then differ from the second pass's). */
    private readonly reversed: boolean,
    private readonly dict: Map<string, number>,
    private readonly ambiguity: Map<string, number>,
    private readonly lexicon: LexiconFeatures,
    private readonly lemmas: LemmaTable,
    /** Classes each frequent training word took: only these are scored for it (empty: all classes always). */
    private readonly tagSets: Map<string, Int32Array> = new Map(),
  ) {
    this.classes = model.header.labels.tags!;
    this.upos = this.classes.map((c) => c.split('\t')[0]!);
    this.xpos = this.classes.map((c) => c.split('\t')[1]!);
    this.scores = new Float32Array(this.classes.length);
    this.classHash = Uint32Array.from(this.classes, (_, i) => hashInts(99, i + 1));
    this.classGuide = Uint32Array.from(this.classes, guideHash);
    this.styled = model.header.features.styleTemplates === N_STYLE_FEATURES;
    this.named = model.header.features.nameTemplates === N_NAME_FEATURES;
    const extra = (this.styled ? N_STYLE_FEATURES : 0) + (this.named ? N_NAME_FEATURES : 0);
    this.feats = new Uint32Array(N_FEATURES + extra);
    this.guidedFeats = new Uint32Array(N_GUIDED_FEATURES + extra);
    this.ops = new FeatureBatch(templateIds(N_FEATURES + extra));
    this.guidedOps = new FeatureBatch(templateIds(N_GUIDED_FEATURES + extra));
  }

  lemma(word: string, tag: number): string {
    return lemmatize(this.lemmas, word, this.upos[tag] ?? 'X', this.xpos[tag] ?? '_');
  }

  tag(words: string[]): Int32Array {
    const info = words.map(wordInfo);
    const amb = Uint32Array.from(info, (w) => this.ambiguity.get(w.normText) ?? 0);
    const lex = words.map((w) => this.lexicon.get(w));
    const style = this.styled ? sentenceStyle(words) : 0;
    const first = this.firstPass(info, amb, lex, style, null);
    if (!this.second) return first;
    return this.pass(this.second, info, amb, lex, style, Uint32Array.from(first, (c) => this.classGuide[c]!), null, 0);
  }

  private firstPass(info: WordInfo[], amb: Uint32Array, lex: WordLex[], style: number, gold: ArrayLike<number> | null): Int32Array {
    if (!this.reversed) return this.pass(this.perceptron, info, amb, lex, style, null, gold, 0);
    const out = this.pass(this.perceptron, info.slice().reverse(), amb.slice().reverse(), lex.slice().reverse(), style, null, gold ? Array.from(gold).reverse() : null, info.length - 1);
    return out.reverse();
  }

  /**
   * One greedy pass in sentence order (or reversed by the caller; `initial` is where the sentence starts). With `guide` (hashed first-pass tags) it
   * adds the guided templates; with `gold` it trains as it goes, on its own
   * predicted history (as at test time).
   */
  private pass(p: AveragedPerceptron, info: WordInfo[], amb: Uint32Array, lex: WordLex[], style: number, guide: Uint32Array | null, gold: ArrayLike<number> | null, initial: number): Int32Array {
    const out = new Int32Array(info.length);
    const ops = guide ? this.guidedOps : this.ops;
    const feats = guide ? this.guidedFeats : this.feats;
    let p1 = START;
    let p2 = START;
    for (let i = 0; i < info.length; i++) {
      const norm = info[i]!.normText;
      let guess = this.dict.get(norm);
      if (guess === undefined) {
        features(info, amb, lex, i, p1, p2, initial, ops);
        if (guide) guideFeatures(info, lex, guide, i, p1, ops);
        if (this.styled) styleFeatures(info, amb, lex, i, style, guide ? N_GUIDED_FEATURES : N_FEATURES, ops);
        if (this.named) nameFeatures(info, amb, lex, i, p1, (guide ? N_GUIDED_FEATURES : N_FEATURES) + (this.styled ? N_STYLE_FEATURES : 0), ops);
        if (gold && this.dropout > 0 && this.dropRandom() < this.dropout) hideWord(ops, guide !== null);
        ops.hash(feats);
        const set = gold ? undefined : this.tagSets.get(norm);
        guess = set ? p.predictAmong(feats, set) : p.predict(feats, this.scores);
        if (gold) p.update(gold[i]!, guess, feats);
      }
      out[i] = guess;
      p2 = p1;
      p1 = this.classHash[guess]!;
    }
    return out;
  }

  setWordDropout(rate: number, random: () => number): void {
    this.dropout = rate;
    this.dropRandom = random;
  }

  /** One perceptron pass over a sentence (first pass, or second given the first pass's tags); returns the words tagged right. */
  trainSentence(words: string[], gold: number[], guideTags: string[] | null): number {
    const info = words.map(wordInfo);
    const amb = Uint32Array.from(info, (w) => this.ambiguity.get(w.normText) ?? 0);
    const lex = words.map((w) => this.lexicon.get(w));
    const guide = guideTags ? Uint32Array.from(guideTags, guideHash) : null;
    const style = this.styled ? sentenceStyle(words) : 0;
    const out = guide ? this.pass(this.second!, info, amb, lex, style, guide, gold, 0) : this.firstPass(info, amb, lex, style, gold);
    let correct = 0;
    for (let i = 0; i < out.length; i++) if (out[i] === gold[i]) correct++;
    return correct;
  }
}

/** How often each normalised word took each class in training, words in sorted order. */
function countWordTags(sentences: TaggedSentence[], classIndex: Map<string, number>): Map<string, Map<number, number>> {
  const counts = new Map<string, Map<number, number>>();
  for (const s of sentences) {
    s.words.forEach((w, i) => {
      const norm = wordInfo(w).normText;
      let m = counts.get(norm);
      if (!m) counts.set(norm, (m = new Map()));
      const c = classIndex.get(s.tags[i]!)!;
      m.set(c, (m.get(c) ?? 0) + 1);
    });
  }
  return new Map([...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** Words seen often enough with (almost) always the same tag. */
function buildTagDictionary(sentences: TaggedSentence[], classIndex: Map<string, number>): Map<string, number> {
  const counts = countWordTags(sentences, classIndex);
  const dict = new Map<string, number>();
  for (const [word, m] of counts) {
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (const [c, n] of m) {
      total += n;
      if (n > bestCount) [best, bestCount] = [c, n];
    }
    if (total >= 20 && bestCount / total >= 0.995) dict.set(word, best);
  }
  return dict;
}

/**
 * Classes each word seen at least `minCount` times took in training, for
 * words not in the tag dictionary: at tagging time only these are scored.
 */
export function buildTagSets(sentences: TaggedSentence[], classes: string[], minCount: number): Map<string, number[]> {
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const counts = countWordTags(sentences, classIndex);
  const dict = buildTagDictionary(sentences, classIndex);
  const out = new Map<string, number[]>();
  for (const [word, m] of counts) {
    let total = 0;
    for (const n of m.values()) total += n;
    if (total >= minCount && !dict.has(word)) out.set(word, [...m.keys()].sort((a, b) => a - b));
  }
  return out;
}

/** The same tagger scoring only each frequent word's training classes (a model-file change: no retraining). */
export function restrictToTagSets(tagger: Tagger, tagSets: Map<string, number[]>, minCount: number): Tagger {
  const model = tagger.model;
  model.header.extra = { ...model.header.extra, tagSets: Object.fromEntries(tagSets) };
  model.header.features = { ...model.header.features, tagSets: { minCount } };
  return taggerFromModel(model);
}

/**
 * Ambiguity class per word seen at least 3 times: the set of tags it took at
 * least 5% of the time, hashed (rarer words stay unknown, as at test time).
 */
function buildAmbiguityClasses(sentences: TaggedSentence[], classIndex: Map<string, number>): Map<string, number> {
  const counts = countWordTags(sentences, classIndex);
  const out = new Map<string, number>();
  for (const [word, m] of counts) {
    let total = 0;
    for (const n of m.values()) total += n;
    if (total < 3) continue;
    const tags = [...m].filter(([, n]) => n / total >= 0.05).map(([c]) => c).sort((a, b) => a - b);
    out.set(word, hashString(tags.join(','), 13) | 2);
  }
  return out;
}

export function trainTagger(sentences: TaggedSentence[], options: TaggerTrainOptions): Tagger {
  const classes = [...new Set(sentences.flatMap((s) => s.tags))].sort();
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const dict = buildTagDictionary(sentences, classIndex);
  const lexicon = options.lexicon ?? { clusters: new Map(), capPrior: new Map() };
  const ambiguity = buildAmbiguityClasses(sentences, classIndex);
  const lemmas = learnLemmaTable(
    sentences.flatMap((s) =>
      s.lemmas ? s.words.map((form, i) => ({ form, upos: s.tags[i]!.split('\t')[0]!, xpos: s.tags[i]!.split('\t')[1]!, lemma: s.lemmas![i]! })) : [],
    ),
  );
  const guides = options.guides;
  if (guides && guides.length !== sentences.length) throw new Error(`guides: ${guides.length} sentences, expected ${sentences.length}`);
  const perceptron = new AveragedPerceptron(classes.length, { capacity: 1 << 18 });
  const second = guides ? new AveragedPerceptron(classes.length, { capacity: 1 << 18 }) : null;
  const model: Model = {
    header: {
      kind: TAGGER_KIND,
      version: TAGGER_VERSION,
      labels: { tags: classes },
      features: { templates: N_FEATURES, ...(options.noStyleTemplates ? {} : { styleTemplates: N_STYLE_FEATURES }), ...(options.nameTemplates ? { nameTemplates: N_NAME_FEATURES } : {}), ...(options.reversedFirstPass ? { firstPass: 'right-to-left' } : {}), ...(second ? { passes: 2, guidedTemplates: N_GUIDED_FEATURES } : {}), tagDictionary: { minCount: 20, minShare: 0.995 } },
      training: { sentences: sentences.length, epochs: options.epochs, seed: options.seed, ...(options.wordDropout ? { wordDropout: options.wordDropout } : {}), ...(second ? { secondPass: 'jack-knifed first-pass tags' } : {}) },
      extra: {
        tagDictionary: Object.fromEntries(dict),
        ambiguityClasses: Object.fromEntries(ambiguity),
        lemmaExceptions: Object.fromEntries(lemmas),
        lexicon: lexiconToJson(lexicon),
      },
    },
    perceptrons: second ? { tags: perceptron, tags2: second } : { tags: perceptron },
  };
  const tagger = new PerceptronTagger(model, perceptron, second, options.reversedFirstPass ?? false, dict, ambiguity, new LexiconFeatures(lexicon), lemmas);
  const order = sentences.map((s, i) => ({ words: s.words, gold: s.tags.map((t) => classIndex.get(t)!), guide: guides?.[i] ?? null }));
  if (options.wordDropout) tagger.setWordDropout(options.wordDropout, createRandom(options.seed + 7919));
  const passes: Array<[string, AveragedPerceptron, boolean]> = [['tagger', perceptron, false]];
  if (second) passes.push(['tagger second pass', second, true]);
  for (const [name, p, guided] of passes) {
    const random = createRandom(options.seed);
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      let correct = 0;
      let total = 0;
      for (const s of shuffle(order, random)) {
        correct += tagger.trainSentence(s.words, s.gold, guided ? s.guide : null);
        total += s.words.length;
      }
      options.log?.(`${name} epoch ${epoch}: train accuracy ${((100 * correct) / total).toFixed(2)}% (${p.size} feature rows)`);
    }
    p.finalize();
  }
  return tagger;
}

/**
 * First-pass tags for every sentence, each fold tagged by a one-pass tagger
 * trained on the other folds (with its own tag dictionary and ambiguity
 * classes, so unknown words are as unknown as at test time): the second
 * pass learns how far to trust them.
 */
export function jackknifeFirstPass(sentences: TaggedSentence[], folds: number, options: Omit<TaggerTrainOptions, 'guides'>): string[][] {
  const out: string[][] = new Array(sentences.length);
  for (let f = 0; f < folds; f++) {
    const train = sentences.filter((_, i) => i % folds !== f);
    const tagger = trainTagger(train, { ...options, seed: options.seed + f, log: undefined });
    let right = 0;
    let total = 0;
    sentences.forEach((s, i) => {
      if (i % folds !== f) return;
      out[i] = Array.from(tagger.tag(s.words), (c) => tagger.classes[c]!);
      out[i]!.forEach((t, k) => {
        total++;
        if (t === s.tags[k]) right++;
      });
    });
    options.log?.(`first-pass jack-knife fold ${f + 1}/${folds}: joint tag accuracy ${((100 * right) / total).toFixed(2)}%`);
  }
  return out;
}

export function taggerFromModel(model: Model): Tagger {
  if (model.header.kind !== TAGGER_KIND) throw new Error(`not a tagger model (kind ${model.header.kind})`);
  const perceptron = model.perceptrons.tags;
  if (!perceptron) throw new Error('tagger model has no "tags" weights');
  const extra = TaggerExtraSchema.parse(model.header.extra ?? {});
  return new PerceptronTagger(model, perceptron, model.perceptrons.tags2 ?? null, model.header.features.firstPass === 'right-to-left', new Map(Object.entries(extra.tagDictionary)), new Map(Object.entries(extra.ambiguityClasses)), new LexiconFeatures(lexiconFromJson(extra.lexicon)), new Map(Object.entries(extra.lemmaExceptions)), new Map(Object.entries(extra.tagSets).map(([w, set]) => [w, Int32Array.from(set)])));
}

export function loadTagger(path: string): Tagger {
  return taggerFromModel(loadModel(path));
}
