/**
 * Which date a page was published: weighing the machine-readable dates (JSON-LD,
 * meta tags, microdata) against the date its header shows, the URL and, last, any
 * date-classed element on the page.
 */
import { findHeaderDate, findVisibleDate, normaliseDate } from './dates.js';
import type { JsonLdMeta } from './jsonld.js';
import type { HElement } from './tree.js';

const DATE_KEYS = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'article.published', 'datepublished',
  'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'dc.date.created',
  'publishdate', 'publish-date', 'publish_date', 'published-date', 'published_date', 'pubdate', 'date', 'cxenseparse:recs:publishtime', 'cxenseparse:publishtime',
  'og:publish_date', 'citation_publication_date', 'citation_date', 'published', 'date-pub', 'uploaddate',
];
/** Meta names that carry schema.org microdata (itemprop) rather than a declared meta tag. */
const SCHEMA_ORG_KEYS = new Set(['datepublished', 'uploaddate']);
const MODIFIED_KEYS = ['article:modified_time', 'og:updated_time', 'datemodified', 'dc.date.modified', 'dcterms.modified', 'last-modified'];
/** Site-specific spellings of a publication-date meta name ("w-published-date", "article-publish-date"). */
const DATE_KEY_PATTERN = /^[\w.:-]*publi(?:shed|cation|sh)[-_.]?date$/;

export interface DateSources {
  all: HElement[];
  root: HElement;
  meta: Map<string, string[]>;
  ld: JsonLdMeta | null;
  url: string | null;
  /** The element showing the article's title, around which its byline and date sit. */
  headline: HElement | null;
}

export function choosePublished({ all, root, meta, ld, url, headline }: DateSources): string | null {
  const published = firstDate([ld?.datePublished, ...metaValues(meta, DATE_KEYS), ...patternValues(meta), ...microdataDates(all)]);
  // Meta tags (OpenGraph, Dublin Core, parsely…) state the publication date to link previews and
  // feed readers; schema.org data alone is more often a CMS's creation date of a since-rewritten page.
  const declared = firstDate([...metaValues(meta, DATE_KEYS.filter((k) => !SCHEMA_ORG_KEYS.has(k))), ...patternValues(meta)]) !== null;
  const modified = firstDate([ld?.dateModified, ...metaValues(meta, MODIFIED_KEYS)]);
  const fromUrl = url ? dateFromUrl(url) : null;
  const header = findHeaderDate(all, headline);
  if (header) {
    const shown = resolveReading(header, [published, modified, fromUrl]);
    return published ? weigh(shown, published, modified, fromUrl, declared) : shown;
  }
  if (published) return published;
  if (fromUrl) return fromUrl;
  const visible = findVisibleDate(root);
  if (visible) return resolveReading(visible, [modified]);
  // A page that only says when it was last changed is dated by that.
  return modified;
}

/**
 * The header's date against the metadata's publication date. What the reader sees (often
 * "Updated …") is what most pages are dated by, since metadata dates are often a first
 * draft's or a CMS default; but not when the header only shows a revision and the page's
 * meta tags declare when it was first published.
 */
function weigh(shown: string, published: string, modified: string | null, fromUrl: string | null, declared: boolean): string {
  // The same day, or the same moment in another time zone (the header in local time, the
  // metadata in UTC): the metadata is exact, unless the URL dates the page as its header does.
  if (published.slice(0, 10) === shown || (sameMoment(shown, published) && fromUrl !== shown)) return published;
  // A header showing only the last-modified date still dates the article by its declared publication.
  if (declared && modified?.slice(0, 10) === shown) return published;
  return shown;
}

/** Whether a timestamp with a zone falls on the given calendar day somewhere on Earth (UTC-12 to UTC+14). */
function sameMoment(day: string, timestamp: string): boolean {
  if (!/T.*(?:Z|[+-]\d\d:\d\d)$/.test(timestamp)) return false;
  const instant = Date.parse(timestamp);
  if (Number.isNaN(instant)) return false;
  const earliest = new Date(instant - 12 * HOUR_MS).toISOString().slice(0, 10);
  const latest = new Date(instant + 14 * HOUR_MS).toISOString().slice(0, 10);
  return day >= earliest && day <= latest;
}

const HOUR_MS = 60 * 60 * 1000;

/** An all-numeric date that reads both ways (03/10/2023) takes the reading other evidence agrees with. */
function resolveReading(found: { date: string; swapped: string | null }, evidence: (string | null)[]): string {
  if (found.swapped && evidence.some((e) => e?.slice(0, 10) === found.swapped)) return found.swapped;
  return found.date;
}

function firstDate(values: (string | null | undefined)[]): string | null {
  for (const v of values) {
    const d = v ? normaliseDate(v) : null;
    if (d) return d;
  }
  return null;
}

function metaValues(meta: Map<string, string[]>, keys: string[]): string[] {
  return keys.flatMap((k) => meta.get(k)?.slice(0, 1) ?? []);
}

function patternValues(meta: Map<string, string[]>): string[] {
  return [...meta.entries()].filter(([k]) => DATE_KEY_PATTERN.test(k)).map(([, v]) => v[0]);
}

/** itemprop=datePublished and the HTML5 `<time pubdate>` flag. */
function microdataDates(all: HElement[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const el of all) {
    if (el.attrs.itemprop === 'datePublished') out.push(el.attrs.content ?? el.attrs.datetime);
    else if (el.tag === 'time' && 'pubdate' in el.attrs) out.push(el.attrs.datetime);
  }
  return out;
}

const URL_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const URL_DATE = /\/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2]|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[/-](0?[1-9]|[12]\d|3[01])(?!\d)/i;

/** A date in a URL path: /2025/03/07/, /2025-03-07-slug, /2023/october/03/. */
export function dateFromUrl(url: string): string | null {
  const m = URL_DATE.exec(url);
  if (!m) return null;
  const month = /\d/.test(m[2]) ? Number(m[2]) : URL_MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1;
  return `${m[1]}-${String(month).padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}
