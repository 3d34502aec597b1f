/**
 * Train the cue-start ranker (src/annotate/attribution-cue-start-model.ts) on
 * PolNeAR train, report its choices against the rules' on dev, score whole
 * attributions with it, and write models/attribution-cue-start.bin.gz. Usage:
 *   npx tsx train/attribution-cue-start.ts [--epochs 10] [--seed 1] [--out FILE] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts.
 */
import { cueStartModel } from '../src/annotate/attribution-cue-start-model.js';
import { canonicalSpans } from '../src/eval/polnear.js';
import type { SplitDoc } from './attribution-docs.js';
import { examplesOnGoldCues, round4, trainRanker, type RankingExamples } from './attribution-ranker-training.js';

/** Decisions whose cue head overlaps a gold cue, labelled with that gold cue's start when it is a candidate. */
function examples(docs: SplitDoc[]): RankingExamples<'start'> {
  return examplesOnGoldCues(
    docs,
    'start',
    'recordCueStart',
    (x) => ({ first: x.head, last: x.head }),
    (x, gold, d, at) => {
      const goldStart = canonicalSpans(d.text, gold.cue)[0]!.start;
      const g = x.candidates.findIndex((c) => at.charStart(c.start) === goldStart);
      return g < 0 ? null : { candidates: x.candidates, gold: g, rule: x.candidates.findIndex((c) => c.start === x.ruleStart) };
    },
  );
}

trainRanker({
  model: cueStartModel,
  matchedAs: 'on a gold cue',
  examples,
  features: { templates: 16 },
  training: (f) => ({ data: 'PolNeAR train', epochs: f.epochs, seed: f.seed, examples: f.examples.start, devCueStartAccuracy: round4(f.devAccuracy.start) }),
});
