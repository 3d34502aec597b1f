/**
 * Feeds → items: RSS 2.0 (and RSS 1.0/RDF), Atom, JSON Feed 1.x.
 *
 * An item carries either its article inline (content:encoded, Atom content,
 * content_html/content_text, or a description long enough to be the whole
 * story) or only a teaser and a link; the caller decides whether to fetch.
 */
import { z } from 'zod';
import { InputError } from './article.js';
import { toIsoDate } from './dates.js';
import { inlineText } from './fragment.js';
import { child, childrenNamed, findAll, innerXml, parseXml, textContent, type XmlElement } from './xml.js';

export interface FeedItem {
  /** Position in the feed, from 1, for messages. */
  index: number;
  title: string | null;
  url: string | null;
  /** Full article content, when the feed carries it. */
  content: { html: string } | { text: string } | null;
  /** A teaser (RSS description, Atom summary, JSON Feed summary). */
  summary: { html: string } | { text: string } | null;
  byline: string | null;
  published: string | null;
  language: string | null;
  /** The feed's title: the outlet. */
  source: string | null;
}

/** A description at least this long (as text) is taken as the full article rather than a teaser. */
const FULL_DESCRIPTION_CHARS = 500;

const clean = (s: string | null | undefined): string | null => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

function resolveUrl(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return null;
  }
}

/** "jane@example.org (Jane Roe)" → "Jane Roe". */
function rssAuthor(raw: string | null): string | null {
  if (!raw || raw.length > 300) return null;
  const paren = /\(([^)]+)\)\s*$/.exec(raw);
  if (paren) return clean(paren[1]);
  return /^\S+@\S+$/.test(raw.trim()) ? null : clean(raw);
}

/** RSS titles may hold escaped markup and entities. */
function htmlText(el: XmlElement | null): string | null {
  return el ? clean(inlineText(textContent(el))) : null;
}

function textOf(el: XmlElement | null): string | null {
  return el ? clean(textContent(el)) : null;
}

/** Atom text constructs: type="html" is escaped markup, type="xhtml" is inline markup. */
function atomText(el: XmlElement | null): string | null {
  if (!el) return null;
  const type = (el.attrs.type ?? 'text').toLowerCase();
  if (type === 'xhtml') return clean(inlineText(innerXml(el)));
  if (type === 'html' || type === 'text/html') return clean(inlineText(textContent(el)));
  return clean(textContent(el));
}

function atomContent(el: XmlElement | null): { html: string } | { text: string } | null {
  if (!el || el.attrs.src) return null;
  const type = (el.attrs.type ?? 'text').toLowerCase();
  if (type === 'xhtml') return { html: innerXml(el) };
  const body = textContent(el).trim();
  if (!body) return null;
  return type === 'html' || type.includes('html') ? { html: body } : { text: body };
}

function readRss(doc: XmlElement, base: string | null): FeedItem[] {
  const channel = findAll(doc, 'channel')[0] ?? null;
  const source = channel ? textOf(child(channel, 'title')) : null;
  const feedLanguage = channel ? textOf(child(channel, 'language', 'dc:language')) : null;
  const feedLink = channel ? resolveUrl(textOf(child(channel, 'link')), base) : null;
  return findAll(doc, 'item').map((item, i) => {
    const guid = child(item, 'guid');
    const guidUrl = guid && guid.attrs.isPermaLink !== 'false' && /^https?:\/\//i.test(textContent(guid).trim()) ? textContent(guid) : null;
    const atomLink = childrenNamed(item, 'atom:link').find((l) => (l.attrs.rel ?? 'alternate') === 'alternate');
    const url = resolveUrl(textOf(child(item, 'link')) ?? atomLink?.attrs.href ?? guidUrl, feedLink ?? base);
    const encoded = textOf(child(item, 'content:encoded'));
    const description = child(item, 'description');
    const descriptionHtml = description ? textContent(description).trim() : '';
    const descriptionText = descriptionHtml ? inlineText(descriptionHtml) : '';
    const full = encoded ? { html: encoded } : descriptionText.length >= FULL_DESCRIPTION_CHARS ? { html: descriptionHtml } : null;
    const creators = childrenNamed(item, 'dc:creator').map((c) => clean(textContent(c))).filter((c): c is string => c !== null);
    return {
      index: i + 1,
      title: htmlText(child(item, 'title')),
      url,
      content: full,
      summary: descriptionHtml ? { html: descriptionHtml } : null,
      byline: creators.length ? creators.join(' and ') : rssAuthor(textOf(child(item, 'author'))),
      published: toIsoDate(textOf(child(item, 'pubdate', 'dc:date', 'published', 'updated'))),
      language: textOf(child(item, 'dc:language')) ?? feedLanguage,
      source,
    };
  });
}

function readAtom(feed: XmlElement, base: string | null): FeedItem[] {
  const source = atomText(child(feed, 'title'));
  const feedLanguage = feed.attrs['xml:lang'] ?? null;
  const feedLink = childrenNamed(feed, 'link').find((l) => (l.attrs.rel ?? 'alternate') === 'alternate')?.attrs.href ?? null;
  const feedBase = resolveUrl(feed.attrs['xml:base'] ?? null, base) ?? resolveUrl(feedLink, base) ?? base;
  return childrenNamed(feed, 'entry').map((entry, i) => {
    const links = childrenNamed(entry, 'link');
    const alternate = links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate') ?? null;
    const entryBase = resolveUrl(entry.attrs['xml:base'] ?? null, feedBase) ?? feedBase;
    const contentEl = child(entry, 'content');
    const outOfLine = contentEl?.attrs.src ? resolveUrl(contentEl.attrs.src, entryBase) : null;
    const authors = childrenNamed(entry, 'author')
      .map((a) => textOf(child(a, 'name')))
      .filter((a): a is string => a !== null);
    const summary = child(entry, 'summary');
    return {
      index: i + 1,
      title: atomText(child(entry, 'title')),
      url: resolveUrl(alternate?.attrs.href ?? null, entryBase) ?? outOfLine,
      content: atomContent(contentEl),
      summary: atomContent(summary),
      byline: authors.length ? authors.join(' and ') : null,
      published: toIsoDate(textOf(child(entry, 'published', 'updated'))),
      language: entry.attrs['xml:lang'] ?? feedLanguage,
      source,
    };
  });
}

/** Parse an RSS or Atom document; throws InputError for broken XML or XML that is not a feed. */
export function readXmlFeed(xml: string, baseUrl: string | null = null): FeedItem[] {
  const doc = parseXml(xml);
  const root = doc.children.find((c): c is XmlElement => typeof c !== 'string' && !c.name.startsWith('?') && !c.name.startsWith('!'));
  if (!root) throw new InputError('not a feed: no root element');
  const name = root.name.toLowerCase();
  if (name === 'feed') return readAtom(root, baseUrl);
  if (name === 'rss' || name === 'rdf:rdf') return readRss(root, baseUrl);
  throw new InputError(`not a feed: root element <${root.name}>`);
}

const JsonFeedAuthor = z.object({ name: z.string().optional() });
const JsonFeedItem = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  url: z.string().optional(),
  external_url: z.string().optional(),
  title: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
  date_published: z.string().optional(),
  date_modified: z.string().optional(),
  author: JsonFeedAuthor.optional(),
  authors: z.array(JsonFeedAuthor).optional(),
  language: z.string().optional(),
});
const JsonFeed = z.object({
  version: z.string().regex(/jsonfeed\.org\/version\/1/, 'not a JSON Feed 1.x version URL'),
  title: z.string().optional(),
  home_page_url: z.string().optional(),
  feed_url: z.string().optional(),
  language: z.string().optional(),
  authors: z.array(JsonFeedAuthor).optional(),
  author: JsonFeedAuthor.optional(),
  items: z.array(JsonFeedItem),
});

/** One-line description of the first problem zod found. */
export function zodReason(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length ? `${issue.path.join('.')}: ` : '';
  // zod says "expected array, received undefined"; a user reads that as a crash, not a missing field.
  const message = issue.code === 'invalid_type' && issue.input === undefined ? `missing (expected ${issue.expected})` : issue.message;
  return `${path}${message}`;
}

export function readJsonFeed(json: string, baseUrl: string | null = null): FeedItem[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new InputError(`broken JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = JsonFeed.safeParse(value);
  if (!parsed.success) throw new InputError(`invalid JSON Feed: ${zodReason(parsed.error)}`);
  const feed = parsed.data;
  const base = resolveUrl(feed.home_page_url ?? null, baseUrl) ?? baseUrl;
  const feedAuthors = feed.authors ?? (feed.author ? [feed.author] : []);
  return feed.items.map((item, i) => {
    const authors = item.authors ?? (item.author ? [item.author] : feedAuthors);
    const names = authors.map((a) => clean(a.name)).filter((a): a is string => a !== null);
    const content = item.content_html?.trim()
      ? { html: item.content_html }
      : item.content_text?.trim()
        ? { text: item.content_text }
        : null;
    return {
      index: i + 1,
      title: clean(item.title),
      url: resolveUrl(item.url ?? item.external_url ?? null, base),
      content,
      summary: item.summary?.trim() ? { text: item.summary } : null,
      byline: names.length ? names.join(' and ') : null,
      published: toIsoDate(item.date_published ?? item.date_modified),
      language: item.language ?? feed.language ?? null,
      source: clean(feed.title),
    };
  });
}
