/**
 * Tuning runs for a stacked (two-stage) NER tagger: jack-knife a first stage
 * over eng.train (K folds, each tagged by a model trained on the others),
 * train a second stage on that output, score on eng.testa with the shipped
 * model (or STAGE1=path) as the first stage. Usage:
 *   npx tsx train/ner-stack-tune.ts [epochs]
 * Environment: K (folds, 5), MIX (second-stage seeds, 1), SEED, GREEDY1=1 (first stage decodes greedily), CACHE_DIR.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConllFile } from '../src/models/ner-conll.js';
import { evaluateNer, meanPerceptron, trainNer } from '../src/models/ner-train.js';
import { DEFAULT_DECODING, NerTagger, defaultNerModelPath, type Decoding } from '../src/models/ner.js';
import { formatScores } from '../src/eval/conll.js';
import { buildCapPrior, unlabelledSentences } from '../src/models/ner-clusters.js';

const epochs = Number(process.argv[2] ?? 10);
const K = Number(process.env.K ?? 5);
const seed = Number(process.env.SEED ?? 1);
const stage1Decoding: Decoding = process.env.GREEDY1 ? { ...DEFAULT_DECODING, beam: 1, revisit: false } : DEFAULT_DECODING;
const train = readConllFile('../shared/data/conll2003/eng.train.gz');
const dev = readConllFile('../shared/data/conll2003/eng.testa.gz');
const capPrior = buildCapPrior(unlabelledSentences('../shared/data'));
const lexicons = { clusters: null, capPrior };
const words = (d: (typeof train)[number]): string[][] => d.sentences.map((s) => s.words);

const cache = join(process.env.CACHE_DIR ?? '/tmp', `ner-jack-K${K}-e${epochs}-s${seed}${process.env.GREEDY1 ? '-greedy' : ''}.json`);
let jack: number[][][];
if (existsSync(cache)) jack = JSON.parse(readFileSync(cache, 'utf8')) as number[][][];
else {
  jack = new Array<number[][]>(train.length);
  for (let f = 0; f < K; f++) {
    const rest = train.filter((_, k) => k % K !== f);
    const model = trainNer(rest, { epochs, prune: 0.05, seed: seed + 100 * f, lexicons });
    train.forEach((d, k) => {
      if (k % K === f) jack[k] = model.tagDocumentClasses(words(d), null, stage1Decoding);
    });
    console.error(`fold ${f + 1}/${K} done`);
  }
  writeFileSync(cache, JSON.stringify(jack));
}
const first = NerTagger.load(process.env.STAGE1 ?? defaultNerModelPath());
const mix = Number(process.env.MIX ?? 1);
const t0 = Date.now();
const members = Array.from({ length: mix }, (_, k) => trainNer(train, { epochs, prune: 0.05, seed: seed + k, lexicons, stage1: jack, log: (l) => console.error(l) }));
const second = mix === 1 ? members[0]! : new NerTagger(meanPerceptron(members.map((m) => m.perceptron)), members[0]!.settings, lexicons);
second.first = first;
second.firstDecoding = stage1Decoding;
console.error(`trained in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${second.perceptron.size} rows`);
for (const [k, m] of members.entries()) {
  if (mix === 1) break;
  m.first = first;
  m.firstDecoding = stage1Decoding;
  console.log(`member ${k + 1}: F1 ${(100 * evaluateNer(m, dev).scores.overall.f1).toFixed(2)}`);
}
const r1 = evaluateNer(first, dev, stage1Decoding);
console.log(`first stage alone: F1 ${(100 * r1.scores.overall.f1).toFixed(2)}`);
for (const revisit of [false, true]) {
  const r = evaluateNer(second, dev, { ...DEFAULT_DECODING, revisit });
  console.log(`stacked, revisit ${revisit}: F1 ${(100 * r.scores.overall.f1).toFixed(2)}, ${Math.round(r.tokens / r.seconds)} tokens/s`);
  if (revisit) console.log(formatScores(r.scores));
}
