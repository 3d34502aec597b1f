/**
 * Train the content-start ranker (src/annotate/attribution-start-model.ts) on
 * PolNeAR train, report its choices against the rules' on dev, score whole
 * attributions with it, and write models/attribution-content-start.bin.gz. Usage:
 *   npx tsx train/attribution-content-start.ts [--epochs 10] [--seed 1] [--out FILE] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts.
 */
import { contentStartModel } from '../src/annotate/attribution-start-model.js';
import { canonicalSpans } from '../src/eval/polnear.js';
import type { SplitDoc } from './attribution-docs.js';
import { examplesOnGoldCues, round4, trainRanker, type RankingExamples } from './attribution-ranker-training.js';

/** Decisions whose cue overlaps a gold cue, labelled with that gold content's first piece start when it is a candidate. */
function examples(docs: SplitDoc[]): RankingExamples<'start'> {
  return examplesOnGoldCues(
    docs,
    'start',
    'recordContentStart',
    (x) => ({ first: x.cueStart, last: x.cueEnd - 1 }),
    (x, gold, d, at) => {
      const first = canonicalSpans(d.text, gold.content)[0];
      if (!first) return null;
      const g = x.candidates.findIndex((c) => at.charStart(c.start) === first.start);
      return g < 0 ? null : { candidates: x.candidates, gold: g, rule: x.candidates.findIndex((c) => c.start === x.ruleStart) };
    },
  );
}

trainRanker({
  model: contentStartModel,
  matchedAs: 'on a gold cue',
  examples,
  features: { templates: 25 },
  training: (f) => ({ data: 'PolNeAR train', epochs: f.epochs, seed: f.seed, examples: f.examples.start, devStartAccuracy: round4(f.devAccuracy.start) }),
});
