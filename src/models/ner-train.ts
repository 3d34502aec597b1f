/**
 * Training the NER tagger on CoNLL-2003 (`fivew train ner`).
 */
import { z } from 'zod';
import type { TrainTask } from './train-tasks.js';
import { AveragedPerceptron } from './perceptron.js';
import { createRandom, shuffle } from './prng.js';
import { bilouTags, iobSpans, readConllFile, type ConllDocument, type TypedSpan } from './ner-conll.js';
import { NER_TAGS, NerTagger, tagIndex } from './ner.js';
import { DEFAULT_FEATURE_SETTINGS, NO_LEXICONS, type FeatureSettings, type WordLexicons } from './ner-features.js';
import { scoreSpans, formatScores, type ConllScores } from '../eval/conll.js';

export interface NerTrainOptions {
  epochs: number;
  seed: number;
  /** Drop weight rows whose largest |w| is below this after averaging (model size). */
  prune: number;
  lexicons?: WordLexicons;
  settings?: FeatureSettings;
  log?: (line: string) => void;
}

function goldClasses(doc: ConllDocument): number[][] {
  return doc.sentences.map((s) => bilouTags(iobSpans(s.tags), s.words.length).map(tagIndex));
}

export function trainNer(train: ConllDocument[], options: NerTrainOptions): NerTagger {
  const perceptron = new AveragedPerceptron(NER_TAGS.length, { capacity: 1 << 20 });
  const tagger = new NerTagger(perceptron, options.settings ?? DEFAULT_FEATURE_SETTINGS, options.lexicons ?? NO_LEXICONS, Number.MAX_SAFE_INTEGER);
  const random = createRandom(options.seed);
  const docs = train.map((d) => ({ words: d.sentences.map((s) => s.words), gold: goldClasses(d) }));
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const t0 = Date.now();
    let correct = 0;
    let total = 0;
    for (const doc of shuffle([...docs], random)) {
      const pred = tagger.tagDocumentClasses(doc.words, doc.gold);
      pred.forEach((tags, s) => tags.forEach((t, i) => {
        total++;
        if (t === doc.gold[s]![i]) correct++;
      }));
    }
    options.log?.(`epoch ${epoch}: train token accuracy ${(correct / total).toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  perceptron.finalize();
  if (options.prune > 0) {
    const dropped = perceptron.prune(options.prune);
    options.log?.(`pruned ${dropped} rows below ${options.prune}; ${perceptron.size} kept`);
  }
  return tagger;
}

/** Score a tagger on CoNLL documents; returns the scores and tokens/s of tagging alone. */
export function evaluateNer(tagger: NerTagger, docs: ConllDocument[]): { scores: ConllScores; tokens: number; seconds: number } {
  const gold: TypedSpan[][] = [];
  const pred: TypedSpan[][] = [];
  let tokens = 0;
  const t0 = process.hrtime.bigint();
  const predicted = docs.map((d) => tagger.tagDocument(d.sentences.map((s) => s.words)));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  docs.forEach((d, k) => {
    d.sentences.forEach((s, j) => {
      tokens += s.words.length;
      gold.push(iobSpans(s.tags));
      pred.push(predicted[k]![j]!);
    });
  });
  return { scores: scoreSpans(gold, pred), tokens, seconds };
}

const FlagsSchema = z.object({
  epochs: z.coerce.number().int().positive().optional(),
  prune: z.coerce.number().nonnegative().optional(),
});

export const NER_TRAIN_TASK: TrainTask = {
  name: 'ner',
  description: 'named-entity tagger (CoNLL-2003 types, BILOU, greedy averaged perceptron)',
  defaults: {
    data: '../shared/data/conll2003/eng.train.gz',
    dev: '../shared/data/conll2003/eng.testa.gz',
    out: 'models/ner.bin.gz',
  },
  async run(options) {
    const flags = FlagsSchema.parse({ epochs: options.flags.epochs ?? undefined, prune: options.flags.prune ?? undefined });
    const settings = { epochs: flags.epochs ?? 12, prune: flags.prune ?? 0.05 };
    const train = readConllFile(options.data);
    options.log(`train: ${train.length} documents from ${options.data}`);
    const t0 = Date.now();
    const tagger = trainNer(train, { ...settings, seed: options.seed, log: options.log });
    const training: Record<string, unknown> = {
      data: options.data.split('/').slice(-2).join('/'),
      seed: options.seed,
      ...settings,
      seconds: Math.round((Date.now() - t0) / 1000),
    };
    tagger.save(options.out, training);
    // Score the saved (quantised) model, so the figures are those of the shipped file.
    if (options.dev) {
      const saved = NerTagger.load(options.out);
      const dev = evaluateNer(saved, readConllFile(options.dev));
      options.log(`dev ${options.dev}:\n${formatScores(dev.scores)}\n${Math.round(dev.tokens / dev.seconds)} tokens/s`);
    }
    options.log(`wrote ${options.out}`);
  },
};
