/**
 * HTML → Article. The fast path parses into a lightweight tree (htmlparser2),
 * reads metadata, prunes boilerplate, selects the main content by scoring and
 * renders it with paragraph breaks. Only when it finds no convincing body does
 * it fall back to Readability.js on linkedom, which is several times slower.
 */
import type { Article } from '../article.js';
import { decodeHtml } from '../charset.js';
import { computeStats, prune, selectContent } from './body.js';
import { extractMetadata } from './metadata.js';
import { runReadability } from './readability.js';
import { renderText } from './render.js';
import { collapse, elements, parseTree, textOf, type HElement } from './tree.js';

export interface HtmlExtractOptions {
  url?: string | null;
  contentType?: string;
}

/** Below this many characters the fast path's body is too thin to trust. */
const MIN_BODY_CHARS = 250;

export function extractFromHtml(html: string | Uint8Array, options: HtmlExtractOptions = {}): Article {
  const source = typeof html === 'string' ? html : decodeHtml(html, options.contentType);
  const url = options.url ?? null;
  const page = parseTree(source);
  const meta = extractMetadata(page, url);
  let text = fastBody(page.root, meta.title, meta.headline);
  if (text.length < MIN_BODY_CHARS) {
    const fallback = runReadability(source);
    const alt = fallback ? fallback.textContent.replace(/\n\s*\n\s*/g, '\n\n').trim() : '';
    if (alt.length > text.length) text = alt;
  }
  return {
    url,
    title: meta.title,
    byline: meta.byline,
    source: meta.source,
    published: meta.published,
    language: meta.language,
    text,
  };
}

function fastBody(root: HElement, title: string | null, headline: HElement | null): string {
  prune(root, computeStats(root));
  const stats = computeStats(root);
  const selection = selectContent(root, stats);
  if (!selection) return '';
  const skip = new Set<HElement>();
  if (title) {
    const t = collapse(title).toLowerCase();
    for (const el of elements(root)) {
      if ((el.tag === 'h1' || el.tag === 'h2') && collapse(textOf(el)).toLowerCase() === t) skip.add(el);
    }
    // The headline the title was read from, with its site name or date still attached.
    if (headline && (headline.tag === 'h1' || headline.tag === 'h2') && collapse(textOf(headline)).toLowerCase().includes(t)) skip.add(headline);
  }
  return renderText(selection.nodes, { stats, skip });
}
