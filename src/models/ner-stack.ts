/**
 * Features of a second-stage NER tagger stacked on a first one (after
 * Krishnan & Manning 2006): what the first stage said about this token and
 * its neighbours, and how the first stage labelled the same word, the same
 * word pair and the same entity string across the whole document. The second
 * stage learns when to trust the document's majority over the local reading
 * ("Boatmen 's" is an ORG everywhere, "Duran" alone is the "Roberto Duran"
 * met elsewhere). It is trained on first-stage output the first stage did not
 * train on (jack-knifed), so it sees realistic first-stage errors.
 */
import { hashInts } from './hash.js';
import type { WordInfo } from './ner-features.js';

// Template ids, apart from ner-features.ts's. Changing any number invalidates trained models.
const S = {
  cur: 100, window: 101, curShort: 102, tokenMajority: 103, entityMajority: 104, wordInEntity: 105, pairInEntity: 106, superEntity: 107,
  curLower: 108,
} as const;

const N_TYPES = 5; // O, PER, ORG, LOC, MISC: what the aggregates count
const EDGE = 99; // the "class" beyond either end of a sentence

/** Entity type index (0 for O) and BILOU prefix (0 B, 1 I, 2 L, 3 U; -1 for O) of a tag class. */
const typeOf = (c: number): number => (c === 0 ? 0 : 1 + Math.floor((c - 1) / 4));
const prefixOf = (c: number): number => (c === 0 ? -1 : (c - 1) % 4);

interface Chunk {
  start: number;
  end: number;
  type: number;
  key: string;
}

/** Chunks of a well-formed BILOU class sequence. */
function chunks(words: readonly WordInfo[], classes: readonly number[]): Chunk[] {
  const out: Chunk[] = [];
  let start = -1;
  for (let i = 0; i < classes.length; i++) {
    const p = prefixOf(classes[i]!);
    if (p === 0 || p === 3) start = i;
    if ((p === 2 || p === 3) && start >= 0) {
      out.push({ start, end: i + 1, type: typeOf(classes[i]!), key: words.slice(start, i + 1).map((w) => w.lowerStr).join(' ') });
      start = -1;
    }
  }
  return out;
}

/** Per key, counts of each of N_TYPES labels (or of 4·N_TYPES position-labels). */
class Tally<K> {
  readonly counts = new Map<K, Int32Array>();
  constructor(private readonly width: number) {}
  add(key: K, k: number): void {
    let c = this.counts.get(key);
    if (!c) {
      c = new Int32Array(this.width);
      this.counts.set(key, c);
    }
    c[k]!++;
  }
  /** The most frequent value and how sure: 2 all agree, 1 a strict majority, 0 otherwise; null when unseen. */
  majority(key: K): { value: number; total: number; agreement: number } | null {
    const c = this.counts.get(key);
    if (!c) return null;
    let best = 0;
    let total = 0;
    for (let k = 0; k < c.length; k++) {
      total += c[k]!;
      if (c[k]! > c[best]!) best = k;
    }
    if (total === 0) return null;
    const agreement = c[best] === total ? 2 : 2 * c[best]! > total ? 1 : 0;
    return { value: best, total, agreement };
  }
}

const countBucket = (n: number): number => (n <= 1 ? 1 : n <= 3 ? 2 : 3);

/**
 * The stacking features of every token of a document, given the first
 * stage's classes: out[s][i] holds token i of sentence s's feature ids.
 */
export function stackFeatures(infos: readonly (readonly WordInfo[])[], stage1: readonly (readonly number[])[]): Uint32Array[][] {
  const tokenTally = new Tally<number>(N_TYPES);
  const entityTally = new Tally<string>(N_TYPES);
  // Position-label (4·type + prefix) of a word, and of a word after the previous word, inside first-stage chunks.
  const wordTally = new Tally<number>(4 * N_TYPES);
  const pairTally = new Tally<number>(4 * N_TYPES);
  const allChunks = infos.map((words, s) => chunks(words, stage1[s]!));
  infos.forEach((words, s) => {
    const classes = stage1[s]!;
    words.forEach((w, i) => {
      if (w.cap) tokenTally.add(w.lower, typeOf(classes[i]!));
      // Outside every chunk counts as label 0, so the tallies also tell how often the word was left out.
      const c = classes[i]!;
      const label = c === 0 ? 0 : 4 * typeOf(c) + prefixOf(c);
      wordTally.add(w.lower, label);
      if (i > 0) pairTally.add(hashInts(0, words[i - 1]!.lower, w.lower), label);
    });
    for (const ch of allChunks[s]!) entityTally.add(ch.key, ch.type);
  });
  // Longer chunks containing a shorter one's string ("Roberto Duran" for "Duran"), by the shorter one's key.
  const superTally = new Tally<string>(N_TYPES);
  const keys = [...entityTally.counts.keys()];
  for (const long of keys) {
    const words = long.split(' ');
    if (words.length < 2) continue;
    const type = entityTally.majority(long)!.value;
    const seen = new Set<string>();
    for (let a = 0; a < words.length; a++) {
      for (let b = a + 1; b <= words.length; b++) {
        if (b - a === words.length) continue;
        const sub = words.slice(a, b).join(' ');
        if (!seen.has(sub) && entityTally.counts.has(sub)) superTally.add(sub, type);
        seen.add(sub);
      }
    }
  }
  return infos.map((words, s) => {
    const classes = stage1[s]!;
    const n = words.length;
    const inChunk = new Array<Chunk | null>(n).fill(null);
    for (const ch of allChunks[s]!) for (let i = ch.start; i < ch.end; i++) inChunk[i] = ch;
    return words.map((w, i) => {
      const out: number[] = [];
      const c = classes[i]!;
      const prev = i > 0 ? classes[i - 1]! : EDGE;
      const next = i + 1 < n ? classes[i + 1]! : EDGE;
      out.push(hashInts(S.cur, c), hashInts(S.window, prev, c, next), hashInts(S.curShort, c, w.short), hashInts(S.curLower, c, w.lower));
      if (w.cap) {
        const m = tokenTally.majority(w.lower);
        if (m && m.total > 1) out.push(hashInts(S.tokenMajority, m.value, m.agreement, countBucket(m.total)));
      }
      const ch = inChunk[i];
      if (ch) {
        const pos = ch.end - ch.start === 1 ? 3 : i === ch.start ? 0 : i === ch.end - 1 ? 2 : 1;
        const m = entityTally.majority(ch.key);
        if (m && m.total > 1) out.push(hashInts(S.entityMajority, m.value, m.agreement, pos));
        const sup = superTally.majority(ch.key);
        if (sup) out.push(hashInts(S.superEntity, sup.value, sup.agreement, pos));
      }
      const wm = wordTally.majority(w.lower);
      if (wm && !(wm.value === 0 && wm.agreement === 2)) out.push(hashInts(S.wordInEntity, wm.value, wm.agreement, w.cap ? 1 : 0));
      if (i > 0) {
        const pm = pairTally.majority(hashInts(0, words[i - 1]!.lower, w.lower));
        if (pm && !(pm.value === 0 && pm.agreement === 2)) out.push(hashInts(S.pairInEntity, pm.value, pm.agreement));
      }
      return Uint32Array.from(out);
    });
  });
}
