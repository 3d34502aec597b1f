/**
 * Distributional word clusters from unlabelled text, built at training time.
 *
 * Each frequent word is described by the words seen just before and after it
 * (counts over the most frequent context words, log-scaled, randomly
 * projected to a small dense vector, L2-normalised); hierarchical k-means
 * then gives every word a path of cluster digits, coarse to fine. The tagger
 * uses every prefix of the path, as Brown-cluster features are used.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, type Random } from './prng.js';
import { readConllFile } from './ner-conll.js';

export interface ClusterOptions {
  /** Words seen fewer times get no cluster. */
  minCount: number;
  /** How many frequent lowercased words serve as contexts. */
  contexts: number;
  dims: number;
  /** Branching factor per level, e.g. [16, 16, 8]. */
  branching: number[];
  iterations: number;
  seed: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  minCount: 3,
  contexts: 2000,
  dims: 96,
  branching: [16, 16, 8],
  iterations: 12,
  seed: 1,
};

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Word → path of cluster digits (one character per level). */
export function buildClusters(sentences: readonly (readonly string[])[], options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): Map<string, string> {
  const counts = new Map<string, number>();
  const lowerCounts = new Map<string, number>();
  for (const s of sentences) {
    for (const w of s) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      const l = w.toLowerCase();
      lowerCounts.set(l, (lowerCounts.get(l) ?? 0) + 1);
    }
  }
  const words = [...counts.entries()].filter(([, c]) => c >= options.minCount).map(([w]) => w).sort();
  const wordIndex = new Map(words.map((w, i) => [w, i]));
  const ctxWords = [...lowerCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.contexts).map(([w]) => w);
  const ctxIndex = new Map(ctxWords.map((w, i) => [w, i]));
  const random = createRandom(options.seed);
  // Context ids: 2 sides × (frequent words + sentence boundary + "other").
  const nCtx = 2 * (options.contexts + 2);
  const projection = new Float32Array(nCtx * options.dims);
  for (let i = 0; i < projection.length; i++) projection[i] = random() < 0.5 ? -1 : 1;
  const ctxCounts = words.map(() => new Map<number, number>());
  const ctxId = (w: string | undefined, side: number): number => {
    const base = side * (options.contexts + 2);
    if (w === undefined) return base + options.contexts;
    return base + (ctxIndex.get(w.toLowerCase()) ?? options.contexts + 1);
  };
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      const wi = wordIndex.get(s[i]!);
      if (wi === undefined) continue;
      const m = ctxCounts[wi]!;
      for (const id of [ctxId(s[i - 1], 0), ctxId(s[i + 1], 1)]) m.set(id, (m.get(id) ?? 0) + 1);
    }
  }
  const D = options.dims;
  const vectors = new Float32Array(words.length * D);
  ctxCounts.forEach((m, wi) => {
    const v = vectors.subarray(wi * D, wi * D + D);
    for (const [id, c] of m) {
      const weight = Math.log1p(c);
      const p = projection.subarray(id * D, id * D + D);
      for (let d = 0; d < D; d++) v[d] += weight * p[d]!;
    }
    normalize(v);
  });
  const paths = new Array<string>(words.length).fill('');
  const split = (members: number[], level: number): void => {
    if (level >= options.branching.length || members.length < 2) return;
    const k = Math.min(options.branching[level]!, members.length);
    const assign = kmeans(vectors, D, members, k, options.iterations, random);
    const groups: number[][] = Array.from({ length: k }, () => []);
    members.forEach((w, i) => groups[assign[i]!]!.push(w));
    groups.forEach((g, c) => {
      for (const w of g) paths[w] += DIGITS[c]!;
      split(g, level + 1);
    });
  };
  split(words.map((_, i) => i), 0);
  return new Map(words.map((w, i) => [w, paths[i]!]));
}

function normalize(v: Float32Array): void {
  let norm = 0;
  for (let d = 0; d < v.length; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < v.length; d++) v[d] /= norm;
}

/** Spherical k-means over the given rows; returns the cluster of each member. */
function kmeans(vectors: Float32Array, D: number, members: number[], k: number, iterations: number, random: Random): Int32Array {
  const centroids = new Float32Array(k * D);
  const picked = new Set<number>();
  for (let c = 0; c < k; c++) {
    let m = Math.floor(random() * members.length);
    while (picked.has(m)) m = (m + 1) % members.length;
    picked.add(m);
    centroids.set(vectors.subarray(members[m]! * D, members[m]! * D + D), c * D);
  }
  const assign = new Int32Array(members.length);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < members.length; i++) {
      const v = vectors.subarray(members[i]! * D, members[i]! * D + D);
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c++) {
        let sim = 0;
        const base = c * D;
        for (let d = 0; d < D; d++) sim += v[d]! * centroids[base + d]!;
        if (sim > bestSim) {
          bestSim = sim;
          best = c;
        }
      }
      assign[i] = best;
    }
    centroids.fill(0);
    for (let i = 0; i < members.length; i++) {
      const base = assign[i]! * D;
      const v = vectors.subarray(members[i]! * D, members[i]! * D + D);
      for (let d = 0; d < D; d++) centroids[base + d] += v[d]!;
    }
    for (let c = 0; c < k; c++) normalize(centroids.subarray(c * D, c * D + D));
  }
  return assign;
}

/** Split plain text into word-ish tokens (good enough for context counts). */
export function roughTokens(text: string): string[][] {
  return text
    .split(/\n+|(?<=[.!?]["”’]?)\s+(?=[A-Z"“])/)
    .map((s) => s.match(/\p{L}[\p{L}\p{M}'’.-]*\p{L}|\p{L}|\d[\d,.]*|[^\s\p{L}\d]/gu) ?? [])
    .filter((s) => s.length > 0);
}

/**
 * The unlabelled text under a shared data folder: CoNLL train words, UD EWT
 * train forms and PolNeAR train texts, whichever exist.
 */
export function unlabelledSentences(sharedData: string): string[][] {
  const out: string[][] = [];
  try {
    for (const d of readConllFile(join(sharedData, 'conll2003', 'eng.train.gz'))) for (const s of d.sentences) out.push(s.words);
  } catch {
    /* absent corpus: use the others */
  }
  try {
    const text = readFileSync(join(sharedData, 'ud-ewt', 'en_ewt-ud-train.conllu'), 'utf8');
    let sentence: string[] = [];
    for (const line of text.split('\n')) {
      if (line === '') {
        if (sentence.length) out.push(sentence);
        sentence = [];
      } else if (!line.startsWith('#')) {
        const cols = line.split('\t');
        if (/^\d+$/.test(cols[0]!)) sentence.push(cols[1]!);
      }
    }
  } catch {
    /* absent */
  }
  try {
    const dir = join(sharedData, 'polnear', 'train', 'text');
    for (const f of readdirSync(dir).sort()) out.push(...roughTokens(readFileSync(join(dir, f), 'utf8')));
  } catch {
    /* absent */
  }
  return out;
}

/**
 * How often each word is capitalised away from the start of a sentence, in
 * five buckets (0 never, 1 <10%, 2 <50%, 3 <90%, 4 more): tells a name
 * ("Bush") from a capitalised common word at the start of a sentence or in
 * an all-caps headline.
 */
export function buildCapPrior(sentences: readonly (readonly string[])[], minCount = 2): Map<string, number> {
  const seen = new Map<string, [number, number]>();
  for (const s of sentences) {
    // All-caps lines say nothing about case.
    if (s.every((w) => w === w.toUpperCase())) continue;
    for (let i = 1; i < s.length; i++) {
      const w = s[i]!;
      if (!/^\p{L}/u.test(w)) continue;
      // A word after a sentence-final mark starts a sentence the splitter missed.
      if (/^[.!?"“:]$/.test(s[i - 1]!)) continue;
      const key = w.toLowerCase();
      const c = seen.get(key) ?? [0, 0];
      c[0]++;
      if (/^\p{Lu}/u.test(w)) c[1]++;
      seen.set(key, c);
    }
  }
  const out = new Map<string, number>();
  for (const [w, [n, caps]] of [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n < minCount) continue;
    const rate = caps / n;
    out.set(w, rate === 0 ? 0 : rate < 0.1 ? 1 : rate < 0.5 ? 2 : rate < 0.9 ? 3 : 4);
  }
  return out;
}
