/**
 * Train the ranker of starts of contents before their cue (src/annotate/attribution-lead-model.ts) on
 * PolNeAR train, report its choices against the rules' on dev, score whole
 * attributions with it, and write models/attribution-lead.bin.gz. Usage:
 *   npx tsx train/attribution-lead.ts [--epochs 10] [--seed 1] [--out FILE] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts.
 */
import { findAttributions, type LeadDecision } from '../src/annotate/attribution.js';
import { bestLead, LEAD_MODEL_KIND, LEAD_MODEL_PATH, LEAD_MODEL_VERSION, setLeadModel, type LeadCandidate } from '../src/annotate/attribution-lead-model.js';
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
const out = flag('out', LEAD_MODEL_PATH);

interface Example {
  candidates: LeadCandidate[];
  gold: number;
  rule: number;
}

/**
 * Decisions whose cue head overlaps a gold cue, labelled with that gold content's start when it is among the
 * candidates.
 */
function examples(docs: SplitDoc[]): { examples: Example[]; decisions: number; matched: number } {
  setLeadModel(null);
  const list: Example[] = [];
  let decisions = 0;
  let matched = 0;
  for (const d of docs) {
    const back = (x: number): number => toOriginalOffset(d.doc.normalization, x);
    const seen: LeadDecision[] = [];
    findAttributions(d.doc, d.entities, { recordLead: (x) => seen.push(x) });
    for (const x of seen) {
      decisions++;
      const a = back(d.doc.tokens[x.head]!.start);
      const b = back(d.doc.tokens[x.head]!.end);
      const gold = d.gold.find((g) => g.cue.some((c) => c.start < b && a < c.end));
      if (!gold) continue;
      matched++;
      const goldStart = canonicalSpans(d.text, gold.content)[0]?.start ?? -1;
      const g = x.candidates.findIndex((c) => back(d.doc.tokens[c.start]!.start) === goldStart);
      if (g < 0) continue;
      list.push({ candidates: x.candidates, gold: g, rule: x.candidates.findIndex((c) => c.start === x.ruleStart) });
    }
  }
  setLeadModel(undefined);
  return { examples: list, decisions, matched };
}

function accuracy(p: AveragedPerceptron, data: Example[]): number {
  let right = 0;
  for (const e of data) if (bestLead(p, e.candidates) === e.candidates[e.gold]!.start) right++;
  return right / Math.max(1, data.length);
}

const trainDocs = loadSplit('../shared/data/polnear/train', false, console.log);
const devDocs = loadSplit('../shared/data/polnear/dev', false, console.log);
const train = examples(trainDocs);
const dev = examples(devDocs);
for (const [name, x] of [['train', train], ['dev', dev]] as const) {
  const ruleRight = x.examples.filter((e) => e.rule === e.gold).length;
  console.log(`${name}: ${x.decisions} decisions, ${x.matched} on a gold cue, ${x.examples.length} with the gold start among the candidates; rules right on ${ruleRight} (${(ruleRight / x.examples.length).toFixed(3)})`);
}

const p = new AveragedPerceptron(2);
const random = createRandom(seed);
const order = train.examples.map((_, i) => i);
for (let epoch = 1; epoch <= epochs; epoch++) {
  shuffle(order, random);
  let errors = 0;
  for (const i of order) {
    const e = train.examples[i]!;
    const guess = e.candidates.findIndex((c) => c.start === bestLead(p, e.candidates));
    if (guess === e.gold) continue;
    errors++;
    // Ranking update: raise the gold start's margin, lower the guessed one's.
    p.update(1, 0, e.candidates[e.gold]!.features);
    p.update(0, 1, e.candidates[guess]!.features);
  }
  console.log(`epoch ${epoch}: ${errors} errors of ${train.examples.length}`);
}
p.finalize();
const devAcc = accuracy(p, dev.examples);
console.log(`dev lead accuracy ${devAcc.toFixed(4)} (train ${accuracy(p, train.examples).toFixed(4)})`);
setLeadModel(null);
console.log(`rules: dev   ${scoreLine(scoreSplit(devDocs))}`);
console.log(`rules: train ${scoreLine(scoreSplit(trainDocs))}`);
setLeadModel(p);
console.log(`model: dev   ${scoreLine(scoreSplit(devDocs))}`);
console.log(`model: train ${scoreLine(scoreSplit(trainDocs))}`);
if (!args.includes('--dry')) {
  saveModel(out, {
    header: {
      kind: LEAD_MODEL_KIND,
      version: LEAD_MODEL_VERSION,
      labels: { start: ['no', 'yes'] },
      features: { templates: 12 },
      training: { data: 'PolNeAR train', epochs, seed, examples: train.examples.length, devLeadAccuracy: Math.round(devAcc * 10000) / 10000 },
    },
    perceptrons: { start: p },
  });
  console.log(`wrote ${out}`);
}
