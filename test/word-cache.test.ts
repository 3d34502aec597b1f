import { describe, expect, it } from 'vitest';
import { WORD_CACHE_WORDS, WordCache } from '../src/models/word-cache.js';
import { NerTagger, sharedNerTagger } from '../src/models/ner.js';

describe('word caches: one bounded budget', () => {
  it('never holds more than its limit and starts afresh when full', () => {
    const cache = new WordCache<number>(3);
    for (let i = 0; i < 10; i++) {
      cache.set(`w${i}`, i);
      expect(cache.size).toBeLessThanOrEqual(3);
      expect(cache.get(`w${i}`)).toBe(i);
    }
    expect(new WordCache<number>().limit).toBe(WORD_CACHE_WORDS);
  });

  it('clearing changes no output: an NER tagger caching 3 words tags as the shipped one', () => {
    const shipped = sharedNerTagger();
    const small = new NerTagger(shipped.perceptron, shipped.settings, shipped.lexicons, 3, shipped.gazetteerLists, shipped.extraLists);
    small.decoding = shipped.decoding;
    const doc = [
      ['Mirela', 'Oskan', ',', 'the', 'union', "'s", 'spokeswoman', ',', 'told', 'reporters', 'in', 'Dorvala', '.'],
      ['The', 'Kestrin', 'Harbour', 'Council', 'met', 'Pavel', 'Renke', 'in', 'Paris', 'on', 'Monday', '.'],
      ['Oskan', 'said', 'the', 'strike', 'would', 'end', '.'],
    ];
    expect(small.tagDocument(doc)).toEqual(shipped.tagDocument(doc));
  });
});
