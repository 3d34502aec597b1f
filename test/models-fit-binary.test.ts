import { describe, expect, it } from 'vitest';
import { fitBinaryPerceptron } from '../src/models/fit-binary.js';

// Feature 1 marks class 1, feature 2 class 0; feature 3 is noise present everywhere.
const examples = Array.from({ length: 40 }, (_, i) => ({ features: Uint32Array.of(i % 2 === 0 ? 1 : 2, 3), yes: (i % 2 === 0 ? 1 : 0) as 0 | 1 }));

describe('fitBinaryPerceptron', () => {
  it('learns a separable yes/no problem and reports errors per epoch', () => {
    const errors: number[] = [];
    const p = fitBinaryPerceptron(examples, (e) => e.yes, 3, 1, (_, n) => errors.push(n));
    expect(errors).toHaveLength(3);
    expect(errors[2]).toBe(0);
    expect(p.predict(Uint32Array.of(1, 3))).toBe(1);
    expect(p.predict(Uint32Array.of(2, 3))).toBe(0);
  });

  it('gives the same weights for the same seed', () => {
    const a = fitBinaryPerceptron(examples, (e) => e.yes, 2, 7, () => {});
    const b = fitBinaryPerceptron(examples, (e) => e.yes, 2, 7, () => {});
    expect(Array.from(a.scores(Uint32Array.of(1, 3)))).toEqual(Array.from(b.scores(Uint32Array.of(1, 3))));
  });
});
