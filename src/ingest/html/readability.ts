/**
 * Plain Readability.js on linkedom: the baseline `fivew eval extraction
 * --baseline readability` scores, and the fallback the fast path uses when it
 * finds no convincing body.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface ReadabilityResult {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  /** Readability's `textContent`, untouched. */
  textContent: string;
  /** The article HTML Readability kept, for re-rendering with our own block separation. */
  content: string;
}

export function runReadability(html: string): ReadabilityResult | null {
  let parsed: ReturnType<Readability['parse']>;
  try {
    const { document } = parseHTML(html);
    parsed = new Readability(document as unknown as Document).parse();
  } catch {
    // Readability throws on documents without a root element (empty or binary input).
    return null;
  }
  if (!parsed) return null;
  return {
    title: parsed.title ?? null,
    byline: parsed.byline ?? null,
    siteName: parsed.siteName ?? null,
    publishedTime: parsed.publishedTime ?? null,
    textContent: parsed.textContent ?? '',
    content: parsed.content ?? '',
  };
}
