/**
 * Cue-detector experiments on cached Docs: trains the detector
 * (src/annotate/attribution-cue-model.ts) on PolNeAR train, picks its
 * threshold on dev cue-token F1, and scores whole attributions on dev and train
 * with it. `fivew train attribution-cues` trains the same way but rebuilds the
 * Docs through the pipeline; this is for quick iterations. Usage:
 *   npx tsx train/attribution-cues.ts [--epochs 12] [--seed 1] [--members 5] [--threshold T,…] [--out FILE]
 * (--members N averages the weights of N detectors trained with seeds seed … seed + N − 1.)
 */
import { CUE_MEMBERS, CUE_MODEL_KIND, CUE_MODEL_VERSION, cueExamples, fitCueModels, setCueModel } from '../src/annotate/attribution-cue-model.js';
import { saveModel } from '../src/models/model-file.js';
import { loadSplit, type SplitDoc } from './attribution-docs.js';
import { scoreLine, scoreSplit } from './attribution-score.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const epochs = Number(flag('epochs', '12'));
const seed = Number(flag('seed', '1'));
const members = Number(flag('members', String(CUE_MEMBERS)));
const out = flag('out', '');
const log = (line: string): void => console.log(line);

const cpu0 = process.cpuUsage();
const trainDocs = loadSplit('../shared/data/polnear/train');
const devDocs = loadSplit('../shared/data/polnear/dev');
const examples = (docs: SplitDoc[]) => docs.flatMap((d) => cueExamples(d.doc, d.gold.flatMap((g) => g.cue)));
const train = examples(trainDocs);
const dev = examples(devDocs);
log(`train ${train.length} candidates (${train.filter((e) => e.gold).length} in cues), dev ${dev.length}`);
const model = fitCueModels(train, dev, epochs, seed, members, () => {});
const thresholds = args.includes('--threshold') ? flag('threshold', '0').split(',').map(Number) : [model.threshold];
for (const threshold of thresholds) {
  setCueModel({ perceptron: model.perceptron, threshold });
  log(`threshold ${threshold} (dev cue-token F1 ${model.devTokenF1.toFixed(4)})`);
  log(`  dev   ${scoreLine(scoreSplit(devDocs))}`);
  log(`  train ${scoreLine(scoreSplit(trainDocs))}`);
}
const cpu = process.cpuUsage(cpu0);
log(`${((cpu.user + cpu.system) / 1e6).toFixed(0)} CPU s`);
if (out) {
  saveModel(out, {
    header: {
      kind: CUE_MODEL_KIND,
      version: CUE_MODEL_VERSION,
      labels: { cue: ['no', 'yes'] },
      features: { templates: 49 },
      training: { data: 'PolNeAR train', epochs, seed, members, devTokenF1: Math.round(model.devTokenF1 * 10000) / 10000 },
      extra: { threshold: thresholds[0]! },
    },
    perceptrons: { cue: model.perceptron },
  });
  log(`wrote ${out}`);
}
