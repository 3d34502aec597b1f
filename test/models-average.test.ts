import { describe, expect, it } from 'vitest';
import { averagePerceptrons } from '../src/models/average-models.js';
import { hashString } from '../src/models/hash.js';
import { AveragedPerceptron } from '../src/models/perceptron.js';
import { sentenceStyle } from '../src/models/tagger.js';

/** A finalised perceptron that has learnt the given (features → class) examples once each. */
function learnt(nClasses: number, examples: Array<[string[], number]>): AveragedPerceptron {
  const p = new AveragedPerceptron(nClasses, { capacity: 16 });
  for (const [words, gold] of examples) {
    const features = words.map((w) => hashString(w));
    p.update(gold, p.predict(features), features);
  }
  p.finalize();
  return p;
}

describe('averagePerceptrons', () => {
  const a = learnt(3, [[['x', 'shared'], 1], [['y'], 2]]);
  const b = learnt(3, [[['z', 'shared'], 2]]);
  const features = ['x', 'y', 'z', 'shared', 'unseen'].map((w) => hashString(w));

  it('scores every input with the mean of the members\' scores', () => {
    const avg = averagePerceptrons([a, b]);
    for (const f of features) {
      const expected = Array.from(a.scores([f])).map((s, c) => (s + b.scores([f])[c]!) / 2);
      expect(Array.from(avg.scores([f]))).toEqual(expected.map((v) => Math.fround(v)));
    }
  });

  it('keeps the union of the feature rows', () => {
    expect(averagePerceptrons([a, b]).size).toBe(new Set([...Array.from(a.toData().keys), ...Array.from(b.toData().keys)]).size);
  });

  it('averages quantised members by their dequantised weights', () => {
    const q = learnt(3, [[['x'], 1]]);
    q.quantize(8);
    const avg = averagePerceptrons([q, q]);
    expect(Array.from(avg.scores([hashString('x')]))).toEqual(Array.from(q.scores([hashString('x')])));
  });

  it('refuses members with different class counts', () => {
    expect(() => averagePerceptrons([a, learnt(4, [[['x'], 3]])])).toThrow(/classes/);
  });
});

describe('sentenceStyle', () => {
  it('tells titles, lower-case text and upper-case text from ordinary sentences', () => {
    expect(sentenceStyle(['Velayati', 'met', 'the', 'envoy', '.'])).toBe(1);
    expect(sentenceStyle(['Cheap', 'Pizza', 'In', 'Town'])).toBe(2);
    expect(sentenceStyle(['Best', 'Pizza', 'in', 'Town', 'Ever'])).toBe(3);
    expect(sentenceStyle(['i', 'loved', 'the', 'pizza', '!'])).toBe(4);
    expect(sentenceStyle(['GREAT', 'PIZZA', '!'])).toBe(5);
    expect(sentenceStyle(['Hi', '!'])).toBe(1);
  });
});
