/**
 * Tuning runs for the NER tagger: train on eng.train with given epochs and
 * pruning, score on eng.testa, print one line. Usage:
 *   npx tsx train/ner-tune.ts [epochs] [prune]
 */
import { readConllFile } from '../src/models/ner-conll.js';
import { evaluateNer, trainNer } from '../src/models/ner-train.js';
import { formatScores } from '../src/eval/conll.js';
import { buildClusters, unlabelledSentences, DEFAULT_CLUSTER_OPTIONS } from '../src/models/ner-clusters.js';

const epochs = Number(process.argv[2] ?? 10);
const prune = Number(process.argv[3] ?? 0);
const train = readConllFile('../shared/data/conll2003/eng.train.gz');
const dev = readConllFile('../shared/data/conll2003/eng.testa.gz');
const ngrams = Number(process.env.NGRAMS ?? 0);
const affixes = Number(process.env.AFFIXES ?? 4);
let clusters: Map<string, string> | null = null;
if (process.env.CLUSTERS) {
  const tc = Date.now();
  const branching = process.env.CLUSTERS.split(',').map(Number);
  const sents = unlabelledSentences('../shared/data');
  clusters = buildClusters(sents, { ...DEFAULT_CLUSTER_OPTIONS, branching, dims: Number(process.env.CDIMS ?? 96), contexts: Number(process.env.CCTX ?? 2000), minCount: Number(process.env.CMIN ?? 3) });
  console.error(`clusters: ${clusters.size} words from ${sents.length} sentences in ${((Date.now() - tc) / 1000).toFixed(1)} s`);
}
const t0 = Date.now();
const tagger = trainNer(train, { epochs, prune, seed: 1, settings: { affixes, ngrams }, clusters, log: (l) => console.error(l) });
console.error(`trained in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${tagger.perceptron.size} rows`);
const r = evaluateNer(tagger, dev);
console.log(formatScores(r.scores));
console.log(`${Math.round(r.tokens / r.seconds)} tokens/s`);
