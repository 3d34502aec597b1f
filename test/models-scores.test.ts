import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeatureBatch, hashInts } from '../src/models/hash.js';
import { AveragedPerceptron, type PerceptronData } from '../src/models/perceptron.js';

/** The plain row-by-row sum into a float32 array: the scores the shipped models were tuned with. */
function referenceScores(data: PerceptronData, features: number[]): Float32Array {
  const C = data.nClasses;
  const out = new Float32Array(C);
  const rowOf = new Map<number, number>();
  data.keys.forEach((k, row) => rowOf.set(k, row));
  const q = data.quantization;
  for (const f of features) {
    const row = rowOf.get(f >>> 0);
    if (row === undefined) continue;
    for (let c = 0; c < C; c++) {
      // Narrow quantised rows are scored from float32 copies of int × scale.
      const w = q ? (C <= 8 ? Math.fround(q.ints[row * C + c]! * q.scales[row]!) : q.ints[row * C + c]! * q.scales[row]!) : data.weights![row * C + c]!;
      out[c] += w;
    }
  }
  return out;
}

const dataArb = fc.record({
  nClasses: fc.constantFrom(2, 3, 5, 9, 11, 13, 17, 20, 51, 102),
  rows: fc.integer({ min: 1, max: 300 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  bits: fc.constantFrom<8 | 16>(8, 16),
  quantised: fc.boolean(),
});

function build(p: { nClasses: number; rows: number; seed: number; bits: 8 | 16; quantised: boolean }): { data: PerceptronData; keys: number[] } {
  // Distinct keys spread over the whole 32-bit range, including 0 (the natural "empty" marker).
  const keys = [...new Set(Array.from({ length: p.rows }, (_, i) => (i === 0 ? 0 : hashInts(p.seed, i))))].sort((a, b) => a - b);
  const n = keys.length * p.nClasses;
  let x = p.seed;
  const next = (): number => ((x = Math.imul(x ^ (x >>> 13), 0x5bd1e995) >>> 0) / 2 ** 32) * 2 - 1;
  const weights = Float32Array.from({ length: n }, () => next() * 3);
  if (!p.quantised) return { data: { nClasses: p.nClasses, keys: Uint32Array.from(keys), weights }, keys };
  const qmax = p.bits === 8 ? 127 : 32767;
  const ints = p.bits === 8 ? new Int8Array(n) : new Int16Array(n);
  for (let i = 0; i < n; i++) ints[i] = Math.round(next() * qmax);
  const scales = Float32Array.from(keys, () => Math.fround(Math.abs(next()) / 50 + 1e-4));
  return { data: { nClasses: p.nClasses, keys: Uint32Array.from(keys), weights: null, quantization: { bits: p.bits, scales, ints } }, keys };
}

describe('perceptron scores', () => {
  it('equal the plain row-by-row float32 sums bit for bit, for every layout', () => {
    fc.assert(
      fc.property(dataArb, fc.array(fc.nat({ max: 400 }), { maxLength: 80 }), (p, picks) => {
        const { data, keys } = build(p);
        // Known keys (repeats included) mixed with unknown ones.
        const features = picks.map((i) => (i < keys.length * 1.2 ? keys[i % keys.length]! : hashInts(7, i, p.seed)));
        const model = AveragedPerceptron.fromData(data);
        const expected = referenceScores(data, features);
        const got = model.scores(features, new Float32Array(p.nClasses).fill(42));
        expect(Array.from(got)).toEqual(Array.from(expected));
        // Twice: the lazily built tables must not change anything.
        expect(Array.from(model.scores(Uint32Array.from(features)))).toEqual(Array.from(expected));
      }),
      { numRuns: 150 },
    );
  });

  it('predictAmong picks the best of a class subset from the same sums as scores(), lowest id on ties', () => {
    fc.assert(
      fc.property(dataArb, fc.array(fc.nat({ max: 400 }), { maxLength: 80 }), fc.array(fc.nat({ max: 101 }), { minLength: 1, maxLength: 12 }), (p, picks, subset) => {
        const { data, keys } = build(p);
        const features = picks.map((i) => (i < keys.length * 1.2 ? keys[i % keys.length]! : hashInts(7, i, p.seed)));
        const classes = Int32Array.from(new Set(subset.map((c) => c % p.nClasses))).sort();
        const model = AveragedPerceptron.fromData(data);
        const all = model.scores(features);
        let expected = classes[0]!;
        for (const c of classes) if (all[c]! > all[expected]!) expected = c;
        expect(model.predictAmong(features, classes)).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('score a model still in training from its live weights', () => {
    const model = new AveragedPerceptron(3, { capacity: 16 });
    model.update(1, 0, [5, 6]);
    model.update(2, 1, [6, 7]);
    expect(Array.from(model.scores([5, 6, 7, 99]))).toEqual([-2, 0, 2]);
    model.update(0, 2, [99]);
    expect(Array.from(model.scores([99]))).toEqual([1, 0, -1]);
  });
});

describe('FeatureBatch', () => {
  it('hashes each template row exactly as hashInts does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: 500 }), fc.nat(), fc.nat(), fc.integer({ min: -1, max: 2 ** 31 - 1 })), { minLength: 1, maxLength: 20 }), (rows) => {
        const batch = new FeatureBatch(rows.map((r) => r[0]));
        rows.forEach(([, a, b, c], k) => {
          batch.a[k] = a;
          batch.b[k] = b;
          batch.c[k] = c;
        });
        const out = new Uint32Array(rows.length);
        batch.hash(out);
        expect(Array.from(out)).toEqual(rows.map(([t, a, b, c]) => hashInts(t, a, b, c)));
      }),
    );
  });
});
