/**
 * Train the content-end ranker (src/annotate/attribution-content-model.ts) on
 * PolNeAR train, report its choices against the rules' on dev, score whole
 * attributions with it, and write models/attribution-content.bin.gz. Usage:
 *   npx tsx train/attribution-content.ts [--epochs 10] [--seed 1] [--mix 1] [--out models/attribution-content.bin.gz] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts (built on first use, ~10 min for train).
 */
import { contentEndModel } from '../src/annotate/attribution-content-model.js';
import { canonicalSpans } from '../src/eval/polnear.js';
import type { SplitDoc } from './attribution-docs.js';
import { originalOffsets, recordedDecisions, round4, trainRanker, type RankingExample, type RankingExamples } from './attribution-ranker-training.js';

/** Decisions whose start matches a gold content piece's start and whose gold end is a candidate. */
function examples(docs: SplitDoc[]): RankingExamples<'end'> {
  const list: RankingExample[] = [];
  let decisions = 0;
  let matched = 0;
  for (const d of docs) {
    const { charStart, charEnd } = originalOffsets(d);
    const pieces = d.gold.flatMap((g) => canonicalSpans(d.text, g.content));
    for (const x of recordedDecisions(d, 'recordContentEnd')) {
      decisions++;
      const start = charStart(x.from);
      const piece = pieces.find((p) => p.start === start);
      if (!piece) continue;
      matched++;
      const gold = x.candidates.findIndex((c) => charEnd(c.end - 1) === piece.end);
      if (gold < 0) continue;
      list.push({ candidates: x.candidates, gold, rule: x.candidates.findIndex((c) => c.end === x.ruleEnd) });
    }
  }
  return { decisions, matched, parts: { end: list } };
}

trainRanker({
  model: contentEndModel,
  matchedAs: 'start on a gold content',
  examples,
  features: { templates: 31 },
  training: (f) => ({ data: 'PolNeAR train', epochs: f.epochs, seed: f.seed, mix: f.mix, examples: f.examples.end, devEndAccuracy: round4(f.devAccuracy.end) }),
  clockOnEveryExample: true,
});
