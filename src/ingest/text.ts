/**
 * Plain-text articles. PLACEHOLDER: headline only; the readers work adds
 * bylines, source tags and wire datelines.
 */
import type { Article } from './article.js';

export function parseTextArticle(raw: string, hints: Partial<Article> = {}): Article {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^([^\n]+)\n[ \t]*\n/.exec(text);
  const title = m ? m[1]!.trim() : null;
  const body = m ? text.slice(m[0].length) : text;
  return {
    url: hints.url ?? null,
    title: hints.title ?? title,
    byline: hints.byline ?? null,
    source: hints.source ?? null,
    published: hints.published ?? null,
    language: hints.language ?? null,
    text: body.trim(),
  };
}
