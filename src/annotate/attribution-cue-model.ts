/**
 * Learned cue detection: an averaged perceptron that decides, for each
 * candidate token (a verb, or a word the cue lexicon knows), whether it heads
 * an attribution cue. Trained on PolNeAR train (`fivew train attribution-cues`);
 * the rules in attribution.ts still find content and source around each cue.
 *
 * Why learned: PolNeAR's cues are a long tail of verbs whose reporting sense
 * depends on context ("supports", "called", "sees"); the lexicon alone finds
 * about two thirds of them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Doc } from '../doc/doc.js';
import { toOriginalOffset } from '../doc/normalize.js';
import { analyzeArticle } from '../analysis.js';
import { readPolnear, type CharSpan } from '../eval/polnear.js';
import { cueClass, NOUN_CUES, verbCueLemma } from '../knowledge/cues.js';
import { verbSenseClasses } from '../knowledge/verb-senses.js';
import { hashString } from '../models/hash.js';
import { saveModel } from '../models/model-file.js';
import { fitBinaryPerceptron } from '../models/fit-binary.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import { averagePerceptrons } from '../models/average-models.js';
import type { TrainOptions, TrainTask } from '../models/train-tasks.js';
import { loadShippedModel } from './attribution-ranker.js';
import { tokenTags, type TokenTags } from './attribution-tags.js';
import { findQuotes, type Quote } from './quotes.js';

export const CUE_MODEL_KIND = 'fivew-attribution-cues';
export const CUE_MODEL_VERSION = 4;
const MODEL_PATH = fileURLToPath(new URL('../../models/attribution-cues.bin.gz', import.meta.url));

export interface CueModel {
  perceptron: AveragedPerceptron;
  /** Minimum score margin (cue − not cue) to call a token a cue; tuned on dev. */
  threshold: number;
}

/** Tokens worth asking about: verbs, and words the lexicon lists whatever their tag. */
export function isCueCandidate(doc: Doc, tags: TokenTags, i: number): boolean {
  const w = doc.tokens[i]!.text.toLowerCase();
  return tags.upos[i] === 'VERB' || verbCueLemma(w) !== null || NOUN_CUES.has(w);
}

function insideAny(quotes: Quote[], offset: number): boolean {
  return quotes.some((q) => q.inner.start <= offset && offset < q.inner.end);
}

/** Hashed features of token i. */
export function cueFeatures(doc: Doc, tags: TokenTags, quotes: Quote[], i: number): Uint32Array {
  const toks = doc.tokens;
  const s = doc.sentences[toks[i]!.sentence]!;
  const word = (k: number): string => (k >= s.tokenStart && k < s.tokenEnd ? toks[k]!.text.toLowerCase() : k < s.tokenStart ? '<s>' : '</s>');
  const pos = (k: number): string => (k >= s.tokenStart && k < s.tokenEnd ? tags.upos[k]! : k < s.tokenStart ? '<s>' : '</s>');
  const w = word(i);
  const lemma = tags.lemma[i] ?? w;
  const lex = verbCueLemma(w);
  const cls = lex ? (cueClass(lex) ?? 'none') : NOUN_CUES.has(w) ? 'noun' : 'none';
  const inQuote = insideAny(quotes, toks[i]!.start) ? 'q' : '-';
  const sentenceHasQuote = quotes.some((q) => q.span.start < s.end && s.start < q.span.end) ? 'Q' : '-';
  const rel = i - s.tokenStart;
  const fromEnd = s.tokenEnd - 1 - i;
  // Who could be speaking: the nearest nominal to the left, and what follows (a clause, a quote, an infinitive).
  let left = '-';
  for (let k = i - 1; k >= s.tokenStart && i - k <= 4; k--) {
    const p = tags.upos[k]!;
    if (p === 'PRON' || p === 'PROPN' || p === 'NOUN') {
      left = p === 'PRON' ? toks[k]!.text.toLowerCase() : p;
      break;
    }
    if (p === 'VERB' || p === 'PUNCT') break;
  }
  let right = '-';
  for (let k = i + 1; k < s.tokenEnd && k - i <= 4; k++) {
    const x = toks[k]!.text.toLowerCase();
    if (x === 'that' || x === 'to' || x === ':' || /^[“"‘]$/.test(x) || x === 'about' || x === 'for') {
      right = x;
      break;
    }
  }
  const quoteNear = quotes.some((q) => (q.span.end <= toks[i]!.start && toks[i]!.start - q.span.end < 40) || (q.span.start >= toks[i]!.end && q.span.start - toks[i]!.end < 6)) ? 'qn' : '-';
  const feats = [
    'b',
    `w=${w}`,
    `l=${lemma}`,
    `p=${pos(i)}`,
    `lx=${lex ?? '-'}`,
    `c=${cls}`,
    `c+p=${cls}|${pos(i)}`,
    `sfx=${w.slice(-3)}`,
    `w-1=${word(i - 1)}`,
    `p-1=${pos(i - 1)}`,
    `p-2=${pos(i - 2)}`,
    `w+1=${word(i + 1)}`,
    `p+1=${pos(i + 1)}`,
    `w+2=${word(i + 2)}`,
    `p+2=${pos(i + 2)}`,
    `l+w+1=${lemma}|${word(i + 1)}`,
    `l+p-1=${lemma}|${pos(i - 1)}`,
    `l+p+1=${lemma}|${pos(i + 1)}`,
    `p-1+p+1=${pos(i - 1)}|${pos(i)}|${pos(i + 1)}`,
    `w-1+w=${word(i - 1)}|${w}`,
    `q=${inQuote}`,
    `q+c=${inQuote}|${cls}`,
    `sq=${sentenceHasQuote}|${cls}`,
    `start=${Math.min(rel, 4)}`,
    `end=${Math.min(fromEnd, 4)}`,
    `l+end=${lemma}|${Math.min(fromEnd, 2)}`,
    `left=${left}`,
    `right=${right}`,
    `l+left=${lemma}|${left}`,
    `l+right=${lemma}|${right}`,
    `c+right=${cls}|${right}`,
    `qn=${quoteNear}|${cls}`,
    `l+qn=${lemma}|${quoteNear}`,
  ];
  // (Version 4) WordNet's classes of the verb's first senses ("grill": body, communication) carry what the
  // detector learned from frequent cue verbs over to verbs it never saw as cues in training.
  const wn = verbSenseClasses(lex ?? lemma) ?? '-';
  const first = wn[0]!;
  feats.push(`wn1=${first}`, `wn1+p=${first}|${pos(i)}`, `wn1+right=${first}|${right}`, `wn1+left=${first}|${left}`, `wn1+qn=${first}|${quoteNear}`);
  for (let k = 0; k < wn.length; k++) feats.push(`wn=${wn[k]}`);
  feats.push(...arcFeatures(tags, s.tokenStart, s.tokenEnd, i, lemma, toks[i]!.text.toLowerCase()));
  const out = new Uint32Array(feats.length);
  for (let k = 0; k < feats.length; k++) out[k] = hashString(feats[k]!);
  return out;
}

/**
 * Dependency features where the sentence was parsed: the token's relation ("acl" in "a plan backed by",
 * "ccomp" under another report), what hangs on it (a clausal complement, a subject and its kind), and the
 * relation plus lemma. Unparsed sentences give one 'unparsed' feature.
 */
function arcFeatures(tags: TokenTags, t0: number, t1: number, i: number, lemma: string, word: string): string[] {
  const head = tags.head;
  const rel = tags.deprel;
  if (!head || !rel || rel[i] === '_' || rel[i] === undefined) return ['dep=unparsed'];
  let comp = '-';
  let subj = '-';
  let obj = '-';
  for (let k = t0; k < t1; k++) {
    if (head[k] !== i) continue;
    const r = rel[k]!;
    if (r === 'ccomp' || r === 'xcomp' || r === 'parataxis') comp = r;
    else if (r.startsWith('nsubj')) subj = `${r}:${tags.upos[k] === 'PRON' ? 'PRON' : tags.upos[k]}`;
    else if (r === 'obj' || r === 'iobj') obj = r;
  }
  const h = head[i]!;
  const headRel = h >= 0 ? rel[h]! : 'none';
  return [
    `dep=${rel[i]}`,
    `l+dep=${lemma}|${rel[i]}`,
    `comp=${comp}`,
    `l+comp=${lemma}|${comp}`,
    `subj=${subj}`,
    `l+subj=${lemma}|${subj.split(':')[0]}`,
    `comp+subj=${comp}|${subj}`,
    `obj=${obj}|${comp}`,
    `dep+hdep=${rel[i]}|${headRel}`,
    `w+dep=${word}|${rel[i]}`,
  ];
}

let cached: CueModel | null | undefined;

/** The shipped cue model, loaded once; null when the file is absent (rules are used then). */
export function defaultCueModel(): CueModel | null {
  if (cached === undefined) {
    const model = loadShippedModel(MODEL_PATH, CUE_MODEL_KIND, CUE_MODEL_VERSION);
    cached = model ? { perceptron: model.perceptrons.cue!, threshold: Number(model.header.extra?.threshold ?? 0) } : null;
  }
  return cached;
}

export function cueMargin(model: CueModel, features: Uint32Array): number {
  const s = model.perceptron.scores(features);
  return s[1]! - s[0]!;
}

export interface CueExample {
  features: Uint32Array;
  gold: 0 | 1;
}
type Example = CueExample;

/** Candidate tokens of one PolNeAR article with their labels (inside a gold cue or not). */
function examples(text: string, goldCues: CharSpan[]): Example[] {
  // The Doc as the pipeline builds it, so training sees the same tags as analysis will.
  const { doc } = analyzeArticle({ url: null, title: null, byline: null, source: null, published: null, language: 'en', text });
  return cueExamples(doc, goldCues);
}

/** Candidate tokens of a pipeline-built Doc, labelled by gold cue spans in original-text offsets. */
export function cueExamples(doc: Doc, goldCues: CharSpan[]): Example[] {
  const tags = tokenTags(doc);
  const quotes = findQuotes(doc);
  const out: Example[] = [];
  for (let i = 0; i < doc.tokens.length; i++) {
    if (!isCueCandidate(doc, tags, i)) continue;
    const t = doc.tokens[i]!;
    const a = toOriginalOffset(doc.normalization, t.start);
    const b = toOriginalOffset(doc.normalization, t.end);
    const gold = goldCues.some((g) => g.start < b && a < g.end) ? 1 : 0;
    out.push({ features: cueFeatures(doc, tags, quotes, i), gold });
  }
  return out;
}

function splitExamples(dir: string, log: (line: string) => void): Example[] {
  const articles = readPolnear(dir);
  const out: Example[] = [];
  for (const a of articles) out.push(...examples(a.text, a.gold.flatMap((g) => g.cue)));
  log(`${dir}: ${articles.length} articles, ${out.length} candidate tokens, ${out.filter((e) => e.gold).length} in cues`);
  return out;
}

/** F1 of cue tokens at a margin threshold. */
function tokenF1(p: AveragedPerceptron, data: Example[], threshold: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const e of data) {
    const s = p.scores(e.features);
    const yes = s[1]! - s[0]! > threshold;
    if (yes && e.gold) tp++;
    else if (yes) fp++;
    else if (e.gold) fn++;
  }
  return tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
}

export async function trainCueModel(options: TrainOptions): Promise<void> {
  // Building training Docs runs the pipeline; it must not consult the model being replaced.
  cached = null;
  const epochs = Number(options.flags.epochs ?? 12);
  const members = Number(options.flags.members ?? CUE_MEMBERS);
  const train = splitExamples(options.data, options.log);
  const dev = options.dev && existsSync(options.dev) ? splitExamples(options.dev, options.log) : [];
  const fitted = fitCueModels(train, dev, epochs, options.seed, members, options.log);
  const { perceptron: p, devTokenF1: best } = fitted;
  // The shipped threshold was picked on dev attribution F1 (docs/EVAL-attribution.md), not on cue-token F1.
  const threshold = options.flags.threshold !== undefined ? Number(options.flags.threshold) : CUE_THRESHOLD;
  saveModel(options.out, {
    header: {
      kind: CUE_MODEL_KIND,
      version: CUE_MODEL_VERSION,
      labels: { cue: ['no', 'yes'] },
      features: { templates: 49 },
      training: { data: 'PolNeAR train', epochs, seed: options.seed, members, devTokenF1: Math.round(best * 10000) / 10000 },
      extra: { threshold },
    },
    perceptrons: { cue: p },
  });
  cached = undefined;
  options.log(`wrote ${options.out}`);
}

/** Train the perceptron on train examples; the threshold is the best dev cue-token F1's. */
export function fitCueModel(train: CueExample[], dev: CueExample[], epochs: number, seed: number, log: (line: string) => void): CueModel & { devTokenF1: number } {
  const p = fitBinaryPerceptron(train, (e) => e.gold, epochs, seed, (epoch, errors) => log(`epoch ${epoch}: ${errors} training errors of ${train.length}`));
  return { perceptron: p, ...bestTokenThreshold(p, dev, log) };
}

/** The decision threshold trades cue recall for precision: the best token F1 on dev, over −3 … 3. */
function bestTokenThreshold(p: AveragedPerceptron, dev: CueExample[], log: (line: string) => void): { threshold: number; devTokenF1: number } {
  let threshold = 0;
  let best = -1;
  if (dev.length) {
    for (let t = -3; t <= 3; t += 0.25) {
      const f = tokenF1(p, dev, t);
      if (f > best) {
        best = f;
        threshold = t;
      }
    }
    log(`dev cue-token F1 ${best.toFixed(4)} at threshold ${threshold}`);
  }
  return { threshold, devTokenF1: best };
}

/** Seeds whose weights the shipped detector averages (seed, seed + 1, …): one seed's draw moves dev F1 by ±0.2. */
export const CUE_MEMBERS = 5;
/** The shipped decision threshold: the best dev sum of source, cue and content exact F1 for the five-seed mean. */
export const CUE_THRESHOLD = -1;

/**
 * The mean of `members` detectors trained with seeds seed, seed + 1, …; dev cue-token F1 and its best
 * threshold are those of the mean.
 */
export function fitCueModels(train: CueExample[], dev: CueExample[], epochs: number, seed: number, members: number, log: (line: string) => void): CueModel & { devTokenF1: number } {
  if (members <= 1) return fitCueModel(train, dev, epochs, seed, log);
  const fits = Array.from({ length: members }, (_, k) => fitCueModel(train, [], epochs, seed + k, log));
  const perceptron = averagePerceptrons(fits.map((f) => f.perceptron));
  const { threshold, devTokenF1 } = bestTokenThreshold(perceptron, dev, log);
  return { perceptron, threshold, devTokenF1 };
}

/** Use this model (null: the rules) instead of the shipped file, for experiments; undefined restores it. */
export function setCueModel(model: CueModel | null | undefined): void {
  cached = model;
}

export const attributionCuesTrainTask: TrainTask = {
  name: 'attribution-cues',
  description: 'attribution cue detector (averaged perceptron) on PolNeAR',
  defaults: { data: '../shared/data/polnear/train', dev: '../shared/data/polnear/dev', out: 'models/attribution-cues.bin.gz' },
  run: trainCueModel,
};
