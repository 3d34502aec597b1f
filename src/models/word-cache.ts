/**
 * One memory budget for the per-word caches of the statistical models: the
 * tagger's and parser's word features (word-features.ts) and lexicon look-ups
 * (lexicon.ts), and the NER word table (ner-features.ts). Each keeps at most
 * WORD_CACHE_WORDS distinct words and starts afresh when full; a news stream
 * has an open vocabulary, so without a bound a thread's memory grows with
 * every new word it meets.
 *
 * Every cached value is a pure function of the word (and the loaded model),
 * so clearing changes no output, only the time to compute a value again.
 * Heap per cached word, measured: NER word table ~1.2 KB (its feature ids and
 * cached scores), word features ~330 B, a lexicon ~90 B (two: tagger and
 * parser); at 20,000 words all of them together hold at most ~35 MB a thread
 * (at the previous 200,000 a cache, ~340 MB).
 */
export const WORD_CACHE_WORDS = 20_000;

/** A Map from words to values that clears itself once it holds `limit` words. */
export class WordCache<V> {
  private readonly map = new Map<string, V>();

  constructor(readonly limit: number = WORD_CACHE_WORDS) {}

  get size(): number {
    return this.map.size;
  }

  get(word: string): V | undefined {
    return this.map.get(word);
  }

  set(word: string, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(word, value);
  }

  clear(): void {
    this.map.clear();
  }
}
