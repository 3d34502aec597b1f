/** Read-only corpus endpoints: overview, articles, actors, quotes, events, network, search. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { corpusDb } from '../../corpus/load.js';
import { listClaims, listStories } from '../../corpus/queries.js';
import type { Store } from '../../store/index.js';
import { getActor, searchActors } from '../../store/queries/actors.js';
import { getArticleViewJson, listArticles } from '../../store/queries/articles.js';
import { searchEvents } from '../../store/queries/events.js';
import { network } from '../../store/queries/network.js';
import { overview } from '../../store/queries/overview.js';
import { searchQuotes } from '../../store/queries/quotes.js';
import { newestArticleMatches, newestQuoteMatches } from '../../store/queries/quick-search.js';
import { queryWords } from '../../store/search.js';
import { HttpError } from '../errors.js';
import { dateParam, docSchema, pageQuery, parse, shortText } from '../validate.js';

const ArticlesQuery = z.object({ ...pageQuery, source: shortText.optional(), from: dateParam.optional(), to: dateParam.optional() }).strict();
const SearchQuery = z.object({ ...pageQuery, q: shortText }).strict();
const IdParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'expected a 16-digit hex article id') });
const ActorsQuery = z.object({ ...pageQuery, q: shortText.optional(), type: z.string().regex(/^[A-Za-z_]{2,12}$/).optional() }).strict();
const ActorParams = z.object({ key: z.string().min(3).max(300).regex(/^[A-Z_]+:/, 'expected an actor key such as PERSON:anika droste') });
const ActorQuery = z.object({ items: z.coerce.number().int().min(1).max(200).default(50) }).strict();
const QuotesQuery = z
  .object({
    ...pageQuery,
    speaker: shortText.optional().describe('actor key (PERSON:…) or part of a name'),
    text: shortText.optional().describe('words the quote must contain: what did the speaker say about…'),
    from: dateParam.optional(),
    to: dateParam.optional(),
    article: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  })
  .strict();
const EventsQuery = z
  .object({
    ...pageQuery,
    actor: shortText.optional().describe('actor key'),
    type: z.string().regex(/^[A-Za-z_]{2,20}$/).optional().describe('PLOVER type'),
    country: z.string().regex(/^[A-Za-z]{2,3}$/).optional(),
    from: dateParam.optional(),
    to: dateParam.optional(),
    article: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  })
  .strict();
const NetworkQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(100),
    offset: pageQuery.offset,
    actor: shortText.optional(),
    minWeight: z.coerce.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();
const ClaimsQuery = z
  .object({ ...pageQuery, speaker: shortText.optional().describe('corpus actor id'), min: z.coerce.number().int().min(1).max(1000).default(2) })
  .strict();
const StoriesQuery = z.object({ ...pageQuery, min: z.coerce.number().int().min(1).max(1000).default(2) }).strict();
const EverywhereQuery = z.object({ q: shortText, limit: z.coerce.number().int().min(1).max(50).default(8) }).strict();

export function registerCorpusRoutes(app: FastifyInstance, store: Store): void {
  const doc = (summary: string, parts: { querystring?: z.ZodType; params?: z.ZodType }) => ({
    schema: {
      summary,
      tags: ['corpus'],
      ...(parts.querystring ? { querystring: docSchema(parts.querystring) } : {}),
      ...(parts.params ? { params: docSchema(parts.params) } : {}),
    },
  });

  app.get('/api/overview', doc('counts, top speakers, events per month, recent articles', {}), () => overview(store));

  app.get('/api/articles', doc('articles, newest first', { querystring: ArticlesQuery }), async (req) => {
    const q = parse(ArticlesQuery, req.query);
    return { items: await listArticles(store, q), limit: q.limit, offset: q.offset };
  });

  app.get('/api/articles/search', doc('full-text search over articles', { querystring: SearchQuery }), async (req) => {
    const q = parse(SearchQuery, req.query);
    if (queryWords(q.q).length === 0) throw new HttpError(400, 'bad_request', 'q: needs at least one word');
    return { items: await store.search(q.q, { limit: q.limit, offset: q.offset }), limit: q.limit, offset: q.offset };
  });

  app.get('/api/articles/:id', doc('one article with its analysis', { params: IdParams }), async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    const body = await getArticleViewJson(store, id);
    if (body === null) throw new HttpError(404, 'not_found', `no article ${id}`);
    // Already JSON text: sent as it is, not serialised again.
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.get('/api/actors', doc('actors whose name contains q, most quoted first', { querystring: ActorsQuery }), async (req) => {
    const q = parse(ActorsQuery, req.query);
    return { items: await searchActors(store, q), limit: q.limit, offset: q.offset };
  });

  app.get('/api/actors/:key', doc('one actor: names, roles, quotes, events, timeline, counterparts, places', { params: ActorParams, querystring: ActorQuery }), async (req) => {
    const { key } = parse(ActorParams, req.params);
    const { items } = parse(ActorQuery, req.query);
    const page = await getActor(store, key, { items });
    if (!page) throw new HttpError(404, 'not_found', `no actor ${key}`);
    return page;
  });

  app.get('/api/quotes', doc('quotes by speaker, words and date range', { querystring: QuotesQuery }), async (req) => {
    const { article, ...q } = parse(QuotesQuery, req.query);
    return { items: await searchQuotes(store, { ...q, articleId: article }), limit: q.limit, offset: q.offset };
  });

  app.get('/api/events', doc('events by actor, type, country and date range', { querystring: EventsQuery }), async (req) => {
    const { article, ...q } = parse(EventsQuery, req.query);
    return { items: await searchEvents(store, { ...q, articleId: article }), limit: q.limit, offset: q.offset };
  });

  app.get('/api/network', doc('actor pairs weighted by the events they share', { querystring: NetworkQuery }), async (req) => {
    const q = parse(NetworkQuery, req.query);
    return { ...(await network(store, q)), limit: q.limit, offset: q.offset };
  });

  // Claim and story clusters come from the saved corpus view (`fivew corpus rebuild`).
  app.get('/api/claims', doc('recurring claims: statements that assert the same thing, with first and last seen', { querystring: ClaimsQuery }), async (req) => {
    const q = parse(ClaimsQuery, req.query);
    return { items: await listClaims(corpusDb(store), q), limit: q.limit, offset: q.offset };
  });

  app.get('/api/stories', doc('story clusters: articles reporting the same event, largest first', { querystring: StoriesQuery }), async (req) => {
    const q = parse(StoriesQuery, req.query);
    return { items: await listStories(corpusDb(store), q), limit: q.limit, offset: q.offset };
  });

  app.get('/api/search', doc('one box over articles, actors and quotes (newest matches first)', { querystring: EverywhereQuery }), async (req) => {
    const { q, limit } = parse(EverywhereQuery, req.query);
    const hasWords = queryWords(q).length > 0;
    const [articles, actors, quotes] = await Promise.all([
      hasWords ? newestArticleMatches(store, q, limit) : [],
      searchActors(store, { q, limit }),
      hasWords ? newestQuoteMatches(store, q, limit) : [],
    ]);
    return { articles, actors, quotes };
  });
}
