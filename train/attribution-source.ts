/**
 * Train the source-boundary rankers (src/annotate/attribution-source-model.ts)
 * on PolNeAR train, report their choices against the rules' on dev, score
 * whole attributions with them, and write models/attribution-source.bin.gz. Usage:
 *   npx tsx train/attribution-source.ts [--epochs 10] [--seed 1] [--out FILE] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts.
 */
import { findAttributions } from '../src/annotate/attribution.js';
import { bestSourceEdge, setSourceModel, SOURCE_MODEL_KIND, SOURCE_MODEL_PATH, SOURCE_MODEL_VERSION, sourceEndCandidates, sourceStartCandidates, type SourceCandidate, type SourceInput } from '../src/annotate/attribution-source-model.js';
import { toOriginalOffset } from '../src/doc/normalize.js';
import { canonicalSpans } from '../src/eval/polnear.js';
import { saveModel } from '../src/models/model-file.js';
import { AveragedPerceptron } from '../src/models/perceptron.js';
import { createRandom, shuffle } from '../src/models/prng.js';
import { loadSplit, type SplitDoc } from './attribution-docs.js';
import { scoreLine, scoreSplit } from './attribution-score.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const epochs = Number(flag('epochs', '10'));
const seed = Number(flag('seed', '1'));
const out = flag('out', SOURCE_MODEL_PATH);

interface Example {
  candidates: SourceCandidate[];
  gold: number;
  rule: number;
}

interface Examples {
  starts: Example[];
  ends: Example[];
  decisions: number;
  matched: number;
}

/**
 * Decisions whose cue head overlaps a gold cue with a one-piece source: the start labelled with the gold
 * source's start, the end (candidates built from the gold start) with its end, each when it is a candidate.
 */
function examples(docs: SplitDoc[]): Examples {
  setSourceModel(null);
  const x: Examples = { starts: [], ends: [], decisions: 0, matched: 0 };
  for (const d of docs) {
    const startOf = (k: number): number => toOriginalOffset(d.doc.normalization, d.doc.tokens[k]!.start);
    const endOf = (k: number): number => toOriginalOffset(d.doc.normalization, d.doc.tokens[k - 1]!.end);
    const seen: SourceInput[] = [];
    findAttributions(d.doc, d.entities, { recordSource: (input) => seen.push(input) });
    for (const input of seen) {
      x.decisions++;
      const a = startOf(input.cue);
      const b = endOf(input.cue + 1);
      const gold = d.gold.find((g) => g.cue.some((c) => c.start < b && a < c.end));
      const src = gold?.source ? canonicalSpans(d.text, gold.source) : [];
      if (src.length !== 1) continue;
      x.matched++;
      const starts = sourceStartCandidates(input);
      const gs = starts.findIndex((c) => startOf(c.at) === src[0]!.start);
      if (gs < 0) continue;
      x.starts.push({ candidates: starts, gold: gs, rule: starts.findIndex((c) => c.at === input.start) });
      const ends = sourceEndCandidates(input, starts[gs]!.at);
      const ge = ends.findIndex((c) => endOf(c.at) === src[0]!.end);
      if (ge >= 0) x.ends.push({ candidates: ends, gold: ge, rule: ends.findIndex((c) => c.at === input.end) });
    }
  }
  setSourceModel(undefined);
  return x;
}

function accuracy(p: AveragedPerceptron, data: Example[]): number {
  let right = 0;
  for (const e of data) if (bestSourceEdge(p, e.candidates) === e.candidates[e.gold]!.at) right++;
  return right / Math.max(1, data.length);
}

function fit(data: Example[], name: string): AveragedPerceptron {
  const p = new AveragedPerceptron(2);
  const random = createRandom(seed);
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    let errors = 0;
    for (const i of order) {
      const e = data[i]!;
      const at = bestSourceEdge(p, e.candidates);
      const guess = e.candidates.findIndex((c) => c.at === at);
      if (guess === e.gold) continue;
      errors++;
      // Ranking update: raise the gold edge's margin, lower the guessed one's.
      p.update(1, 0, e.candidates[e.gold]!.features);
      p.update(0, 1, e.candidates[guess]!.features);
    }
    if (epoch === epochs) console.log(`${name} epoch ${epoch}: ${errors} errors of ${data.length}`);
  }
  p.finalize();
  return p;
}

const trainDocs = loadSplit('../shared/data/polnear/train', false, console.log);
const devDocs = loadSplit('../shared/data/polnear/dev', false, console.log);
const train = examples(trainDocs);
const dev = examples(devDocs);
for (const [name, x] of [['train', train], ['dev', dev]] as const) {
  const rs = x.starts.filter((e) => e.rule === e.gold).length;
  const re = x.ends.filter((e) => e.rule === e.gold).length;
  console.log(`${name}: ${x.decisions} decisions, ${x.matched} on a gold cue with a source; starts ${x.starts.length} (rules right ${(rs / x.starts.length).toFixed(3)}), ends ${x.ends.length} (rules right ${(re / x.ends.length).toFixed(3)})`);
}
const start = fit(train.starts, 'start');
const end = fit(train.ends, 'end');
console.log(`dev start accuracy ${accuracy(start, dev.starts).toFixed(4)} (train ${accuracy(start, train.starts).toFixed(4)}), end ${accuracy(end, dev.ends).toFixed(4)} (train ${accuracy(end, train.ends).toFixed(4)})`);
setSourceModel(null);
console.log(`rules: dev   ${scoreLine(scoreSplit(devDocs))}`);
console.log(`rules: train ${scoreLine(scoreSplit(trainDocs))}`);
setSourceModel({ start, end });
console.log(`model: dev   ${scoreLine(scoreSplit(devDocs))}`);
console.log(`model: train ${scoreLine(scoreSplit(trainDocs))}`);
if (!args.includes('--dry')) {
  saveModel(out, {
    header: {
      kind: SOURCE_MODEL_KIND,
      version: SOURCE_MODEL_VERSION,
      labels: { start: ['no', 'yes'], end: ['no', 'yes'] },
      features: { templates: 29, sides: 2 },
      training: { data: 'PolNeAR train', epochs, seed, starts: train.starts.length, ends: train.ends.length },
    },
    perceptrons: { start, end },
  });
  console.log(`wrote ${out}`);
}
