import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BANDS,
  bandKeys,
  estimateJaccard,
  MAX_SIGNED_CHARS,
  minhashSignature,
  NUM_HASHES,
  pickNearDuplicate,
  shingleHashes,
  signatureFromBytes,
  signatureToBytes,
} from '../src/ingest/dedupe.js';
import { fixtureArticle } from './fixtures/store/contract.js';

function exactJaccard(a: string, b: string): number {
  const x = shingleHashes(a);
  const y = shingleHashes(b);
  let inter = 0;
  for (const h of x) if (y.has(h)) inter++;
  return inter / (x.size + y.size - inter);
}

describe('MinHash near-duplicate detection', () => {
  const original = fixtureArticle('orsen-strike').text;
  const copy = fixtureArticle('orsen-strike-syndicated').text;
  const sameStory = fixtureArticle('orsen-strike-analysis').text;
  const unrelated = fixtureArticle('kessa-floods').text;

  it('estimates Jaccard similarity close to the exact value', () => {
    const sig = (t: string) => minhashSignature(t)!;
    for (const [a, b] of [[original, copy], [original, sameStory], [original, unrelated]] as const) {
      // Standard error is at most 0.5/sqrt(128) ≈ 0.044; allow three of them.
      expect(Math.abs(estimateJaccard(sig(a), sig(b)) - exactJaccard(a, b))).toBeLessThan(0.14);
    }
  });

  it('ranks the syndicated copy as near-duplicate and the same-story report as not', () => {
    const sig = minhashSignature(copy)!;
    const candidates = [
      { id: 'story', seq: 1, signature: minhashSignature(sameStory)!, duplicateOf: null },
      { id: 'orig', seq: 2, signature: minhashSignature(original)!, duplicateOf: null },
      { id: 'floods', seq: 3, signature: minhashSignature(unrelated)!, duplicateOf: null },
    ];
    expect(pickNearDuplicate(sig, candidates)).toMatchObject({ duplicateOf: 'orig', matched: 'orig' });
    expect(pickNearDuplicate(minhashSignature(sameStory)!, candidates.filter((c) => c.id !== 'story'))).toBeNull();
  });

  it('shares an LSH band between copies and none between unrelated reports', () => {
    const keys = (t: string) => new Set(bandKeys(minhashSignature(t)!));
    const a = keys(original);
    expect(a.size).toBe(BANDS);
    expect([...keys(copy)].some((k) => a.has(k))).toBe(true);
    expect([...keys(unrelated)].some((k) => a.has(k))).toBe(false);
    for (const k of a) expect(Number.isSafeInteger(k) && k >= 0).toBe(true);
  });

  it('ignores case, punctuation and spacing, and declines texts too short to judge', () => {
    const sig = minhashSignature(original)!;
    const shouted = minhashSignature(original.toUpperCase().replace(/,/g, ' ,').replace(/\n+/g, '   '))!;
    expect(estimateJaccard(sig, shouted)).toBe(1);
    expect(minhashSignature('Too short to tell.')).toBeNull();
    expect(minhashSignature('')).toBeNull();
  });

  it('signs only the start of a huge text, so its cost stays bounded', () => {
    const huge = `${original}\n\n${unrelated.repeat(Math.ceil((MAX_SIGNED_CHARS * 2) / unrelated.length))}`;
    const tail = `${original}\n\n${unrelated.repeat(Math.ceil((MAX_SIGNED_CHARS * 2) / unrelated.length))} a different ending entirely`;
    expect(estimateJaccard(minhashSignature(huge)!, minhashSignature(tail)!)).toBe(1);
  });

  it('round-trips signatures through bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -0x80000000, max: 0x7fffffff }), { minLength: NUM_HASHES, maxLength: NUM_HASHES }), (values) => {
        const sig = Int32Array.from(values);
        expect(signatureFromBytes(signatureToBytes(sig))).toEqual(sig);
      }),
    );
  });
});
