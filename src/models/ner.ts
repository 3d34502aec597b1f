/**
 * Named-entity tagger: a greedy left-to-right averaged perceptron over BILOU
 * tags of CoNLL's four types (PER, ORG, LOC, MISC), with the previous two
 * predicted tags and the document's prediction history as features.
 * Transitions that break BILOU are never predicted.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadModel, saveModel } from './model-file.js';
import { AveragedPerceptron } from './perceptron.js';
import { bilouSpans, type TypedSpan } from './ner-conll.js';
import {
  DEFAULT_FEATURE_SETTINGS,
  WordTable,
  docStats,
  dynamicFeatures,
  sentenceContext,
  staticFeatures,
  type ClusterLexicon,
  type FeatureSettings,
} from './ner-features.js';

export const NER_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type NerType = (typeof NER_TYPES)[number];
const PREFIXES = ['B', 'I', 'L', 'U'] as const;
/** Class 0 is O; class 1 + 4·type + prefix is PREFIX-TYPE. */
export const NER_TAGS: readonly string[] = ['O', ...NER_TYPES.flatMap((t) => PREFIXES.map((p) => `${p}-${t}`))];
const N_CLASSES = NER_TAGS.length;
const START = N_CLASSES; // the "tag" before the first token

export const NER_MODEL_KIND = 'fivew-ner';
export const NER_MODEL_VERSION = 1;

/** allowed[prev * N + cur]: BILOU well-formedness, with START behaving like O. */
const allowed: Uint8Array = (() => {
  const a = new Uint8Array((N_CLASSES + 1) * N_CLASSES);
  for (let prev = 0; prev <= N_CLASSES; prev++) {
    const inside = prev !== START && prev > 0 && ((prev - 1) % 4 === 0 || (prev - 1) % 4 === 1);
    const prevType = prev > 0 && prev !== START ? Math.floor((prev - 1) / 4) : -1;
    for (let cur = 0; cur < N_CLASSES; cur++) {
      const curPrefix = cur === 0 ? -1 : (cur - 1) % 4;
      const curType = cur === 0 ? -1 : Math.floor((cur - 1) / 4);
      const continues = curPrefix === 1 || curPrefix === 2;
      a[prev * N_CLASSES + cur] = inside ? (continues && curType === prevType ? 1 : 0) : continues ? 0 : 1;
    }
  }
  return a;
})();

/** Entity type index (1..4) of a class, 0 for O: what the history remembers. */
function classType(c: number): number {
  return c === 0 ? 0 : 1 + Math.floor((c - 1) / 4);
}

export function tagIndex(tag: string): number {
  const i = NER_TAGS.indexOf(tag);
  if (i < 0) throw new Error(`unknown NER tag ${tag}`);
  return i;
}

/** The prediction history of one document: per capitalised word, how often each label was given. */
class History {
  private readonly counts = new Map<string, Int32Array>();
  get(word: string): number {
    const c = this.counts.get(word.toLowerCase());
    if (!c) return -1;
    let best = 0;
    for (let k = 1; k < c.length; k++) if (c[k]! > c[best]!) best = k;
    return best;
  }
  add(word: string, cls: number): void {
    const key = word.toLowerCase();
    let c = this.counts.get(key);
    if (!c) {
      c = new Int32Array(NER_TYPES.length + 1);
      this.counts.set(key, c);
    }
    c[classType(cls)]!++;
  }
}

function remembers(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** Greedy decode of one sentence; with `gold`, also trains (one perceptron update per token). */
function decodeSentence(
  model: AveragedPerceptron,
  words: readonly string[],
  staticFeats: (i: number, out: number[]) => void,
  history: History,
  ctx: ReturnType<typeof sentenceContext>,
  gold: readonly number[] | null,
  scratch: Float32Array,
): number[] {
  const tags: number[] = [];
  let prev = START;
  let prev2 = START;
  const feats: number[] = [];
  for (let i = 0; i < words.length; i++) {
    feats.length = 0;
    staticFeats(i, feats);
    dynamicFeatures(ctx, i, prev, prev2, remembers(words[i]!) ? history.get(words[i]!) : -1, feats);
    const scores = model.scores(feats, scratch);
    let best = -1;
    const row = prev * N_CLASSES;
    for (let c = 0; c < N_CLASSES; c++) {
      if (allowed[row + c] === 0) continue;
      if (best < 0 || scores[c]! > scores[best]!) best = c;
    }
    if (gold) model.update(gold[i]!, best, feats);
    tags.push(best);
    prev2 = prev;
    prev = best;
  }
  for (let i = 0; i < words.length; i++) if (remembers(words[i]!)) history.add(words[i]!, tags[i]!);
  return tags;
}

export interface NerModelOptions {
  settings?: FeatureSettings;
  clusters?: ClusterLexicon | null;
}

export class NerTagger {
  readonly table: WordTable;
  private readonly scratch = new Float32Array(N_CLASSES);

  constructor(
    readonly perceptron: AveragedPerceptron,
    readonly settings: FeatureSettings = DEFAULT_FEATURE_SETTINGS,
    readonly clusters: ClusterLexicon | null = null,
    maxCachedWords = 200_000,
  ) {
    this.table = new WordTable(settings, clusters, maxCachedWords);
  }

  /** Tag one document (its sentences as token strings, in order); returns typed token spans per sentence. */
  tagDocument(sentences: readonly (readonly string[])[]): TypedSpan[][] {
    return this.tagDocumentClasses(sentences).map((tags) => bilouSpans(tags.map((t) => NER_TAGS[t]!)));
  }

  tagDocumentClasses(sentences: readonly (readonly string[])[], gold: readonly (readonly number[])[] | null = null): number[][] {
    const stats = docStats(sentences, this.table);
    const history = new History();
    return sentences.map((words, s) => {
      const ctx = sentenceContext(words, this.table);
      const feats = (i: number, out: number[]): void => staticFeatures(ctx, i, stats, out);
      return decodeSentence(this.perceptron, words, feats, history, ctx, gold ? gold[s]! : null, this.scratch);
    });
  }

  save(path: string, training: Record<string, unknown>, bits: 8 | 16 = 16): void {
    const clusters = this.clusters ? Object.fromEntries(this.clusters) : null;
    saveModel(
      path,
      {
        header: {
          kind: NER_MODEL_KIND,
          version: NER_MODEL_VERSION,
          labels: { tags: [...NER_TAGS] },
          features: { ...this.settings },
          training,
          extra: clusters ? { clusters } : {},
        },
        perceptrons: { ner: this.perceptron },
      },
      { bits },
    );
  }

  static load(path: string): NerTagger {
    const model = loadModel(path);
    if (model.header.kind !== NER_MODEL_KIND) throw new Error(`${path}: not an NER model (kind ${model.header.kind})`);
    if (model.header.version !== NER_MODEL_VERSION) throw new Error(`${path}: NER model version ${model.header.version}, expected ${NER_MODEL_VERSION}`);
    const tags = model.header.labels.tags;
    if (!tags || tags.join(' ') !== NER_TAGS.join(' ')) throw new Error(`${path}: unexpected tag set`);
    const settings = z.object({ affixes: z.number().int().min(0).max(8), ngrams: z.number().int().min(0).max(6) }).parse(model.header.features);
    const rawClusters = z.record(z.string(), z.string()).optional().parse(model.header.extra?.clusters);
    const perceptron = model.perceptrons.ner;
    if (!perceptron) throw new Error(`${path}: no "ner" weights`);
    return new NerTagger(perceptron, settings, rawClusters ? new Map(Object.entries(rawClusters)) : null);
  }
}

/** Where the shipped model lives: models/ner.bin.gz at the package root (from src/ or dist/). */
export function defaultNerModelPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 4; k++) {
    const candidate = join(dir, 'models', 'ner.bin.gz');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models', 'ner.bin.gz');
}

let shared: NerTagger | null = null;

/** The shipped tagger, loaded once on first use. */
export function sharedNerTagger(): NerTagger {
  shared ??= NerTagger.load(defaultNerModelPath());
  return shared;
}
