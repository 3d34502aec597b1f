/**
 * RawArticle → Article: HTML through the extractor, text through the
 * plain-text parser; then what every article gets (container hints, the
 * language, the empty-body check).
 */
import { InputError, type Article, type RawArticle } from './article.js';
import { extractFromHtml } from './html/extract.js';
import { detectLanguage } from './language.js';
import { parseTextArticle } from './text.js';

type Hints = NonNullable<RawArticle['hints']>;

/** Container metadata (feed item, JSONL fields) is explicit about the item, so it wins where given. */
function applyHints(article: Article, hints: Hints | undefined): Article {
  if (!hints) return article;
  const out = { ...article };
  for (const key of ['url', 'title', 'byline', 'source', 'published', 'language'] as const) {
    const value = hints[key];
    if (value !== undefined && value !== null && value !== '') out[key] = value;
  }
  return out;
}

/** The extractor runs third-party DOM code on hostile bytes; its crash is this page's failure, not the run's. */
function extractHtml(raw: RawArticle): Article {
  try {
    return extractFromHtml(raw.html ?? '', { url: raw.url, contentType: raw.contentType });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`HTML extraction failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
  }
}

export function articleFromRaw(raw: RawArticle): Article {
  let article: Article;
  if (raw.html !== undefined) {
    article = applyHints(extractHtml(raw), raw.hints);
  } else {
    article = parseTextArticle(raw.text ?? '', raw.hints ?? {});
  }
  const text = article.text.trim();
  if (!text) throw new InputError('no article text found');
  return {
    ...article,
    url: article.url ?? raw.url,
    text,
    language: detectLanguage(text, article.language),
  };
}
