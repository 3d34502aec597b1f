/**
 * Article metadata from a parsed page: title, byline, source and publication
 * date, from JSON-LD, meta tags (OpenGraph, article:*, Dublin Core, parsely,
 * sailthru), microdata, <time>, visible bylines and dates, and the URL.
 */
import { readJsonLd, type JsonLdMeta } from './jsonld.js';
import { collapse, decodeEntities, elements, insideTag, shortText, textOf, type HElement, type ParsedPage } from './tree.js';
import { chooseTitle, type TitleInputs } from './title.js';
import { cleanByline, isHandle, splitAuthors } from './byline.js';
import { choosePublished } from './published.js';

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  source: string | null;
  published: string | null;
  language: string | null;
  /** The heading showing the title (or the article's h1), around which its byline and date sit. */
  headline: HElement | null;
}

/** Meta tags by lowercased name/property/itemprop, first value first. */
export function metaTags(all: HElement[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const el of all) {
    if (el.tag !== 'meta') continue;
    const key = (el.attrs.property ?? el.attrs.name ?? el.attrs.itemprop ?? '').trim().toLowerCase();
    const content = el.attrs.content;
    if (!key || content === undefined || !content.trim()) continue;
    const list = out.get(key);
    if (list) list.push(content.trim());
    else out.set(key, [content.trim()]);
  }
  return out;
}

function first(meta: Map<string, string[]>, keys: string[]): string | null {
  for (const k of keys) {
    const v = meta.get(k)?.[0];
    if (v) return v;
  }
  return null;
}

const AUTHOR_KEYS = ['author', 'article:author', 'og:article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'citation_author'];
const SITE_KEYS = ['og:site_name', 'application-name', 'publisher', 'dc.publisher', 'twitter:site'];

export function extractMetadata(page: ParsedPage, url: string | null): PageMetadata {
  const meta = metaTags(page.all);
  const ld: JsonLdMeta | null = readJsonLd(page.jsonLd);
  const source = sourceName(meta, ld, url);
  const { title, headline } = chooseTitle(titleInputs(page, meta, ld, source, url));
  return {
    title,
    byline: chooseByline(page.all, meta, ld, source, headline),
    source,
    published: choosePublished({ all: page.all, root: page.root, meta, ld, url, headline }),
    language: htmlLang(page.root),
    headline,
  };
}

/** What the title choice reads: every metadata title, the names the site gives itself, the page's elements. */
export function titleInputs(page: ParsedPage, meta: Map<string, string[]>, ld: JsonLdMeta | null, source: string | null, url: string | null): TitleInputs {
  return {
    metaTitles: [ld?.headline ?? null, first(meta, ['og:title']), first(meta, ['twitter:title']), first(meta, ['parsely-title', 'sailthru.title', 'dc.title', 'headline']), collapse(page.title) || null],
    siteNames: [source, ...SITE_KEYS.map((k) => meta.get(k)?.[0]?.replace(/^@/, ''))].filter((s): s is string => !!s),
    host: hostName(url),
    all: page.all,
  };
}

/** The page's own name: JSON-LD publisher, og:site_name and the like, else the host. */
export function sourceName(meta: Map<string, string[]>, ld: JsonLdMeta | null, url: string | null): string | null {
  return ld?.publisher ?? first(meta, SITE_KEYS)?.replace(/^@/, '') ?? hostName(url);
}

function hostName(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

function htmlLang(root: HElement): string | null {
  const html = root.children.find((c): c is HElement => typeof c !== 'string' && c.tag === 'html');
  const lang = html?.attrs.lang?.trim();
  return lang ? lang.split(/[-_]/)[0].toLowerCase() : null;
}

function chooseByline(all: HElement[], meta: Map<string, string[]>, ld: JsonLdMeta | null, source: string | null, headline: HElement | null): string | null {
  const siteKey = source ? squashName(source) : '';
  // Publishers often name themselves as author; a person in the visible byline is the better answer.
  const isSite = (a: string): boolean => siteKey.length > 0 && (squashName(a) === siteKey || squashName(a).includes(siteKey) || siteKey.includes(squashName(a)));
  let fromMeta: string | null = null;
  const ldAuthors = (ld?.authors ?? []).map((a) => cleanByline(decodeEntities(a))).filter((a): a is string => a !== null);
  if (ldAuthors.length > 0) fromMeta = ldAuthors.join(', ');
  for (const key of AUTHOR_KEYS) {
    if (fromMeta) break;
    for (const v of meta.get(key) ?? []) {
      const cleaned = cleanByline(decodeEntities(v));
      if (cleaned) {
        fromMeta = splitAuthors(cleaned).join(', ');
        break;
      }
    }
  }
  const weak = fromMeta === null || isSite(fromMeta) || isHandle(fromMeta) || (ld?.authorIsOrganization ?? false);
  if (!weak) return fromMeta;
  return headerByline(all, headline) ?? visibleByline(all) ?? fromMeta;
}

function squashName(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A "By …" line or byline-classed element near the headline. */
function headerByline(all: HElement[], headline: HElement | null): string | null {
  if (!headline) return null;
  const at = all.indexOf(headline);
  if (at < 0) return null;
  for (let i = Math.max(0, at - 15); i < Math.min(all.length, at + 60); i++) {
    const el = all[i];
    if (el.tag === 'nav' || insideTag(el, 'nav')) continue;
    const classed = el.attrs.itemprop === 'author' || el.attrs.rel === 'author' || BYLINE_ATTR.test(attrText(el));
    // Raw text may carry indentation; the collapsed text must stay byline-sized.
    const text = shortText(el, 600);
    if (!text || text.length > 120) continue;
    if (classed || /^(?:by|written by|posted by|words by|author):?\s+\S/i.test(text)) {
      const named = el.attrs.itemprop === 'author' ? elementsNamed(el) : null;
      const cleaned = cleanByline(named ?? text);
      if (cleaned) return cleaned;
    }
  }
  return null;
}

const BYLINE_ATTR = /(?:^|[\s_-])(?:by-?line|author|writer|contributor)s?(?:$|[\s_-])|by-?line|author-?name|post-?author|entry-?author|article-?author/i;

function attrText(el: HElement): string {
  return `${el.attrs.class ?? ''} ${el.attrs.id ?? ''} ${el.attrs.rel ?? ''} ${el.attrs.itemprop ?? ''}`;
}


function visibleByline(all: HElement[]): string | null {
  for (const el of all) {
    if (el.attrs.itemprop === 'author' || el.attrs.rel === 'author' || BYLINE_ATTR.test(attrText(el))) {
      const named = el.attrs.itemprop === 'author' ? elementsNamed(el) : null;
      const text = named ?? shortText(el, 600);
      if (!text || text.length > 120) continue;
      const cleaned = cleanByline(text);
      if (cleaned) return cleaned;
    }
  }
  return null;
}

function elementsNamed(el: HElement): string | null {
  for (const c of elements(el)) if (c.attrs.itemprop === 'name') return c.attrs.content ?? shortText(c, 600);
  return el.attrs.content ?? null;
}
