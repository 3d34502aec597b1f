/** Typed calls to the fivew HTTP API; the types are the server's own. */
import type { ArticleCorpus, SavedClaim, SavedStory } from '../corpus/queries.js';
import type { ActorPage, ActorSummary } from '../store/queries/actors.js';
import type { ArticleSummary, ArticleView } from '../store/queries/articles.js';
import type { Network } from '../store/queries/network.js';
import type { Overview } from '../store/queries/overview.js';
import type { QuoteRow } from '../store/queries/quotes.js';
import type { InsertResult, SearchHit } from '../store/store.js';

export type { ArticleCorpus, SavedClaim, SavedStory };
export type { ActorPage, ActorSummary, ArticleSummary, ArticleView, Network, Overview, QuoteRow, SearchHit, InsertResult };

export interface Paged<T> {
  items: T[];
  limit: number;
  offset: number;
}

export interface Everywhere {
  articles: SearchHit[];
  actors: ActorSummary[];
  quotes: QuoteRow[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(reason);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = (await res.json().catch(() => null)) as { reason?: string } | null;
  if (!res.ok) throw new ApiError(res.status, body?.reason ?? `${res.status} ${res.statusText}`);
  return body as T;
}

const qs = (params: Record<string, string | number | undefined>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
};

export const api = {
  overview: () => call<Overview>('/api/overview'),
  articles: (offset = 0, limit = 20) => call<Paged<ArticleSummary>>(`/api/articles${qs({ offset, limit })}`),
  article: (id: string) => call<ArticleView>(`/api/articles/${encodeURIComponent(id)}`),
  actor: (key: string) => call<ActorPage>(`/api/actors/${encodeURIComponent(key)}`),
  search: (q: string) => call<Everywhere>(`/api/search${qs({ q, limit: 12 })}`),
  claims: (offset = 0, limit = 20) => call<Paged<SavedClaim>>(`/api/claims${qs({ offset, limit })}`),
  claim: (id: string) => call<SavedClaim>(`/api/claims/${encodeURIComponent(id)}`),
  stories: (offset = 0, limit = 20) => call<Paged<SavedStory>>(`/api/stories${qs({ offset, limit })}`),
  story: (id: string) => call<SavedStory>(`/api/stories/${encodeURIComponent(id)}`),
  articleCorpus: (id: string) => call<ArticleCorpus>(`/api/articles/${encodeURIComponent(id)}/corpus`),
  network: (actor: string) => call<Network>(`/api/network${qs({ actor, limit: 60 })}`),
  ingest: (body: Record<string, string>, token: string) =>
    call<InsertResult>('/api/ingest', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
};
