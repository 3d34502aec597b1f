/**
 * Train the attribution filter (src/annotate/attribution-filter-model.ts) on PolNeAR train, pick its keep
 * threshold on dev, score whole attributions with it on dev and train, and write
 * models/attribution-filter.bin.gz. Usage:
 *   npx tsx train/attribution-filter.ts [--epochs 10] [--seed 1] [--mix 1] [--folds 4] [--out FILE] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts.
 *
 * An example is one attribution that attribution.ts finds (filter off), labelled "keep" when it aligns with
 * a gold attribution the way the scorer aligns them (content overlap, one to one). On train the cues come
 * from detectors jack-knifed over `--folds` parts of train, each trained without the part it runs on: the
 * shipped detector has seen every train article, finds their cues too surely, and would leave the filter
 * few wrong attributions to learn from.
 */
import { findAttributions } from '../src/annotate/attribution.js';
import { cueExamples, defaultCueModel, fitCueModel, setCueModel, type CueModel } from '../src/annotate/attribution-cue-model.js';
import { FILTER_MODEL_KIND, FILTER_MODEL_PATH, FILTER_MODEL_VERSION, filterFeatures, setFilterModel, type FilterModel } from '../src/annotate/attribution-filter-model.js';
import { tokenTags } from '../src/annotate/attribution-tags.js';
import { findQuotes } from '../src/annotate/quotes.js';
import type { Span } from '../src/doc/doc.js';
import { toOriginalOffset } from '../src/doc/normalize.js';
import { canonicalSpans, scoreDocuments, type CharSpan, type SpanAttribution } from '../src/eval/polnear.js';
import { saveModel } from '../src/models/model-file.js';
import { averagePerceptrons } from '../src/models/average-models.js';
import { fitBinaryPerceptron } from '../src/models/fit-binary.js';
import type { AveragedPerceptron } from '../src/models/perceptron.js';
import { loadSplit, type SplitDoc } from './attribution-docs.js';
import { scoreLine, scoreSplit } from './attribution-score.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const epochs = Number(flag('epochs', '10'));
const seed = Number(flag('seed', '1'));
const folds = Number(flag('folds', '4'));
const mix = Number(flag('mix', '1'));
const out = flag('out', FILTER_MODEL_PATH);
const log = (line: string): void => console.log(line);

interface Example {
  doc: number;
  features: Uint32Array;
  keep: 0 | 1;
  /** The attribution in original-text offsets, to score a threshold without rerunning attribution. */
  predicted: SpanAttribution;
}

const overlap = (a: CharSpan[], b: CharSpan[]): number => a.reduce((n, x) => n + b.reduce((m, y) => m + Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start)), 0), 0);

/** Indices of the predictions the scorer pairs with a gold attribution (greedy by content overlap). */
function alignedPredictions(text: string, predicted: SpanAttribution[], gold: SpanAttribution[]): Set<number> {
  const p = predicted.map((a) => canonicalSpans(text, a.content));
  const g = gold.map((a) => canonicalSpans(text, a.content));
  const pairs: Array<[number, number, number]> = [];
  p.forEach((pc, pi) => g.forEach((gc, gi) => {
    const o = overlap(pc, gc);
    if (o > 0) pairs.push([pi, gi, o]);
  }));
  pairs.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  for (const [pi, gi] of pairs) {
    if (usedP.has(pi) || usedG.has(gi)) continue;
    usedP.add(pi);
    usedG.add(gi);
  }
  return usedP;
}

/** The attributions of each Doc, with the filter off and the cue detector `cueModelFor(doc)`. */
function examples(docs: SplitDoc[], cueModelFor: (doc: number) => CueModel): Example[] {
  const list: Example[] = [];
  setFilterModel(null);
  try {
    docs.forEach((d, di) => {
      const cueModel = cueModelFor(di);
      setCueModel(cueModel);
      const found = findAttributions(d.doc, d.entities);
      const back = (s: Span): CharSpan => ({ start: toOriginalOffset(d.doc.normalization, s.start), end: toOriginalOffset(d.doc.normalization, s.end) });
      const predicted = found.map((a): SpanAttribution => ({ source: a.source ? [back(a.source)] : null, cue: [back(a.cue)], content: a.content.map(back) }));
      const aligned = alignedPredictions(d.text, predicted, d.gold);
      const input = { doc: d.doc, tags: tokenTags(d.doc), quotes: findQuotes(d.doc), cueModel, entities: d.entities, all: found };
      found.forEach((a, k) => list.push({ doc: di, features: filterFeatures(input, a), keep: aligned.has(k) ? 1 : 0, predicted: predicted[k]! }));
    });
  } finally {
    setCueModel(undefined);
    setFilterModel(undefined);
  }
  return list;
}

const trainDocs = loadSplit('../shared/data/polnear/train', false, log);
const devDocs = loadSplit('../shared/data/polnear/dev', false, log);
const shipped = defaultCueModel();
if (!shipped) throw new Error('the filter reads the cue detector\'s margins: models/attribution-cues.bin.gz is missing');
const foldModels: CueModel[] = [];
for (let f = 0; f < folds; f++) {
  const part = trainDocs.filter((_, i) => i % folds !== f).flatMap((d) => cueExamples(d.doc, d.gold.flatMap((g) => g.cue)));
  foldModels.push({ perceptron: fitCueModel(part, [], 12, 1, () => {}).perceptron, threshold: shipped.threshold });
  log(`cue detector without fold ${f + 1}/${folds} trained`);
}
const train = examples(trainDocs, (i) => foldModels[i % folds]!);
const dev = examples(devDocs, () => shipped);
const share = (xs: Example[]): string => `${xs.length} attributions, ${xs.filter((e) => e.keep).length} aligned with gold`;
log(`train: ${share(train)}; dev: ${share(dev)}`);

function fit(runSeed: number): AveragedPerceptron {
  return fitBinaryPerceptron(train, (e) => e.keep, epochs, runSeed, (epoch, errors) => log(`seed ${runSeed} epoch ${epoch}: ${errors} errors of ${train.length}`));
}
// --mix N: the mean of N perceptrons trained from seeds seed … seed+N-1 (one run's choices swing dev by ±0.2).
const members = Array.from({ length: mix }, (_, k) => fit(seed + k));
const perceptron = mix > 1 ? averagePerceptrons(members) : members[0]!;

// The threshold with the best sum of the three exact F1s on dev.
const margin = (e: Example): number => {
  const s = perceptron.scores(e.features);
  return s[1]! - s[0]!;
};
const pct = (x: number): string => (x * 100).toFixed(2);
let threshold = -Infinity;
let best = -1;
for (let t = -4; t <= 2.001; t += 0.5) {
  const r = scoreDocuments(devDocs.map((d, di) => ({ text: d.text, gold: d.gold, predicted: dev.filter((e) => e.doc === di && margin(e) > t).map((e) => e.predicted) }))).all;
  const sum = r.source.f1 + r.cue.f1 + r.content.f1;
  log(`threshold ${t}: dev source ${pct(r.source.f1)} cue ${pct(r.cue.f1)} content ${pct(r.content.f1)} e2e ${pct(r.endToEnd.f1)}, ${r.attributions.predicted} kept`);
  if (sum > best + 1e-9) {
    best = sum;
    threshold = t;
  }
}
log(`threshold ${threshold}`);

const model: FilterModel = { perceptron, threshold };
setFilterModel(null);
log(`without: dev   ${scoreLine(scoreSplit(devDocs))}`);
log(`without: train ${scoreLine(scoreSplit(trainDocs))}`);
setFilterModel(model);
log(`with:    dev   ${scoreLine(scoreSplit(devDocs))}`);
log(`with:    train ${scoreLine(scoreSplit(trainDocs))}`);
setFilterModel(undefined);
if (!args.includes('--dry')) {
  saveModel(out, {
    header: {
      kind: FILTER_MODEL_KIND,
      version: FILTER_MODEL_VERSION,
      labels: { keep: ['no', 'yes'] },
      features: { templates: 37 },
      training: { data: 'PolNeAR train', epochs, seed, mix, folds, examples: train.length },
      extra: { threshold },
    },
    perceptrons: { keep: perceptron },
  });
  log(`wrote ${out}`);
}
