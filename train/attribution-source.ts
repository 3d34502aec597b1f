/**
 * Train the source-boundary rankers (src/annotate/attribution-source-model.ts)
 * on PolNeAR train, report their choices against the rules' on dev, score
 * whole attributions with them, and write models/attribution-source.bin.gz. Usage:
 *   npx tsx train/attribution-source.ts [--epochs 10] [--seed 1] [--out FILE] [--dry]
 * Docs come from the /tmp cache of train/attribution-docs.ts.
 */
import { sourceEndCandidates, sourceModel, sourceStartCandidates } from '../src/annotate/attribution-source-model.js';
import { canonicalSpans } from '../src/eval/polnear.js';
import type { SplitDoc } from './attribution-docs.js';
import { originalOffsets, recordedDecisions, trainRanker, type RankingExamples } from './attribution-ranker-training.js';

/**
 * Decisions whose cue head overlaps a gold cue with a one-piece source: the start labelled with the gold
 * source's start, the end (candidates built from the gold start) with its end, each when it is a candidate.
 */
function examples(docs: SplitDoc[]): RankingExamples<'start' | 'end'> {
  const x: RankingExamples<'start' | 'end'> = { decisions: 0, matched: 0, parts: { start: [], end: [] } };
  for (const d of docs) {
    const { charStart, charEnd } = originalOffsets(d);
    for (const input of recordedDecisions(d, 'recordSource')) {
      x.decisions++;
      const a = charStart(input.cue);
      const b = charEnd(input.cue);
      const gold = d.gold.find((g) => g.cue.some((c) => c.start < b && a < c.end));
      const src = gold?.source ? canonicalSpans(d.text, gold.source) : [];
      if (src.length !== 1) continue;
      x.matched++;
      const starts = sourceStartCandidates(input);
      const gs = starts.findIndex((c) => charStart(c.at) === src[0]!.start);
      if (gs < 0) continue;
      x.parts.start.push({ candidates: starts, gold: gs, rule: starts.findIndex((c) => c.at === input.start) });
      const ends = sourceEndCandidates(input, starts[gs]!.at);
      const ge = ends.findIndex((c) => charEnd(c.at - 1) === src[0]!.end);
      if (ge >= 0) x.parts.end.push({ candidates: ends, gold: ge, rule: ends.findIndex((c) => c.at === input.end) });
    }
  }
  return x;
}

trainRanker({
  model: sourceModel,
  matchedAs: 'on a gold cue with a source',
  examples,
  features: { templates: 29, sides: 2 },
  training: (f) => ({ data: 'PolNeAR train', epochs: f.epochs, seed: f.seed, starts: f.examples.start, ends: f.examples.end }),
});
