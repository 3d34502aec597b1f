/**
 * HTML → Article. PLACEHOLDER: plain Readability on linkedom; the extraction
 * work replaces this with the fast path plus metadata.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Article } from '../article.js';

export interface HtmlExtractOptions {
  url?: string | null;
  contentType?: string;
}

export function extractFromHtml(html: string | Uint8Array, options: HtmlExtractOptions = {}): Article {
  const source = typeof html === 'string' ? html : new TextDecoder('utf-8').decode(html);
  const { document } = parseHTML(source);
  const parsed = new Readability(document as unknown as Document).parse();
  return {
    url: options.url ?? null,
    title: parsed?.title ?? null,
    byline: parsed?.byline ?? null,
    source: parsed?.siteName ?? null,
    published: parsed?.publishedTime ?? null,
    language: null,
    text: (parsed?.textContent ?? '').trim(),
  };
}
