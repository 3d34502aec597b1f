/**
 * Near-duplicate detection: MinHash over word shingles, with LSH band keys so
 * a store can find candidates by index lookup instead of comparing against
 * every earlier article.
 *
 * Exact duplicates are caught earlier by contentHash; this catches syndicated
 * copies whose wording differs in a sentence or two.
 *
 * The hash seeds and parameters are part of the stored format: changing them
 * makes old signatures incomparable with new ones, so bump SIGNATURE_VERSION.
 */

export const SIGNATURE_VERSION = 1;
/** Words per shingle. Four keeps shared stock phrases ("said in a statement") from linking unrelated reports. */
export const SHINGLE_WORDS = 4;
/** Hashes per signature; the Jaccard estimate's standard error is about 0.5/sqrt(NUM_HASHES). */
export const NUM_HASHES = 128;
/** LSH banding over the first BANDS*ROWS hashes: a pair at Jaccard 0.5 becomes a candidate with p ≈ 0.93, at 0.05 with p ≈ 0.003. */
export const BANDS = 20;
export const ROWS = 3;
/** Estimated Jaccard similarity at or above which an article is a near-duplicate. */
export const NEAR_DUP_THRESHOLD = 0.5;
/** Texts with fewer shingles than this are too short to compare by shape; only exact hashing applies. */
export const MIN_SHINGLES = 5;
/**
 * Only the start of a text is signed: 200k characters (~35k words) tell copies apart as well as the
 * whole would, and keep time and memory bounded on the odd multi-megabyte "article".
 */
export const MAX_SIGNED_CHARS = 200_000;

const WORD = /\p{L}[\p{L}\p{N}'’]*|\p{N}+/gu;

/** murmur3's 32-bit finaliser: a cheap, well-mixed bijection on 32-bit integers (returned signed, to stay a small integer in V8). */
function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** FNV-1a over UTF-16 code units. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

// Fixed seeds (a Weyl sequence from a constant, mixed) so signatures are stable across runs and machines.
const SEEDS: Int32Array = (() => {
  const seeds = new Int32Array(NUM_HASHES);
  let state = 0x5eed1e55;
  for (let i = 0; i < NUM_HASHES; i++) {
    state = (state + 0x9e3779b9) | 0;
    seeds[i] = fmix32(state);
  }
  return seeds;
})();

/** Lower-cased words of a text, punctuation dropped. */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Distinct hashed word shingles of a text (built from word hashes: no shingle strings are made). */
export function shingleHashes(text: string, size = SHINGLE_WORDS): Set<number> {
  const ws = words(text);
  const out = new Set<number>();
  if (ws.length === 0) return out;
  const wh = new Int32Array(ws.length);
  for (let i = 0; i < ws.length; i++) wh[i] = hashString(ws[i]!);
  const n = Math.min(size, ws.length);
  for (let i = 0; i + n <= ws.length; i++) {
    let h = n;
    for (let j = 0; j < n; j++) h = fmix32(Math.imul(h, 0x01000193) ^ wh[i + j]!);
    out.add(h);
  }
  return out;
}

/**
 * MinHash signature of a text, or null when it is too short to compare.
 * Minima are taken over signed 32-bit values: any fixed order serves, and
 * signed integers keep V8 on its fast path.
 */
export function minhashSignature(text: string): Int32Array | null {
  const shingles = shingleHashes(text.length > MAX_SIGNED_CHARS ? text.slice(0, MAX_SIGNED_CHARS) : text);
  if (shingles.size < MIN_SHINGLES) return null;
  const sig = new Int32Array(NUM_HASHES).fill(0x7fffffff);
  for (const h of shingles) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const v = fmix32(h ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Fraction of positions where two signatures agree: an unbiased estimate of the shingle sets' Jaccard similarity. */
export function estimateJaccard(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * One key per LSH band, each a non-negative integer below 2^53 (exact in a JS
 * number, a SQLite INTEGER and a PostgreSQL bigint). The band number is mixed
 * in, so keys of different bands never need to be told apart.
 */
export function bandKeys(sig: Int32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let hi = fmix32(Math.imul(b + 1, 0x9e3779b9));
    let lo = fmix32(hi ^ 0x27d4eb2f);
    for (let r = 0; r < ROWS; r++) {
      const v = sig[b * ROWS + r]!;
      hi = fmix32(hi ^ v);
      lo = fmix32(Math.imul(lo ^ v, 0x165667b1));
    }
    keys.push((hi & 0x1fffff) * 0x100000000 + (lo >>> 0));
  }
  return keys;
}

/** Signatures travel through databases as bytes (little-endian int32s). */
export function signatureToBytes(sig: Int32Array): Buffer {
  const buf = Buffer.alloc(sig.length * 4);
  for (let i = 0; i < sig.length; i++) buf.writeInt32LE(sig[i]!, i * 4);
  return buf;
}

export function signatureFromBytes(bytes: Uint8Array): Int32Array {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = new Int32Array(Math.floor(buf.length / 4));
  for (let i = 0; i < sig.length; i++) sig[i] = buf.readInt32LE(i * 4);
  return sig;
}

export interface NearDupCandidate {
  id: string;
  /** Ingest order: ties go to the earliest article. */
  seq: number;
  signature: Int32Array;
  /** When the candidate is itself a copy, we point at its original instead. */
  duplicateOf: string | null;
}

export interface NearDupMatch {
  /** The original: the earliest article of the copy's family. */
  duplicateOf: string;
  /** The candidate actually matched, and how closely. */
  matched: string;
  similarity: number;
}

/** The best candidate at or above the threshold, or null. */
export function pickNearDuplicate(sig: Int32Array, candidates: Iterable<NearDupCandidate>, threshold = NEAR_DUP_THRESHOLD): NearDupMatch | null {
  let best: NearDupCandidate | null = null;
  let bestSim = -1;
  for (const c of candidates) {
    const sim = estimateJaccard(sig, c.signature);
    if (sim < threshold) continue;
    if (sim > bestSim || (sim === bestSim && best !== null && c.seq < best.seq)) {
      best = c;
      bestSim = sim;
    }
  }
  if (!best) return null;
  return { duplicateOf: best.duplicateOf ?? best.id, matched: best.id, similarity: bestSim };
}
