/**
 * Train the ranker of starts of contents before their cue (src/annotate/attribution-lead-model.ts) on
 * PolNeAR train, report its choices against the rules' on dev, score whole
 * attributions with it, and write models/attribution-lead.bin.gz. Usage:
 *   npx tsx train/attribution-lead.ts [--epochs 10] [--seed 1] [--out FILE] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts.
 */
import { leadModel } from '../src/annotate/attribution-lead-model.js';
import { canonicalSpans } from '../src/eval/polnear.js';
import type { SplitDoc } from './attribution-docs.js';
import { examplesOnGoldCues, round4, trainRanker, type RankingExamples } from './attribution-ranker-training.js';

/** Decisions whose cue head overlaps a gold cue, labelled with that gold content's start when it is a candidate. */
function examples(docs: SplitDoc[]): RankingExamples<'start'> {
  return examplesOnGoldCues(
    docs,
    'start',
    'recordLead',
    (x) => ({ first: x.head, last: x.head }),
    (x, gold, d, at) => {
      const goldStart = canonicalSpans(d.text, gold.content)[0]?.start ?? -1;
      const g = x.candidates.findIndex((c) => at.charStart(c.start) === goldStart);
      return g < 0 ? null : { candidates: x.candidates, gold: g, rule: x.candidates.findIndex((c) => c.start === x.ruleStart) };
    },
  );
}

trainRanker({
  model: leadModel,
  matchedAs: 'on a gold cue',
  examples,
  features: { templates: 12 },
  training: (f) => ({ data: 'PolNeAR train', epochs: f.epochs, seed: f.seed, examples: f.examples.start, devLeadAccuracy: round4(f.devAccuracy.start) }),
});
