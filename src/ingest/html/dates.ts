/**
 * Publication dates: normalising the many ways pages write them to ISO 8601,
 * and finding the date a reader sees near the headline or byline.
 */
import { insideTag, shortText, type HElement } from './tree.js';

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?/;
const SLASHED = /^\s*(\d{4})\/(\d{1,2})\/(\d{1,2})\b/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// "August 14, 2025", "Aug. 14 2025", "14 August 2025", "14th Aug, 2025", "2025-08-14", "08/14/2025".
const WRITTEN = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+((?:19|20)\\d\\d)\\b|\\b((?:19|20)\\d\\d)-(\\d{2})-(\\d{2})\\b|\\b(\\d{1,2})/(\\d{1,2})/((?:19|20)\\d\\d)\\b|\\b(\\d{1,2})\\.(\\d{1,2})\\.((?:19|20)\\d\\d)\\b`,
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

/** Every full date written in a text, as YYYY-MM-DD, in order. Slashed numeric dates are read as US m/d/y unless the first number exceeds 12; dotted ones as d.m.y. */
export function writtenDates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WRITTEN)) {
    let d: string | null = null;
    if (m[1]) d = ymd(+m[3], monthNumber(m[1]), +m[2]);
    else if (m[5]) d = ymd(+m[6], monthNumber(m[5]), +m[4]);
    else if (m[7]) d = ymd(+m[7], +m[8], +m[9]);
    else if (m[10]) d = +m[10] > 12 ? ymd(+m[12], +m[11], +m[10]) : ymd(+m[12], +m[10], +m[11]);
    else if (m[13]) d = ymd(+m[15], +m[14], +m[13]);
    if (d) out.push(d);
  }
  return out;
}

const DATE_HINT = /date|time|publish|posted|updated|byline|meta|author|info/i;
const NOT_ARTICLE = /(?:^|\s)(?:comments?|comment-list|commentlist|related-posts|recent-posts)(?:$|\s)/i;

/**
 * The date a reader sees: the first <time> or date/byline-classed element (outside
 * comments, sidebars and related lists) that holds a full date. When it holds two
 * ("Published May 2, updated June 9") the later one is what the page shows as current.
 */
export function findVisibleDate(root: HElement): string | null {
  const walk = (el: HElement): string | null => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      const ci = `${c.attrs.class ?? ''} ${c.attrs.id ?? ''}`;
      if (c.tag === 'nav' || NOT_ARTICLE.test(ci)) continue;
      if (c.tag === 'time' || DATE_HINT.test(ci)) {
        const text = shortText(c, 800);
        if (text !== null && text.length <= 200) {
          const found = writtenDates(text);
          if (c.tag === 'time' && c.attrs.datetime) {
            const d = normaliseDate(c.attrs.datetime);
            if (d) found.push(d.slice(0, 10));
          }
          if (found.length > 0) return found[0];
          if (c.tag === 'time') continue;
        }
      }
      const inner = walk(c);
      if (inner) return inner;
    }
    return null;
  };
  return walk(root);
}

/** How far around the headline, in elements (document order), a byline date may sit. */
const BEFORE_H1 = 15;
const AFTER_H1 = 60;

/**
 * The date shown in the article's header: the first short element near the
 * headline (<time>, a date/byline-classed block, or a short line of text) that
 * holds a full date (the first one it writes: "May 2, 2024 · Updated June 9, 2025"
 * is dated May 2 by readers and annotators alike). Dates elsewhere (sidebars, "recent posts", comments) are
 * too often someone else's to trust over the metadata.
 */
export function findHeaderDate(all: HElement[], headline: HElement | null): string | null {
  if (!headline) return null;
  const at = all.indexOf(headline);
  if (at < 0) return null;
  for (let i = Math.max(0, at - BEFORE_H1); i < Math.min(all.length, at + AFTER_H1); i++) {
    const el = all[i];
    if (el === headline || isAncestor(el, headline) || el.tag === 'nav' || insideTag(el, 'nav')) continue;
    const ci = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`;
    const hinted = el.tag === 'time' || DATE_HINT.test(ci);
    const ownText = el.children.some((c) => typeof c === 'string' && /\d{4}/.test(c));
    if (!hinted && !ownText) continue;
    const text = shortText(el, 800);
    if (text === null || text.length > (hinted ? 200 : 150)) continue;
    const found = writtenDates(text);
    if (el.tag === 'time' && el.attrs.datetime) {
      const d = normaliseDate(el.attrs.datetime);
      if (d) found.push(d.slice(0, 10));
    }
    if (found.length > 0) return found[0];
  }
  return null;
}

function isAncestor(a: HElement, b: HElement): boolean {
  for (let p = b.parent; p; p = p.parent) if (p === a) return true;
  return false;
}


