/**
 * Open-addressing hash table from 32-bit feature ids to row numbers.
 * A JS Map costs several times more per lookup, and lookups dominate
 * tagging and parsing time.
 */
export class FeatureIndex {
  private keys: Uint32Array;
  private rows: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.rows = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Row of `key`, or -1. */
  get(key: number): number {
    const mask = this.mask;
    const keys = this.keys;
    const rows = this.rows;
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const row = rows[slot]!;
      if (row < 0 || keys[slot] === key) return row;
      slot = (slot + 1) & mask;
    }
  }

  /** Insert `key` → `row` (key must be absent). */
  set(key: number, row: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.place(key >>> 0, row);
    this.count++;
  }

  private place(key: number, row: number): void {
    const mask = this.mask;
    let slot = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    while (this.rows[slot]! >= 0) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.rows[slot] = row;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    const size = oldKeys.length * 2;
    this.keys = new Uint32Array(size);
    this.rows = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let i = 0; i < oldKeys.length; i++) if (oldRows[i]! >= 0) this.place(oldKeys[i]!, oldRows[i]!);
  }
}
