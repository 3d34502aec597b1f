/**
 * Multi-class averaged perceptron over sparse hashed features, shared by all
 * our statistical models (tagger, parser, NER).
 *
 * Each feature id owns a row of nClasses weights. Averaging is lazy: every
 * row remembers when it was last touched and folds `weight × elapsed` into a
 * running total only when it changes (Daumé's trick), so an update costs
 * O(features × classes) regardless of how long training has run.
 */
import { FeatureIndex, PackedRows, type FeatureIndexParts, type PackedRowsParts } from './feature-index.js';

export interface PerceptronOptions {
  /** Initial row capacity (grows as needed). */
  capacity?: number;
}

/** Plain-data form of a finalised perceptron (what the model file stores). */
export interface PerceptronData {
  nClasses: number;
  /** Feature id per row, ascending. */
  keys: Uint32Array;
  /** Row-major weights, keys.length × nClasses (null when quantised). */
  weights: Float32Array | null;
  /** Set when quantised: weight[row][c] = ints[row × nClasses + c] × scales[row]. */
  quantization?: Quantization;
}

export interface Quantization {
  bits: 8 | 16;
  scales: Float32Array;
  ints: Int8Array | Int16Array;
}

/**
 * A finalised perceptron with its look-up tables built, as plain typed arrays (see toShared): arrays in
 * SharedArrayBuffers pass to worker threads without copying, so N threads score over one copy.
 */
export interface SharedPerceptron {
  nClasses: number;
  keys: Uint32Array;
  /** Float rows (unquantised models only). */
  weights: Float32Array | null;
  quantization: Quantization | null;
  /** Wide rows: feature id → row. */
  index: FeatureIndexParts | null;
  /** Narrow rows: the packed table they are scored from. */
  packed: PackedRowsParts | null;
}

const FLOAT_ROWS_MAX_CLASSES = 8;

export class AveragedPerceptron {
  readonly nClasses: number;
  /** Built on first use where scoring does not need it (narrow read-only rows score from `packed`). */
  private index: FeatureIndex | null;
  private keys: Uint32Array;
  private weights: Float32Array;
  /** Sum over time of each weight; null once finalised. */
  private totals: Float64Array | null;
  private stamps: Int32Array | null;
  private nRows = 0;
  /** Once quantised, weights live here (a quarter of the memory traffic when scoring) and `weights` is empty. */
  private quantization: Quantization | null = null;
  /** Number of update() calls so far: the averaging clock. */
  private time = 0;
  /** Scratch for scores(): row offsets and scales of the features found. */
  private rowBase = new Int32Array(64);
  private rowScale = new Float64Array(64);
  /** Sink for the look-up prefetch. */
  private touched = 0;
  /** Narrow float rows stored inside the hash table once read-only (one cache line per look-up). */
  private packed: PackedRows | null = null;
  /** Arrays adopted from toShared(): other threads read them, so nothing may write them. */
  private shared = false;

  constructor(nClasses: number, options: PerceptronOptions = {}) {
    if (!Number.isInteger(nClasses) || nClasses < 1) throw new Error(`nClasses must be a positive integer, got ${nClasses}`);
    this.nClasses = nClasses;
    const capacity = Math.max(16, options.capacity ?? 4096);
    this.index = new FeatureIndex(capacity);
    this.keys = new Uint32Array(capacity);
    this.weights = new Float32Array(capacity * nClasses);
    this.totals = new Float64Array(capacity * nClasses);
    this.stamps = new Int32Array(capacity);
  }

  get size(): number {
    return this.nRows;
  }

  get finalized(): boolean {
    return this.totals === null;
  }

  /**
   * Sum of the weight rows of `features` (unknown features add nothing).
   *
   * All look-ups come first, so that their cache misses overlap instead of
   * each waiting for the previous row; then each class sums its column in a
   * register. Every class still adds its weights in feature order with a
   * float32 rounding after each step, so scores are exactly those of the
   * plain row-by-row loop.
   */
  scores(features: ArrayLike<number>, out?: Float32Array): Float32Array {
    const C = this.nClasses;
    const result = out ?? new Float32Array(C);
    if (this.packed === null && this.totals === null && C <= FLOAT_ROWS_MAX_CLASSES) this.packed = PackedRows.build(this.keys.subarray(0, this.nRows), this.weights, C);
    const packed = this.packed;
    if (packed) {
      result.fill(0);
      packed.addRows(features, result);
      return result;
    }
    const nf = features.length;
    if (this.rowBase.length < nf) {
      this.rowBase = new Int32Array(nf);
      this.rowScale = new Float64Array(nf);
    }
    const base = this.rowBase;
    const index = this.lookup();
    const q = this.quantization;
    this.touched = index.touch(features);
    let m = 0;
    for (let i = 0; i < nf; i++) {
      const row = index.get(features[i]! >>> 0);
      if (row >= 0) base[m++] = row;
    }
    if (q && C > FLOAT_ROWS_MAX_CLASSES) {
      const ints = q.ints;
      const scales = q.scales;
      const scale = this.rowScale;
      // Touching the start, middle and end of each row pulls all its cache lines in, in parallel, before the sums need them.
      const mid = C >> 1;
      let touched = 0;
      for (let j = 0; j < m; j++) {
        const row = base[j]!;
        const at = row * C;
        scale[j] = scales[row]!;
        base[j] = at;
        touched ^= ints[at]! ^ ints[at + mid]! ^ ints[at + C - 1]!;
      }
      this.touched ^= touched;
      columnSums(ints, base, scale, m, C, result);
      return result;
    }
    const w = this.weights;
    for (let j = 0; j < m; j++) base[j] = base[j]! * C;
    for (let c = 0; c < C; c++) {
      let acc = 0;
      for (let j = 0; j < m; j++) acc = Math.fround(acc + w[base[j]! + c]!);
      result[c] = acc;
    }
    return result;
  }

  /**
   * Best class among `classes` (ascending ids; the lowest wins ties), summing
   * only their columns: a word seen in training with a few tags needs a few
   * of the columns. Each sum is the one scores() would give.
   */
  predictAmong(features: ArrayLike<number>, classes: Int32Array): number {
    if (classes.length === 1) return classes[0]!;
    const C = this.nClasses;
    const q = this.quantization;
    const nf = features.length;
    if (!q || C <= FLOAT_ROWS_MAX_CLASSES || this.totals !== null) {
      const all = this.scores(features);
      let best = classes[0]!;
      for (let i = 1; i < classes.length; i++) if (all[classes[i]!]! > all[best]!) best = classes[i]!;
      return best;
    }
    if (this.rowBase.length < nf) {
      this.rowBase = new Int32Array(nf);
      this.rowScale = new Float64Array(nf);
    }
    const base = this.rowBase;
    const scale = this.rowScale;
    const index = this.lookup();
    const scales = q.scales;
    const ints = q.ints;
    this.touched = index.touch(features);
    let m = 0;
    for (let i = 0; i < nf; i++) {
      const row = index.get(features[i]! >>> 0);
      if (row >= 0) base[m++] = row;
    }
    // The rows' scales and first and last columns read in a pass of their own, so that their cache misses
    // overlap before the sums need them (as scores() does for whole rows).
    const first = classes[0]!;
    const last = classes[classes.length - 1]!;
    let touched = 0;
    for (let j = 0; j < m; j++) {
      const row = base[j]!;
      const at = row * C;
      scale[j] = scales[row]!;
      base[j] = at;
      touched ^= ints[at + first]! ^ ints[at + last]!;
    }
    this.touched ^= touched;
    return bestAmong(ints, base, scale, m, classes);
  }

  /** Best class (lowest index wins ties, so results are deterministic). */
  predict(features: ArrayLike<number>, scratch?: Float32Array): number {
    return argmax(this.scores(features, scratch));
  }

  /**
   * One training step: call it for every training example, right or wrong
   * (the call advances the averaging clock); weights move only when
   * gold !== guess.
   */
  update(gold: number, guess: number, features: ArrayLike<number>, amount = 1): void {
    if (this.totals === null) throw new Error('update() after finalize()');
    this.time++;
    if (gold === guess) return;
    const index = this.lookup();
    for (let i = 0; i < features.length; i++) {
      const f = features[i]! >>> 0;
      let row = index.get(f);
      if (row < 0) row = this.addRow(f);
      this.touch(row);
      const base = row * this.nClasses;
      this.weights[base + gold] += amount;
      this.weights[base + guess] -= amount;
    }
  }

  /** Replace the weights by their averages; the model is read-only afterwards. */
  finalize(): void {
    const totals = this.totals;
    if (totals === null) return;
    const time = Math.max(1, this.time);
    for (let row = 0; row < this.nRows; row++) this.touch(row);
    const n = this.nRows * this.nClasses;
    for (let i = 0; i < n; i++) this.weights[i] = totals[i]! / time;
    this.totals = null;
    this.stamps = null;
    this.shrink();
  }

  /** Drop rows whose weights all have |w| < threshold; returns how many were dropped. */
  prune(threshold: number): number {
    if (!this.finalized) throw new Error('prune() needs finalize() first');
    if (this.shared) throw new Error('prune() on a shared model (other threads read its arrays)');
    const C = this.nClasses;
    const q = this.quantization;
    let kept = 0;
    for (let row = 0; row < this.nRows; row++) {
      let max = 0;
      const base = row * C;
      if (q) {
        for (let c = 0; c < C; c++) max = Math.max(max, Math.abs(q.ints[base + c]!));
        max *= q.scales[row]!;
      } else {
        for (let c = 0; c < C; c++) max = Math.max(max, Math.abs(this.weights[base + c]!));
      }
      if (max < threshold) continue;
      if (kept !== row) {
        this.keys[kept] = this.keys[row]!;
        if (q) {
          q.ints.copyWithin(kept * C, base, base + C);
          q.scales[kept] = q.scales[row]!;
        } else {
          this.weights.copyWithin(kept * C, base, base + C);
        }
      }
      kept++;
    }
    const dropped = this.nRows - kept;
    this.nRows = kept;
    if (q) {
      q.ints = q.ints.slice(0, kept * C);
      q.scales = q.scales.slice(0, kept);
    }
    this.shrink();
    this.rebuildTables();
    return dropped;
  }

  /**
   * Round every row to `bits`-bit integers times a per-row scale. The model
   * then scores from the integers, exactly as it will after saving and
   * loading.
   */
  quantize(bits: 8 | 16): void {
    if (!this.finalized) throw new Error('quantize() needs finalize() first');
    if (this.quantization) {
      if (this.quantization.bits !== bits) throw new Error(`already quantised to ${this.quantization.bits} bits`);
      return;
    }
    const C = this.nClasses;
    const qmax = bits === 8 ? 127 : 32767;
    const scales = new Float32Array(this.nRows);
    const ints = bits === 8 ? new Int8Array(this.nRows * C) : new Int16Array(this.nRows * C);
    for (let row = 0; row < this.nRows; row++) {
      const base = row * C;
      let max = 0;
      for (let c = 0; c < C; c++) max = Math.max(max, Math.abs(this.weights[base + c]!));
      const scale = Math.fround(max > 0 ? max / qmax : 1);
      scales[row] = scale;
      for (let c = 0; c < C; c++) ints[base + c] = Math.max(-qmax, Math.min(qmax, Math.round(this.weights[base + c]! / scale)));
    }
    this.quantization = { bits, scales, ints };
    this.weights = new Float32Array(0);
    if (this.nClasses <= FLOAT_ROWS_MAX_CLASSES) this.rebuildTables();
  }

  /**
   * The read-only look-up tables of a finalised model, after its rows changed (load, prune, quantise).
   * Narrow rows (a few classes) score faster from floats: one cache line per row instead of two (ints
   * + scale), stored inside the hash table (PackedRows), so they need no FeatureIndex; the packed floats
   * of quantised rows are their only float copy. Wide rows stay integer, a quarter of the memory traffic,
   * found through the FeatureIndex. Unquantised narrow rows are packed on first scoring.
   */
  private rebuildTables(shared = false): void {
    this.packed = null;
    this.index = null;
    const C = this.nClasses;
    const q = this.quantization;
    if (C > FLOAT_ROWS_MAX_CLASSES) {
      this.index = this.buildIndex(shared);
      return;
    }
    if (!q) return;
    const weights = new Float32Array(this.nRows * C);
    for (let row = 0; row < this.nRows; row++) {
      const scale = q.scales[row]!;
      for (let c = 0; c < C; c++) weights[row * C + c] = q.ints[row * C + c]! * scale;
    }
    this.packed = PackedRows.build(this.keys.subarray(0, this.nRows), weights, C, shared);
  }

  get quantizedBits(): 8 | 16 | null {
    return this.quantization?.bits ?? null;
  }

  /** Finalised rows sorted by feature id (a canonical order, for byte-identical files). */
  toData(): PerceptronData {
    if (!this.finalized) throw new Error('toData() needs finalize() first');
    const C = this.nClasses;
    const order = Array.from({ length: this.nRows }, (_, i) => i).sort((a, b) => this.keys[a]! - this.keys[b]!);
    const keys = Uint32Array.from(order, (row) => this.keys[row]!);
    const q = this.quantization;
    if (!q) {
      const weights = new Float32Array(this.nRows * C);
      order.forEach((row, i) => weights.set(this.weights.subarray(row * C, row * C + C), i * C));
      return { nClasses: C, keys, weights };
    }
    const ints = q.bits === 8 ? new Int8Array(this.nRows * C) : new Int16Array(this.nRows * C);
    order.forEach((row, i) => ints.set(q.ints.subarray(row * C, row * C + C), i * C));
    const scales = Float32Array.from(order, (row) => q.scales[row]!);
    return { nClasses: C, keys, weights: null, quantization: { bits: q.bits, scales, ints } };
  }

  /**
   * A read-only model over `data` (adopted, not copied). `shared`: build its look-up tables in
   * SharedArrayBuffers, so that toShared() (given data in shared memory too) copies nothing.
   */
  static fromData(data: PerceptronData, options: { shared?: boolean } = {}): AveragedPerceptron {
    const { nClasses, keys, weights, quantization } = data;
    const n = keys.length * nClasses;
    if (quantization ? quantization.ints.length !== n || quantization.scales.length !== keys.length : weights?.length !== n) {
      throw new Error('perceptron data: weights do not match keys × classes');
    }
    const p = new AveragedPerceptron(nClasses, { capacity: 16 });
    p.keys = keys;
    p.weights = weights ?? new Float32Array(0);
    p.nRows = keys.length;
    p.totals = null;
    p.stamps = null;
    p.quantization = quantization ?? null;
    p.rebuildTables(options.shared ?? false);
    return p;
  }

  /**
   * This finalised model with its tables built, every array in a SharedArrayBuffer (copied there unless it
   * already is): hand it to worker threads (structured cloning shares such buffers) and rebuild it there
   * with fromShared().
   */
  toShared(): SharedPerceptron {
    if (!this.finalized) throw new Error('toShared() needs finalize() first');
    const C = this.nClasses;
    if (!this.packed && C <= FLOAT_ROWS_MAX_CLASSES) this.packed = PackedRows.build(this.keys.subarray(0, this.nRows), this.weights, C);
    const q = this.quantization;
    const index = this.packed ? null : this.lookup().parts();
    const packed = this.packed?.parts() ?? null;
    return {
      nClasses: C,
      keys: sharedCopy(this.keys.subarray(0, this.nRows)),
      weights: q ? null : sharedCopy(this.weights),
      quantization: q ? { bits: q.bits, scales: sharedCopy(q.scales), ints: sharedCopy(q.ints) } : null,
      index: index ? { slots: sharedCopy(index.slots), count: index.count } : null,
      packed: packed ? { ...packed, table: sharedCopy(packed.table) } : null,
    };
  }

  /** A read-only model over toShared()'s arrays, without copying them (any thread, any number of times). */
  static fromShared(s: SharedPerceptron): AveragedPerceptron {
    const p = new AveragedPerceptron(s.nClasses, { capacity: 16 });
    p.keys = s.keys;
    p.nRows = s.keys.length;
    p.weights = s.weights ?? new Float32Array(0);
    p.quantization = s.quantization;
    p.totals = null;
    p.stamps = null;
    p.index = s.index ? FeatureIndex.fromParts(s.index) : null;
    p.packed = s.packed ? new PackedRows(s.packed) : null;
    p.shared = true;
    return p;
  }

  private addRow(key: number): number {
    if (this.nRows === this.keys.length) this.growRows();
    const row = this.nRows++;
    this.keys[row] = key;
    this.stamps![row] = this.time;
    this.lookup().set(key, row);
    return row;
  }

  /** Fold the weights' contribution since the row's last change into its totals. */
  private touch(row: number): void {
    const stamps = this.stamps!;
    const totals = this.totals!;
    const elapsed = this.time - stamps[row]!;
    if (elapsed > 0) {
      const C = this.nClasses;
      const base = row * C;
      for (let c = 0; c < C; c++) totals[base + c] += elapsed * this.weights[base + c]!;
    }
    stamps[row] = this.time;
  }

  private growRows(): void {
    const capacity = this.keys.length * 2;
    const C = this.nClasses;
    const keys = new Uint32Array(capacity);
    keys.set(this.keys);
    const weights = new Float32Array(capacity * C);
    weights.set(this.weights);
    const totals = new Float64Array(capacity * C);
    totals.set(this.totals!);
    const stamps = new Int32Array(capacity);
    stamps.set(this.stamps!);
    this.keys = keys;
    this.weights = weights;
    this.totals = totals;
    this.stamps = stamps;
  }

  private shrink(): void {
    this.keys = this.keys.slice(0, this.nRows);
    if (!this.quantization) this.weights = this.weights.slice(0, this.nRows * this.nClasses);
  }

  /** The feature → row index, built on first use where the constructor or rebuildTables() left none. */
  private lookup(): FeatureIndex {
    return (this.index ??= this.buildIndex());
  }

  private buildIndex(shared = false): FeatureIndex {
    const index = new FeatureIndex(this.nRows, shared);
    for (let row = 0; row < this.nRows; row++) index.set(this.keys[row]!, row);
    return index;
  }
}

/**
 * Per-class sums of the quantised rows at offsets base[0..m) (ints × scale), into result[0..C): each class adds
 * its weights in row order with a float32 rounding after every step, so every sum is exactly that of the plain
 * one-class loop. Eight classes at a time: each rounding chain waits on its previous step (add, then the
 * double → float → double round trip), so eight independent chains keep the FPU busy where four left it
 * waiting; the last C mod 8 classes run side by side too.
 */
function columnSums(ints: Int8Array | Int16Array, base: Int32Array, scale: Float64Array, m: number, C: number, result: Float32Array): void {
  let c = 0;
  for (; c + 8 <= C; c += 8) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let a4 = 0;
    let a5 = 0;
    let a6 = 0;
    let a7 = 0;
    for (let j = 0; j < m; j++) {
      const at = base[j]! + c;
      const s = scale[j]!;
      a0 = Math.fround(a0 + ints[at]! * s);
      a1 = Math.fround(a1 + ints[at + 1]! * s);
      a2 = Math.fround(a2 + ints[at + 2]! * s);
      a3 = Math.fround(a3 + ints[at + 3]! * s);
      a4 = Math.fround(a4 + ints[at + 4]! * s);
      a5 = Math.fround(a5 + ints[at + 5]! * s);
      a6 = Math.fround(a6 + ints[at + 6]! * s);
      a7 = Math.fround(a7 + ints[at + 7]! * s);
    }
    result[c] = a0;
    result[c + 1] = a1;
    result[c + 2] = a2;
    result[c + 3] = a3;
    result[c + 4] = a4;
    result[c + 5] = a5;
    result[c + 6] = a6;
    result[c + 7] = a7;
  }
  if (c + 4 <= C) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let j = 0; j < m; j++) {
      const at = base[j]! + c;
      const s = scale[j]!;
      a0 = Math.fround(a0 + ints[at]! * s);
      a1 = Math.fround(a1 + ints[at + 1]! * s);
      a2 = Math.fround(a2 + ints[at + 2]! * s);
      a3 = Math.fround(a3 + ints[at + 3]! * s);
    }
    result[c] = a0;
    result[c + 1] = a1;
    result[c + 2] = a2;
    result[c + 3] = a3;
    c += 4;
  }
  // Separate two- and three-class tails: the tagger's 102 classes end in two, and a third (repeated) chain there
  // cost it 2-3 % (session 5, paired bench --stage syntax).
  const rest = C - c;
  if (rest === 3) {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    for (let j = 0; j < m; j++) {
      const at = base[j]! + c;
      const s = scale[j]!;
      a0 = Math.fround(a0 + ints[at]! * s);
      a1 = Math.fround(a1 + ints[at + 1]! * s);
      a2 = Math.fround(a2 + ints[at + 2]! * s);
    }
    result[c] = a0;
    result[c + 1] = a1;
    result[c + 2] = a2;
  } else if (rest === 2) {
    let a0 = 0;
    let a1 = 0;
    for (let j = 0; j < m; j++) {
      const at = base[j]! + c;
      const s = scale[j]!;
      a0 = Math.fround(a0 + ints[at]! * s);
      a1 = Math.fround(a1 + ints[at + 1]! * s);
    }
    result[c] = a0;
    result[c + 1] = a1;
  } else if (rest === 1) {
    let a0 = 0;
    for (let j = 0; j < m; j++) a0 = Math.fround(a0 + ints[base[j]! + c]! * scale[j]!);
    result[c] = a0;
  }
}

/**
 * The first of `classes` (ascending) with the highest sum, as columnSums would give it: four classes summed side
 * by side (independent rounding chains), compared in class order.
 */
function bestAmong(ints: Int8Array | Int16Array, base: Int32Array, scale: Float64Array, m: number, classes: Int32Array): number {
  const k = classes.length;
  let best = classes[0]!;
  let bestScore = -Infinity;
  let i = 0;
  for (; i + 4 <= k; i += 4) {
    const c0 = classes[i]!;
    const c1 = classes[i + 1]!;
    const c2 = classes[i + 2]!;
    const c3 = classes[i + 3]!;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let j = 0; j < m; j++) {
      const at = base[j]!;
      const s = scale[j]!;
      a0 = Math.fround(a0 + ints[at + c0]! * s);
      a1 = Math.fround(a1 + ints[at + c1]! * s);
      a2 = Math.fround(a2 + ints[at + c2]! * s);
      a3 = Math.fround(a3 + ints[at + c3]! * s);
    }
    if (i === 0 || a0 > bestScore) {
      best = c0;
      bestScore = a0;
    }
    if (a1 > bestScore) {
      best = c1;
      bestScore = a1;
    }
    if (a2 > bestScore) {
      best = c2;
      bestScore = a2;
    }
    if (a3 > bestScore) {
      best = c3;
      bestScore = a3;
    }
  }
  const rest = k - i;
  if (rest >= 2) {
    const c0 = classes[i]!;
    const c1 = classes[i + 1]!;
    const c2 = rest === 3 ? classes[i + 2]! : c1;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    for (let j = 0; j < m; j++) {
      const at = base[j]!;
      const s = scale[j]!;
      a0 = Math.fround(a0 + ints[at + c0]! * s);
      a1 = Math.fround(a1 + ints[at + c1]! * s);
      a2 = Math.fround(a2 + ints[at + c2]! * s);
    }
    if (i === 0 || a0 > bestScore) {
      best = c0;
      bestScore = a0;
    }
    if (a1 > bestScore) {
      best = c1;
      bestScore = a1;
    }
    if (rest === 3 && a2 > bestScore) {
      best = c2;
      bestScore = a2;
    }
  } else if (rest === 1) {
    const c0 = classes[i]!;
    let a0 = 0;
    for (let j = 0; j < m; j++) a0 = Math.fround(a0 + ints[base[j]! + c0]! * scale[j]!);
    if (i === 0 || a0 > bestScore) {
      best = c0;
      bestScore = a0;
    }
  }
  return best;
}

/** `array` itself when it lives in shared memory, else a copy in a SharedArrayBuffer of its own. */
function sharedCopy<T extends Uint32Array | Int32Array | Float32Array | Int8Array | Int16Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const bytes = new Uint8Array(new SharedArrayBuffer(array.byteLength));
  bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  return new Ctor(bytes.buffer as SharedArrayBuffer);
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
