/**
 * Attribution scores of cached PolNeAR Docs (train/attribution-docs.ts) with
 * the attribution code and models of the moment: what `fivew eval polnear`
 * reports, without rebuilding the Docs.
 */
import { findAttributions } from '../src/annotate/attribution.js';
import type { Doc } from '../src/doc/doc.js';
import { toOriginalOffset } from '../src/doc/normalize.js';
import { scoreDocuments, type CharSpan, type PolnearReport, type SpanAttribution } from '../src/eval/polnear.js';
import type { SplitDoc } from './attribution-docs.js';

function back(doc: Doc, s: CharSpan): CharSpan {
  return { start: toOriginalOffset(doc.normalization, s.start), end: toOriginalOffset(doc.normalization, s.end) };
}

export function scoreSplit(docs: SplitDoc[]): PolnearReport {
  return scoreDocuments(
    docs.map((d) => ({
      ...d,
      predicted: findAttributions(d.doc, d.entities).map(
        (a): SpanAttribution => ({ source: a.source ? [back(d.doc, a.source)] : null, cue: [back(d.doc, a.cue)], content: a.content.map((c) => back(d.doc, c)) }),
      ),
    })),
  );
}

/** One line: exact-span F1 of source, cue, content, content-token F1 and end-to-end F1 in %, all and speech verbs. */
export function scoreLine(r: PolnearReport): string {
  const f = (x: { f1: number }): string => (x.f1 * 100).toFixed(2);
  const a = r.all;
  const s = r.speechVerbs;
  return `source ${f(a.source)} cue ${f(a.cue)} content ${f(a.content)} tokens ${f(a.contentTokens)} e2e ${f(a.endToEnd)} | speech ${f(s.source)} ${f(s.cue)} ${f(s.content)} | predicted ${a.attributions.predicted} aligned ${a.attributions.aligned}`;
}
