/**
 * `fivew train tagger|parser`: train on a UD treebank (CoNLL-U), score on dev,
 * write the model file. The parser is trained on jack-knifed predicted tags
 * (each tenth of the data tagged by a tagger trained on the rest), so it
 * learns to live with the tagger's mistakes.
 */
import { existsSync } from 'node:fs';
import { readConllu, type ConlluSentence } from './conllu.js';
import { invertSpeechSubject } from './augment.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { saveModel } from './model-file.js';
import { parserFromModel, trainParser, type Parser, type ParserSentence, type ParserTrainOptions } from './parser.js';
import { buildTagSets, jackknifeFirstPass, loadTagger, restrictToTagSets, taggerFromModel, trainTagger, type Tagger, type TaggedSentence, type TaggerTrainOptions } from './tagger.js';
import { PerceptronAverager } from './average-models.js';
import type { ModelHeader } from './model-file.js';
import type { TrainOptions, TrainTask } from './train-tasks.js';

export const TAGGER_EPOCHS = 8;
export const PARSER_EPOCHS = 12;
export const JACKKNIFE_FOLDS = 5;
/** Rows whose averaged weights all stay below these are dropped (tuned on dev: no loss, much smaller and faster). */
/** For the averaged tagger (dev: 0.5 → UPOS 95.38 XPOS 94.72, 0.75 → 95.38/94.70 with a third fewer rows, 1.0 → 95.35/94.68). */
export const TAGGER_PRUNE = 0.75;
export const PARSER_PRUNE = 1;
/** Parsers averaged by `train parser` unless --members says otherwise (dev, session 5: 1 → 84.67/81.01 UAS/LAS, 3 → 85.17/81.66, 5 → 85.09/81.58). */
export const PARSER_MEMBERS = 3;
/** Words seen this often (and not in the tag dictionary) are scored only over the classes they took in training (dev: no loss, tagging ~1.5x faster). */
export const TAG_SET_MIN_COUNT = 10;
const UD_TRAIN = '../shared/data/ud-ewt/en_ewt-ud-train.conllu';
const UD_DEV = '../shared/data/ud-ewt/en_ewt-ud-dev.conllu';

export function toTagged(s: ConlluSentence): TaggedSentence {
  return { words: s.words.map((w) => w.form), tags: s.words.map((w) => `${w.upos}\t${w.xpos}`) };
}

export function toParserSentence(s: ConlluSentence, tags?: string[]): ParserSentence {
  return {
    words: s.words.map((w) => w.form),
    tags: tags ?? s.words.map((w) => `${w.upos}\t${w.xpos}`),
    heads: s.words.map((w) => w.head),
    deprels: s.words.map((w) => w.deprel),
  };
}

export function tagStrings(tagger: Tagger, words: string[]): string[] {
  return Array.from(tagger.tag(words), (c) => tagger.classes[c]!);
}

/**
 * Trains the shipped tagger design: a right-to-left first pass, jack-knifed
 * over the training sentences to give the left-to-right second pass
 * realistic first-pass tags to learn from.
 */
export function trainTwoPassTagger(sentences: TaggedSentence[], options: Omit<TaggerTrainOptions, 'guides' | 'reversedFirstPass'>): Tagger {
  const guides = jackknifeFirstPass(sentences, JACKKNIFE_FOLDS, { ...options, reversedFirstPass: true });
  return trainTagger(sentences, { ...options, guides, reversedFirstPass: true });
}

/** One member of an averaged tagger: its seed (added to --seed, less one) and whether it has the style templates. */
export interface TaggerMember {
  seedOffset: number;
  style: boolean;
  /** The name templates (off in the members of the session-4 tagger). */
  names?: boolean;
  /** Word dropout rate (0 or absent: none). */
  dropout?: number;
}

/**
 * The shipped tagger averages the weights of two-pass taggers that differ in
 * seed and template set: the mean model scores like an ensemble of them
 * (dev UPOS 95.38 against 95.20-95.29 for each member; models/tagger.md) at
 * the cost of one model.
 */
export const TAGGER_MEMBERS: TaggerMember[] = [
  { seedOffset: 0, style: true },
  { seedOffset: 1, style: true },
  { seedOffset: 2, style: true },
  { seedOffset: 1, style: false },
];

/**
 * Trains the members one after the other, keeping only a running sum of
 * their weights. The tables learnt from the data (tag dictionary, ambiguity
 * classes, lemmas, lexicon) are the same for every member; the header is
 * that of a member with the style templates, so the average computes them.
 */
export function trainAveragedTagger(sentences: TaggedSentence[], members: TaggerMember[], options: Omit<TaggerTrainOptions, 'guides' | 'reversedFirstPass' | 'noStyleTemplates' | 'nameTemplates' | 'wordDropout'>): Tagger {
  const averagers = new Map<string, PerceptronAverager>();
  let header: ModelHeader | null = null;
  let tables = '';
  for (const [i, member] of members.entries()) {
    const seed = options.seed + member.seedOffset;
    const tagger = trainTwoPassTagger(sentences, { ...options, seed, noStyleTemplates: !member.style, ...(member.names ? { nameTemplates: true } : {}), ...(member.dropout ? { wordDropout: member.dropout } : {}) });
    const memberTables = JSON.stringify(tagger.model.header.extra);
    if (i === 0) tables = memberTables;
    else if (memberTables !== tables) throw new Error('averaged tagger: members learnt different tag dictionaries or lexicons');
    // The header of the member with the most templates, so that the average computes all of them.
    if (!header || templateCount(tagger.model.header) > templateCount(header)) header = tagger.model.header;
    for (const [name, p] of Object.entries(tagger.model.perceptrons)) {
      if (!averagers.has(name)) averagers.set(name, new PerceptronAverager(p.nClasses));
      averagers.get(name)!.add(p);
    }
    options.log?.(`tagger member ${i + 1}/${members.length} (seed ${seed}${member.style ? ', style templates' : ''}) trained`);
  }
  if (!header) throw new Error('averaged tagger: no members');
  const training = { ...header.training, seed: options.seed, members: members.map((m) => ({ seed: options.seed + m.seedOffset, styleTemplates: m.style, ...(m.names ? { nameTemplates: true } : {}), ...(m.dropout ? { wordDropout: m.dropout } : {}) })) };
  return taggerFromModel({ header: { ...header, training }, perceptrons: Object.fromEntries([...averagers].map(([name, a]) => [name, a.result()])) });
}

function templateCount(header: ModelHeader): number {
  const f = header.features;
  return (typeof f.styleTemplates === 'number' ? f.styleTemplates : 0) + (typeof f.nameTemplates === 'number' ? f.nameTemplates : 0);
}

/**
 * Parsers trained with consecutive seeds on the same sentences, their
 * weights averaged (one seed: the plain parser). Session 4 measured +0.2 UAS
 * and +0.3 LAS on dev for two seeds, int8 and pruned; the shipped parser
 * averages three (+0.5 / +0.65; models/parser.md).
 */
export function trainAveragedParser(sentences: ParserSentence[], members: number, options: ParserTrainOptions): Parser {
  return trainAveragedParserOver([sentences], members, options);
}

/**
 * The same over several copies of the training sentences that differ only in
 * their predicted tags (jack-knifed with different seeds): `members` seeds on
 * each copy, all averaged. Members that saw different tagging errors differ
 * more than seeds alone (dev, session 5: three seeds on each of two tag sets
 * 85.25/81.84 UAS/LAS against 85.17/81.66 for three seeds on one; models/parser.md).
 */
export function trainAveragedParserOver(sets: ParserSentence[][], members: number, options: ParserTrainOptions): Parser {
  if (sets.length === 0) throw new Error('averaged parser: no training sentences');
  if (sets.length === 1 && members <= 1) return trainParser(sets[0]!, options);
  const averagers = new Map<string, PerceptronAverager>();
  let first: Parser | null = null;
  for (const [t, sentences] of sets.entries()) {
    for (let m = 0; m < members; m++) {
      const parser = trainParser(sentences, { ...options, seed: options.seed + m });
      first ??= parser;
      for (const [name, p] of Object.entries(parser.model.perceptrons)) {
        if (!averagers.has(name)) averagers.set(name, new PerceptronAverager(p.nClasses));
        averagers.get(name)!.add(p);
      }
      options.log?.(`parser member ${t * members + m + 1}/${sets.length * members} (seed ${options.seed + m}${sets.length > 1 ? `, tag set ${t + 1}` : ''}) trained`);
    }
  }
  const header = first!.model.header;
  const training = { ...header.training, members: Array.from({ length: members }, (_, m) => options.seed + m), ...(sets.length > 1 ? { tagSets: sets.length } : {}) };
  return parserFromModel({ header: { ...header, training }, perceptrons: Object.fromEntries([...averagers].map(([name, a]) => [name, a.result()])) });
}

/**
 * Predicted tags for every sentence, each fold tagged by a two-pass tagger
 * that never saw it. The second passes reuse one set of jack-knifed
 * first-pass tags (a fold's second pass learns from first-pass tags of the
 * other folds made by taggers that saw this fold, which leaks none of its
 * labels into its own tags), so this costs 15 one-pass trainings, not 35.
 */
export function jackknifeTags(sentences: ConlluSentence[], folds: number, epochs: number, seed: number, lexicon: Lexicon, log?: (line: string) => void): string[][] {
  const tagged = sentences.map(toTagged);
  const guides = jackknifeFirstPass(tagged, folds, { epochs, seed, lexicon, log, reversedFirstPass: true });
  const out: string[][] = new Array(sentences.length);
  for (let f = 0; f < folds; f++) {
    const inFold = (i: number) => i % folds !== f;
    const tagger = trainTagger(tagged.filter((_, i) => inFold(i)), { epochs, seed: seed + f, lexicon, guides: guides.filter((_, i) => inFold(i)), reversedFirstPass: true });
    let right = 0;
    let total = 0;
    sentences.forEach((s, i) => {
      if (inFold(i)) return;
      out[i] = tagStrings(tagger, s.words.map((w) => w.form));
      s.words.forEach((w, k) => {
        total++;
        if (out[i]![k] === `${w.upos}\t${w.xpos}`) right++;
      });
    });
    log?.(`jack-knife fold ${f + 1}/${folds}: joint tag accuracy ${((100 * right) / total).toFixed(2)}%`);
  }
  return out;
}

export interface TagScores {
  upos: number;
  xpos: number;
  tokens: number;
}

export function scoreTagger(tagger: Tagger, sentences: ConlluSentence[]): TagScores {
  let upos = 0;
  let xpos = 0;
  let tokens = 0;
  for (const s of sentences) {
    const tags = tagger.tag(s.words.map((w) => w.form));
    s.words.forEach((w, i) => {
      tokens++;
      if (tagger.upos[tags[i]!] === w.upos) upos++;
      if (tagger.xpos[tags[i]!] === w.xpos) xpos++;
    });
  }
  return { upos: pct(upos, tokens), xpos: pct(xpos, tokens), tokens };
}

export interface ParseScores {
  uas: number;
  /** Universal labels only (subtypes ignored), as the CoNLL 2018 evaluation. */
  las: number;
  /** Full labels including subtypes (acl:relcl, nsubj:pass...). */
  lasFull: number;
  tokens: number;
}

export function scoreParser(parser: Parser, tagger: Tagger | null, sentences: ConlluSentence[]): ParseScores {
  let uas = 0;
  let las = 0;
  let full = 0;
  let tokens = 0;
  for (const s of sentences) {
    const words = s.words.map((w) => w.form);
    const tags = tagger ? tagStrings(tagger, words) : toTagged(s).tags;
    const r = parser.parse(words, tags);
    s.words.forEach((w, i) => {
      tokens++;
      if (r.heads[i] !== w.head) return;
      uas++;
      if (universal(r.deprels[i]!) === universal(w.deprel)) las++;
      if (r.deprels[i] === w.deprel) full++;
    });
  }
  return { uas: pct(uas, tokens), las: pct(las, tokens), lasFull: pct(full, tokens), tokens };
}

export function universal(deprel: string): string {
  const colon = deprel.indexOf(':');
  return colon < 0 ? deprel : deprel.slice(0, colon);
}

function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((10000 * n) / d) / 100;
}

function countFlag(options: TrainOptions, name: string, fallback: number): number {
  const raw = options.flags[name];
  if (raw === undefined || raw === true || raw === false) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} expects a positive integer, got ${raw}`);
  return n;
}

function epochsFlag(options: TrainOptions, fallback: number): number {
  const raw = options.flags.epochs;
  if (raw === undefined || raw === true || raw === false) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--epochs expects a positive integer, got ${raw}`);
  return n;
}

export const taggerTrainTask: TrainTask = {
  name: 'tagger',
  description: 'UPOS+XPOS perceptron tagger on a UD treebank (CoNLL-U)',
  defaults: { data: UD_TRAIN, dev: UD_DEV, out: 'models/tagger.bin.gz' },
  async run(options) {
    const started = Date.now();
    const epochs = epochsFlag(options, TAGGER_EPOCHS);
    const train = readConllu(options.data);
    const { lexicon, sentences } = buildLexicon(options.data);
    options.log(`lexicon: ${lexicon.clusters.size} clustered words from ${sentences} unlabelled sentences`);
    const tagged = train.map((s) => ({ ...toTagged(s), lemmas: s.words.map((w) => w.lemma) }));
    const trained = trainAveragedTagger(tagged, TAGGER_MEMBERS, { epochs, seed: options.seed, lexicon, log: options.log });
    const tagger = restrictToTagSets(trained, buildTagSets(tagged, trained.classes, TAG_SET_MIN_COUNT), TAG_SET_MIN_COUNT);
    const pruned = Object.values(tagger.model.perceptrons).reduce((n, p) => n + p.prune(TAGGER_PRUNE), 0);
    options.log(`pruned ${pruned} feature rows with all |weights| < ${TAGGER_PRUNE}`);
    const training = tagger.model.header.training;
    training.data = options.data;
    training.prune = TAGGER_PRUNE;
    if (options.dev && existsSync(options.dev)) {
      const scores = scoreTagger(tagger, readConllu(options.dev));
      training.dev = { data: options.dev, ...scores };
      options.log(`dev: UPOS ${scores.upos}%  XPOS ${scores.xpos}%`);
    }
    saveModel(options.out, tagger.model, { bits: 8 });
    options.log(`wrote ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
};

export const parserTrainTask: TrainTask = {
  name: 'parser',
  description: 'arc-hybrid dependency parser on a UD treebank (CoNLL-U), trained on jack-knifed tags',
  defaults: { data: UD_TRAIN, dev: UD_DEV, out: 'models/parser.bin.gz' },
  async run(options) {
    const started = Date.now();
    const epochs = epochsFlag(options, PARSER_EPOCHS);
    const train = readConllu(options.data);
    const { lexicon } = buildLexicon(options.data);
    const tagSets = countFlag(options, 'tag-sets', 1);
    const sets: ParserSentence[][] = [];
    let inverted = 0;
    for (let t = 0; t < tagSets; t++) {
      const tags = jackknifeTags(train, JACKKNIFE_FOLDS, TAGGER_EPOCHS, options.seed + t, lexicon, options.log);
      const sentences = train.map((s, i) => toParserSentence(s, tags[i]));
      inverted = 0;
      train.forEach((s, i) => {
        const copy = invertSpeechSubject(s);
        if (!copy) return;
        const moved = new Array<string>(s.words.length);
        copy.order.forEach((to, from) => (moved[to] = tags[i]![from]!));
        // Twice: the construction is rare in the treebank and common in news.
        sentences.push(toParserSentence(copy.sentence, moved), toParserSentence(copy.sentence, moved));
        inverted++;
      });
      sets.push(sentences);
    }
    options.log(`augmentation: ${inverted} sentences with an inverted speech-verb subject`);
    const members = countFlag(options, 'members', PARSER_MEMBERS);
    const parser = trainAveragedParserOver(sets, members, { epochs, seed: options.seed, lexicon, log: options.log });
    const pruned = PARSER_PRUNE > 0 ? parser.model.perceptrons.moves!.prune(PARSER_PRUNE) + parser.model.perceptrons.labels!.prune(PARSER_PRUNE) : 0;
    options.log(`pruned ${pruned} feature rows with all |weights| < ${PARSER_PRUNE}`);
    const training = parser.model.header.training;
    training.data = options.data;
    training.tags = `jack-knifed, ${JACKKNIFE_FOLDS} folds`;
    training.augmentation = { invertedSpeechSubjects: inverted };
    training.prune = PARSER_PRUNE;
    const taggerPath = typeof options.flags.tagger === 'string' ? options.flags.tagger : 'models/tagger.bin.gz';
    if (options.dev && existsSync(options.dev)) {
      const tagger = existsSync(taggerPath) ? loadTagger(taggerPath) : null;
      const scores = scoreParser(parser, tagger, readConllu(options.dev));
      training.dev = { data: options.dev, tags: tagger ? taggerPath : 'gold', ...scores };
      options.log(`dev (${tagger ? 'predicted' : 'gold'} tags): UAS ${scores.uas}%  LAS ${scores.las}%  LAS with subtypes ${scores.lasFull}%`);
    }
    saveModel(options.out, parser.model, { bits: 8 });
    options.log(`wrote ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
};
