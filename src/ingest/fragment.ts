/**
 * HTML fragment → paragraphs of text, for feed item content. A fragment is
 * already the article body (no navigation or boilerplate to strip), so a
 * block-aware walk is enough and much cheaper than a DOM plus Readability.
 */
import { Parser } from 'htmlparser2';

const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre',
  'section', 'article', 'header', 'footer', 'aside', 'figure', 'figcaption', 'table', 'tr', 'hr', 'main', 'address',
]);
// Captions are not article prose; they would put "Photo: …" sentences into the body.
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'form', 'button', 'select', 'figcaption']);

/** Lines feed software appends to item content ("The post … appeared first on …", "Continue reading…"). */
const FEED_TRAILER = /^(?:the post .{1,300} appeared first on .{1,200}|(?:continue reading|read more|read the full (?:story|article))\b.{0,100})$/i;

/** Does this HTML look like a whole page (to extract) rather than a fragment (to flatten)? */
export function isFullDocument(html: string): boolean {
  return /<(?:html|body)[\s>]|<!doctype\s+html/i.test(html.slice(0, 2048));
}

export function htmlFragmentToText(html: string): string {
  const paragraphs: string[] = [];
  let current = '';
  let skipDepth = 0;
  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipDepth++;
        else if (BLOCK.has(name)) flush();
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCK.has(name)) flush();
      },
      ontext(text) {
        if (skipDepth === 0) current += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return paragraphs.join('\n\n');
}

/** Feed item content as text: the fragment's paragraphs without the feed software's trailer lines. */
export function feedContentToText(html: string): string {
  const paragraphs = htmlFragmentToText(html).split('\n\n');
  while (paragraphs.length > 1 && FEED_TRAILER.test(paragraphs[paragraphs.length - 1]!)) paragraphs.pop();
  const last = paragraphs.length - 1;
  if (last >= 0) paragraphs[last] = paragraphs[last]!.replace(/\s*\[(?:…|\.\.\.)\]$/, '');
  return paragraphs.join('\n\n');
}

/** Plain text of an HTML-ish string on one line (titles, author names). */
export function inlineText(html: string): string {
  return htmlFragmentToText(html).replace(/\s+/g, ' ').trim();
}
