/**
 * Reading titles: how the scorer and the title choice compare texts, how a
 * " | Site" part is split off, and which headings of a page can be its headline.
 * Shared by the rules (title.ts) and the ranker's candidates (title-candidates.ts).
 */
import { collapse, decodeEntities, headingText, insideTag, repairMojibake, type HElement } from './tree.js';

/** Between a title and its site or section name: " | ", " - ", " — ", " • ", " » ", " : "… */
export const SEPARATOR = /\s+[|\-–—•·»:]{1,2}\s+|\s+::\s+/;

/**
 * The text as a reader compares titles: NFKC, curly quotes and dashes folded, whitespace collapsed, lowercase.
 * The extraction scorer (src/eval/extraction.ts) keeps its own copy on purpose: the ruler must not move
 * when the extractor's notion of "the same title" does.
 */
export function canon(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Letters and digits only: two titles with the same words and other punctuation agree. */
export function squash(s: string): string {
  return canon(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Metadata text as shown: entities left by double encoding and double UTF-8 repaired, whitespace collapsed. */
export function cleanTitleText(s: string): string {
  return collapse(repairMojibake(decodeEntities(s)).replace(ZERO_WIDTH, ''));
}

/** Zero-width spaces and joiners and a stray byte-order mark: invisible, but they make equal titles differ. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** Drops leading/trailing segments that name the site ("Story | Site", "Site - Story"). */
export function stripSiteName(title: string, siteName: string | null, host: string | null): string {
  return splitSiteName(title, siteName ? [siteName] : [], host).title;
}

/** A title without its site-name segments, and the segments removed. */
export function splitSiteName(title: string, siteNames: string[], host: string | null): { title: string; removed: string[] } {
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
  return { title: segmentsAsWritten(title, kept), removed };
}

/** The span of `title` from the first to the last of `kept`, with the separators as they were written. */
export function segmentsAsWritten(title: string, kept: string[]): string {
  const start = title.indexOf(kept[0]);
  const lastSeg = kept[kept.length - 1];
  const end = title.lastIndexOf(lastSeg) + lastSeg.length;
  return start >= 0 && end > start ? title.slice(start, end).trim() : kept.join(' - ');
}

export interface Heading {
  el: HElement;
  level: number;
  text: string;
}

/** h1–h3 outside navigation, with their visible text. */
export function collectHeadings(all: HElement[]): Heading[] {
  const out: Heading[] = [];
  for (const el of all) {
    const level = el.tag === 'h1' ? 1 : el.tag === 'h2' ? 2 : el.tag === 'h3' ? 3 : 0;
    if (level === 0 || insideTag(el, 'nav') || inFurniture(el)) continue;
    const text = collapse(repairMojibake(headingText(el)).replace(ZERO_WIDTH, ''));
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

/** "Headline | Opinion": a pipe in a headline introduces a section or site label. */
export function dropPipeSuffix(title: string): string {
  const i = title.indexOf(' | ');
  return i > 10 ? title.slice(0, i).trim() : title;
}
