/**
 * Tuning runs for the NER tagger: train on eng.train, score on eng.testa
 * (greedy and beam), print the scores. Usage:
 *   npx tsx train/ner-tune.ts [epochs] [prune]
 * Environment: CLUSTERS=32,32 (branching; unset = no clusters), CMIN, CDIMS, CCTX,
 * CAPS=1 (capitalisation prior), EXTRA=1 (second gazetteer; or EXTRA=town,village… for some of its lists), MIX=N (mean of N models from seeds SEED…), SEED, CACHE_DIR (where built clusters are cached between runs),
 * GAZDROP=p, EXTRADROP=p (gazetteer dropout while training), UNCONSTRAINED=0 (updates against the allowed tags only, as before),
 * TEMPS=t,… (beam temperatures tried; the last is saved), NORM=allowed|outside (beam softmax over the allowed tags, or those and O;
 * default: the trained model's),
 * OUT=path (save the model).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConllFile } from '../src/models/ner-conll.js';
import { averagePerceptrons } from '../src/models/average-models.js';
import { evaluateNer, trainNer } from '../src/models/ner-train.js';
import { DEFAULT_DECODING, NerTagger } from '../src/models/ner.js';
import { formatScores } from '../src/eval/conll.js';
import { loadTagger } from '../src/models/tagger.js';
import { nerExtraLists } from '../src/knowledge/ner-extra-lists.js';
import { buildCapPrior, buildClusters, unlabelledSentences, DEFAULT_CLUSTER_OPTIONS } from '../src/models/ner-clusters.js';

const epochs = Number(process.argv[2] ?? 10);
const prune = Number(process.argv[3] ?? 0);
const train = readConllFile('../shared/data/conll2003/eng.train.gz');
const dev = readConllFile('../shared/data/conll2003/eng.testa.gz');
let clusters: Map<string, string> | null = null;
if (process.env.CLUSTERS) {
  const options = {
    ...DEFAULT_CLUSTER_OPTIONS,
    branching: process.env.CLUSTERS.split(',').map(Number),
    dims: Number(process.env.CDIMS ?? DEFAULT_CLUSTER_OPTIONS.dims),
    contexts: Number(process.env.CCTX ?? DEFAULT_CLUSTER_OPTIONS.contexts),
    minCount: Number(process.env.CMIN ?? DEFAULT_CLUSTER_OPTIONS.minCount),
  };
  const cache = join(process.env.CACHE_DIR ?? '/tmp', `ner-clusters-${JSON.stringify(options).replace(/\W+/g, '_')}.json`);
  if (existsSync(cache)) clusters = new Map(Object.entries(JSON.parse(readFileSync(cache, 'utf8')) as Record<string, string>));
  else {
    clusters = buildClusters(unlabelledSentences('../shared/data'), options);
    writeFileSync(cache, JSON.stringify(Object.fromEntries(clusters)));
  }
  console.error(`clusters: ${clusters.size} words`);
}
const capPrior = process.env.CAPS ? buildCapPrior(unlabelledSentences('../shared/data')) : null;
if (capPrior) console.error(`capitalisation prior: ${capPrior.size} words`);
const extraLists = process.env.EXTRA ? nerExtraLists().filter((l) => process.env.EXTRA === '1' || process.env.EXTRA!.split(',').includes(l.name)) : [];
// POS=1: our POS tagger's XPOS tags (models/tagger.bin.gz) as features, in training and scoring alike.
const posTagger = process.env.POS ? loadTagger(join(import.meta.dirname, '..', 'models', 'tagger.bin.gz')) : null;
const posOf = (docs: typeof train): string[][][] | undefined =>
  posTagger ? docs.map((d) => d.sentences.map((s) => Array.from(posTagger.tag(s.words), (c) => posTagger.xpos[c]!))) : undefined;
const trainPos = posOf(train);
const devPos = posOf(dev) ?? null;
const t0 = Date.now();
const seeds = Number(process.env.MIX ?? 1);
const taggers = Array.from({ length: seeds }, (_, k) =>
  trainNer(train, {
    epochs,
    prune,
    seed: Number(process.env.SEED ?? 1) + k,
    lexicons: { clusters, capPrior },
    extraLists,
    gazetteerDropout: Number(process.env.GAZDROP ?? 0),
    extraDropout: Number(process.env.EXTRADROP ?? 0),
    unconstrained: process.env.UNCONSTRAINED !== '0',
    pos: trainPos,
    log: (l) => console.error(l),
  }),
);
const tagger = seeds === 1 ? taggers[0]! : new NerTagger(averagePerceptrons(taggers.map((t) => t.perceptron)), taggers[0]!.settings, taggers[0]!.lexicons, 200_000, taggers[0]!.gazetteerLists, extraLists);
if (seeds > 1) {
  for (const [k, t] of taggers.entries()) console.log(`seed model ${k + 1}: beam 4 F1 ${(100 * evaluateNer(t, dev, t.decoding, devPos).scores.overall.f1).toFixed(2)}`);
}
console.error(`trained in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${tagger.perceptron.size} rows`);
console.log(`beam 1: F1 ${(100 * evaluateNer(tagger, dev, { ...DEFAULT_DECODING, beam: 1 }, devPos).scores.overall.f1).toFixed(2)}`);
// TEMPS=16,20,24: beam 4 at each temperature; the last is saved with the model.
const temps = (process.env.TEMPS ?? process.env.TEMP ?? String(taggers[0]!.decoding.temperature)).split(',').map(Number);
for (const temperature of temps) {
  tagger.decoding = { ...taggers[0]!.decoding, temperature, ...(process.env.NORM ? { normalise: process.env.NORM === 'outside' ? 'outside' : 'allowed' } : {}) };
  const r = evaluateNer(tagger, dev, tagger.decoding, devPos);
  console.log(`beam 4, temperature ${temperature}: F1 ${(100 * r.scores.overall.f1).toFixed(2)}`);
  if (temperature === temps[temps.length - 1]) console.log(formatScores(r.scores));
}
if (process.env.OUT) tagger.save(process.env.OUT, { tuning: true, epochs, prune, members: seeds });
