import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { hashInts } from '../src/models/hash.js';
import { loadModel, saveModel, shareModelFile, useSharedModels } from '../src/models/model-file.js';
import { AveragedPerceptron, type PerceptronData, type SharedPerceptron } from '../src/models/perceptron.js';

/** A finalised model of `nClasses` over `rows` random rows, quantised or not. */
function model(nClasses: number, rows: number, seed: number, bits: 8 | 16 | null): AveragedPerceptron {
  const keys = Uint32Array.from(new Set(Array.from({ length: rows }, (_, i) => hashInts(seed, i)))).sort();
  let x = seed;
  const next = (): number => ((x = Math.imul(x ^ (x >>> 13), 0x5bd1e995) >>> 0) / 2 ** 32) * 2 - 1;
  const data: PerceptronData = { nClasses, keys, weights: Float32Array.from({ length: keys.length * nClasses }, () => next() * 3) };
  const p = AveragedPerceptron.fromData(data);
  if (bits) p.quantize(bits);
  return p;
}

/** Every array of a shared perceptron, to check where it lives. */
function arraysOf(s: SharedPerceptron): ArrayBufferView[] {
  return [s.keys, s.weights, s.quantization?.scales, s.quantization?.ints, s.index?.slots, s.packed?.table].filter((a): a is NonNullable<typeof a> => a != null);
}

const layouts: Array<[string, number, 8 | 16 | null]> = [
  ['wide, 8-bit', 51, 8],
  ['wide, 16-bit', 17, 16],
  ['wide, float', 13, null],
  ['narrow, 8-bit (packed)', 3, 8],
  ['narrow, 16-bit (packed)', 2, 16],
  ['narrow, float', 3, null],
];

describe('shared perceptron weights', () => {
  for (const [name, C, bits] of layouts) {
    it(`${name}: a model rebuilt over shared arrays scores exactly as the original`, () => {
      const original = model(C, 500, C * 7 + (bits ?? 0), bits);
      const shared = original.toShared();
      for (const a of arraysOf(shared)) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
      const copy = AveragedPerceptron.fromShared(shared);
      const keys = shared.keys;
      for (let t = 0; t < 50; t++) {
        const features = Array.from({ length: 20 }, (_, i) => (i % 3 === 2 ? hashInts(99, t, i) : keys[(t * 31 + i * 7) % keys.length]!));
        expect(Array.from(copy.scores(features))).toEqual(Array.from(original.scores(features)));
        const classes = Int32Array.from([0, C - 1, Math.floor(C / 2)].filter((c, i, all) => all.indexOf(c) === i)).sort();
        expect(copy.predictAmong(features, classes)).toBe(original.predictAmong(features, classes));
      }
      expect(copy.toData()).toEqual(original.toData());
    });
  }

  it('keeps narrow quantised rows in the packed table only (no feature index, no float copy)', () => {
    const shared = model(3, 400, 5, 8).toShared();
    expect(shared.packed).not.toBeNull();
    expect(shared.index).toBeNull();
    expect(shared.weights).toBeNull();
    const wide = model(20, 400, 5, 8).toShared();
    expect(wide.index).not.toBeNull();
    expect(wide.packed).toBeNull();
  });

  it('refuses to prune a model whose arrays other threads read', () => {
    const copy = AveragedPerceptron.fromShared(model(4, 100, 3, 16).toShared());
    expect(() => copy.prune(0.5)).toThrow(/shared/);
  });

  it('reaches a worker thread as the same memory, not a copy', async () => {
    const shared = model(3, 200, 11, 8).toShared();
    const table = shared.packed!.table;
    const before = table[0];
    // The worker writes into the table it received; the change must show here.
    const script = `const { workerData, parentPort } = require('node:worker_threads'); workerData.packed.table[0] = 123456; parentPort.postMessage(workerData.keys.buffer instanceof SharedArrayBuffer);`;
    const worker = new Worker(script, { eval: true, workerData: shared });
    const sawShared = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(sawShared).toBe(true);
    expect(before).not.toBe(123456);
    expect(table[0]).toBe(123456);
  });
});

describe('shared model files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fivew-shared-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loadModel builds a shared file over its shared arrays, without reading the file', () => {
    const path = join(dir, 'two-parts.bin.gz');
    const header = { kind: 'test-shared', version: 1, labels: { tags: ['A', 'B', 'C'] }, features: { window: 2 }, training: { seed: 4 }, extra: { table: { x: 1 } } };
    saveModel(path, { header, perceptrons: { wide: model(12, 300, 1, null), narrow: model(3, 300, 2, null) } }, { bits: 8 });
    const fromFile = loadModel(path);
    useSharedModels({ [path]: shareModelFile(path) });
    rmSync(path);
    const fromShared = loadModel(path);
    expect(fromShared.header).toEqual(fromFile.header);
    for (const name of ['wide', 'narrow']) {
      const a = fromFile.perceptrons[name]!;
      const b = fromShared.perceptrons[name]!;
      expect(b.toData()).toEqual(a.toData());
      const features = Array.from({ length: 40 }, (_, i) => a.toData().keys[i * 5]!);
      expect(Array.from(b.scores(features))).toEqual(Array.from(a.scores(features)));
    }
    // Each load parses its own header: callers may not see each other's edits.
    (fromShared.header.extra as { table: { x: number } }).table.x = 2;
    expect((loadModel(path).header.extra as { table: { x: number } }).table.x).toBe(1);
  });
});
