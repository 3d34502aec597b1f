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

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size * 2);
    this.mask = size - 1;
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
