/**
 * Train the cue-end ranker (src/annotate/attribution-cue-end-model.ts) on
 * PolNeAR train, report its choices against the rules' on dev, score whole
 * attributions with it, and write models/attribution-cue-end.bin.gz. Usage:
 *   npx tsx train/attribution-cue-end.ts [--epochs 10] [--seed 1] [--out FILE] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts.
 */
import { cueEndModel } from '../src/annotate/attribution-cue-end-model.js';
import { canonicalSpans } from '../src/eval/polnear.js';
import type { SplitDoc } from './attribution-docs.js';
import { examplesOnGoldCues, round4, trainRanker, type RankingExamples } from './attribution-ranker-training.js';

/** Decisions whose cue head overlaps a gold cue, labelled with that gold cue's end when it is a candidate. */
function examples(docs: SplitDoc[]): RankingExamples<'end'> {
  return examplesOnGoldCues(
    docs,
    'end',
    'recordCueEnd',
    (x) => ({ first: x.cueStart, last: x.cueEnd - 1 }),
    (x, gold, d, at) => {
      const cue = canonicalSpans(d.text, gold.cue);
      const goldEnd = cue[cue.length - 1]!.end;
      const g = x.candidates.findIndex((c) => at.charEnd(c.end - 1) === goldEnd);
      return g < 0 ? null : { candidates: x.candidates, gold: g, rule: x.candidates.findIndex((c) => c.end === x.ruleEnd) };
    },
  );
}

trainRanker({
  model: cueEndModel,
  matchedAs: 'on a gold cue',
  examples,
  features: { templates: 19 },
  training: (f) => ({ data: 'PolNeAR train', epochs: f.epochs, seed: f.seed, examples: f.examples.end, devCueEndAccuracy: round4(f.devAccuracy.end) }),
});
