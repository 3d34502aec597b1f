/** Articles: newest first, and one article with its analysis and the actor key of each entity. */
import type { Analysis } from '../../analysis.js';
import type { Store, StoredArticle } from '../store.js';
import { actorKey } from './actor-key.js';
import { clampPage, newestFirst, type Page } from './page.js';
import { dateUpper } from './quotes.js';

export interface ArticleFilter extends Page {
  source?: string;
  from?: string;
  to?: string;
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  source: string | null;
  published: string | null;
  url: string | null;
  status: string;
}

export interface ArticleView {
  article: StoredArticle;
  analysis: Analysis | null;
  /** Entity id → actor key, for links to actor pages. */
  actorKeys: Record<string, string>;
}

export async function listArticles(store: Store, filter: ArticleFilter = {}): Promise<ArticleSummary[]> {
  const { limit, offset } = clampPage(filter);
  let q = store.db.selectFrom('articles').select(['id', 'title', 'source', 'published', 'url', 'status']);
  if (filter.source) q = q.where('source', '=', filter.source);
  if (filter.from) q = q.where('published', '>=', filter.from);
  if (filter.to) q = q.where('published', '<=', dateUpper(filter.to));
  return q.orderBy(newestFirst(store.engine, 'published')).orderBy('seq', 'desc').limit(limit).offset(offset).execute();
}

export async function getArticleView(store: Store, id: string): Promise<ArticleView | null> {
  const article = await store.getArticle(id);
  if (!article) return null;
  const analysis = await store.getAnalysis(id);
  const actorKeys: Record<string, string> = {};
  for (const e of analysis?.entities ?? []) actorKeys[e.id] = actorKey(e.name, e.type);
  return { article, analysis, actorKeys };
}
