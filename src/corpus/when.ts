/**
 * When an undated article's statement was made, in the article's own words.
 * Without a publication date "on Sunday" cannot become a calendar day, but it
 * still tells a reader more than "undated": the statement's sentence is asked
 * first, then the article's opening sentences (a report's lead says the day).
 */
import type { Analysis, AttributionRecord } from '../analysis.js';
import { findTimes } from '../annotate/time.js';

/** Sentences at the top of a report that carry its dateline (a headline left in the text is one of them). */
const LEAD_SENTENCES = 3;

/**
 * The first past day ("Sunday", "March 3") in text[start, end), outside the spans given: a statement's own
 * words say when something else happened, and "last month" dates what is talked about, not the talking.
 */
function firstPast(text: string, start: number, end: number, outside: ReadonlyArray<{ start: number; end: number }> = []): string | null {
  const t = findTimes(text.slice(start, end), null, start).find((x) => !x.future && x.precision === 'day' && !outside.some((s) => x.start < s.end && s.start < x.end));
  return t ? t.text.replace(/^on\s+/i, '').replace(/[’']s$/, '') : null;
}

/**
 * Attribution id → the time expression of the statement, for an undated article (a dated one needs none:
 * its statements carry the publication date).
 */
export function statementTimes(analysis: Analysis): Map<string, string> {
  const out = new Map<string, string>();
  if (analysis.article.published || analysis.attributions.length === 0) return out;
  const text = analysis.article.text;
  let lead: string | null | undefined;
  for (const a of analysis.attributions) {
    const own = sentenceOf(analysis, a);
    let found = own ? firstPast(text, own.start, own.end, a.content.spans) : null;
    if (!found) {
      lead ??= analysis.sentences.slice(0, LEAD_SENTENCES).map((s) => firstPast(text, s.start, s.end)).find((x) => x !== null) ?? null;
      found = lead;
    }
    if (found) out.set(a.id, found);
  }
  return out;
}

function sentenceOf(analysis: Analysis, a: AttributionRecord): { start: number; end: number } | undefined {
  const at = a.content.spans[0]?.start ?? a.cue.start;
  return analysis.sentences.find((s) => s.start <= at && at < s.end);
}
