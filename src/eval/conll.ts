/**
 * `fivew eval conll`: conlleval-style scoring of the NER tagger on a CoNLL
 * file: exact-span, exact-type micro precision/recall/F1, overall and per
 * type, plus tagging speed.
 */
import { z } from 'zod';
import type { EvalTask } from './tasks.js';
import { readConllFile, type TypedSpan } from '../models/ner-conll.js';
import { precisionRecallF1 } from './metrics.js';

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  /** Gold chunks, predicted chunks, exact matches. */
  gold: number;
  predicted: number;
  correct: number;
}

export interface ConllScores {
  overall: PRF;
  types: Record<string, PRF>;
}

function prf(gold: number, predicted: number, correct: number): PRF {
  return { ...precisionRecallF1(correct, predicted, gold), gold, predicted, correct };
}

/** Micro P/R/F1 over sentences: a predicted chunk counts only when its start, end and type all match a gold one. */
export function scoreSpans(gold: readonly (readonly TypedSpan[])[], predicted: readonly (readonly TypedSpan[])[]): ConllScores {
  if (gold.length !== predicted.length) throw new Error(`scoreSpans: ${gold.length} gold sentences, ${predicted.length} predicted`);
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const bump = (type: string, key: 'gold' | 'predicted' | 'correct'): void => {
    let c = counts.get(type);
    if (!c) {
      c = { gold: 0, predicted: 0, correct: 0 };
      counts.set(type, c);
    }
    c[key]++;
  };
  for (let s = 0; s < gold.length; s++) {
    const keys = new Set(gold[s]!.map((g) => `${g.start}:${g.end}:${g.type}`));
    for (const g of gold[s]!) bump(g.type, 'gold');
    for (const p of predicted[s]!) {
      bump(p.type, 'predicted');
      if (keys.has(`${p.start}:${p.end}:${p.type}`)) bump(p.type, 'correct');
    }
  }
  const types: Record<string, PRF> = {};
  let g = 0;
  let p = 0;
  let c = 0;
  for (const type of [...counts.keys()].sort()) {
    const x = counts.get(type)!;
    types[type] = prf(x.gold, x.predicted, x.correct);
    g += x.gold;
    p += x.predicted;
    c += x.correct;
  }
  return { overall: prf(g, p, c), types };
}

const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);

export function formatScores(scores: ConllScores): string {
  const line = (name: string, x: PRF): string =>
    `${name.padStart(8)}: precision ${pct(x.precision)}  recall ${pct(x.recall)}  F1 ${pct(x.f1)}  (gold ${x.gold}, predicted ${x.predicted})`;
  return [line('overall', scores.overall), ...Object.entries(scores.types).map(([t, x]) => line(t, x))].join('\n');
}

const FlagsSchema = z.object({ limit: z.coerce.number().int().positive().optional(), model: z.string().optional() });

export const CONLL_EVAL_TASK: EvalTask = {
  name: 'conll',
  description: 'NER on a CoNLL-2003 file: exact-span exact-type micro P/R/F1 (conlleval), per type, tokens/s',
  async run(options) {
    const flags = FlagsSchema.parse({ limit: options.flags.limit ?? undefined, model: options.flags.model ?? undefined });
    // Imported here so that listing eval tasks does not load the NER code.
    const { evaluateNer } = await import('../models/ner-train.js');
    const { NerTagger, defaultNerModelPath } = await import('../models/ner.js');
    let docs = readConllFile(options.data);
    if (flags.limit) docs = docs.slice(0, flags.limit);
    const modelPath = flags.model ?? defaultNerModelPath();
    const tagger = NerTagger.load(modelPath);
    const { scores, tokens, seconds } = evaluateNer(tagger, docs);
    options.progress(docs.length, docs.length);
    const tokensPerSecond = Math.round(tokens / seconds);
    return {
      report: {
        task: 'conll',
        data: options.data,
        model: modelPath,
        documents: docs.length,
        tokens,
        overall: scores.overall,
        types: scores.types,
        tokensPerSecond,
      },
      text: `${formatScores(scores)}\n${docs.length} documents, ${tokens} tokens, ${tokensPerSecond.toLocaleString('en-US')} tokens/s`,
    };
  },
};
