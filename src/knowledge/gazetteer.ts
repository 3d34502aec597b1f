/**
 * A phrase matcher over token sequences: each phrase belongs to one or more
 * lists, and matching yields, per token, where it sits (B/I/L/U) in the
 * longest phrase of each list that covers it.
 *
 * Matching is case-insensitive: capitalisation is the tagger's business.
 */

interface TrieNode {
  /** null at a leaf: most nodes are phrase ends with nothing after them, and an empty Map per node cost ~25 MB over the NER gazetteers. */
  next: Map<string, TrieNode> | null;
  /** Bit i set when a phrase of list i ends here. */
  ends: number;
}

/** Where a phrase's first token leads in a gazetteer (opaque outside this module): see Gazetteer.first. */
export type GazetteerStart = TrieNode;

export const GAZ_B = 0;
export const GAZ_I = 1;
export const GAZ_L = 2;
export const GAZ_U = 3;

/** Split a phrase into the tokens our tokenisers produce for it (whitespace only: hyphenated words stay whole). */
export function phraseTokens(phrase: string): string[] {
  return phrase.trim().split(/\s+/).filter((t) => t.length > 0);
}

export class Gazetteer {
  private readonly root: TrieNode = { next: new Map(), ends: 0 };
  readonly listNames: readonly string[];
  /** Scratch for match(), one slot per list. */
  private readonly paintedEnd: Int32Array;
  private readonly longest: Int32Array;

  constructor(lists: ReadonlyArray<{ name: string; phrases: Iterable<string> }>) {
    if (lists.length > 7) throw new Error('Gazetteer: at most 7 lists (4 bits each in a 32-bit mask)');
    this.listNames = lists.map((l) => l.name);
    this.paintedEnd = new Int32Array(lists.length);
    this.longest = new Int32Array(lists.length);
    lists.forEach((list, id) => {
      for (const phrase of list.phrases) this.add(phraseTokens(phrase), id);
    });
  }

  private add(tokens: string[], list: number): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const t of tokens) {
      const key = t.toLowerCase();
      node.next ??= new Map();
      let child = node.next.get(key);
      if (!child) {
        child = { next: null, ends: 0 };
        node.next.set(key, child);
      }
      node = child;
    }
    node.ends |= 1 << list;
  }

  /**
   * Per token, a mask with bit (list * 4 + position) set for the longest
   * match of each list covering the token. `lower` are the lowercased tokens.
   */
  match(lower: readonly string[]): Uint32Array {
    return this.matchFrom(lower, lower.map((w) => this.first(w)));
  }

  /** The trie node a lowercased token leads to from the root, or null: callers may cache it per word. */
  first(lower: string): GazetteerStart | null {
    return this.root.next?.get(lower) ?? null;
  }

  /** match(), given each token's first(): the root look-up is the costly one (a large, cache-cold map). */
  matchFrom(lower: readonly string[], firsts: readonly (GazetteerStart | null)[]): Uint32Array {
    const n = lower.length;
    const masks = new Uint32Array(n);
    const nLists = this.listNames.length;
    // Longest match per list starting at each token, then paint B/I/L/U unless an earlier, longer match
    // of the list covers it. Painted ends only grow (a match is painted only when it reaches past the
    // last painted one), so the last painted end per list says whether a match is nested.
    const paintedEnd = this.paintedEnd;
    const longest = this.longest;
    paintedEnd.fill(-1);
    for (let i = 0; i < n; i++) {
      let node: TrieNode | undefined = firsts[i] ?? undefined;
      if (node === undefined) continue;
      longest.fill(-1);
      for (let j = i; ; ) {
        const ends = node.ends;
        if (ends !== 0) for (let l = 0; l < nLists; l++) if (ends & (1 << l)) longest[l] = j;
        if (++j >= n || node.next === null) break;
        node = node.next.get(lower[j]!);
        if (node === undefined) break;
      }
      for (let l = 0; l < nLists; l++) {
        const j = longest[l]!;
        if (j < 0 || paintedEnd[l]! >= j) continue;
        paintedEnd[l] = j;
        const shift = l * 4;
        const clear = ~(0xf << shift);
        for (let k = i; k <= j; k++) {
          const pos = i === j ? GAZ_U : k === i ? GAZ_B : k === j ? GAZ_L : GAZ_I;
          masks[k] = (masks[k]! & clear) | (1 << (shift + pos));
        }
      }
    }
    return masks;
  }
}
