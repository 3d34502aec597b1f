import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashInts, hashString } from '../src/models/hash.js';
import { decodeModel, encodeModel, loadModel, saveModel, type ModelHeader } from '../src/models/model-file.js';
import { AveragedPerceptron } from '../src/models/perceptron.js';
import { createRandom, shuffle } from '../src/models/prng.js';

/** Points of three classes, each described by a few noisy hashed "word" features. */
function makeData(seed: number, n: number): Array<{ label: number; features: number[] }> {
  const random = createRandom(seed);
  const vocab = [
    ['alpha', 'apple', 'amber', 'ant'],
    ['bravo', 'bread', 'blue', 'bee'],
    ['charlie', 'cherry', 'cyan', 'cat'],
  ];
  const out = [];
  for (let i = 0; i < n; i++) {
    const label = Math.floor(random() * 3);
    const words = vocab[label]!;
    const features = [hashString('bias')];
    for (let k = 0; k < 2; k++) features.push(hashString(`w=${words[Math.floor(random() * words.length)]}`));
    // A noise feature shared by every class.
    features.push(hashString(`noise=${Math.floor(random() * 5)}`));
    out.push({ label, features });
  }
  return out;
}

function train(seed: number, epochs = 5): AveragedPerceptron {
  const data = makeData(1, 300);
  const model = new AveragedPerceptron(3, { capacity: 16 });
  const random = createRandom(seed);
  for (let e = 0; e < epochs; e++) {
    for (const ex of shuffle([...data], random)) model.update(ex.label, model.predict(ex.features), ex.features);
  }
  model.finalize();
  return model;
}

const header: ModelHeader = { kind: 'test', version: 1, labels: { classes: ['a', 'b', 'c'] }, features: {}, training: { seed: 7 } };
const dir = mkdtempSync(join(tmpdir(), 'fivew-perceptron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hash', () => {
  it('is a stable unsigned 32-bit hash that separates close strings', () => {
    expect(hashString('said')).toBe(hashString('said'));
    expect(hashString('said')).not.toBe(hashString('saad'));
    expect(hashString('said', 1)).not.toBe(hashString('said', 2));
    expect(hashInts(1, 2, 3)).not.toBe(hashInts(1, 3, 2));
    for (const s of ['', 'a', 'ünïcode', 'x'.repeat(100)]) {
      const h = hashString(s);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    }
  });
});

describe('AveragedPerceptron', () => {
  it('learns a small separable problem', () => {
    const model = train(7);
    const test = makeData(99, 200);
    const correct = test.filter((ex) => model.predict(ex.features) === ex.label).length;
    expect(correct).toBe(test.length);
  });

  it('averaged weights differ from the last weights', () => {
    const last = new AveragedPerceptron(2, { capacity: 16 });
    const f = [hashString('x')];
    // Ten steps push towards class 0, then fifteen towards class 1: the last
    // weights favour class 1, the average remembers class 0's long run.
    for (let i = 0; i < 10; i++) last.update(0, 1, f);
    for (let i = 0; i < 15; i++) last.update(1, 0, f);
    const before = Array.from(last.scores(f));
    last.finalize();
    const after = Array.from(last.scores(f));
    expect(after).not.toEqual(before);
    expect(before[1]).toBeGreaterThan(before[0]!);
    expect(after[0]).toBeGreaterThan(after[1]!);
  });

  it('prunes rows whose weights are all small', () => {
    const model = train(7);
    const size = model.size;
    const dropped = model.prune(1e9);
    expect(dropped).toBe(size);
    expect(model.size).toBe(0);
    expect(Array.from(model.scores([hashString('w=alpha')]))).toEqual([0, 0, 0]);
  });
});

describe('model file', () => {
  it('round-trips: the loaded model predicts exactly what the saved one did', () => {
    const model = train(7);
    const path = join(dir, 'a.bin.gz');
    saveModel(path, { header, perceptrons: { main: model } }, { bits: 8 });
    const loaded = loadModel(path);
    expect(loaded.header).toEqual(header);
    const copy = loaded.perceptrons.main!;
    expect(copy.size).toBe(model.size);
    for (const ex of makeData(5, 100)) {
      expect(Array.from(copy.scores(ex.features))).toEqual(Array.from(model.scores(ex.features)));
      expect(copy.predict(ex.features)).toBe(model.predict(ex.features));
    }
  });

  it('same seed gives a byte-identical file, another seed a different one', () => {
    const a = encodeModel({ header, perceptrons: { main: train(7) } });
    const b = encodeModel({ header, perceptrons: { main: train(7) } });
    const c = encodeModel({ header, perceptrons: { main: train(8) } });
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Buffer.compare(a, c)).not.toBe(0);
    // And re-encoding a decoded file reproduces it.
    expect(Buffer.compare(encodeModel(decodeModel(a)), a)).toBe(0);
  });

  it('rejects a file that is not a model', () => {
    const path = join(dir, 'bad.bin.gz');
    saveModel(path, { header, perceptrons: {} });
    const bytes = readFileSync(path);
    expect(() => decodeModel(bytes.subarray(0, 10))).toThrow();
  });
});
