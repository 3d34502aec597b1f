/**
 * Feature extraction for the NER tagger.
 *
 * Features are 32-bit ids: a template number hashed with already-hashed
 * values, so no strings are built per token in the hot loop. Word-level
 * values (forms, shape, affixes, gazetteer-free flags) are computed once per
 * distinct word and cached. Features split in two: static ones, fixed for a
 * sentence in its document, and dynamic ones that depend on the tags already
 * predicted (previous tags, the document's prediction history).
 */
import { hashInts, hashString } from './hash.js';
import { WORD_CACHE_WORDS, WordCache } from './word-cache.js';
import { isOrgKeyword } from '../knowledge/lexicon.js';
import type { Gazetteer, GazetteerStart } from '../knowledge/gazetteer.js';

/** Per-distinct-word values, all hashed. */
export interface WordInfo {
  lowerStr: string;
  word: number;
  lower: number;
  shape: number;
  short: number;
  /** Hashed ids of the word's own features (no context). */
  unigram: Uint32Array;
  /** The features this word gives its neighbours that depend on it alone (see NEIGHBOUR_TEMPLATES). */
  asNeighbour: Uint32Array;
  /** Capitalised initial letter (Xx…) or all caps. */
  cap: boolean;
  allCaps: boolean;
  /** Starts with a lowercase letter. */
  lowerInitial: boolean;
  /** A lowercase function word ("to", "of", "the"…): none of eng.train's 23,499 entities starts with one. */
  functionWord: boolean;
  orgKeyword: boolean;
  cluster: Uint32Array;
  /** Bucket of the word's mid-sentence capitalisation rate in unlabelled text, -1 when unseen. */
  capPrior: number;
  /** The finalised model's scores of `unigram`, filled on first use at tagging time (never while training). */
  scores: Float32Array | null;
  /** Gazetteer.first of the lowercase form, cached for the last two gazetteers that matched this word. */
  gazetteerA: Gazetteer | null;
  startA: GazetteerStart | null;
  gazetteerB: Gazetteer | null;
  startB: GazetteerStart | null;
}

/** The word's Gazetteer.first in `gazetteer`, looked up once per word and gazetteer (two at a time). */
function gazetteerStart(info: WordInfo, gazetteer: Gazetteer): GazetteerStart | null {
  if (info.gazetteerA === gazetteer) return info.startA;
  if (info.gazetteerB === gazetteer) return info.startB;
  const start = gazetteer.first(info.lowerStr);
  if (info.gazetteerA === null) {
    info.gazetteerA = gazetteer;
    info.startA = start;
  } else {
    info.gazetteerB = gazetteer;
    info.startB = start;
  }
  return start;
}

function matchGazetteer(gazetteer: Gazetteer, lower: readonly string[], infos: readonly WordInfo[]): Uint32Array {
  return gazetteer.matchFrom(
    lower,
    infos.map((info) => gazetteerStart(info, gazetteer)),
  );
}

export interface FeatureSettings {
  /** Longest prefix and suffix used. */
  affixes: number;
  /** Character n-grams of the lowercased word, with boundary marks, up to this length (0: none). */
  ngrams: number;
}

export const DEFAULT_FEATURE_SETTINGS: FeatureSettings = { affixes: 4, ngrams: 0 };

// Template ids. Changing any number invalidates trained models.
const T = {
  bias: 1, word: 2, lower: 3, shape: 4, short: 5, prefix: 6, suffix: 7, ngram: 10, capPrior: 11, capPriorPos: 12, orgKw: 8, cluster: 9,
  lowerM1: 20, lowerP1: 21, lowerM2: 22, lowerP2: 23, wordM1: 24, wordP1: 25,
  bigramL: 26, bigramR: 27, shapeM1: 28, shapeP1: 29, shortTri: 30, shortM1Cur: 31, shortCurP1: 32,
  gaz: 40, gazM1: 41, gazP1: 42, gazShort: 43, gaz2: 90, gaz2M1: 91, gaz2P1: 92, gaz2Short: 93, orgKwP1: 44, orgKwP2: 45, orgKwM1: 46, clusterM1: 47, clusterP1: 48,
  initial: 50, capsSentence: 51, capsSentenceShort: 52,
  docCapElsewhere: 60, docLowerElsewhere: 61, docInRun: 62, docInitialCap: 63, docRunPos: 64,
  pos: 100, posM1: 101, posP1: 102, posBigramL: 103, posShort: 104,
  prevTag: 80, prev2Tag: 81, prevTagLower: 82, prevTagShort: 83, history: 84, historyShort: 85, prevTagShape: 86,
} as const;

const HASH_SEED = 0x4e4552; // "NER"

const NONE = 0x9e3779b9;

/**
 * Templates of a neighbour's own value, in staticFeatures's order: lower form at -1, +1, -2, +2, shape
 * at -1, +1. Hashed once per distinct word instead of once per token.
 */
const NEIGHBOUR_TEMPLATES = [T.lowerM1, T.lowerP1, T.lowerM2, T.lowerP2, T.shapeM1, T.shapeP1] as const;
const N_LOWER_M1 = 0;
const N_LOWER_P1 = 1;
const N_LOWER_M2 = 2;
const N_LOWER_P2 = 3;
const N_SHAPE_M1 = 4;
const N_SHAPE_P1 = 5;

function neighbourFeatures(lower: number, shape: number): Uint32Array {
  return Uint32Array.from(NEIGHBOUR_TEMPLATES, (t) => hashInts(t, t === T.shapeM1 || t === T.shapeP1 ? shape : lower));
}

/** The same features where there is no neighbour (sentence edges). */
const NO_NEIGHBOUR = neighbourFeatures(NONE, NONE);

/** Lowercase closed-class words, as written (capitalised "The" may open "The Hague"). */
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'to', 'of', 'for', 'in', 'on', 'at', 'by', 'with', 'from', 'into', 'over', 'after', 'before', 'about',
  'and', 'or', 'but', 'nor', 'as', 'than', 'that', 'which', 'who', 'whom', 'this', 'these', 'those', 'it', 'its',
  'he', 'she', 'they', 'we', 'his', 'her', 'their', 'our', 'is', 'was', 'are', 'were', 'be', 'been', 'has', 'had', 'have',
  'said', 'says', 'told', 'met', 'not', 'also', 'would', 'will', 'could', 'should', 'may',
]);

export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const c = ch !== lower ? 'X' : ch !== upper ? 'x' : ch >= '0' && ch <= '9' ? 'd' : ch;
    run = c === last ? run + 1 : 1;
    last = c;
    if (run <= 4) out += c;
  }
  return out;
}

export function shortShape(shape: string): string {
  let out = '';
  for (const c of shape) if (out[out.length - 1] !== c) out += c;
  return out;
}

/** What the tagger knows about words from unlabelled text. */
export interface WordLexicons {
  /** Word → cluster path, coarse to fine (one character per level). */
  clusters: ReadonlyMap<string, string> | null;
  /** Lowercase word → how often it is capitalised mid-sentence: 0 never … 4 nearly always. */
  capPrior: ReadonlyMap<string, number> | null;
}

export const NO_LEXICONS: WordLexicons = { clusters: null, capPrior: null };

export class WordTable {
  private readonly cache: WordCache<WordInfo>;
  constructor(
    private readonly settings: FeatureSettings,
    private readonly lexicons: WordLexicons,
    /** Bound on cached words (see word-cache.ts); training passes a larger one. */
    maxSize = WORD_CACHE_WORDS,
  ) {
    this.cache = new WordCache(maxSize);
  }

  get(word: string): WordInfo {
    let info = this.cache.get(word);
    if (info) return info;
    info = this.compute(word);
    this.cache.set(word, info);
    return info;
  }

  private compute(word: string): WordInfo {
    const lowerStr = word.toLowerCase();
    const shapeStr = wordShape(word);
    const shortStr = shortShape(shapeStr);
    const h = (s: string): number => hashString(s, HASH_SEED);
    const info: WordInfo = {
      lowerStr,
      word: h(word),
      lower: h(lowerStr),
      shape: h(shapeStr),
      short: h(shortStr),
      unigram: new Uint32Array(0),
      asNeighbour: new Uint32Array(0),
      cap: /^\p{Lu}/u.test(word),
      allCaps: word.length > 1 && word === word.toUpperCase() && word !== lowerStr,
      lowerInitial: /^\p{Ll}/u.test(word),
      functionWord: FUNCTION_WORDS.has(word),
      orgKeyword: isOrgKeyword(lowerStr),
      cluster: new Uint32Array(0),
      scores: null,
      capPrior: -1,
      gazetteerA: null,
      startA: null,
      gazetteerB: null,
      startB: null,
    };
    info.asNeighbour = neighbourFeatures(info.lower, info.shape);
    const feats: number[] = [
      hashInts(T.word, info.word),
      hashInts(T.lower, info.lower),
      hashInts(T.shape, info.shape),
      hashInts(T.short, info.short),
    ];
    const chars = [...lowerStr];
    const maxAffix = Math.min(this.settings.affixes, chars.length);
    for (let k = 1; k <= maxAffix; k++) {
      feats.push(hashInts(T.prefix, k, h(chars.slice(0, k).join(''))));
      feats.push(hashInts(T.suffix, k, h(chars.slice(chars.length - k).join(''))));
    }
    if (this.settings.ngrams >= 3 && chars.length > 3) {
      const marked = ['^', ...chars, '$'];
      for (let n = 3; n <= this.settings.ngrams; n++) {
        for (let k = 0; k + n <= marked.length; k++) feats.push(hashInts(T.ngram, n, h(marked.slice(k, k + n).join(''))));
      }
    }
    if (info.orgKeyword) feats.push(hashInts(T.orgKw, 1));
    const prior = this.lexicons.capPrior?.get(lowerStr);
    info.capPrior = prior ?? -1;
    feats.push(hashInts(T.capPrior, info.capPrior));
    const clusters = this.lexicons.clusters;
    const path = clusters?.get(word) ?? clusters?.get(lowerStr);
    if (path !== undefined) {
      const cl: number[] = [];
      for (let k = 1; k <= path.length; k++) cl.push(h(path.slice(0, k)));
      info.cluster = Uint32Array.from(cl);
      for (const c of cl) feats.push(hashInts(T.cluster, c));
    }
    info.unigram = Uint32Array.from(feats);
    return info;
  }
}

/** Document-level facts about each word, gathered before tagging (no predictions needed). */
export interface DocStats {
  /** Hashed lowercase form → bit 0: capitalised somewhere not sentence-initial; bit 1: lowercase somewhere; bit 2/3/4: first/inner/last of a run of ≥2 capitalised tokens. */
  flags: Map<number, number>;
}

/** Document statistics from the sentences' word records (see WordTable.get). */
export function docStats(sentences: readonly (readonly WordInfo[])[]): DocStats {
  const flags = new Map<number, number>();
  const set = (info: WordInfo, bit: number): void => {
    flags.set(info.lower, (flags.get(info.lower) ?? 0) | bit);
  };
  for (const infos of sentences) {
    let runStart = -1;
    for (let i = 0; i <= infos.length; i++) {
      const info = i < infos.length ? infos[i]! : null;
      const cap = info !== null && info.cap && !info.allCaps;
      if (info) {
        if (cap && i > 0) set(info, 1);
        if (info.lowerInitial) set(info, 2);
      }
      if (cap && runStart < 0) runStart = i;
      if (!cap && runStart >= 0) {
        if (i - runStart >= 2) {
          for (let k = runStart; k < i; k++) set(infos[k]!, k === runStart ? 4 : k === i - 1 ? 16 : 8);
        }
        runStart = -1;
      }
    }
  }
  return { flags };
}

/** The tokens of one sentence, resolved once. */
export interface SentenceContext {
  words: readonly string[];
  infos: WordInfo[];
  gaz: Uint32Array;
  /** Matches of the second gazetteer (names, organisations, peoples, towns), when the model has one. */
  gaz2: Uint32Array | null;
  /** An all-caps sentence (a headline). */
  caps: boolean;
  /** Hashed part-of-speech tags of the tokens, when the caller has them and the model uses them. */
  pos: Uint32Array | null;
}

export function sentenceContext(
  words: readonly string[],
  infos: WordInfo[],
  gazetteer: Gazetteer,
  extra: Gazetteer | null = null,
  pos: readonly string[] | null = null,
): SentenceContext {
  const lower = infos.map((info) => info.lowerStr);
  const gaz2 = extra ? matchGazetteer(extra, lower, infos) : null;
  // The second gazetteer's villages and names include common words ("Of", "Police", "Rose"): only capitalised tokens count.
  if (gaz2) for (let i = 0; i < gaz2.length; i++) if (!infos[i]!.cap) gaz2[i] = 0;
  const posIds = pos ? Uint32Array.from(pos, (t) => hashString(t, HASH_SEED)) : null;
  return { words, infos, gaz: matchGazetteer(gazetteer, lower, infos), gaz2, caps: isCapsSentence(infos), pos: posIds };
}

/**
 * Gazetteer dropout for training: each match of each list is erased with
 * probability p (all its tokens at once, so neighbours' features lose it
 * too). A model that always sees the list hit learns to need it and then
 * misreads names that are in no list; one that sometimes does not see it
 * must also learn the context and shape that make a name.
 */
export function dropGazetteerMatches(masks: Uint32Array, nLists: number, p: number, random: () => number): void {
  if (p <= 0) return;
  for (let l = 0; l < nLists; l++) {
    const shift = l * 4;
    let drop = false;
    for (let i = 0; i < masks.length; i++) {
      const nibble = (masks[i]! >>> shift) & 0xf;
      if (nibble === 0) continue;
      // A match opens on B (bit 0) or U (bit 3); I and L follow the decision taken there.
      if (nibble & 0b1001) drop = random() < p;
      if (drop) masks[i] = masks[i]! & ~(0xf << shift);
    }
  }
}

function pushGaz(out: number[], template: number, mask: number, extra = 0): void {
  for (let m = mask; m !== 0; m &= m - 1) {
    const bit = 31 - Math.clz32(m & -m);
    out.push(hashInts(template, bit, extra));
  }
}

/** Stands for the missing neighbour at a sentence edge (only its asNeighbour is read). */
const NO_INFO: Pick<WordInfo, 'asNeighbour'> = { asNeighbour: NO_NEIGHBOUR };

/**
 * Static features of token i: everything that does not depend on predicted
 * tags. With `withUnigram` false the word's own features are left out (the
 * caller adds their cached scores instead).
 */
export function staticFeatures(ctx: SentenceContext, i: number, doc: DocStats, out: number[], withUnigram = true): void {
  const { infos, gaz, words } = ctx;
  const n = infos.length;
  const cur = infos[i]!;
  const m1 = i > 0 ? infos[i - 1]! : null;
  const p1 = i + 1 < n ? infos[i + 1]! : null;
  const m2 = i > 1 ? infos[i - 2]! : null;
  const p2 = i + 2 < n ? infos[i + 2]! : null;
  out.push(T.bias);
  if (withUnigram) for (let k = 0; k < cur.unigram.length; k++) out.push(cur.unigram[k]!);
  out.push((m1 ?? NO_INFO).asNeighbour[N_LOWER_M1]!);
  out.push((p1 ?? NO_INFO).asNeighbour[N_LOWER_P1]!);
  out.push((m2 ?? NO_INFO).asNeighbour[N_LOWER_M2]!);
  out.push((p2 ?? NO_INFO).asNeighbour[N_LOWER_P2]!);
  out.push(hashInts(T.wordM1, m1 ? m1.word : NONE, cur.short));
  out.push(hashInts(T.wordP1, p1 ? p1.word : NONE, cur.short));
  out.push(hashInts(T.bigramL, m1 ? m1.lower : NONE, cur.lower));
  out.push(hashInts(T.bigramR, cur.lower, p1 ? p1.lower : NONE));
  out.push((m1 ?? NO_INFO).asNeighbour[N_SHAPE_M1]!);
  out.push((p1 ?? NO_INFO).asNeighbour[N_SHAPE_P1]!);
  out.push(hashInts(T.shortTri, m1 ? m1.short : NONE, cur.short, p1 ? p1.short : NONE));
  if (p1?.orgKeyword) out.push(hashInts(T.orgKwP1, 1, cur.short));
  if (p2?.orgKeyword) out.push(hashInts(T.orgKwP2, 1, cur.short));
  if (m1?.orgKeyword) out.push(hashInts(T.orgKwM1, 1, cur.short));
  if (cur.cluster.length > 0) {
    if (m1 && m1.cluster.length > 0) out.push(hashInts(T.clusterM1, m1.cluster[m1.cluster.length - 1]!));
    if (p1 && p1.cluster.length > 0) out.push(hashInts(T.clusterP1, p1.cluster[p1.cluster.length - 1]!));
  }
  pushGaz(out, T.gaz, gaz[i]!);
  pushGaz(out, T.gazShort, gaz[i]!, cur.short);
  if (i > 0) pushGaz(out, T.gazM1, gaz[i - 1]!);
  if (i + 1 < n) pushGaz(out, T.gazP1, gaz[i + 1]!);
  const gaz2 = ctx.gaz2;
  if (gaz2) {
    pushGaz(out, T.gaz2, gaz2[i]!);
    pushGaz(out, T.gaz2Short, gaz2[i]!, cur.short);
    if (i > 0) pushGaz(out, T.gaz2M1, gaz2[i - 1]!);
    if (i + 1 < n) pushGaz(out, T.gaz2P1, gaz2[i + 1]!);
  }
  const pos = ctx.pos;
  if (pos) {
    out.push(hashInts(T.pos, pos[i]!));
    out.push(hashInts(T.posM1, i > 0 ? pos[i - 1]! : NONE));
    out.push(hashInts(T.posP1, i + 1 < n ? pos[i + 1]! : NONE));
    out.push(hashInts(T.posBigramL, i > 0 ? pos[i - 1]! : NONE, pos[i]!));
    out.push(hashInts(T.posShort, pos[i]!, cur.short));
  }
  if (i === 0) out.push(hashInts(T.initial, cur.short));
  if (cur.capPrior >= 0 && (cur.cap || cur.allCaps)) out.push(hashInts(T.capPriorPos, cur.capPrior, i === 0 ? 1 : ctx.caps ? 2 : 0));
  if (ctx.caps) {
    out.push(hashInts(T.capsSentence, cur.lower));
    out.push(hashInts(T.capsSentenceShort, cur.short));
  }
  const flags = doc.flags.get(cur.lower) ?? 0;
  if (cur.cap || cur.allCaps) {
    out.push(hashInts(T.docCapElsewhere, flags & 1, i === 0 ? 1 : 0, cur.allCaps ? 1 : 0));
    out.push(hashInts(T.docLowerElsewhere, (flags >> 1) & 1, i === 0 ? 1 : 0));
    out.push(hashInts(T.docRunPos, flags >> 2));
  }
}

function isCapsSentence(infos: WordInfo[]): boolean {
  let letters = 0;
  for (const info of infos) {
    if (info.lowerInitial) return false;
    if (info.allCaps) letters++;
  }
  return letters >= 2;
}

/** Features from the labels this word was given earlier in the document (fixed while a sentence is decoded). */
export function historyFeatures(ctx: SentenceContext, i: number, history: number, out: number[]): void {
  if (history < 0) return;
  const cur = ctx.infos[i]!;
  out.push(hashInts(T.history, history));
  out.push(hashInts(T.historyShort, history, cur.short));
}

/** Features of the two previous predicted tags: the only ones that differ between decoding hypotheses. */
export function tagFeatures(ctx: SentenceContext, i: number, prev: number, prev2: number, out: number[]): void {
  const cur = ctx.infos[i]!;
  out.push(hashInts(T.prevTag, prev));
  out.push(hashInts(T.prev2Tag, prev2, prev));
  out.push(hashInts(T.prevTagLower, prev, cur.lower));
  out.push(hashInts(T.prevTagShort, prev, cur.short));
}
