/**
 * Tuning runs for the NER tagger: train on eng.train with given epochs and
 * pruning, score on eng.testa, print one line. Usage:
 *   npx tsx train/ner-tune.ts [epochs] [prune]
 */
import { readConllFile } from '../src/models/ner-conll.js';
import { evaluateNer, trainNer } from '../src/models/ner-train.js';
import { formatScores } from '../src/eval/conll.js';

const epochs = Number(process.argv[2] ?? 10);
const prune = Number(process.argv[3] ?? 0);
const train = readConllFile('../shared/data/conll2003/eng.train.gz');
const dev = readConllFile('../shared/data/conll2003/eng.testa.gz');
const t0 = Date.now();
const tagger = trainNer(train, { epochs, prune, seed: 1, log: (l) => console.error(l) });
console.error(`trained in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${tagger.perceptron.size} rows`);
const r = evaluateNer(tagger, dev);
console.log(formatScores(r.scores));
console.log(`${Math.round(r.tokens / r.seconds)} tokens/s`);
