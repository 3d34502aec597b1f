/**
 * Publication dates: normalising the many ways pages write them to ISO 8601,
 * and finding the date a reader sees near the headline or byline.
 */
import { collapse, insideTag, shortText, type HElement } from './tree.js';

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?/;
const SLASHED = /^\s*(\d{4})\/(\d{1,2})\/(\d{1,2})\b/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// "August 14, 2025", "Aug. 14 2025", "14 August 2025", "14th Aug, 2025", "2025 Aug 14" (citation
// metadata), "2025-08-14" (also inside "2025-08-14T09:30"), "08/14/2025", "14.08.2025".
const WRITTEN = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+((?:19|20)\\d\\d)\\b|\\b((?:19|20)\\d\\d)-(\\d{2})-(\\d{2})(?!\\d)|\\b(\\d{1,2})/(\\d{1,2})/((?:19|20)\\d\\d)\\b|\\b(\\d{1,2})\\.(\\d{1,2})\\.((?:19|20)\\d\\d)\\b|\\b((?:19|20)\\d\\d)\\s+${MONTH}\\s+(\\d{1,2})\\b`,
  'gi',
);

function validDay(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

function ymd(y: number, m: number, d: number): string | null {
  return validDay(y, m, d) ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : null;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** An ISO date or date-time for a date string, or null when it holds no full date. */
export function normaliseDate(raw: string): string | null {
  const s = raw.trim();
  if (!s || s.length > 200) return null;
  const iso = ISO.exec(s);
  if (iso) {
    const day = ymd(+iso[1], +iso[2], +iso[3]);
    if (!day || !iso[4]) return day;
    const zone = iso[5] ? (iso[5] === 'Z' ? 'Z' : iso[5].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
    return `${day}T${iso[4].length === 5 ? `${iso[4]}:00` : iso[4]}${zone}`;
  }
  const sl = SLASHED.exec(s);
  if (sl) return ymd(+sl[1], +sl[2], +sl[3]);
  return writtenDates(s)[0] ?? null;
}

/** A date found in text, with what the words before it call it. */
export interface FoundDate {
  /** YYYY-MM-DD. */
  date: string;
  /** For an all-numeric date that reads both ways (03/10/2023), the other reading; else null. */
  swapped: string | null;
  /** "Published 2 May" / "Updated June 9": which date of the article this is, when the text says. */
  label: 'published' | 'updated' | null;
}

const PUBLISHED_WORD = /\b(?:published|posted|created|written|released|originally|first appeared)\b/gi;
const UPDATED_WORD = /\b(?:updated|modified|revised|reviewed|edited|refreshed)\b/gi;

function lastIndex(re: RegExp, text: string): number {
  let at = -1;
  for (const m of text.matchAll(re)) at = m.index;
  return at;
}

/** The label in the few words before a date: the nearer of a "published" or an "updated" word. */
function labelBefore(before: string): FoundDate['label'] {
  const tail = before.slice(-40);
  const p = lastIndex(PUBLISHED_WORD, tail);
  const u = lastIndex(UPDATED_WORD, tail);
  if (p < 0 && u < 0) return null;
  return p > u ? 'published' : 'updated';
}

/**
 * Every full date written in a text, in order. Slashed numeric dates are read as US m/d/y
 * unless the first number exceeds 12, dotted ones as d.m.y; when both numbers could be the
 * month, `swapped` holds the other reading so other evidence can decide.
 */
export function datesIn(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(WRITTEN)) {
    let d: string | null = null;
    let swapped: string | null = null;
    if (m[1]) d = ymd(+m[3], monthNumber(m[1]), +m[2]);
    else if (m[5]) d = ymd(+m[6], monthNumber(m[5]), +m[4]);
    else if (m[7]) d = ymd(+m[7], +m[8], +m[9]);
    else if (m[10]) {
      d = +m[10] > 12 ? ymd(+m[12], +m[11], +m[10]) : ymd(+m[12], +m[10], +m[11]);
      if (+m[10] <= 12 && +m[11] <= 12 && m[10] !== m[11]) swapped = ymd(+m[12], +m[11], +m[10]);
    } else if (m[13]) {
      d = ymd(+m[15], +m[14], +m[13]);
      if (+m[13] <= 12 && +m[14] <= 12 && m[13] !== m[14]) swapped = ymd(+m[15], +m[13], +m[14]);
    } else if (m[16]) d = ymd(+m[16], monthNumber(m[17]), +m[18]);
    if (d) out.push({ date: d, swapped, label: labelBefore(text.slice(previousEnd, m.index)) });
    previousEnd = m.index + m[0].length;
  }
  return out;
}

/** Every full date written in a text, as YYYY-MM-DD, in order (see datesIn). */
export function writtenDates(text: string): string[] {
  return datesIn(text).map((f) => f.date);
}

const DATE_HINT = /date|time|publish|posted|updated|byline|meta|author|info/i;
const NOT_ARTICLE = /(?:^|\s)(?:comments?|comment-list|commentlist|related-posts|recent-posts)(?:$|\s)/i;

/** The dates an element shows: its text's, then a <time>'s machine-readable datetime. */
function elementDates(el: HElement, text: string): FoundDate[] {
  const found = datesIn(text);
  if (el.tag === 'time' && el.attrs.datetime) {
    const d = normaliseDate(el.attrs.datetime);
    if (d) found.push({ date: d.slice(0, 10), swapped: null, label: found[0]?.label ?? null });
  }
  return found;
}

/** Of the dates one line shows, the publication date when it says which that is, else the first. */
function pick(found: FoundDate[]): FoundDate | null {
  return found.find((f) => f.label === 'published') ?? found[0] ?? null;
}

/**
 * The date a reader sees: the first <time> or date/byline-classed element (outside
 * comments, sidebars and related lists) that holds a full date, or a short line that
 * says what its date is ("Last updated: November 13, 2025", "Written by … April 8, 2024").
 */
export function findVisibleDate(root: HElement): FoundDate | null {
  const walk = (el: HElement): FoundDate | null => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      const ci = `${c.attrs.class ?? ''} ${c.attrs.id ?? ''}`;
      if (c.tag === 'nav' || NOT_ARTICLE.test(ci)) continue;
      const hinted = c.tag === 'time' || DATE_HINT.test(ci);
      const text = shortText(c, hinted ? 800 : 200);
      if (text !== null && text.length <= (hinted ? 200 : DATELINE_LENGTH)) {
        const dates = elementDates(c, text);
        const found = hinted ? pick(dates) : (dates.find((d) => d.label !== null) ?? null);
        if (found) return found;
        if (c.tag === 'time') continue;
      }
      const inner = walk(c);
      if (inner) return inner;
    }
    return null;
  };
  return walk(root);
}

/** An unmarked line longer than this is story text, not a dateline. */
const DATELINE_LENGTH = 100;

/** How far around the headline, in elements (document order), a byline date may sit. */
const BEFORE_H1 = 15;
const AFTER_H1 = 60;
/** Unmarked lines further than this from the headline are more often story text than a dateline. */
const PLAIN_LINE_REACH = 45;

/** A date in the article's header, and whether markup (a <time>, a date/byline class) marks it as one. */
export interface HeaderDate extends FoundDate {
  hinted: boolean;
  /** Elements between the headline and the date, in document order. */
  distance: number;
}

/**
 * The date shown in the article's header: the first short element near the
 * headline (<time>, a date/byline-classed block, or a short line of text) that
 * holds a full date. Of two dates in one line the one labelled "published" wins, else the
 * first ("May 2, 2024 · Updated June 9, 2025" is dated May 2 by readers and annotators alike).
 * Dates elsewhere (sidebars, "recent posts", comments) are too often someone else's to trust
 * over the metadata.
 */
export function findHeaderDate(all: HElement[], headline: HElement | null): HeaderDate | null {
  if (!headline) return null;
  const at = all.indexOf(headline);
  if (at < 0) return null;
  for (let i = Math.max(0, at - BEFORE_H1); i < Math.min(all.length, at + AFTER_H1); i++) {
    const el = all[i];
    if (el === headline || el.tag === 'nav' || insideTag(el, 'nav')) continue;
    if (isAncestor(el, headline)) {
      // A container's own words beside the headline ("<legend>Title</legend> 20 December 2025").
      const own = collapse(el.children.filter((c): c is string => typeof c === 'string').join(' '));
      const found = own.length <= 60 ? pick(datesIn(own)) : null;
      if (found) return { ...found, hinted: false, distance: 0 };
      continue;
    }
    const ci = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`;
    const hinted = el.tag === 'time' || DATE_HINT.test(ci);
    const ownText = el.children.some((c) => typeof c === 'string' && /\d{4}/.test(c));
    if (!hinted && (!ownText || Math.abs(i - at) > PLAIN_LINE_REACH)) continue;
    const text = shortText(el, 800);
    if (text === null || text.length > (hinted ? 200 : 150)) continue;
    // Unmarked, a date only counts on a dateline, not inside a sentence of the story.
    if (!hinted && isProse(text)) continue;
    const found = pick(elementDates(el, text));
    if (found) return { ...found, hinted, distance: Math.abs(i - at) };
  }
  return null;
}

/** A sentence of more than a few words ("The season ends on April 15, 2025. After that …"). */
function isProse(text: string): boolean {
  return /\p{Ll}{2}[.!?]["”’)]?$/u.test(text) && text.split(' ').length > 10;
}

function isAncestor(a: HElement, b: HElement): boolean {
  for (let p = b.parent; p; p = p.parent) if (p === a) return true;
  return false;
}
