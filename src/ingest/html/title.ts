/**
 * Title choice: the visible headline when it agrees with what the page's metadata
 * calls its title, else the metadata title with its " | Site" part removed, unless
 * the page shows no such title and has a headline of its own.
 */
import { collapse, decodeEntities, headingText, insideTag, repairMojibake, shortText, type HElement } from './tree.js';

export interface TitleInputs {
  /** JSON-LD headline, og:title, twitter:title, other meta, <title>: best first. */
  metaTitles: (string | null)[];
  /** Names the page gives itself (publisher, og:site_name…), best first. */
  siteNames: string[];
  host: string | null;
  /** Every element of the page in document order. */
  all: HElement[];
}

export interface ChosenTitle {
  title: string | null;
  /** The element showing the title, when the page shows it: where the article's header is. */
  headline: HElement | null;
}

const SEPARATOR = /\s+[|\-–—•·»:]{1,2}\s+|\s+::\s+/;

function canon(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function squash(s: string): string {
  return canon(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Drops leading/trailing segments that name the site ("Story | Site", "Site - Story"). */
export function stripSiteName(title: string, siteName: string | null, host: string | null): string {
  return splitSiteName(title, siteName ? [siteName] : [], host).title;
}

/** A title without its site-name segments, and the segments removed. */
function splitSiteName(title: string, siteNames: string[], host: string | null): { title: string; removed: string[] } {
  // "example.com Story": a host name written before the title with no separator.
  if (host && title.toLowerCase().startsWith(`${host.toLowerCase()} `) && title.length > host.length + 3) {
    return { title: title.slice(host.length).trim(), removed: [host] };
  }
  const parts = title.split(SEPARATOR);
  if (parts.length < 2) return { title: title.trim(), removed: [] };
  const sites = siteNames.map(squash).filter((s) => s.length > 0);
  const hostCore = host ? squash(host.split('.').slice(0, -1).join('.')) : '';
  if (hostCore) sites.push(hostCore);
  const isSite = (seg: string): boolean => {
    const q = squash(seg);
    return q.length > 0 && sites.some((site) => q === site || site.includes(q) || q.includes(site));
  };
  const kept = [...parts];
  const removed: string[] = [];
  while (kept.length > 1 && isSite(kept[kept.length - 1])) removed.push(kept.pop()!);
  while (kept.length > 1 && isSite(kept[0])) removed.push(kept.shift()!);
  if (kept.length === parts.length) {
    // No segment names the site: the last short segment is still usually the site or section.
    const last = kept[kept.length - 1];
    if (kept.length > 1 && last.split(/\s+/).length <= 4 && last.length < kept.slice(0, -1).join(' ').length / 1.5 && /\s[|–—•·»]\s|\s-\s/.test(title)) removed.push(kept.pop()!);
  }
  // Rejoin with the separators as they were written.
  const start = title.indexOf(kept[0]);
  const lastSeg = kept[kept.length - 1];
  const end = title.lastIndexOf(lastSeg) + lastSeg.length;
  return { title: start >= 0 && end > start ? title.slice(start, end).trim() : kept.join(' - '), removed };
}

interface Heading {
  el: HElement;
  level: number;
  text: string;
}

/** Shorter h1s than this are usually logos or section names ("Menu", "Our Blog"). */
const MIN_H1_TITLE = 15;
/** Longer h1s are a page's blurb or lead sentence rather than its title. */
const MAX_H1_TITLE = 150;

/** "Blog: Headline", "News | Headline": a section name before the headline. */
const SECTION_LABEL = /^\p{L}[\p{L}&' ]{0,20}(?::|\s+\|)\s+/u;

/** A date written before or after a headline ("Dec 18 2025 Preparing a …", "… January 1, 2025"). */
const EDGE_DATE = /^(?:\w{3,9}\.? \d{1,2},? \d{4}|\d{1,2} \w{3,9},? \d{4})\s+|\s+(?:\w{3,9}\.? \d{1,2},? \d{4}|\d{1,2} \w{3,9},? \d{4})$/;

export function chooseTitle(inputs: TitleInputs): ChosenTitle {
  // Meta titles are often entity-encoded twice ("&amp;amp;") or double UTF-8 encoded, so repair what the parser left.
  const metas = inputs.metaTitles.filter((t): t is string => !!t && t.trim().length > 0).map((t) => collapse(repairMojibake(decodeEntities(t))));
  const split = metas.map((t) => splitSiteName(t, inputs.siteNames, inputs.host));
  const stripped = split.map((s) => s.title);
  const metaKeys = new Set([...metas, ...stripped].map(squash));
  metaKeys.delete('');
  // What the page calls itself: a headline equal to it is a logo, not the article's title.
  const siteKeys = new Set([...inputs.siteNames, ...split.flatMap((s) => s.removed), inputs.host ?? ''].map(squash));
  siteKeys.delete('');

  const headings = collectHeadings(inputs.all).filter((h) => !siteKeys.has(squash(h.text)));
  const h1s = headings.filter((h) => h.level === 1);
  // The article's header is around its h1 even when the title is taken from a lower heading.
  const header = h1s.find((h) => h.text.length >= MIN_H1_TITLE);
  const chosen = (h: Heading, title = dropPipeSuffix(h.text)): ChosenTitle => ({ title, headline: h.level === 1 ? h.el : (header?.el ?? h.el) });

  // An h1 that is a metadata title, perhaps with the site's name, a date or a section label attached.
  for (const h of h1s) {
    for (const variant of [siteless(h.text, inputs), h.text, h.text.replace(EDGE_DATE, ''), h.text.replace(SECTION_LABEL, '')]) {
      if (metaKeys.has(squash(variant))) return chosen(h, dropPipeSuffix(variant));
    }
  }
  // An h1 that a metadata title starts with, the rest being " | Site" or a subtitle.
  for (const h of h1s) {
    const q = squash(h.text);
    if (q.length < 10) continue;
    for (const m of metas) {
      if (!squash(m).startsWith(q) || isSiteLabel(h.text, m)) continue;
      // The meta's own first segment keeps the publisher's punctuation ("How Much is Pet Insurance | …").
      const segment = m.split(SEPARATOR)[0];
      return chosen(h, squash(segment) === q ? segment : undefined);
    }
  }
  // The metadata title shown as a lower heading: the h1 is then a site, section or kicker.
  const shown = headings.find((h) => h.level > 1 && metaKeys.has(squash(h.text)));
  if (shown) return chosen(shown);
  // Metadata titles are written for search results and shares; the visible headline is the title.
  const visible = h1s.find((h) => h.text.length >= MIN_H1_TITLE && h.text.length <= MAX_H1_TITLE && h.text.includes(' '));
  if (visible) return chosen(visible);
  if (stripped.length > 0) return { title: stripped[0], headline: showing(inputs.all, stripped[0]) ?? h1s[0]?.el ?? null };
  return h1s[0] ? chosen(h1s[0]) : { title: null, headline: null };
}

function siteless(text: string, inputs: TitleInputs): string {
  return splitSiteName(text, inputs.siteNames, inputs.host).title;
}

/** "Engora Data Blog: Small adventures…": the h1 is the prefix label of a longer title, not its headline. */
function isSiteLabel(h1: string, meta: string): boolean {
  const at = meta.toLowerCase().indexOf(h1.toLowerCase());
  if (at < 0) return false;
  const rest = meta.slice(at + h1.length);
  return /^\s*:/.test(rest) && rest.length > h1.length;
}

/** h1–h3 outside navigation, with their visible text. */
function collectHeadings(all: HElement[]): Heading[] {
  const out: Heading[] = [];
  for (const el of all) {
    const level = el.tag === 'h1' ? 1 : el.tag === 'h2' ? 2 : el.tag === 'h3' ? 3 : 0;
    if (level === 0 || insideTag(el, 'nav') || inFurniture(el)) continue;
    const text = collapse(repairMojibake(headingText(el)));
    if (text.length >= 3 && text.length <= 300) out.push({ el, level, text });
  }
  return out;
}

/** Containers whose headings are never the article's: footers, dialogs, overlays, pop-ups. */
const FURNITURE_TAGS = new Set(['footer', 'dialog', 'aside']);
/**
 * A class or id naming such a container ("Overlay", "site-footer", "et_pb_text_tb_footer"); not
 * "footer-on-bottom" on a page wrapper or "hero-banner-popup" on a headline banner.
 */
const FURNITURE_NAME = /^(?:(?:[\w-]*[-_])?footer|modal|overlay|popup|dialog)$/i;

function inFurniture(el: HElement): boolean {
  for (let a = el.parent; a && a.tag !== 'body'; a = a.parent) {
    if (FURNITURE_TAGS.has(a.tag) || a.attrs.role === 'dialog') return true;
    if (`${a.attrs.class ?? ''} ${a.attrs.id ?? ''}`.split(/\s+/).some((name) => FURNITURE_NAME.test(name))) return true;
  }
  return false;
}

/** Not page text, or too often a list of other articles' titles. */
const NOT_HEADLINE = new Set(['#root', 'html', 'head', 'title', 'meta', 'link', 'body', 'a', 'li', 'option']);

/** The first element outside navigation whose text is the title (a <legend>, a styled <div>…). */
function showing(all: HElement[], title: string): HElement | null {
  const want = squash(title);
  if (!want) return null;
  for (const el of all) {
    if (NOT_HEADLINE.has(el.tag) || insideTag(el, 'nav')) continue;
    const text = shortText(el, 300);
    if (text && squash(text) === want) return el;
  }
  return null;
}

/** "Headline | Opinion": a pipe in a headline introduces a section or site label. */
function dropPipeSuffix(title: string): string {
  const i = title.indexOf(' | ');
  return i > 10 ? title.slice(0, i).trim() : title;
}
