/**
 * Greedy arc-hybrid dependency parser (Kuhlmann et al. 2011) trained with
 * Goldberg & Nivre's dynamic oracle and error exploration.
 *
 * Two perceptrons: one picks the move (SHIFT / LEFT / RIGHT) from rich
 * Zhang & Nivre (2011)-style features, the other labels each arc when it is
 * built (the dependent's subtree is complete by then). Splitting them costs
 * little accuracy and makes parsing several times faster than scoring
 * 2 × |labels| + 1 joint moves.
 *
 * The root sits at the bottom of the stack and takes exactly one dependent,
 * only once the buffer is empty, so every parse is a single tree.
 */
import { FeatureBatch, hashInts, hashString } from './hash.js';
import { LexiconFeatures, lexiconFromJson, lexiconToJson, type Lexicon } from './lexicon.js';
import { loadModel, type Model } from './model-file.js';
import { AveragedPerceptron, argmax } from './perceptron.js';
import { projectivize } from './projectivize.js';
import { createRandom, shuffle } from './prng.js';
import { wordInfo } from './word-features.js';

export const PARSER_KIND = 'fivew-parser';
export const PARSER_VERSION = 1;

const SHIFT = 0;
const LEFT = 1;
const RIGHT = 2;
const N_MOVES = 3;

export interface ParseResult {
  /** Head index per word, -1 for the root. */
  heads: Int32Array;
  /** Label per word. */
  deprels: string[];
}

export interface ParserSentence {
  words: string[];
  /** Tag strings (as predicted by the tagger). */
  tags: string[];
  heads: ArrayLike<number>;
  deprels: string[];
}

/** Which part of the tagger's "UPOS\tXPOS" the parser's tag features see. */
export type TagView = 'joint' | 'xpos';

export interface ParserTrainOptions {
  epochs: number;
  tagView?: TagView;
  /** Cluster lexicon from unlabelled text (optional). */
  lexicon?: Lexicon;
  seed: number;
  /** Only the original 70 move and 31 label templates (to compare with older models). */
  v1Templates?: boolean;
  /** Probability of following the model's own (wrong) move, from epoch 2 on. */
  explore?: number;
  log?: (line: string) => void;
}

/** Relations whose presence among a word's dependents tells what it still lacks ("added Kareli": a verb with a quote and no subject yet). */
const CORE_BITS: Record<string, number> = {
  nsubj: 1,
  'nsubj:pass': 1,
  obj: 2,
  iobj: 4,
  ccomp: 8,
  parataxis: 8,
  xcomp: 16,
  aux: 32,
  'aux:pass': 32,
  cop: 64,
  mark: 128,
  case: 256,
  det: 512,
};

const NONE_W = hashString('<none>', 11);
const NONE_T = hashString('<none>', 12);
const ROOT_W = hashString('<root>', 11);
const ROOT_T = hashString('<root>', 12);

const tagHashes = new Map<string, number>();
function tagHash(tag: string): number {
  let h = tagHashes.get(tag);
  if (h === undefined) {
    h = hashString(tag, 12);
    tagHashes.set(tag, h);
  }
  return h;
}

/** Parser configuration over n words; index n is the root. */
class State {
  readonly n: number;
  readonly W: Uint32Array;
  readonly T: Uint32Array;
  readonly stack: Int32Array;
  sp = 0;
  b = 0;
  readonly heads: Int32Array;
  readonly labels: Int32Array;
  readonly lc1: Int32Array;
  readonly lc2: Int32Array;
  readonly rc1: Int32Array;
  readonly rc2: Int32Array;
  readonly nl: Int32Array;
  readonly nr: Int32Array;
  /** Cluster paths (hashed) per word. */
  readonly C: Uint32Array;
  /** Bit set of the core relations each word already governs (subject, object, clausal complement...). */
  readonly kids: Int32Array;
  /** Three-letter suffixes (hashed): what unknown words have to go on. */
  readonly S: Uint32Array;

  constructor(words: string[], tags: string[], lexicon: LexiconFeatures, tagView: TagView) {
    const n = words.length;
    this.n = n;
    this.W = new Uint32Array(n + 1);
    this.T = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) {
      this.W[i] = wordInfo(words[i]!).norm;
      this.T[i] = tagHash(tagView === 'joint' ? tags[i]! : tags[i]!.slice(tags[i]!.indexOf('\t') + 1));
    }
    this.W[n] = ROOT_W;
    this.T[n] = ROOT_T;
    this.stack = new Int32Array(n + 1);
    this.stack[this.sp++] = n;
    this.heads = new Int32Array(n + 1).fill(-1);
    this.labels = new Int32Array(n + 1).fill(-1);
    this.lc1 = new Int32Array(n + 1).fill(-1);
    this.lc2 = new Int32Array(n + 1).fill(-1);
    this.rc1 = new Int32Array(n + 1).fill(-1);
    this.rc2 = new Int32Array(n + 1).fill(-1);
    this.nl = new Int32Array(n + 1);
    this.nr = new Int32Array(n + 1);
    this.C = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) this.C[i] = lexicon.get(words[i]!).c3;
    this.C[n] = ROOT_W;
    this.kids = new Int32Array(n + 1);
    this.S = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) this.S[i] = wordInfo(words[i]!).suf3;
    this.S[n] = ROOT_W;
  }

  get done(): boolean {
    return this.b >= this.n && this.sp === 1;
  }

  s(k: number): number {
    return this.sp - 1 - k >= 0 ? this.stack[this.sp - 1 - k]! : -1;
  }

  valid(move: number): boolean {
    if (move === SHIFT) return this.b < this.n;
    if (move === LEFT) return this.sp >= 2 && this.b < this.n;
    // RIGHT onto the root only as the very last move: a single root per sentence.
    if (this.sp < 2) return false;
    return this.sp > 2 || this.b >= this.n;
  }

  /** Apply a move; returns [head, dependent] for arcs, else null. */
  apply(move: number): void {
    if (move === SHIFT) {
      this.stack[this.sp++] = this.b++;
      return;
    }
    const d = this.stack[--this.sp]!;
    if (move === LEFT) {
      const h = this.b;
      this.heads[d] = h;
      this.lc2[h] = this.lc1[h]!;
      this.lc1[h] = d;
      this.nl[h]++;
    } else {
      const h = this.stack[this.sp - 1]!;
      this.heads[d] = h;
      this.rc2[h] = this.rc1[h]!;
      this.rc1[h] = d;
      this.nr[h]++;
    }
  }

  /** Head and dependent the move would link. */
  arcOf(move: number): [number, number] {
    const d = this.stack[this.sp - 1]!;
    return move === LEFT ? [this.b, d] : [this.stack[this.sp - 2]!, d];
  }

  /** Goldberg & Nivre (2013) arc-hybrid costs: gold arcs made unreachable by each move. */
  cost(move: number, gold: ArrayLike<number>): number {
    const n = this.n;
    if (move === SHIFT) {
      const b0 = this.b;
      let cost = 0;
      for (let k = 0; k < this.sp; k++) {
        const x = this.stack[k]!;
        if (x < n && gold[x] === b0) cost++;
        if (gold[b0] === x && k < this.sp - 1) cost++;
      }
      return cost;
    }
    const s0 = this.stack[this.sp - 1]!;
    let cost = 0;
    for (let k = this.b; k < n; k++) if (gold[k] === s0) cost++;
    const g = gold[s0]!;
    if (move === LEFT) {
      if (g !== this.b && ((this.sp >= 2 && g === this.stack[this.sp - 2]) || (g > this.b && g < n))) cost++;
    } else if (g !== this.stack[this.sp - 2] && g >= this.b && g < n) cost++;
    return cost;
  }
}

export const MOVE_FEATURES = 82;
/** Templates of models trained before the suffix and context templates (300-307) were added. */
const MOVE_FEATURES_V1 = 70;

/** Bucketed distance, so "far" arcs share weights. */
function dist(a: number, b: number): number {
  const d = Math.abs(a - b);
  return d < 5 ? d : d < 10 ? 5 : 6;
}

/** Template ids of moveFeatures, in the order it writes their operands (the ids are part of the shipped model's feature hashes). */
const MOVE_TEMPLATES = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 140, 141, 142, 143, 144, 145, 146, 147, 148, 149, 150, 160, 161, 162, 163, 164, 165, 166, 170, 171, 172, 173, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194, 195, 196, 197, 198, 300, 301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311];

function moveFeatures(out: Uint32Array, st: State, ops: FeatureBatch): void {
  const { a: o1, b: o2, c: o3 } = ops;
  const { W, T, labels, lc1, lc2, rc1, rc2, nl, nr, n } = st;
  const w = (i: number) => (i < 0 ? NONE_W : W[i]!);
  const t = (i: number) => (i < 0 ? NONE_T : T[i]!);
  const l = (i: number) => (i < 0 ? 0 : labels[i]! + 1);
  const s0 = st.s(0);
  const s1 = st.s(1);
  const s2 = st.s(2);
  const b0 = st.b < n ? st.b : -1;
  const b1 = st.b + 1 < n ? st.b + 1 : -1;
  const b2 = st.b + 2 < n ? st.b + 2 : -1;
  const s0l = s0 >= 0 ? lc1[s0]! : -1;
  const s0l2 = s0 >= 0 ? lc2[s0]! : -1;
  const s0r = s0 >= 0 ? rc1[s0]! : -1;
  const s0r2 = s0 >= 0 ? rc2[s0]! : -1;
  const s1l = s1 >= 0 ? lc1[s1]! : -1;
  const s1r = s1 >= 0 ? rc1[s1]! : -1;
  const b0l = b0 >= 0 ? lc1[b0]! : -1;
  const b0l2 = b0 >= 0 ? lc2[b0]! : -1;
  const s0w = w(s0), s0t = t(s0), s1w = w(s1), s1t = t(s1), b0w = w(b0), b0t = t(b0), b1w = w(b1), b1t = t(b1);
  const s2t = t(s2), b2t = t(b2);
  const d01 = s0 >= 0 && b0 >= 0 && s0 < n ? dist(s0, b0) : 7;
  const d10 = s0 >= 0 && s1 >= 0 && s1 < n ? dist(s1, s0) : 7;
  let k = 0;
  o1[k] = 0, o2[k] = 0, o3[k++] = 0; // 100
  // single positions
  o1[k] = s0w, o2[k] = 0, o3[k++] = 0; // 101
  o1[k] = s0t, o2[k] = 0, o3[k++] = 0; // 102
  o1[k] = s0w, o2[k] = s0t, o3[k++] = 0; // 103
  o1[k] = s1w, o2[k] = 0, o3[k++] = 0; // 104
  o1[k] = s1t, o2[k] = 0, o3[k++] = 0; // 105
  o1[k] = s1w, o2[k] = s1t, o3[k++] = 0; // 106
  o1[k] = b0w, o2[k] = 0, o3[k++] = 0; // 107
  o1[k] = b0t, o2[k] = 0, o3[k++] = 0; // 108
  o1[k] = b0w, o2[k] = b0t, o3[k++] = 0; // 109
  o1[k] = b1w, o2[k] = 0, o3[k++] = 0; // 110
  o1[k] = b1t, o2[k] = 0, o3[k++] = 0; // 111
  o1[k] = b1w, o2[k] = b1t, o3[k++] = 0; // 112
  o1[k] = b2t, o2[k] = 0, o3[k++] = 0; // 113
  o1[k] = s2t, o2[k] = 0, o3[k++] = 0; // 114
  o1[k] = w(b2), o2[k] = b2t, o3[k++] = 0; // 115
  // pairs
  o1[k] = s0w, o2[k] = s0t, o3[k++] = hashInts(0, b0w, b0t); // 120
  o1[k] = s0w, o2[k] = s0t, o3[k++] = b0w; // 121
  o1[k] = s0w, o2[k] = s0t, o3[k++] = b0t; // 122
  o1[k] = s0w, o2[k] = b0w, o3[k++] = b0t; // 123
  o1[k] = s0t, o2[k] = b0w, o3[k++] = b0t; // 124
  o1[k] = s0w, o2[k] = b0w, o3[k++] = 0; // 125
  o1[k] = s0t, o2[k] = b0t, o3[k++] = 0; // 126
  o1[k] = b0t, o2[k] = b1t, o3[k++] = 0; // 127
  o1[k] = s1w, o2[k] = s1t, o3[k++] = hashInts(0, s0w, s0t); // 128
  o1[k] = s1w, o2[k] = s0w, o3[k++] = 0; // 129
  o1[k] = s1t, o2[k] = s0t, o3[k++] = 0; // 130
  o1[k] = s1t, o2[k] = s0w, o3[k++] = 0; // 131
  o1[k] = s1w, o2[k] = s0t, o3[k++] = 0; // 132
  // triples of tags
  o1[k] = b0t, o2[k] = b1t, o3[k++] = b2t; // 140
  o1[k] = s0t, o2[k] = b0t, o3[k++] = b1t; // 141
  o1[k] = s1t, o2[k] = s0t, o3[k++] = b0t; // 142
  o1[k] = s0t, o2[k] = t(s0l), o3[k++] = b0t; // 143
  o1[k] = s0t, o2[k] = t(s0r), o3[k++] = b0t; // 144
  o1[k] = s0t, o2[k] = b0t, o3[k++] = t(b0l); // 145
  o1[k] = s1t, o2[k] = s0t, o3[k++] = t(s0l); // 146
  o1[k] = s1t, o2[k] = s0t, o3[k++] = t(s0r); // 147
  o1[k] = s1t, o2[k] = t(s1r), o3[k++] = s0t; // 148
  o1[k] = s2t, o2[k] = s1t, o3[k++] = s0t; // 149
  o1[k] = s1t, o2[k] = s0t, o3[k++] = b1t; // 150
  // distance
  o1[k] = s0w, o2[k] = d01, o3[k++] = 0; // 160
  o1[k] = s0t, o2[k] = d01, o3[k++] = 0; // 161
  o1[k] = b0w, o2[k] = d01, o3[k++] = 0; // 162
  o1[k] = b0t, o2[k] = d01, o3[k++] = 0; // 163
  o1[k] = s0t, o2[k] = b0t, o3[k++] = d01; // 164
  o1[k] = s1t, o2[k] = s0t, o3[k++] = d10; // 165
  o1[k] = s1w, o2[k] = s0w, o3[k++] = d10; // 166
  // valency
  o1[k] = s0w, o2[k] = s0 >= 0 ? nr[s0]! : 0, o3[k++] = 0; // 170
  o1[k] = s0t, o2[k] = s0 >= 0 ? nr[s0]! : 0, o3[k++] = s0 >= 0 ? nl[s0]! : 0; // 171
  o1[k] = b0t, o2[k] = b0 >= 0 ? nl[b0]! : 0, o3[k++] = 0; // 172
  o1[k] = s1t, o2[k] = s1 >= 0 ? nr[s1]! : 0, o3[k++] = s1 >= 0 ? nl[s1]! : 0; // 173
  // children: words, tags and labels
  o1[k] = w(s0l), o2[k] = t(s0l), o3[k++] = l(s0l); // 180
  o1[k] = w(s0r), o2[k] = t(s0r), o3[k++] = l(s0r); // 181
  o1[k] = t(s0l2), o2[k] = l(s0l2), o3[k++] = hashInts(0, t(s0l), l(s0l)); // 182
  o1[k] = t(s0r2), o2[k] = l(s0r2), o3[k++] = hashInts(0, t(s0r), l(s0r)); // 183
  o1[k] = w(b0l), o2[k] = t(b0l), o3[k++] = l(b0l); // 184
  o1[k] = t(b0l2), o2[k] = l(b0l2), o3[k++] = hashInts(0, t(b0l), l(b0l)); // 185
  o1[k] = s0t, o2[k] = l(s0l), o3[k++] = l(s0r); // 186
  o1[k] = s1t, o2[k] = l(s1l), o3[k++] = l(s1r); // 187
  o1[k] = b0t, o2[k] = l(b0l), o3[k++] = l(b0l2); // 188
  o1[k] = s0w, o2[k] = l(s0l), o3[k++] = l(s0r); // 189
  o1[k] = w(s1r), o2[k] = t(s1r), o3[k++] = l(s1r); // 190
  const c = (i: number) => (i < 0 ? NONE_W : st.C[i]!);
  const kids = (i: number) => (i < 0 ? -1 : st.kids[i]!);
  o1[k] = c(s0), o2[k] = b0t, o3[k++] = 0; // 191
  o1[k] = s0t, o2[k] = c(b0), o3[k++] = 0; // 192
  o1[k] = c(s0), o2[k] = c(b0), o3[k++] = 0; // 193
  o1[k] = c(s1), o2[k] = s0t, o3[k++] = 0; // 194
  o1[k] = c(b0), o2[k] = b1t, o3[k++] = 0; // 195
  o1[k] = s0t, o2[k] = kids(s0), o3[k++] = b0t; // 196
  o1[k] = s1t, o2[k] = kids(s1), o3[k++] = s0t; // 197
  o1[k] = b0t, o2[k] = kids(b0), o3[k++] = s0t; // 198
  if (out.length === MOVE_FEATURES_V1) return ops.hash(out);
  const suf = (i: number) => (i < 0 ? NONE_W : st.S[i]!);
  o1[k] = suf(s0), o2[k] = s0t, o3[k++] = 0; // 300
  o1[k] = suf(b0), o2[k] = b0t, o3[k++] = 0; // 301
  o1[k] = suf(s0), o2[k] = b0t, o3[k++] = 0; // 302
  o1[k] = s0t, o2[k] = b0t, o3[k++] = l(s0r); // 303
  o1[k] = s0t, o2[k] = b0t, o3[k++] = hashInts(0, s0 >= 0 ? nr[s0]! : 9, b0 >= 0 ? nl[b0]! : 9); // 304
  o1[k] = s0w, o2[k] = s1t, o3[k++] = b0t; // 305
  o1[k] = b0w, o2[k] = s0t, o3[k++] = s1t; // 306
  o1[k] = c(s1), o2[k] = c(s0), o3[k++] = b0t; // 307
  // The first word of a phrase (its preposition, usually) against the candidate heads: attachment.
  o1[k] = w(b0l), o2[k] = s0t, o3[k++] = b0t; // 308
  o1[k] = w(b0l), o2[k] = s0w, o3[k++] = 0; // 309
  o1[k] = w(s0l), o2[k] = s1t, o3[k++] = s0t; // 310
  o1[k] = w(s0l), o2[k] = s1w, o3[k++] = 0; // 311
  ops.hash(out);
}

export const LABEL_FEATURES = 36;
const LABEL_FEATURES_V1 = 31;

/** Template ids of labelFeatures, in order. */
const LABEL_TEMPLATES = [200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 240, 241, 242, 243, 244];

function labelFeatures(out: Uint32Array, st: State, h: number, d: number, ops: FeatureBatch): void {
  const { a: o1, b: o2, c: o3 } = ops;
  const { W, T, labels, lc1, rc1, nl, nr, n } = st;
  const w = (i: number) => (i < 0 || i > n ? NONE_W : W[i]!);
  const t = (i: number) => (i < 0 || i > n ? NONE_T : T[i]!);
  const l = (i: number) => (i < 0 ? 0 : labels[i]! + 1);
  const dir = h === n ? 2 : d < h ? 0 : 1;
  const dd = h === n ? 7 : dist(h, d);
  const hw = w(h), ht = t(h), dw = w(d), dt = t(d);
  const dl = lc1[d]!, dr = rc1[d]!;
  let k = 0;
  o1[k] = dir, o2[k] = 0, o3[k++] = 0; // 200
  o1[k] = dw, o2[k] = dir, o3[k++] = 0; // 201
  o1[k] = dt, o2[k] = dir, o3[k++] = 0; // 202
  o1[k] = hw, o2[k] = dir, o3[k++] = 0; // 203
  o1[k] = ht, o2[k] = dir, o3[k++] = 0; // 204
  o1[k] = ht, o2[k] = dt, o3[k++] = dir; // 205
  o1[k] = hw, o2[k] = dt, o3[k++] = dir; // 206
  o1[k] = ht, o2[k] = dw, o3[k++] = dir; // 207
  o1[k] = hw, o2[k] = dw, o3[k++] = dir; // 208
  o1[k] = ht, o2[k] = dt, o3[k++] = dd; // 209
  o1[k] = dt, o2[k] = l(dl), o3[k++] = l(dr); // 210
  o1[k] = dt, o2[k] = t(dl), o3[k++] = t(dr); // 211
  o1[k] = dw, o2[k] = l(dl), o3[k++] = l(dr); // 212
  o1[k] = ht, o2[k] = dt, o3[k++] = hashInts(0, l(dl), l(dr)); // 213
  o1[k] = dt, o2[k] = t(d - 1), o3[k++] = t(d + 1); // 214
  o1[k] = ht, o2[k] = t(h - 1), o3[k++] = t(h + 1); // 215
  o1[k] = ht, o2[k] = dt, o3[k++] = t(d - 1); // 216
  o1[k] = ht, o2[k] = dt, o3[k++] = t(d + 1); // 217
  o1[k] = ht, o2[k] = l(lc1[h]!), o3[k++] = l(rc1[h]!); // 218
  o1[k] = ht, o2[k] = dt, o3[k++] = l(dir === 0 ? lc1[h]! : rc1[h]!); // 219
  o1[k] = dt, o2[k] = nl[d]!, o3[k++] = nr[d]!; // 220
  o1[k] = dw, o2[k] = dt, o3[k++] = dir; // 221
  o1[k] = hw, o2[k] = ht, o3[k++] = hashInts(0, dt, dir); // 222
  o1[k] = dt, o2[k] = w(d - 1), o3[k++] = dir; // 223
  o1[k] = dt, o2[k] = w(d + 1), o3[k++] = dir; // 224
  o1[k] = ht, o2[k] = dt, o3[k++] = hashInts(0, dd, dir, t(h < n ? st.s(1) : -1)); // 225
  const hc = h < n ? st.C[h]! : ROOT_W;
  const dc = st.C[d]!;
  o1[k] = ht, o2[k] = dir, o3[k++] = st.kids[h]!; // 226
  o1[k] = dt, o2[k] = ht, o3[k++] = hashInts(0, dir, st.kids[h]!, st.kids[d]!); // 227
  o1[k] = dc, o2[k] = dir, o3[k++] = ht; // 228
  o1[k] = hc, o2[k] = dt, o3[k++] = dir; // 229
  o1[k] = hc, o2[k] = dc, o3[k++] = dir; // 230
  if (out.length === LABEL_FEATURES_V1) return ops.hash(out);
  const hs = h < n ? st.S[h]! : ROOT_W;
  o1[k] = st.S[d]!, o2[k] = ht, o3[k++] = dir; // 240
  o1[k] = st.S[d]!, o2[k] = dt, o3[k++] = 0; // 241
  o1[k] = hs, o2[k] = ht, o3[k++] = dt; // 242
  o1[k] = dw, o2[k] = hc, o3[k++] = dir; // 243
  o1[k] = dc, o2[k] = hw, o3[k++] = dir; // 244
  ops.hash(out);
}

export class Parser {
  readonly labels: string[];
  private readonly moveScores = new Float32Array(N_MOVES);
  private readonly labelScores: Float32Array;
  private readonly mf: Uint32Array;
  private readonly lf: Uint32Array;
  private readonly moveOps: FeatureBatch;
  private readonly labelOps: FeatureBatch;
  private readonly labelBits: Int32Array;
  private readonly lexicon: LexiconFeatures;
  private readonly tagView: TagView;

  constructor(
    readonly model: Model,
    private readonly moves: AveragedPerceptron,
    private readonly labeller: AveragedPerceptron,
  ) {
    this.labels = model.header.labels.deprels!;
    this.labelBits = Int32Array.from(this.labels, (l) => CORE_BITS[l] ?? 0);
    this.tagView = model.header.features.tags === 'xpos' ? 'xpos' : 'joint';
    this.lexicon = new LexiconFeatures(lexiconFromJson(model.header.extra?.lexicon ?? { clusters: {}, capPrior: {} }));
    this.labelScores = new Float32Array(this.labels.length);
    // Older models know only the first templates: computing the others would cost time and add nothing.
    const nMove = model.header.features.moveTemplates === MOVE_FEATURES_V1 ? MOVE_FEATURES_V1 : MOVE_FEATURES;
    const nLabel = model.header.features.labelTemplates === LABEL_FEATURES_V1 ? LABEL_FEATURES_V1 : LABEL_FEATURES;
    this.mf = new Uint32Array(nMove);
    this.lf = new Uint32Array(nLabel);
    this.moveOps = new FeatureBatch(MOVE_TEMPLATES.slice(0, nMove));
    this.labelOps = new FeatureBatch(LABEL_TEMPLATES.slice(0, nLabel));
  }

  parse(words: string[], tags: string[]): ParseResult {
    const st = new State(words, tags, this.lexicon, this.tagView);
    while (!st.done) {
      let move = this.forcedMove(st);
      if (move === null) {
        moveFeatures(this.mf, st, this.moveOps);
        move = this.bestValid(this.moves.scores(this.mf, this.moveScores), st);
      }
      if (move !== SHIFT) this.label(st, move);
      st.apply(move);
    }
    return this.result(st);
  }

  /** The only valid move, when there is one (a lone root on the stack, or an empty buffer): no need to score. */
  private forcedMove(st: State): number | null {
    let only = -1;
    for (let m = 0; m < N_MOVES; m++) {
      if (!st.valid(m)) continue;
      if (only >= 0) return null;
      only = m;
    }
    return only;
  }

  private bestValid(scores: Float32Array, st: State): number {
    let best = -1;
    for (let m = 0; m < N_MOVES; m++) if (st.valid(m) && (best < 0 || scores[m]! > scores[best]!)) best = m;
    return best;
  }

  private label(st: State, move: number, gold?: number): void {
    const [h, d] = st.arcOf(move);
    labelFeatures(this.lf, st, h, d, this.labelOps);
    const guess = argmax(this.labeller.scores(this.lf, this.labelScores));
    if (gold !== undefined) this.labeller.update(gold, guess, this.lf);
    const label = gold ?? guess;
    st.labels[d] = label;
    st.kids[h] |= this.labelBits[label]!;
  }

  private result(st: State): ParseResult {
    const heads = new Int32Array(st.n);
    const deprels: string[] = new Array(st.n);
    for (let i = 0; i < st.n; i++) {
      heads[i] = st.heads[i] === st.n ? -1 : st.heads[i]!;
      deprels[i] = this.labels[st.labels[i]!] ?? 'dep';
    }
    return { heads, deprels };
  }

  /** One dynamic-oracle pass over a sentence; returns the number of correct moves. */
  trainSentence(s: ParserSentence, labelIds: Int32Array, explore: number, random: () => number): number {
    const n = s.words.length;
    const gold = new Int32Array(n + 1);
    const projective = projectivize(s.heads);
    for (let i = 0; i < n; i++) gold[i] = projective[i]! < 0 ? n : projective[i]!;
    gold[n] = -1;
    const st = new State(s.words, s.tags, this.lexicon, this.tagView);
    const costs = new Int32Array(N_MOVES);
    let correct = 0;
    while (!st.done) {
      moveFeatures(this.mf, st, this.moveOps);
      const scores = this.moves.scores(this.mf, this.moveScores);
      let guess = -1;
      let best = -1;
      for (let m = 0; m < N_MOVES; m++) {
        if (!st.valid(m)) continue;
        costs[m] = st.cost(m, gold);
        if (guess < 0 || scores[m]! > scores[guess]!) guess = m;
        if (costs[m] === 0 && (best < 0 || scores[m]! > scores[best]!)) best = m;
      }
      if (best < 0) best = guess;
      this.moves.update(best, costs[guess] === 0 ? best : guess, this.mf);
      if (costs[guess] === 0) correct++;
      const move = costs[guess] === 0 || (explore > 0 && random() < explore) ? guess : best;
      if (move !== SHIFT) {
        const [h, d] = st.arcOf(move);
        // Train the labeller only on arcs that are in the gold tree.
        if (gold[d] === h) this.label(st, move, labelIds[d]!);
        else this.label(st, move);
      }
      st.apply(move);
    }
    return correct;
  }
}

export function trainParser(sentences: ParserSentence[], options: ParserTrainOptions): Parser {
  const deprels = [...new Set(sentences.flatMap((s) => s.deprels))].sort();
  const labelIndex = new Map(deprels.map((l, i) => [l, i]));
  const moves = new AveragedPerceptron(N_MOVES, { capacity: 1 << 20 });
  const labeller = new AveragedPerceptron(deprels.length, { capacity: 1 << 18 });
  const model: Model = {
    header: {
      kind: PARSER_KIND,
      version: PARSER_VERSION,
      labels: { deprels },
      features: { tags: options.tagView ?? 'joint', system: 'arc-hybrid', moveTemplates: options.v1Templates ? MOVE_FEATURES_V1 : MOVE_FEATURES, labelTemplates: options.v1Templates ? LABEL_FEATURES_V1 : LABEL_FEATURES, nonProjective: 'lifted (no label encoding)' },
      training: { sentences: sentences.length, epochs: options.epochs, seed: options.seed, explore: options.explore ?? 0.9 },
      // Only the clusters: the parser has no use for capitalisation priors.
      extra: { lexicon: lexiconToJson({ clusters: options.lexicon?.clusters ?? new Map(), capPrior: new Map() }) },
    },
    perceptrons: { moves, labels: labeller },
  };
  const parser = new Parser(model, moves, labeller);
  const random = createRandom(options.seed);
  const items = sentences.map((s) => ({ s, ids: Int32Array.from(s.deprels, (l) => labelIndex.get(l)!) }));
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    let correct = 0;
    let total = 0;
    for (const { s, ids } of shuffle(items, random)) {
      correct += parser.trainSentence(s, ids, epoch > 1 ? (options.explore ?? 0.9) : 0, random);
      total += 2 * s.words.length;
    }
    options.log?.(`parser epoch ${epoch}: ${((100 * correct) / total).toFixed(2)}% zero-cost moves (${moves.size} move rows, ${labeller.size} label rows)`);
  }
  moves.finalize();
  labeller.finalize();
  return parser;
}

export function parserFromModel(model: Model): Parser {
  if (model.header.kind !== PARSER_KIND) throw new Error(`not a parser model (kind ${model.header.kind})`);
  const { moves, labels } = model.perceptrons;
  if (!moves || !labels) throw new Error('parser model lacks "moves" or "labels" weights');
  return new Parser(model, moves, labels);
}

export function loadParser(path: string): Parser {
  return parserFromModel(loadModel(path));
}
