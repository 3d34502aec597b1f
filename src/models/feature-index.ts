/** A FeatureIndex's table: (key, row + 1) pairs over a power-of-two number of slots. */
export interface FeatureIndexParts {
  slots: Int32Array;
  count: number;
}

/** A PackedRows table: slots of 2^shift int32 words (a key, then nClasses float32 weights). */
export interface PackedRowsParts {
  table: Int32Array;
  nClasses: number;
  /** The key value that marks an empty slot. */
  empty: number;
}

/**
 * Open-addressing hash table from 32-bit feature ids to row numbers.
 * A JS Map costs several times more per lookup, and lookups dominate
 * tagging and parsing time; keys and rows sit side by side so that a lookup
 * usually touches one cache line.
 */
export class FeatureIndex {
  /** Pairs (key, row + 1); row + 1 === 0 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /** `shared`: slots in a SharedArrayBuffer (fill the index before other threads read it; it must not grow). */
  constructor(capacity = 1024, shared = false) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = shared ? new Int32Array(new SharedArrayBuffer(size * 8)) : new Int32Array(size * 2);
    this.mask = size - 1;
  }

  /** The table as plain data (its array is the index's own, not a copy). */
  parts(): FeatureIndexParts {
    return { slots: this.slots, count: this.count };
  }

  /** An index over the slots of parts() (e.g. in a SharedArrayBuffer), adopted without copying; read-only by contract. */
  static fromParts(parts: FeatureIndexParts): FeatureIndex {
    const index = new FeatureIndex(0);
    index.slots = parts.slots;
    index.mask = parts.slots.length / 2 - 1;
    index.count = parts.count;
    return index;
  }

  get size(): number {
    return this.count;
  }

  /** Row of `key`, or -1. */
  get(key: number): number {
    const mask = this.mask;
    const slots = this.slots;
    const k = key | 0;
    let slot = (Math.imul(k, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const row = slots[2 * slot + 1]!;
      if (row === 0) return -1;
      if (slots[2 * slot] === k) return row - 1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Read the home slot of every key without branching, so that their cache
   * misses overlap before get() walks them one by one (a software prefetch).
   * The result means nothing; callers keep it so the reads stay.
   */
  touch(keys: ArrayLike<number>): number {
    const mask = this.mask;
    const slots = this.slots;
    let x = 0;
    for (let i = 0; i < keys.length; i++) x ^= slots[2 * ((Math.imul(keys[i]! | 0, 0x9e3779b1) >>> 0) & mask)]!;
    return x;
  }

  /** Insert `key` → `row` (key must be absent). */
  set(key: number, row: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.place(key | 0, row + 1);
    this.count++;
  }

  private place(key: number, stored: number): void {
    const mask = this.mask;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    this.slots[2 * slot] = key;
    this.slots[2 * slot + 1] = stored;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i]!, old[i + 1]!);
  }
}

/**
 * Read-only open-addressing table whose slots hold a feature id followed by
 * its weight row, for narrow float rows (the parser's three moves): a look-up
 * then touches one cache line instead of a table slot plus a separate row.
 */
export class PackedRows {
  private readonly ints: Int32Array;
  private readonly floats: Float32Array;
  private readonly mask: number;
  private readonly shift: number;
  /** A 32-bit value that is no feature id, marking empty slots. */
  private readonly empty: number;
  private readonly nClasses: number;
  /** Sink for the prefetch pass, so that it is not optimised away. */
  touched = 0;

  /** Over an existing table (parts() of another PackedRows, e.g. in a SharedArrayBuffer): no copy; read-only by contract. */
  constructor(parts: PackedRowsParts) {
    const { table, nClasses, empty } = parts;
    let shift = 0;
    while (1 << shift < nClasses + 1) shift++;
    this.shift = shift;
    this.mask = (table.length >> shift) - 1;
    this.ints = table;
    this.floats = new Float32Array(table.buffer, table.byteOffset, table.length);
    this.nClasses = nClasses;
    this.empty = empty;
  }

  /** Pack rows (keys[row] owns weights[row × nClasses ...]) into a new table (`shared`: in a SharedArrayBuffer). */
  static build(keys: Uint32Array, weights: Float32Array, nClasses: number, shared = false): PackedRows {
    const n = keys.length;
    let shift = 0;
    while (1 << shift < nClasses + 1) shift++;
    let size = 16;
    while (size < n * 2) size *= 2;
    const mask = size - 1;
    const ints = shared ? new Int32Array(new SharedArrayBuffer((size << shift) * 4)) : new Int32Array(size << shift);
    const floats = new Float32Array(ints.buffer);
    // The smallest id not in use (a sorted typed copy is much cheaper than a Set of half a million numbers).
    const sorted = keys.slice().sort();
    let empty = 0;
    for (let i = 0; i < n && sorted[i]! <= empty; i++) if (sorted[i] === empty) empty++;
    if (empty !== 0) ints.fill(empty);
    for (let row = 0; row < n; row++) {
      const key = keys[row]! | 0;
      let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
      while (ints[slot << shift] !== empty) slot = (slot + 1) & mask;
      const at = slot << shift;
      ints[at] = key;
      for (let c = 0; c < nClasses; c++) floats[at + 1 + c] = weights[row * nClasses + c]!;
    }
    return new PackedRows({ table: ints, nClasses, empty });
  }

  /** The table as plain data (its array is this object's own, not a copy). */
  parts(): PackedRowsParts {
    return { table: this.ints, nClasses: this.nClasses, empty: this.empty };
  }

  /** Add the row of each known feature to `out`, in feature order. */
  addRows(features: ArrayLike<number>, out: Float32Array): void {
    const { ints, floats, mask, shift, empty, nClasses: C } = this;
    // A branch-free pass touching every home slot first lets the cache misses overlap (a software prefetch).
    let touched = 0;
    for (let i = 0; i < features.length; i++) touched ^= ints[((Math.imul(features[i]! | 0, 0x9e3779b1) >>> 0) & mask) << shift]!;
    this.touched = touched;
    for (let i = 0; i < features.length; i++) {
      const k = features[i]! | 0;
      let slot = (Math.imul(k, 0x9e3779b1) >>> 0) & mask;
      for (;;) {
        const at = slot << shift;
        const key = ints[at]!;
        if (key === k) {
          for (let c = 0; c < C; c++) out[c] += floats[at + 1 + c]!;
          break;
        }
        if (key === empty) break;
        slot = (slot + 1) & mask;
      }
    }
  }
}
