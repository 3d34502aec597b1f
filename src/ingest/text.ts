/**
 * Plain-text articles: headline, bylines, source tags and wire datelines are
 * recognised, recorded and kept out of the body.
 *
 * The shapes handled are those of wire copy and of text saved from news sites:
 *   Headline line                       (a first line followed by a blank line)
 *   By Jane Roe and John Doe, Reuters    (byline, at the top or the bottom)
 *   BEIRUT, Nov 3 (Reuters) - …          (dateline opening the first paragraph)
 *   … (PRESS TV)  /  — AP  /  By Press TV (closing source tag or byline)
 * The body keeps one paragraph per blank-line-separated block.
 */
import * as chrono from 'chrono-node';
import { splitParagraphs } from '../doc/paragraphs.js';
import type { Article } from './article.js';

export interface Dateline {
  /** The place as written, e.g. "BEIRUT" or "SAN FRANCISCO, Calif.". */
  place: string;
  /** The date as written ("Nov 3"), without a year; null when the dateline has none. */
  date: string | null;
  /** The agency in parentheses ("Reuters"), if any. */
  source: string | null;
}

export interface ParsedText {
  article: Article;
  dateline: Dateline | null;
}

const CONNECTORS = new Set(['and', 'of', 'the', 'for', 'in', 'at', 'de', 'del', 'della', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'la', 'le', 'bin', 'al', 'el', 'y', 'e']);
const ROLE = /\b(?:writer|correspondent|reporter|editor|staff|contributor|columnist|bureau|desk)\b/i;
const BYLINE_LINE = /^(?:by|written by|story by|words by)\s+(.+)$/i;
const REPORTING_LINE = /^(?:\(?\s*(?:additional\s+)?reporting by\s+)(.+?)\)?$/i;
const EDITING_LINE = /^\(?\s*(?:writing|editing|compiled|additional reporting|graphics|photos?) by\b/i;
const COPYRIGHT_LINE = /^(?:(?:[Cc]opyright|COPYRIGHT|©|\([Cc]\))\s*(?:\d{4}|[A-Z]).{0,150}|.{0,150}\b[Aa]ll [Rr]ights [Rr]eserved\.?)$/;
const SOURCE_TAG_LINE = /^\(\s*([\p{L}][\p{L}\d .&'’/-]{0,40}?)\s*\)$/u;
const DASH_TAG_LINE = /^[—–-]{1,2}\s*([\p{L}][\p{L}\d .&'’/-]{0,30})$/u;
const INLINE_SOURCE_TAG = /([.!?"”’])\s+\(\s*([\p{Lu}][\p{L}\d .&'’/-]{0,30}?)\s*\)\s*$/u;
const INLINE_DASH_TAG = /([.!?"”’])\s+[—–]\s*([\p{Lu}][\p{L}\d.&'’]{0,15}(?: [\p{Lu}][\p{L}\d.&'’]{0,15}){0,2})\s*$/u;
// PLACE[, Region][, Month Day] [(Agency)] dash — the place in capitals, as wire services write it.
const DATELINE = new RegExp(
  String.raw`^(\p{Lu}[\p{Lu}\p{M} .'’-]{1,40}?(?:,\s+\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,2})?)` +
    String.raw`(?:,\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{4})?))?` +
    String.raw`(?:\s*\(([\p{L}][\p{L}\d .&'’-]{0,30})\))?` +
    String.raw`\s*(?:-{1,2}|[—–])\s+`,
  'u',
);

/** Title-case shouted agency names ("PRESS TV" → "Press TV") but keep acronyms ("AP", "IRNA", "BBC NEWS" → "BBC News"). */
export function tidySourceName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed !== trimmed.toUpperCase()) return trimmed;
  const words = trimmed.split(' ');
  // A lone short word is an acronym (AP, IRNA); in a longer name only two- and three-letter words are.
  const minLength = words.length > 1 ? 4 : 5;
  return words.map((w) => (w.length >= minLength && /^\p{Lu}+$/u.test(w) ? w[0] + w.slice(1).toLowerCase() : w)).join(' ');
}

/** Is `names` a list of person or outlet names ("Jane Roe and John Doe", "Press TV")? */
function looksLikeNames(names: string): boolean {
  const words = names.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 14) return false;
  if (!/^[\p{Lu}]/u.test(words[0]!)) return false;
  return words.every((w) => {
    const bare = w.replace(/^[("“']+|[)"”',.;:]+$/g, '');
    return bare === '' || bare === '&' || CONNECTORS.has(bare.toLowerCase()) || /^[\p{Lu}\d]/u.test(bare);
  });
}

const OUTLET_WORD =
  /\b(?:news|press|tv|times|post|agency|agencies|associated|herald|journal|tribune|gazette|daily|radio|media|network|wire|service|report|courier|chronicle|telegraph|observer|guardian)\b/i;

/** An outlet rather than a person: one word ("Reuters"), an acronym ("AP", "AFP") or a name with a newsroom word. */
function isOutletName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length === 1 || OUTLET_WORD.test(name) || /^\p{Lu}{2,6}$/u.test(name.trim());
}

/** Parse the part after "By": names, and an outlet after a comma. */
function parseByline(rest: string): { byline: string; source: string | null } | null {
  const cleaned = rest.trim().replace(/[.;]+$/, '');
  if (!cleaned || cleaned.length > 160) return null;
  const parts = cleaned.split(/\s*[,|]\s*|\s+[—–-]\s+/).filter(Boolean);
  const names = parts[0]!;
  if (!looksLikeNames(names)) return null;
  const people = [names];
  let source: string | null = null;
  for (const extra of parts.slice(1)) {
    if (ROLE.test(extra)) continue;
    if (!looksLikeNames(extra)) return null;
    // "By Jane Roe, John Doe and Ann Poe" lists people; "By Jane Roe, Reuters" names the outlet.
    if (source === null && isOutletName(extra)) source = tidySourceName(extra);
    else people.push(extra);
  }
  return { byline: tidyNames(people.join(', ')), source };
}

/** "JANE ROE AND JOHN DOE" → "Jane Roe and John Doe"; names already in mixed case stay as written. */
function tidyNames(names: string): string {
  const trimmed = names.trim();
  if (trimmed !== trimmed.toUpperCase()) return trimmed;
  return trimmed
    .split(/\s+/)
    .map((w) => {
      const lower = w.toLowerCase();
      return CONNECTORS.has(lower) ? lower : lower.replace(/(^|[-'’])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
    })
    .join(' ');
}

function bylineFromLine(line: string): { byline: string | null; source: string | null } | null {
  const t = line.trim();
  const reporting = REPORTING_LINE.exec(t);
  if (reporting) {
    // "Reporting by A and B; Editing by C": only the reporters are the byline.
    const names = reporting[1]!.split(/\s*;\s*|\s+in\s+\p{Lu}/u)[0]!;
    if (/^\(?\s*additional/i.test(t)) return { byline: null, source: null };
    return looksLikeNames(names) ? { byline: tidyNames(names), source: null } : null;
  }
  if (EDITING_LINE.test(t)) return { byline: null, source: null };
  const m = BYLINE_LINE.exec(t);
  if (!m) return null;
  return parseByline(m[1]!);
}

function sourceTagFromLine(line: string): string | null {
  const t = line.trim();
  const m = SOURCE_TAG_LINE.exec(t) ?? DASH_TAG_LINE.exec(t);
  if (!m) return null;
  const name = m[1]!.trim();
  return name.split(/\s+/).length <= 4 && looksLikeNames(name) ? tidySourceName(name) : null;
}

function parseDateline(paragraph: string): { dateline: Dateline; length: number } | null {
  const m = DATELINE.exec(paragraph);
  if (!m) return null;
  const place = m[1]!.trim();
  const date = m[2] ?? null;
  const source = m[3] ? tidySourceName(m[3]) : null;
  // The place is in capitals (its first word at least), as wire services write it; a two-letter word
  // alone ("AP — …") needs a date, an agency or an em dash to count.
  const firstWord = place.split(/[\s,]/)[0]!;
  const shouted = firstWord.length >= 2 && firstWord === firstWord.toUpperCase();
  if (!shouted) return null;
  if (!date && !source && !/[—–]\s+$/.test(m[0]) && firstWord.length < 3) return null;
  return { dateline: { place, date, source }, length: m[0].length };
}

const DATE_LINE_PREFIX = /^(?:(?:first\s+)?published|updated|posted|date|dated)\s*(?:on)?\s*[:\-–—]?\s*/i;

/** A line that is only a date ("November 3, 2026", "Published: 2026-11-03") → YYYY-MM-DD. */
function dateFromLine(line: string): string | null {
  const t = line.trim();
  if (t.length > 80 || !/\d{4}/.test(t)) return null;
  const rest = t.replace(DATE_LINE_PREFIX, '');
  const [found] = chrono.strict.parse(rest);
  if (!found || found.index !== 0) return null;
  // Only a trailing time zone or punctuation may be left over: anything else makes it a sentence.
  if (!/^[\s.,;|)]*(?:[A-Z]{2,4})?\s*$/.test(rest.slice(found.text.length))) return null;
  const c = found.start;
  if (!c.isCertain('year') || !c.isCertain('month') || !c.isCertain('day')) return null;
  const pad = (n: number | null) => String(n ?? 0).padStart(2, '0');
  return `${c.get('year')}-${pad(c.get('month'))}-${pad(c.get('day'))}`;
}

const normalizeTitle = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A first line that can be a headline: short, not a sentence ending in a full stop, not a byline or dateline. */
function isHeadline(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 200) return false;
  if (/[^.]\.$/.test(t) && !/\.\.\.$/.test(t)) return false;
  if (bylineFromLine(t) || sourceTagFromLine(t) || parseDateline(t)) return false;
  return t.split(/\s+/).length <= 30;
}

export function parseText(raw: string, hints: Partial<Article> = {}): ParsedText {
  // Line by line, not with /[ \t]+$/gm: that regex is quadratic on long runs of spaces.
  let lines = raw
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd());
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();

  let title: string | null = null;
  let byline: string | null = null;
  let source: string | null = null;
  const setByline = (found: { byline: string | null; source: string | null }) => {
    byline ??= found.byline;
    source ??= found.source;
  };

  // Headline: the first line, when a blank line follows it (or it repeats the known title).
  if (lines.length > 1) {
    const first = lines[0]!.trim();
    const knownTitle = hints.title ? normalizeTitle(hints.title) : null;
    const repeatsTitle = knownTitle !== null && normalizeTitle(first) === knownTitle;
    const blankAfter = lines[1]!.trim() === '';
    if (repeatsTitle || (knownTitle === null && blankAfter && isHeadline(first))) {
      title = first;
      lines = lines.slice(1);
    }
  }

  // Top lines: bylines and source tags before the body starts.
  const skipBlankTop = () => {
    while (lines.length && lines[0]!.trim() === '') lines.shift();
  };
  skipBlankTop();
  let published: string | null = null;
  for (let guard = 0; guard < 4 && lines.length > 1; guard++) {
    const found = bylineFromLine(lines[0]!);
    const date = found ? null : dateFromLine(lines[0]!);
    if (found) setByline(found);
    else if (date) published ??= date;
    else break;
    lines.shift();
    skipBlankTop();
  }

  // Bottom lines: closing bylines, "Reporting by…", "(PRESS TV)", "— AP".
  const skipBlankBottom = () => {
    while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  };
  skipBlankBottom();
  for (let guard = 0; guard < 6 && lines.length > 1; guard++) {
    const last = lines[lines.length - 1]!;
    const tag = sourceTagFromLine(last);
    const found = tag ? null : bylineFromLine(last);
    if (tag) source ??= tag;
    else if (found) setByline(found);
    else if (!COPYRIGHT_LINE.test(last.trim())) break;
    lines.pop();
    skipBlankBottom();
  }
  // A source tag closing the last paragraph: "… he said. (Reuters)".
  if (lines.length) {
    const lastIndex = lines.length - 1;
    const last = lines[lastIndex]!;
    const m = INLINE_SOURCE_TAG.exec(last) ?? INLINE_DASH_TAG.exec(last);
    if (m && looksLikeNames(m[2]!) && m[2]!.split(/\s+/).length <= 3) {
      source ??= tidySourceName(m[2]!);
      lines[lastIndex] = last.slice(0, m.index + m[1]!.length);
    }
  }

  // Wire dateline opening the body.
  let dateline: Dateline | null = null;
  let body = lines.join('\n');
  const lead = body.trimStart();
  const dl = parseDateline(lead);
  if (dl) {
    dateline = dl.dateline;
    source ??= dl.dateline.source;
    body = lead.slice(dl.length);
  }

  const paragraphs = splitParagraphs(body).map((p) =>
    body
      .slice(p.start, p.end)
      .split('\n')
      .map((line) => line.trim().replace(/[ \t]+/g, ' '))
      .join(' '),
  );
  const article: Article = {
    url: hints.url ?? null,
    title: hints.title ?? title,
    byline: hints.byline ?? byline,
    source: hints.source ?? source,
    published: hints.published ?? published,
    language: hints.language ?? null,
    text: paragraphs.join('\n\n'),
  };
  return { article, dateline };
}

export function parseTextArticle(raw: string, hints: Partial<Article> = {}): Article {
  return parseText(raw, hints).article;
}
