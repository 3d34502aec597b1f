/**
 * Dates in report text, resolved against the publication date.
 *
 * Our rules on top of chrono-node: a bare weekday in a report ("on Friday",
 * "a Sunday meeting") is the last such day on or before publication; "last
 * month" and "last year" have month and year precision; future phrases
 * ("tomorrow", "next week", "in the near future") carry no date. Without a
 * publication date, relative expressions stay relative: their value is a
 * TIMEX-style pattern ("XXXX-WXX-5") and `relative` says so.
 */
import * as chrono from 'chrono-node';

export type Precision = 'day' | 'month' | 'year';

export interface TimeExpression {
  start: number;
  end: number;
  text: string;
  /** ISO date ("2017-11-03", "2017-10", "2017") or, when relative, a TIMEX-style pattern. */
  value: string;
  precision: Precision;
  /** True when no publication date anchored it. */
  relative: boolean;
  /** It points after publication ("tomorrow", "next month"): no event date comes from it. */
  future: boolean;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const RELATIVE = new RegExp(
  [
    `\\b(?:(last|this|next|on|late|early)\\s+)?(${WEEKDAYS.join('|')})(?:'s)?\\b`,
    `\\b(yesterday|today|tomorrow|tonight)\\b`,
    `\\b(last|this|next|past)\\s+(week|month|year)(?:'s)?\\b`,
    `\\b(in the (?:near|coming) future|in the coming (?:days|weeks|months)|soon)\\b`,
  ].join('|'),
  'gi',
);

/** Words every RELATIVE match holds (same flags): sentences without any skip its scan. */
const RELATIVE_WORDS = /day|tomorrow|tonight|week|month|year|future|coming|soon/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

/** Parse an ISO publication date ("2017-11-03", "2017-11-03T10:00:00Z") to a UTC midnight, or null. */
export function publicationDay(published: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published ?? '');
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

function relativeExpression(match: RegExpExecArray, offset: number, pub: Date | null): TimeExpression | null {
  const text = match[0];
  const start = offset + match.index;
  const base = { start, end: start + text.length, text };
  const [, wdMod, weekday, deictic, unitMod, unit, future] = match;
  if (future) return { ...base, value: 'FUTURE_REF', precision: 'day', relative: pub === null, future: true };
  if (weekday) {
    const wd = WEEKDAYS.indexOf(weekday.toLowerCase());
    const mod = wdMod?.toLowerCase();
    if (mod === 'next') return { ...base, value: `XXXX-WXX-${wd === 0 ? 7 : wd}`, precision: 'day', relative: true, future: true };
    if (!pub) return { ...base, value: `XXXX-WXX-${wd === 0 ? 7 : wd}`, precision: 'day', relative: true, future: false };
    // The last such day on or before publication; "last Friday" said on a Friday is a week back.
    let back = (pub.getUTCDay() - wd + 7) % 7;
    if (mod === 'last' && back === 0) back = 7;
    return { ...base, value: isoDay(addDays(pub, -back)), precision: 'day', relative: false, future: false };
  }
  if (deictic) {
    const word = deictic.toLowerCase();
    const shift = word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0;
    if (!pub) return { ...base, value: word === 'yesterday' ? 'PAST_REF' : word === 'tomorrow' ? 'FUTURE_REF' : 'PRESENT_REF', precision: 'day', relative: true, future: shift > 0 };
    return { ...base, value: isoDay(addDays(pub, shift)), precision: 'day', relative: false, future: shift > 0 };
  }
  if (unit) {
    const u = unit.toLowerCase();
    const mod = unitMod!.toLowerCase();
    const shift = mod === 'next' ? 1 : mod === 'this' ? 0 : -1;
    if (!pub) return { ...base, value: `${mod.toUpperCase()}_${u.toUpperCase()}`, precision: u === 'year' ? 'year' : u === 'month' ? 'month' : 'day', relative: true, future: shift > 0 };
    if (u === 'year') return { ...base, value: String(pub.getUTCFullYear() + shift), precision: 'year', relative: false, future: shift > 0 };
    if (u === 'month') {
      const d = new Date(Date.UTC(pub.getUTCFullYear(), pub.getUTCMonth() + shift, 1));
      return { ...base, value: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`, precision: 'month', relative: false, future: shift > 0 };
    }
    // A week has no ISO calendar value of its own at our precisions: its month is the honest answer.
    const d = addDays(pub, shift * 7);
    return { ...base, value: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`, precision: 'month', relative: false, future: shift > 0 };
  }
  return null;
}

/**
 * Cheap gate before chrono, the slow part: an absolute date needs a year, a numeric date or a month
 * name. Month names are matched whole and capitalised (or in capitals), since "may", "march" and
 * words such as "decision" or "market" would otherwise send a third of all sentences to chrono.
 */
const MAY_HOLD_ABSOLUTE_DATE =
  /\d{4}|\d{1,2}\/\d{1,2}|\bago\b|\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\b/;

function absoluteExpressions(text: string, offset: number, pub: Date | null, taken: (s: number, e: number) => boolean): TimeExpression[] {
  if (!MAY_HOLD_ABSOLUTE_DATE.test(text)) return [];
  const out: TimeExpression[] = [];
  const ref = pub ?? new Date(Date.UTC(2000, 0, 1));
  for (const r of chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    const start = offset + r.index;
    const end = start + r.text.length;
    if (taken(start, end)) continue;
    const c = r.start;
    const year = c.get('year');
    const month = c.get('month');
    const day = c.get('day');
    const yearKnown = c.isCertain('year');
    if (!yearKnown && !pub) {
      const value = c.isCertain('day') ? `XXXX-${pad(month ?? 1)}-${pad(day ?? 1)}` : `XXXX-${pad(month ?? 1)}`;
      out.push({ start, end, text: r.text, value, precision: c.isCertain('day') ? 'day' : 'month', relative: true, future: false });
      continue;
    }
    let precision: Precision = c.isCertain('day') ? 'day' : c.isCertain('month') ? 'month' : 'year';
    if (!MONTHS.some((m) => r.text.toLowerCase().includes(m.slice(0, 3))) && !/\d/.test(r.text)) precision = 'day';
    const value = precision === 'day' ? `${year}-${pad(month ?? 1)}-${pad(day ?? 1)}` : precision === 'month' ? `${year}-${pad(month ?? 1)}` : String(year);
    const future = pub !== null && value > isoDay(pub).slice(0, value.length);
    out.push({ start, end, text: r.text, value, precision, relative: false, future });
  }
  return out;
}

/** Every time expression in `text` (offsets shifted by `offset`), in text order. */
export function findTimes(text: string, published: string | null | undefined, offset = 0): TimeExpression[] {
  const pub = publicationDay(published);
  const out: TimeExpression[] = [];
  RELATIVE.lastIndex = 0;
  if (RELATIVE_WORDS.test(text)) for (let m = RELATIVE.exec(text); m; m = RELATIVE.exec(text)) {
    const t = relativeExpression(m, offset, pub);
    if (t) out.push(t);
  }
  const taken = (s: number, e: number): boolean => out.some((t) => s < t.end && t.start < e);
  out.push(...absoluteExpressions(text, offset, pub, taken));
  return out.sort((a, b) => a.start - b.start);
}
