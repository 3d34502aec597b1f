/**
 * 32-bit hashing for feature ids. Features are hashed rather than interned so
 * that a model file needs no feature dictionary and training needs no
 * vocabulary pass.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of `s`, as an unsigned 32-bit integer. */
export function hashString(s: string, seed = 0): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return fmix(h);
}

/** murmur3's finaliser: FNV alone leaves the low bits poorly mixed for short keys. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combine a feature template id with up to three already-hashed values (no string building in hot loops). */
export function hashInts(template: number, a: number, b = 0, c = 0): number {
  let h = Math.imul(template + 0x9e3779b9, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ a, FNV_PRIME);
  h = Math.imul(h ^ (h >>> 15) ^ b, 0xcc9e2d51);
  h = Math.imul(h ^ (h >>> 13) ^ c, 0x1b873593);
  return fmix(h);
}
