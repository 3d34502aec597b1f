/**
 * Word lexicons learnt from unlabelled text (the training corpora under
 * ../shared): distributional cluster paths and capitalisation priors, built
 * with the NER engineer's ner-clusters.ts. They tell the tagger and parser
 * about words the treebank never annotated, and whether a capitalised word
 * is usually a name. They travel inside the model files.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { hashInts, hashString } from './hash.js';
import { WordCache } from './word-cache.js';
import { buildCapPrior, buildClusters, DEFAULT_CLUSTER_OPTIONS, unlabelledSentences } from './ner-clusters.js';

export interface Lexicon {
  /** Word (case-sensitive, as seen) → cluster path, coarse to fine. */
  clusters: Map<string, string>;
  /** Lower-cased word → capitalisation bucket 0–4. */
  capPrior: Map<string, number>;
}

export const LexiconJsonSchema = z.object({
  clusters: z.record(z.string(), z.string()),
  capPrior: z.record(z.string(), z.number().int()),
});

export function lexiconToJson(lexicon: Lexicon): z.infer<typeof LexiconJsonSchema> {
  return { clusters: Object.fromEntries(lexicon.clusters), capPrior: Object.fromEntries(lexicon.capPrior) };
}

export function lexiconFromJson(value: unknown): Lexicon {
  const json = LexiconJsonSchema.parse(value);
  return { clusters: new Map(Object.entries(json.clusters)), capPrior: new Map(Object.entries(json.capPrior)) };
}

/** Build from the corpora beside a training file (../shared/data/<corpus>/<file>); empty when absent. */
export function buildLexicon(trainingFile: string): { lexicon: Lexicon; sentences: number } {
  const sentences = unlabelledSentences(dirname(dirname(resolve(trainingFile))));
  if (sentences.length === 0) return { lexicon: { clusters: new Map(), capPrior: new Map() }, sentences: 0 };
  return { lexicon: { clusters: buildClusters(sentences, DEFAULT_CLUSTER_OPTIONS), capPrior: buildCapPrior(sentences) }, sentences: sentences.length };
}

/** Hashed lexicon properties of one word: cluster prefixes of length 1, 2, all, and the capitalisation bucket. */
export interface WordLex {
  c1: number;
  c2: number;
  c3: number;
  cap: number;
}

export const NO_LEX: WordLex = { c1: 1, c2: 1, c3: 1, cap: 1 };

/** Per-word lexicon look-ups, cached (bounded, see word-cache.ts) for speed. */
export class LexiconFeatures {
  private readonly cache = new WordCache<WordLex>();

  constructor(private readonly lexicon: Lexicon) {}

  get(word: string): WordLex {
    let out = this.cache.get(word);
    if (out) return out;
    const lower = word.toLowerCase();
    const path = this.lexicon.clusters.get(word) ?? this.lexicon.clusters.get(lower);
    const cap = this.lexicon.capPrior.get(lower);
    out = {
      c1: path ? hashString(path.slice(0, 1), 21) : 0,
      c2: path ? hashString(path.slice(0, 2), 22) : 0,
      c3: path ? hashString(path, 23) : 0,
      cap: hashInts(24, cap === undefined ? 9 : cap),
    };
    this.cache.set(word, out);
    return out;
  }
}
