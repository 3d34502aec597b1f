/**
 * Title choice: the visible <h1> when it agrees with what the page's metadata
 * calls its title, else the metadata title with its " | Site" part removed.
 */
import { collapse, decodeEntities, textOf, type HElement } from './tree.js';

export interface TitleInputs {
  /** JSON-LD headline, og:title, twitter:title, other meta, <title>: best first. */
  metaTitles: (string | null)[];
  siteName: string | null;
  host: string | null;
  /** Every element of the page in document order. */
  all: HElement[];
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
  const parts = title.split(SEPARATOR);
  if (parts.length < 2) return title.trim();
  const site = siteName ? squash(siteName) : '';
  const hostCore = host ? squash(host.split('.').slice(0, -1).join('.')) : '';
  const isSite = (seg: string): boolean => {
    const q = squash(seg);
    return q.length > 0 && ((site.length > 0 && (q === site || site.includes(q) || q.includes(site))) || (hostCore.length > 0 && (q === hostCore || hostCore.includes(q) || q.includes(hostCore))));
  };
  const kept = [...parts];
  while (kept.length > 1 && isSite(kept[kept.length - 1])) kept.pop();
  while (kept.length > 1 && isSite(kept[0])) kept.shift();
  if (kept.length === parts.length) {
    // No segment names the site: the last short segment is still usually the site or section.
    const last = kept[kept.length - 1];
    if (kept.length > 1 && last.split(/\s+/).length <= 4 && last.length < kept.slice(0, -1).join(' ').length / 1.5 && /\s[|–—•·»]\s|\s-\s/.test(title)) kept.pop();
  }
  // Rejoin with the separators as they were written.
  const start = title.indexOf(kept[0]);
  const lastSeg = kept[kept.length - 1];
  const end = title.lastIndexOf(lastSeg) + lastSeg.length;
  return start >= 0 && end > start ? title.slice(start, end).trim() : kept.join(' - ');
}

export function chooseTitle(inputs: TitleInputs): string | null {
  // Meta titles are often entity-encoded twice ("&amp;amp;"), so decode what the parser left.
  const metas = inputs.metaTitles.filter((t): t is string => !!t && t.trim().length > 0).map((t) => collapse(decodeEntities(t)));
  const stripped = metas.map((t) => stripSiteName(t, inputs.siteName, inputs.host));
  const h1s: string[] = [];
  for (const el of inputs.all) {
    if (el.tag === 'h1') {
      const t = collapse(textOf(el));
      if (t.length >= 3 && t.length <= 300) h1s.push(t);
    }
  }
  const metaKeys = new Set([...metas, ...stripped].map(squash));
  // An h1 that is a metadata title, or that a metadata title starts with (the rest being " | Site").
  for (const h of h1s) {
    const q = squash(h);
    if (q.length === 0) continue;
    if (metaKeys.has(q)) return dropPipeSuffix(h);
  }
  for (const h of h1s) {
    const q = squash(h);
    if (q.length >= 10 && metas.some((m) => squash(m).startsWith(q))) return dropPipeSuffix(h);
  }
  // Metadata titles are written for search results and shares; the visible headline is the title.
  const visible = h1s.find((h) => h.length >= MIN_H1_TITLE);
  if (visible) return dropPipeSuffix(visible);
  if (stripped.length > 0) return stripped[0];
  return h1s[0] ?? null;
}

/** Shorter h1s than this are usually logos or section names ("Menu", "Our Blog"). */
const MIN_H1_TITLE = 15;

/** "Headline | Opinion": a pipe in a headline introduces a section or site label. */
function dropPipeSuffix(title: string): string {
  const i = title.indexOf(' | ');
  return i > 10 ? title.slice(0, i).trim() : title;
}
