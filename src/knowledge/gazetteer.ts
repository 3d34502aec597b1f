/**
 * A phrase matcher over token sequences: each phrase belongs to one or more
 * lists, and matching yields, per token, where it sits (B/I/L/U) in the
 * longest phrase of each list that covers it.
 *
 * Matching is case-insensitive: capitalisation is the tagger's business.
 */

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Bit i set when a phrase of list i ends here. */
  ends: number;
}

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

  constructor(lists: ReadonlyArray<{ name: string; phrases: Iterable<string> }>) {
    if (lists.length > 7) throw new Error('Gazetteer: at most 7 lists (4 bits each in a 32-bit mask)');
    this.listNames = lists.map((l) => l.name);
    lists.forEach((list, id) => {
      for (const phrase of list.phrases) this.add(phraseTokens(phrase), id);
    });
  }

  private add(tokens: string[], list: number): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const t of tokens) {
      const key = t.toLowerCase();
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map(), ends: 0 };
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
    const n = lower.length;
    const masks = new Uint32Array(n);
    const nLists = this.listNames.length;
    // Longest match per list starting at each token, then paint B/I/L/U where nothing longer already covers.
    const covered = new Int32Array(nLists * n).fill(-1);
    const longest = new Int32Array(nLists);
    for (let i = 0; i < n; i++) {
      let node: TrieNode | undefined = this.root.next.get(lower[i]!);
      if (!node) continue;
      node = this.root;
      longest.fill(-1);
      for (let j = i; j < n && node; j++) {
        node = node.next.get(lower[j]!);
        if (!node) break;
        if (node.ends !== 0) for (let l = 0; l < nLists; l++) if (node.ends & (1 << l)) longest[l] = j;
      }
      for (let l = 0; l < nLists; l++) {
        const j = longest[l]!;
        if (j < 0) continue;
        // Skip a match nested inside an earlier, longer one of the same list.
        if (covered[l * n + i]! >= j) continue;
        for (let k = i; k <= j; k++) {
          covered[l * n + k] = j;
          const pos = i === j ? GAZ_U : k === i ? GAZ_B : k === j ? GAZ_L : GAZ_I;
          masks[k] = (masks[k]! & ~(0xf << (l * 4))) | (1 << (l * 4 + pos));
        }
      }
    }
    return masks;
  }
}
