/**
 * Publication dates: normalising the many ways pages write them to ISO 8601,
 * and finding a visible date (by class/id hints) when no metadata gives one.
 */
import * as chrono from 'chrono-node';
import { collapse, elements, type HElement } from './tree.js';

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?/;
const SLASHED = /^\s*(\d{4})\/(\d{1,2})\/(\d{1,2})\b/;

function validDay(y: number, m: number, d: number): boolean {
  return y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** An ISO date or date-time for a date string, or null when it holds no full date. */
export function normaliseDate(raw: string): string | null {
  const s = raw.trim();
  if (!s || s.length > 200) return null;
  const iso = ISO.exec(s);
  if (iso) {
    if (!validDay(+iso[1], +iso[2], +iso[3])) return null;
    const day = `${iso[1]}-${iso[2]}-${iso[3]}`;
    if (!iso[4]) return day;
    const zone = iso[5] ? (iso[5] === 'Z' ? 'Z' : iso[5].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : '';
    return `${day}T${iso[4].length === 5 ? `${iso[4]}:00` : iso[4]}${zone}`;
  }
  const sl = SLASHED.exec(s);
  if (sl) return validDay(+sl[1], +sl[2], +sl[3]) ? `${sl[1]}-${sl[2].padStart(2, '0')}-${sl[3].padStart(2, '0')}` : null;
  return parseWrittenDate(s);
}

/** "Aug 4, 2025", "4 August 2025", "Updated: 12/03/2024" → YYYY-MM-DD; only when day, month and year are all written. */
export function parseWrittenDate(text: string): string | null {
  if (!/\d/.test(text)) return null;
  const results = chrono.strict.parse(text);
  for (const r of results) {
    const c = r.start;
    if (!(c.isCertain('year') && c.isCertain('month') && c.isCertain('day'))) continue;
    const y = c.get('year') ?? 0;
    const m = c.get('month') ?? 0;
    const d = c.get('day') ?? 0;
    if (validDay(y, m, d)) return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

const DATE_HINT = /date|time|publish|posted|updated|byline|meta|timestamp/i;
/** chrono is the slow part; a page rarely needs more than a few tries. */
const MAX_TRIES = 25;

export function findVisibleDate(root: HElement): string | null {
  let tries = 0;
  for (const el of elements(root)) {
    if (!DATE_HINT.test(`${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`)) continue;
    const text = collapse(textWithSpaces(el));
    if (!text || text.length > 100) continue;
    if (++tries > MAX_TRIES) break;
    const d = parseWrittenDate(text);
    if (d) return d;
  }
  return null;
}

function textWithSpaces(el: HElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : ` ${textWithSpaces(c)} `)).join('');
}
