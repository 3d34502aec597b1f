/**
 * The training loop every yes/no model of ours shares (the attribution cue detector, the attribution
 * filter): shuffled passes over labelled feature vectors, an update on every example, then averaging.
 */
import { AveragedPerceptron } from './perceptron.js';
import { createRandom, shuffle } from './prng.js';

export interface BinaryExample {
  features: ArrayLike<number>;
}

/** A finalised two-class averaged perceptron; `label` says which examples are class 1. */
export function fitBinaryPerceptron<E extends BinaryExample>(
  examples: readonly E[],
  label: (example: E) => 0 | 1,
  epochs: number,
  seed: number,
  onEpoch: (epoch: number, errors: number) => void,
): AveragedPerceptron {
  const p = new AveragedPerceptron(2);
  const random = createRandom(seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    let errors = 0;
    for (const i of order) {
      const e = examples[i]!;
      const gold = label(e);
      const guess = p.predict(e.features);
      if (guess !== gold) errors++;
      p.update(gold, guess, e.features);
    }
    onEpoch(epoch, errors);
  }
  p.finalize();
  return p;
}
