/**
 * Weight averaging of perceptrons trained with different seeds (or feature
 * sets): a linear model's scores are linear in its weights, so the average
 * model scores every decision with the mean of the members' scores (an
 * ensemble) at the run-time cost of one model with the union of their rows.
 */
import { AveragedPerceptron } from './perceptron.js';

/**
 * Running sum of finalised perceptrons over the same classes, so that members
 * can be trained and dropped one at a time. A feature row a member lacks
 * counts as zeros there.
 */
export class PerceptronAverager {
  private readonly rowOf = new Map<number, number>();
  private keys: number[] = [];
  private sums: Float64Array;
  private members = 0;

  constructor(readonly nClasses: number) {
    this.sums = new Float64Array(1024 * nClasses);
  }

  add(p: AveragedPerceptron): void {
    const C = this.nClasses;
    if (p.nClasses !== C) throw new Error(`PerceptronAverager: a member has ${p.nClasses} classes, expected ${C}`);
    const data = p.toData();
    const q = data.quantization;
    for (let row = 0; row < data.keys.length; row++) {
      const key = data.keys[row]!;
      let at = this.rowOf.get(key);
      if (at === undefined) {
        at = this.keys.length;
        this.keys.push(key);
        this.rowOf.set(key, at);
        if ((at + 1) * C > this.sums.length) {
          const grown = new Float64Array(this.sums.length * 2);
          grown.set(this.sums);
          this.sums = grown;
        }
      }
      const base = at * C;
      const scale = q ? q.scales[row]! : 1;
      const src = q ? q.ints : data.weights!;
      for (let c = 0; c < C; c++) this.sums[base + c] += src[row * C + c]! * scale;
    }
    this.members++;
  }

  /** The mean of the members so far, as a finalised float perceptron (quantise after). */
  result(): AveragedPerceptron {
    if (this.members === 0) throw new Error('PerceptronAverager: no members');
    const C = this.nClasses;
    const order = this.keys.map((k, row) => [k, row] as const).sort((a, b) => a[0] - b[0]);
    const keys = Uint32Array.from(order, ([k]) => k);
    const weights = new Float32Array(order.length * C);
    order.forEach(([, row], i) => {
      for (let c = 0; c < C; c++) weights[i * C + c] = this.sums[row * C + c]! / this.members;
    });
    return AveragedPerceptron.fromData({ nClasses: C, keys, weights });
  }
}

/** The mean of finalised perceptrons over the same classes. */
export function averagePerceptrons(members: AveragedPerceptron[]): AveragedPerceptron {
  if (members.length === 0) throw new Error('averagePerceptrons: no members');
  const averager = new PerceptronAverager(members[0]!.nClasses);
  for (const p of members) averager.add(p);
  return averager.result();
}
