/**
 * Weight averaging of perceptrons trained with different seeds: a linear
 * model's scores are linear in its weights, so the average model scores
 * every decision with the mean of the members' scores (a two-model ensemble)
 * at the run-time cost of one model with the union of their feature rows.
 */
import { AveragedPerceptron } from './perceptron.js';

/** Dequantised weights of a finalised perceptron, keyed rows in ascending order. */
function floatRows(p: AveragedPerceptron): { keys: Uint32Array; weights: Float32Array; nClasses: number } {
  const data = p.toData();
  if (data.weights) return { keys: data.keys, weights: data.weights, nClasses: data.nClasses };
  const q = data.quantization!;
  const C = data.nClasses;
  const weights = new Float32Array(data.keys.length * C);
  for (let row = 0; row < data.keys.length; row++) {
    const scale = q.scales[row]!;
    for (let c = 0; c < C; c++) weights[row * C + c] = q.ints[row * C + c]! * scale;
  }
  return { keys: data.keys, weights, nClasses: C };
}

/**
 * The mean of finalised perceptrons over the same classes (a feature row a
 * member lacks counts as zeros there). Float weights: quantise after.
 */
export function averagePerceptrons(members: AveragedPerceptron[]): AveragedPerceptron {
  if (members.length === 0) throw new Error('averagePerceptrons: no members');
  const rows = members.map(floatRows);
  const C = rows[0]!.nClasses;
  if (rows.some((r) => r.nClasses !== C)) throw new Error('averagePerceptrons: members differ in their number of classes');
  const keys = Uint32Array.from(new Set(rows.flatMap((r) => Array.from(r.keys)))).sort();
  const at = new Map<number, number>();
  keys.forEach((k, i) => at.set(k, i));
  const sums = new Float64Array(keys.length * C);
  for (const r of rows) {
    for (let row = 0; row < r.keys.length; row++) {
      const base = at.get(r.keys[row]!)! * C;
      for (let c = 0; c < C; c++) sums[base + c] += r.weights[row * C + c]!;
    }
  }
  const weights = Float32Array.from(sums, (s) => s / members.length);
  return AveragedPerceptron.fromData({ nClasses: C, keys, weights });
}
