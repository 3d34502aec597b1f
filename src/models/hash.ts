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

/** hashInts's first step, which depends on the template alone: computed once per template. */
export function templateSeed(template: number): number {
  return Math.imul(template + 0x9e3779b9, 0x85ebca6b) >>> 0;
}

/**
 * Operands of a fixed list of feature templates, hashed in one loop:
 * out[k] === hashInts(templates[k], a[k], b[k], c[k]). Feature extractors
 * write plain operands (cheap stores) instead of making a hard-to-inline
 * call per feature.
 */
export class FeatureBatch {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly c: Uint32Array;
  private readonly seeds: Uint32Array;

  constructor(templates: readonly number[]) {
    this.seeds = Uint32Array.from(templates, templateSeed);
    this.a = new Uint32Array(templates.length);
    this.b = new Uint32Array(templates.length);
    this.c = new Uint32Array(templates.length);
  }

  hash(out: Uint32Array): void {
    const { seeds, a, b, c } = this;
    for (let k = 0; k < seeds.length; k++) {
      let h = Math.imul(seeds[k]! ^ a[k]!, FNV_PRIME);
      h = Math.imul(h ^ (h >>> 15) ^ b[k]!, 0xcc9e2d51);
      h = Math.imul(h ^ (h >>> 13) ^ c[k]!, 0x1b873593);
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      out[k] = h >>> 0;
    }
  }
}
