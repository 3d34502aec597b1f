/**
 * Train the content-end ranker (src/annotate/attribution-content-model.ts) on
 * PolNeAR train, report its choices against the rules' on dev, and write
 * models/attribution-content.bin.gz. Usage:
 *   npx tsx train/attribution-content.ts [--epochs 10] [--seed 1] [--mix 1] [--out models/attribution-content.bin.gz] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts (built on first use, ~10 min for train).
 */
import { findAttributions, type ContentEndDecision } from '../src/annotate/attribution.js';
import { bestEnd, CONTENT_MODEL_KIND, CONTENT_MODEL_PATH, CONTENT_MODEL_VERSION, disableContentModel, type EndCandidate } from '../src/annotate/attribution-content-model.js';
import { toOriginalOffset } from '../src/doc/normalize.js';
import { canonicalSpans } from '../src/eval/polnear.js';
import { saveModel } from '../src/models/model-file.js';
import { meanPerceptron } from '../src/models/ner-train.js';
import { AveragedPerceptron } from '../src/models/perceptron.js';
import { createRandom, shuffle } from '../src/models/prng.js';
import { loadSplit, type SplitDoc } from './attribution-docs.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const epochs = Number(flag('epochs', '10'));
const seed = Number(flag('seed', '1'));
const out = flag('out', CONTENT_MODEL_PATH);

interface Example {
  candidates: EndCandidate[];
  gold: number;
  rule: number;
}

/** Decisions whose start matches a gold content piece's start and whose gold end is a candidate. */
function examples(docs: SplitDoc[]): { examples: Example[]; decisions: number; startMatched: number } {
  disableContentModel();
  const list: Example[] = [];
  let decisions = 0;
  let startMatched = 0;
  for (const d of docs) {
    const back = (x: number): number => toOriginalOffset(d.doc.normalization, x);
    const pieces = d.gold.flatMap((g) => canonicalSpans(d.text, g.content));
    const seen: ContentEndDecision[] = [];
    findAttributions(d.doc, d.entities, { recordContentEnd: (x) => seen.push(x) });
    for (const x of seen) {
      decisions++;
      const start = back(d.doc.tokens[x.from]!.start);
      const piece = pieces.find((p) => p.start === start);
      if (!piece) continue;
      startMatched++;
      const endChar = (c: EndCandidate): number => back(d.doc.tokens[c.end - 1]!.end);
      const gold = x.candidates.findIndex((c) => endChar(c) === piece.end);
      if (gold < 0) continue;
      list.push({ candidates: x.candidates, gold, rule: x.candidates.findIndex((c) => c.end === x.ruleEnd) });
    }
  }
  return { examples: list, decisions, startMatched };
}

function accuracy(p: AveragedPerceptron, data: Example[]): number {
  let right = 0;
  for (const e of data) if (bestEnd(p, e.candidates) === e.candidates[e.gold]!.end) right++;
  return right / Math.max(1, data.length);
}

const train = examples(loadSplit('../shared/data/polnear/train', false, console.log));
const dev = examples(loadSplit('../shared/data/polnear/dev', false, console.log));
for (const [name, x] of [['train', train], ['dev', dev]] as const) {
  const ruleRight = x.examples.filter((e) => e.rule === e.gold).length;
  console.log(`${name}: ${x.decisions} decisions, ${x.startMatched} start on a gold content, ${x.examples.length} with the gold end among the candidates; rules right on ${ruleRight} (${(ruleRight / x.examples.length).toFixed(3)})`);
}

function trainOne(runSeed: number): AveragedPerceptron {
  const p = new AveragedPerceptron(2);
  const random = createRandom(runSeed);
  const order = train.examples.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    let errors = 0;
    for (const i of order) {
      const e = train.examples[i]!;
      const guess = e.candidates.findIndex((c) => c.end === bestEnd(p, e.candidates));
      if (guess === e.gold) {
        p.update(1, 1, e.candidates[guess]!.features);
        continue;
      }
      errors++;
      // Ranking update: raise the gold end's margin, lower the guessed one's.
      p.update(1, 0, e.candidates[e.gold]!.features);
      p.update(0, 1, e.candidates[guess]!.features);
    }
    console.log(`seed ${runSeed} epoch ${epoch}: ${errors} errors of ${train.examples.length}`);
  }
  p.finalize();
  return p;
}

// --mix N: the mean of N models trained from seeds seed … seed+N-1 (steadier than any one of them).
const mix = Number(flag('mix', '1'));
const members = Array.from({ length: mix }, (_, k) => trainOne(seed + k));
const p = mix > 1 ? meanPerceptron(members) : members[0]!;
const devAcc = accuracy(p, dev.examples);
console.log(`dev end accuracy ${devAcc.toFixed(4)} (train ${accuracy(p, train.examples).toFixed(4)})`);
if (!args.includes('--dry')) {
  saveModel(out, {
    header: {
      kind: CONTENT_MODEL_KIND,
      version: CONTENT_MODEL_VERSION,
      labels: { end: ['no', 'yes'] },
      features: { templates: 31 },
      training: { data: 'PolNeAR train', epochs, seed, mix, examples: train.examples.length, devEndAccuracy: Math.round(devAcc * 10000) / 10000 },
    },
    perceptrons: { end: p },
  });
  console.log(`wrote ${out}`);
}
