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
import { hashInts, hashString } from './hash.js';
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

export const MOVE_FEATURES = 70;

/** Bucketed distance, so "far" arcs share weights. */
function dist(a: number, b: number): number {
  const d = Math.abs(a - b);
  return d < 5 ? d : d < 10 ? 5 : 6;
}

function moveFeatures(out: Uint32Array, st: State): void {
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
  out[k++] = hashInts(100, 0);
  // single positions
  out[k++] = hashInts(101, s0w);
  out[k++] = hashInts(102, s0t);
  out[k++] = hashInts(103, s0w, s0t);
  out[k++] = hashInts(104, s1w);
  out[k++] = hashInts(105, s1t);
  out[k++] = hashInts(106, s1w, s1t);
  out[k++] = hashInts(107, b0w);
  out[k++] = hashInts(108, b0t);
  out[k++] = hashInts(109, b0w, b0t);
  out[k++] = hashInts(110, b1w);
  out[k++] = hashInts(111, b1t);
  out[k++] = hashInts(112, b1w, b1t);
  out[k++] = hashInts(113, b2t);
  out[k++] = hashInts(114, s2t);
  out[k++] = hashInts(115, w(b2), b2t);
  // pairs
  out[k++] = hashInts(120, s0w, s0t, hashInts(0, b0w, b0t));
  out[k++] = hashInts(121, s0w, s0t, b0w);
  out[k++] = hashInts(122, s0w, s0t, b0t);
  out[k++] = hashInts(123, s0w, b0w, b0t);
  out[k++] = hashInts(124, s0t, b0w, b0t);
  out[k++] = hashInts(125, s0w, b0w);
  out[k++] = hashInts(126, s0t, b0t);
  out[k++] = hashInts(127, b0t, b1t);
  out[k++] = hashInts(128, s1w, s1t, hashInts(0, s0w, s0t));
  out[k++] = hashInts(129, s1w, s0w);
  out[k++] = hashInts(130, s1t, s0t);
  out[k++] = hashInts(131, s1t, s0w);
  out[k++] = hashInts(132, s1w, s0t);
  // triples of tags
  out[k++] = hashInts(140, b0t, b1t, b2t);
  out[k++] = hashInts(141, s0t, b0t, b1t);
  out[k++] = hashInts(142, s1t, s0t, b0t);
  out[k++] = hashInts(143, s0t, t(s0l), b0t);
  out[k++] = hashInts(144, s0t, t(s0r), b0t);
  out[k++] = hashInts(145, s0t, b0t, t(b0l));
  out[k++] = hashInts(146, s1t, s0t, t(s0l));
  out[k++] = hashInts(147, s1t, s0t, t(s0r));
  out[k++] = hashInts(148, s1t, t(s1r), s0t);
  out[k++] = hashInts(149, s2t, s1t, s0t);
  out[k++] = hashInts(150, s1t, s0t, b1t);
  // distance
  out[k++] = hashInts(160, s0w, d01);
  out[k++] = hashInts(161, s0t, d01);
  out[k++] = hashInts(162, b0w, d01);
  out[k++] = hashInts(163, b0t, d01);
  out[k++] = hashInts(164, s0t, b0t, d01);
  out[k++] = hashInts(165, s1t, s0t, d10);
  out[k++] = hashInts(166, s1w, s0w, d10);
  // valency
  out[k++] = hashInts(170, s0w, s0 >= 0 ? nr[s0]! : 0);
  out[k++] = hashInts(171, s0t, s0 >= 0 ? nr[s0]! : 0, s0 >= 0 ? nl[s0]! : 0);
  out[k++] = hashInts(172, b0t, b0 >= 0 ? nl[b0]! : 0);
  out[k++] = hashInts(173, s1t, s1 >= 0 ? nr[s1]! : 0, s1 >= 0 ? nl[s1]! : 0);
  // children: words, tags and labels
  out[k++] = hashInts(180, w(s0l), t(s0l), l(s0l));
  out[k++] = hashInts(181, w(s0r), t(s0r), l(s0r));
  out[k++] = hashInts(182, t(s0l2), l(s0l2), hashInts(0, t(s0l), l(s0l)));
  out[k++] = hashInts(183, t(s0r2), l(s0r2), hashInts(0, t(s0r), l(s0r)));
  out[k++] = hashInts(184, w(b0l), t(b0l), l(b0l));
  out[k++] = hashInts(185, t(b0l2), l(b0l2), hashInts(0, t(b0l), l(b0l)));
  out[k++] = hashInts(186, s0t, l(s0l), l(s0r));
  out[k++] = hashInts(187, s1t, l(s1l), l(s1r));
  out[k++] = hashInts(188, b0t, l(b0l), l(b0l2));
  out[k++] = hashInts(189, s0w, l(s0l), l(s0r));
  out[k++] = hashInts(190, w(s1r), t(s1r), l(s1r));
  const c = (i: number) => (i < 0 ? NONE_W : st.C[i]!);
  const kids = (i: number) => (i < 0 ? -1 : st.kids[i]!);
  out[k++] = hashInts(191, c(s0), b0t);
  out[k++] = hashInts(192, s0t, c(b0));
  out[k++] = hashInts(193, c(s0), c(b0));
  out[k++] = hashInts(194, c(s1), s0t);
  out[k++] = hashInts(195, c(b0), b1t);
  out[k++] = hashInts(196, s0t, kids(s0), b0t);
  out[k++] = hashInts(197, s1t, kids(s1), s0t);
  out[k++] = hashInts(198, b0t, kids(b0), s0t);
}

export const LABEL_FEATURES = 31;

function labelFeatures(out: Uint32Array, st: State, h: number, d: number): void {
  const { W, T, labels, lc1, rc1, nl, nr, n } = st;
  const w = (i: number) => (i < 0 || i > n ? NONE_W : W[i]!);
  const t = (i: number) => (i < 0 || i > n ? NONE_T : T[i]!);
  const l = (i: number) => (i < 0 ? 0 : labels[i]! + 1);
  const dir = h === n ? 2 : d < h ? 0 : 1;
  const dd = h === n ? 7 : dist(h, d);
  const hw = w(h), ht = t(h), dw = w(d), dt = t(d);
  const dl = lc1[d]!, dr = rc1[d]!;
  let k = 0;
  out[k++] = hashInts(200, dir);
  out[k++] = hashInts(201, dw, dir);
  out[k++] = hashInts(202, dt, dir);
  out[k++] = hashInts(203, hw, dir);
  out[k++] = hashInts(204, ht, dir);
  out[k++] = hashInts(205, ht, dt, dir);
  out[k++] = hashInts(206, hw, dt, dir);
  out[k++] = hashInts(207, ht, dw, dir);
  out[k++] = hashInts(208, hw, dw, dir);
  out[k++] = hashInts(209, ht, dt, dd);
  out[k++] = hashInts(210, dt, l(dl), l(dr));
  out[k++] = hashInts(211, dt, t(dl), t(dr));
  out[k++] = hashInts(212, dw, l(dl), l(dr));
  out[k++] = hashInts(213, ht, dt, hashInts(0, l(dl), l(dr)));
  out[k++] = hashInts(214, dt, t(d - 1), t(d + 1));
  out[k++] = hashInts(215, ht, t(h - 1), t(h + 1));
  out[k++] = hashInts(216, ht, dt, t(d - 1));
  out[k++] = hashInts(217, ht, dt, t(d + 1));
  out[k++] = hashInts(218, ht, l(lc1[h]!), l(rc1[h]!));
  out[k++] = hashInts(219, ht, dt, l(dir === 0 ? lc1[h]! : rc1[h]!));
  out[k++] = hashInts(220, dt, nl[d]!, nr[d]!);
  out[k++] = hashInts(221, dw, dt, dir);
  out[k++] = hashInts(222, hw, ht, hashInts(0, dt, dir));
  out[k++] = hashInts(223, dt, w(d - 1), dir);
  out[k++] = hashInts(224, dt, w(d + 1), dir);
  out[k++] = hashInts(225, ht, dt, hashInts(0, dd, dir, t(h < n ? st.s(1) : -1)));
  const hc = h < n ? st.C[h]! : ROOT_W;
  const dc = st.C[d]!;
  out[k++] = hashInts(226, ht, dir, st.kids[h]!);
  out[k++] = hashInts(227, dt, ht, hashInts(0, dir, st.kids[h]!, st.kids[d]!));
  out[k++] = hashInts(228, dc, dir, ht);
  out[k++] = hashInts(229, hc, dt, dir);
  out[k++] = hashInts(230, hc, dc, dir);
}

export class Parser {
  readonly labels: string[];
  private readonly moveScores = new Float32Array(N_MOVES);
  private readonly labelScores: Float32Array;
  private readonly mf = new Uint32Array(MOVE_FEATURES);
  private readonly lf = new Uint32Array(LABEL_FEATURES);
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
  }

  parse(words: string[], tags: string[]): ParseResult {
    const st = new State(words, tags, this.lexicon, this.tagView);
    while (!st.done) {
      let move = this.forcedMove(st);
      if (move === null) {
        moveFeatures(this.mf, st);
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
    labelFeatures(this.lf, st, h, d);
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
      moveFeatures(this.mf, st);
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
      features: { tags: options.tagView ?? 'joint', system: 'arc-hybrid', moveTemplates: MOVE_FEATURES, labelTemplates: LABEL_FEATURES, nonProjective: 'lifted (no label encoding)' },
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
