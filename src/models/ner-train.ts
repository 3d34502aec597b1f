/**
 * Training the NER tagger on CoNLL-2003 (`fivew train ner`).
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { TrainTask } from './train-tasks.js';
import { AveragedPerceptron } from './perceptron.js';
import { averagePerceptrons } from './average-models.js';
import { createRandom, shuffle } from './prng.js';
import { bilouTags, iobSpans, readConllFile, type ConllDocument, type TypedSpan } from './ner-conll.js';
import { DEFAULT_DECODING, NER_TAGS, NerTagger, tagIndex, type Decoding } from './ner.js';
import { DEFAULT_FEATURE_SETTINGS, NO_LEXICONS, type FeatureSettings, type WordLexicons } from './ner-features.js';
import { scoreSpans, formatScores, type ConllScores } from '../eval/conll.js';
import { buildCapPrior, unlabelledSentences } from './ner-clusters.js';
import { nerGazetteerLists, type GazetteerList } from '../knowledge/lexicon.js';
import { nerExtraLists } from '../knowledge/ner-extra-lists.js';

/** Settings of the shipped model (chosen on eng.testa; see models/ner.md). */
export const DEFAULT_EPOCHS = 10;
export const DEFAULT_PRUNE = 0.05;
/** The shipped weights are the mean of this many models trained on different shuffles (seeds seed, seed+1, …). */
export const DEFAULT_MEMBERS = 3;
/**
 * Whether `fivew train ner` gives the model the second gazetteer (names, organisations, peoples,
 * towns; see ner-extra-lists.ts). It gains on eng.testa; trained without dropout it also taught the
 * model to lean on list membership, so names in no list (our invented articles) were read worse.
 */
export const DEFAULT_EXTRA_LISTS = true;
/** Gazetteer dropout in `fivew train ner`: each match of the second gazetteer is hidden from 70 % of the training sentences, the main one's never (see models/ner.md). */
export const DEFAULT_GAZETTEER_DROPOUT = 0;
export const DEFAULT_EXTRA_DROPOUT = 0.7;
/**
 * How a model trained against all tags is decoded (saved in its file). The softmax over allowed tags
 * and O needs that training. Temperature 24 scored higher on eng.testa with dropout 0.5 (93.63
 * against 93.28) but misread our invented articles ("the Governor of Velmar Province" as one ORG).
 */
export const TRAINED_DECODING: Decoding = { beam: 4, temperature: 20, margin: 2, revisit: true, normalise: 'outside', noFunctionWordStarts: true };

export interface NerTrainOptions {
  epochs: number;
  seed: number;
  /** Drop weight rows whose largest |w| is below this after averaging (model size). */
  prune: number;
  lexicons?: WordLexicons;
  settings?: FeatureSettings;
  /** The second gazetteer's lists (none by default). */
  extraLists?: GazetteerList[];
  /** Gazetteer dropout: probability of hiding a match of the main / second gazetteer from a training sentence (0 by default). */
  gazetteerDropout?: number;
  extraDropout?: number;
  /** Update against the best of all tags (see TrainingControl.unconstrained); on unless false. */
  unconstrained?: boolean;
  /** Part-of-speech tags of every training document (experimental: see train/ner-tune.ts POS=1). */
  pos?: (readonly (readonly string[])[])[];
  log?: (line: string) => void;
}

function goldClasses(doc: ConllDocument): number[][] {
  return doc.sentences.map((s) => bilouTags(iobSpans(s.tags), s.words.length).map(tagIndex));
}

export function trainNer(train: ConllDocument[], options: NerTrainOptions): NerTagger {
  const perceptron = new AveragedPerceptron(NER_TAGS.length, { capacity: 1 << 20 });
  const tagger = new NerTagger(
    perceptron,
    options.settings ?? DEFAULT_FEATURE_SETTINGS,
    options.lexicons ?? NO_LEXICONS,
    Number.MAX_SAFE_INTEGER,
    nerGazetteerLists(),
    options.extraLists ?? [],
  );
  const random = createRandom(options.seed);
  // Its own stream, so that dropout does not change the shuffles.
  const noiseRandom = createRandom(options.seed * 7919 + 17);
  const control = { gazetteer: options.gazetteerDropout ?? 0, extra: options.extraDropout ?? 0, random: noiseRandom, unconstrained: options.unconstrained ?? true };
  const docs = train.map((d, k) => ({ words: d.sentences.map((s) => s.words), gold: goldClasses(d), pos: options.pos?.[k] ?? null }));
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const t0 = Date.now();
    let correct = 0;
    let total = 0;
    for (const doc of shuffle([...docs], random)) {
      const pred = tagger.tagDocumentClasses(doc.words, doc.gold, undefined, control, doc.pos);
      pred.forEach((tags, s) => tags.forEach((t, i) => {
        total++;
        if (t === doc.gold[s]![i]) correct++;
      }));
    }
    options.log?.(`epoch ${epoch}: train token accuracy ${(correct / total).toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  perceptron.finalize();
  tagger.decoding = control.unconstrained ? TRAINED_DECODING : DEFAULT_DECODING;
  if (options.prune > 0) {
    const dropped = perceptron.prune(options.prune);
    options.log?.(`pruned ${dropped} rows below ${options.prune}; ${perceptron.size} kept`);
  }
  return tagger;
}

/** Score a tagger on CoNLL documents; returns the scores and tokens/s of tagging alone. */
export function evaluateNer(
  tagger: NerTagger,
  docs: ConllDocument[],
  decoding: Decoding = tagger.decoding,
  pos: (readonly (readonly string[])[])[] | null = null,
): { scores: ConllScores; tokens: number; seconds: number } {
  const gold: TypedSpan[][] = [];
  const pred: TypedSpan[][] = [];
  let tokens = 0;
  const t0 = process.hrtime.bigint();
  const predicted = docs.map((d, k) => tagger.tagDocument(d.sentences.map((s) => s.words), decoding, pos?.[k] ?? null));
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
  description: 'named-entity tagger (CoNLL-2003 types, BILOU, averaged perceptron, beam decoding)',
  defaults: {
    data: '../shared/data/conll2003/eng.train.gz',
    dev: '../shared/data/conll2003/eng.testa.gz',
    out: 'models/ner.bin.gz',
  },
  async run(options) {
    const flags = FlagsSchema.parse({ epochs: options.flags.epochs ?? undefined, prune: options.flags.prune ?? undefined });
    const settings = { epochs: flags.epochs ?? DEFAULT_EPOCHS, prune: flags.prune ?? DEFAULT_PRUNE };
    const train = readConllFile(options.data);
    options.log(`train: ${train.length} documents from ${options.data}`);
    // Unlabelled text for the word lexicons: the corpora beside the training file (../shared/data), when present.
    const sharedData = dirname(dirname(resolve(options.data)));
    const unlabelled = unlabelledSentences(sharedData);
    // Word clusters were tried and did not pay on eng.testa (see models/ner.md): only the capitalisation prior is kept.
    const lexicons: WordLexicons = { clusters: null, capPrior: unlabelled.length > 0 ? buildCapPrior(unlabelled) : null };
    options.log(`lexicons: ${unlabelled.length} unlabelled sentences, ${lexicons.capPrior?.size ?? 0} capitalisation priors`);
    const extraLists = DEFAULT_EXTRA_LISTS ? nerExtraLists() : [];
    options.log(`second gazetteer: ${extraLists.map((l) => `${l.name} ${l.phrases.length}`).join(', ') || 'none'}`);
    const t0 = Date.now();
    const members = Array.from({ length: DEFAULT_MEMBERS }, (_, k) => {
      options.log(`model ${k + 1}/${DEFAULT_MEMBERS} (seed ${options.seed + k})`);
      return trainNer(train, {
        ...settings,
        seed: options.seed + k,
        lexicons,
        extraLists,
        gazetteerDropout: DEFAULT_GAZETTEER_DROPOUT,
        extraDropout: DEFAULT_EXTRA_DROPOUT,
        unconstrained: true,
        log: options.log,
      });
    });
    const tagger = new NerTagger(averagePerceptrons(members.map((m) => m.perceptron)), members[0]!.settings, lexicons, 200_000, nerGazetteerLists(), extraLists);
    tagger.decoding = TRAINED_DECODING;
    const training: Record<string, unknown> = {
      data: options.data.split('/').slice(-2).join('/'),
      unlabelled: { sentences: unlabelled.length },
      members: DEFAULT_MEMBERS,
      extraLists: extraLists.map((l) => l.name),
      gazetteerDropout: DEFAULT_GAZETTEER_DROPOUT,
      extraDropout: DEFAULT_EXTRA_DROPOUT,
      updates: 'unconstrained',
      decoding: TRAINED_DECODING,
      seed: options.seed,
      ...settings,
      seconds: Math.round((Date.now() - t0) / 1000),
    };
    tagger.save(options.out, training);
    // Score the saved (quantised) model, so the figures are those of the shipped file, and keep them in its header.
    if (options.dev) {
      const saved = NerTagger.load(options.out);
      const dev = evaluateNer(saved, readConllFile(options.dev));
      options.log(`dev ${options.dev}:\n${formatScores(dev.scores)}\n${Math.round(dev.tokens / dev.seconds)} tokens/s`);
      const round = (x: number): number => Math.round(x * 10000) / 10000;
      training.dev = {
        data: options.dev.split('/').slice(-2).join('/'),
        f1: round(dev.scores.overall.f1),
        precision: round(dev.scores.overall.precision),
        recall: round(dev.scores.overall.recall),
        types: Object.fromEntries(Object.entries(dev.scores.types).map(([t, x]) => [t, round(x.f1)])),
      };
      saved.save(options.out, training);
    }
    options.log(`wrote ${options.out}`);
  },
};
