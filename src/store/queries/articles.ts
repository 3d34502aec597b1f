/** Articles: newest first, and one article with its analysis and the actor key of each entity. */
import { sql } from 'kysely';
import type { Analysis } from '../../analysis.js';
import type { ArticlesTable } from '../schema.js';
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

/** An article row as the one query of the hot path returns it, with its layers beside it. */
type ArticleViewRow = Omit<ArticlesTable, 'seq' | 'minhash'> & {
  seq: number | string;
  /** The stored layers: JSON text in SQLite, already parsed from json in PostgreSQL. */
  analysis: unknown;
  /** Entity id → actor key as the layer writer stored them: JSON text in SQLite, an object in PostgreSQL. */
  actor_keys: unknown;
};

/**
 * The body of GET /api/articles/:id, the same document as getArticleView
 * (JSON-equal), written as text. Article fetch is the hot read path: one
 * indexed query, and the stored analysis JSON is spliced in as stored
 * instead of parsed, validated and serialised again on every request.
 */
export async function getArticleViewJson(store: Store, id: string): Promise<string | null> {
  const keysOf =
    store.engine === 'sqlite'
      ? sql`(select json_group_object(entity_id, actor_key) from entities where article_id = a.id)`
      : sql`(select json_object_agg(entity_id, actor_key) from entities where article_id = a.id)`;
  const { rows } = await sql<ArticleViewRow>`
    select a.seq, a.id, a.content_hash, a.url, a.title, a.byline, a.source, a.published, a.language, a.text,
           a.duplicate_of, a.status, a.ingested_at, n.analysis, ${keysOf} as actor_keys
    from articles a left join analyses n on n.article_id = a.id
    where a.id = ${id}`.execute(store.db);
  const row = rows[0];
  if (!row) return null;
  const { id: articleId, url, title, byline, source, published, language, text } = row;
  const article: StoredArticle = {
    id: articleId,
    seq: Number(row.seq),
    contentHash: row.content_hash,
    url,
    title,
    byline,
    source,
    published,
    language,
    text,
    duplicateOf: row.duplicate_of,
    status: row.status,
    ingestedAt: row.ingested_at,
  };
  const articleJson = JSON.stringify(article);
  if (row.analysis === null || row.analysis === undefined) return `{"article":${articleJson},"analysis":null,"actorKeys":{}}`;
  const layers = typeof row.analysis === 'string' ? row.analysis : JSON.stringify(row.analysis);
  // The stored layers are an object written by insertArticle; anything else means a damaged row, not a fast path.
  if (!layers.startsWith('{"')) return JSON.stringify(await getArticleView(store, id));
  const analysisJson = `{"article":${JSON.stringify({ id: articleId, url, title, byline, source, published, language, text })},${layers.slice(1)}`;
  return `{"article":${articleJson},"analysis":${analysisJson},"actorKeys":${actorKeysJson(row.actor_keys, layers)}}`;
}

/** The stored entity → actor key map; articles stored before the layer tables existed have no rows, so derive it from the layers. */
function actorKeysJson(stored: unknown, layers: string): string {
  const json = typeof stored === 'string' ? stored : stored ? JSON.stringify(stored) : '{}';
  if (json !== '{}') return json;
  const { entities } = JSON.parse(layers) as Pick<Analysis, 'entities'>;
  const keys: Record<string, string> = {};
  for (const e of entities ?? []) keys[e.id] = actorKey(e.name, e.type);
  return JSON.stringify(keys);
}
