/**
 * The training flow every learned attribution ranker (src/annotate/attribution-ranker.ts)
 * follows: load the cached PolNeAR splits (train/attribution-docs.ts), turn the
 * rules' decisions into ranking examples, report how often the rules were
 * already right, fit a ranking perceptron per part, report its accuracy,
 * score whole attributions with the rules and with the model on dev and train,
 * and write the model file. A ranker's script supplies only its examples and
 * header fields. Flags: [--epochs 10] [--seed 1] [--mix 1] [--out FILE] [--dry].
 */
import { findAttributions, type AttributionOptions } from '../src/annotate/attribution.js';
import type { RankedCandidate, RankerModel } from '../src/annotate/attribution-ranker.js';
import { bestCandidateIndex } from '../src/annotate/attribution-ranker.js';
import { toOriginalOffset } from '../src/doc/normalize.js';
import type { SpanAttribution } from '../src/eval/polnear.js';
import { saveModel } from '../src/models/model-file.js';
import { averagePerceptrons } from '../src/models/average-models.js';
import { AveragedPerceptron } from '../src/models/perceptron.js';
import { createRandom, shuffle } from '../src/models/prng.js';
import { loadSplit, type SplitDoc } from './attribution-docs.js';
import { scoreLine, scoreSplit } from './attribution-score.js';

/** One decision to learn: its candidates, the gold one and the rules' one (indices; -1 when absent). */
export interface RankingExample {
  candidates: RankedCandidate[];
  gold: number;
  rule: number;
}

export interface RankingExamples<Part extends string> {
  /** Decisions the rules made, and how many of them could be matched to a gold attribution. */
  decisions: number;
  matched: number;
  /** Examples per perceptron: those matched decisions whose gold position is a candidate. */
  parts: Record<Part, RankingExample[]>;
}

/** What the model file's header records about a run. */
export interface TrainingFacts<Part extends string> {
  epochs: number;
  seed: number;
  mix: number;
  examples: Record<Part, number>;
  devAccuracy: Record<Part, number>;
}

export interface RankerTraining<Part extends string, M> {
  model: RankerModel<Part, M>;
  /** How a matched decision is described in the report ("on a gold cue"). */
  matchedAs: string;
  /** Examples from the Docs of one split (attribution runs with `model` off meanwhile). */
  examples: (docs: SplitDoc[]) => RankingExamples<Part>;
  /** The header's feature settings and training record (in the key order of the shipped file). */
  features: Record<string, unknown>;
  training: (facts: TrainingFacts<Part>) => Record<string, unknown>;
  /**
   * Advance the averaging clock on examples ranked right too. The content-end ranker has always been
   * trained so, the newer rankers counting mistakes only; both are kept so that a retrain gives the model
   * the ranker's own script gave before this flow was shared.
   */
  clockOnEveryExample?: boolean;
}

/** A training hook of attribution (`recordCueEnd`, …) and the decisions it reports. */
export type DecisionHook = keyof AttributionOptions;
export type DecisionOf<K extends DecisionHook> = Parameters<NonNullable<AttributionOptions[K]>>[0];

/** The decisions attribution makes on one cached Doc, as the hook reports them. */
export function recordedDecisions<K extends DecisionHook>(d: SplitDoc, hook: K): DecisionOf<K>[] {
  const seen: DecisionOf<K>[] = [];
  findAttributions(d.doc, d.entities, { [hook]: (x: DecisionOf<K>) => seen.push(x) } as AttributionOptions);
  return seen;
}

/** Token k of a cached Doc in the original text's offsets, where the gold spans are. */
export interface OriginalOffsets {
  charStart: (k: number) => number;
  charEnd: (k: number) => number;
}

export function originalOffsets(d: SplitDoc): OriginalOffsets {
  return {
    charStart: (k) => toOriginalOffset(d.doc.normalization, d.doc.tokens[k]!.start),
    charEnd: (k) => toOriginalOffset(d.doc.normalization, d.doc.tokens[k]!.end),
  };
}

/**
 * Examples of one part from the decisions whose cue tokens [first, last] overlap a gold cue (those are
 * `matched`); `label` makes the example from the decision and that gold attribution, or null when the
 * gold position is not among the candidates.
 */
export function examplesOnGoldCues<K extends DecisionHook, Part extends string>(
  docs: SplitDoc[],
  part: Part,
  hook: K,
  cueTokens: (x: DecisionOf<K>) => { first: number; last: number },
  label: (x: DecisionOf<K>, gold: SpanAttribution, d: SplitDoc, at: OriginalOffsets) => RankingExample | null,
): RankingExamples<Part> {
  const list: RankingExample[] = [];
  let decisions = 0;
  let matched = 0;
  for (const d of docs) {
    const at = originalOffsets(d);
    for (const x of recordedDecisions(d, hook)) {
      decisions++;
      const { first, last } = cueTokens(x);
      const a = at.charStart(first);
      const b = at.charEnd(last);
      const gold = d.gold.find((g) => g.cue.some((c) => c.start < b && a < c.end));
      if (!gold) continue;
      matched++;
      const example = label(x, gold, d, at);
      if (example) list.push(example);
    }
  }
  return { decisions, matched, parts: { [part]: list } as Record<Part, RankingExample[]> };
}

/** Accuracy rounded to four places, as headers record it. */
export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export function rankingAccuracy(p: AveragedPerceptron, data: RankingExample[]): number {
  let right = 0;
  for (const e of data) if (bestCandidateIndex(p, e.candidates) === e.gold) right++;
  return right / Math.max(1, data.length);
}

/** A ranking perceptron: where it picks a wrong candidate, raise the gold one's margin and lower the pick's. */
export function fitRanker(data: RankingExample[], epochs: number, seed: number, clockOnEveryExample: boolean, log: (line: string) => void): AveragedPerceptron {
  const p = new AveragedPerceptron(2);
  const random = createRandom(seed);
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    shuffle(order, random);
    let errors = 0;
    for (const i of order) {
      const e = data[i]!;
      const guess = bestCandidateIndex(p, e.candidates);
      if (guess === e.gold) {
        if (clockOnEveryExample) p.update(1, 1, e.candidates[guess]!.features);
        continue;
      }
      errors++;
      p.update(1, 0, e.candidates[e.gold]!.features);
      p.update(0, 1, e.candidates[guess]!.features);
    }
    log(`seed ${seed} epoch ${epoch}: ${errors} errors of ${data.length}`);
  }
  p.finalize();
  return p;
}

function flags(args: string[]): { flag: (name: string, fallback: string) => string; dry: boolean } {
  return {
    flag: (name, fallback) => {
      const i = args.indexOf(`--${name}`);
      return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
    },
    dry: args.includes('--dry'),
  };
}

/** The whole flow, driven by the command line. */
export function trainRanker<Part extends string, M>(spec: RankerTraining<Part, M>, args = process.argv.slice(2), log: (line: string) => void = console.log): void {
  const { flag, dry } = flags(args);
  const epochs = Number(flag('epochs', '10'));
  const seed = Number(flag('seed', '1'));
  // --mix N: the mean of N models trained from seeds seed … seed+N-1 (steadier than any one of them).
  const mix = Number(flag('mix', '1'));
  const out = flag('out', spec.model.path);
  const { model } = spec;
  const { parts } = model;
  // The decisions to learn are those the rules make: the model being replaced stays out of them.
  const examplesOf = (docs: SplitDoc[]): RankingExamples<Part> => {
    model.set(null);
    try {
      return spec.examples(docs);
    } finally {
      model.set(undefined);
    }
  };

  const trainDocs = loadSplit('../shared/data/polnear/train', false, log);
  const devDocs = loadSplit('../shared/data/polnear/dev', false, log);
  const train = examplesOf(trainDocs);
  const dev = examplesOf(devDocs);
  for (const [name, x] of [['train', train], ['dev', dev]] as const) {
    const each = parts.map((part) => {
      const list = x.parts[part];
      const ruleRight = list.filter((e) => e.rule === e.gold).length;
      return `${part} ${list.length} with the gold among the candidates, rules right on ${ruleRight} (${(ruleRight / list.length).toFixed(3)})`;
    });
    log(`${name}: ${x.decisions} decisions, ${x.matched} ${spec.matchedAs}; ${each.join('; ')}`);
  }

  const perceptrons = {} as Record<Part, AveragedPerceptron>;
  for (const part of parts) {
    const members = Array.from({ length: mix }, (_, k) => fitRanker(train.parts[part], epochs, seed + k, spec.clockOnEveryExample ?? false, (line) => log(`${part} ${line}`)));
    perceptrons[part] = mix > 1 ? averagePerceptrons(members) : members[0]!;
  }
  const devAccuracy = {} as Record<Part, number>;
  for (const part of parts) {
    devAccuracy[part] = rankingAccuracy(perceptrons[part], dev.parts[part]);
    log(`dev ${part} accuracy ${devAccuracy[part].toFixed(4)} (train ${rankingAccuracy(perceptrons[part], train.parts[part]).toFixed(4)})`);
  }

  model.set(null);
  log(`rules: dev   ${scoreLine(scoreSplit(devDocs))}`);
  log(`rules: train ${scoreLine(scoreSplit(trainDocs))}`);
  model.set(model.assemble(perceptrons));
  log(`model: dev   ${scoreLine(scoreSplit(devDocs))}`);
  log(`model: train ${scoreLine(scoreSplit(trainDocs))}`);
  model.set(undefined);
  if (dry) return;

  const examples = {} as Record<Part, number>;
  for (const part of parts) examples[part] = train.parts[part].length;
  const training = spec.training({ epochs, seed, mix, examples, devAccuracy });
  // An ensemble must not pass for a single run in the header.
  if (mix > 1 && !('mix' in training)) training.mix = mix;
  const labels = Object.fromEntries(parts.map((part) => [part, ['no', 'yes']]));
  saveModel(out, { header: { kind: model.kind, version: model.version, labels, features: spec.features, training }, perceptrons });
  log(`wrote ${out}`);
}
