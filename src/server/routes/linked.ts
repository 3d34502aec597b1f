/**
 * The corpus layer's own endpoints: one claim, one story, an article's story
 * and claims, and the user's corrections to actor linking (token-protected,
 * like ingest; each one refreshes the corpus before answering, so the next
 * read shows it).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { corpusDb } from '../../corpus/load.js';
import { articleCorpus, getClaim, getStory } from '../../corpus/queries.js';
import type { CorpusRefresher } from '../../corpus/refresh.js';
import { addActorOverride, type OverrideAction } from '../../store/migration-corpus.js';
import type { Store } from '../../store/index.js';
import { HttpError } from '../errors.js';
import { bearerMatches } from '../token.js';
import { docSchema, parse, shortText } from '../validate.js';

// Claim ids are `c-<article>-<attribution>`, story ids `s-<article>`.
const ClaimParams = z.object({ id: z.string().regex(/^c-[0-9a-f]{16}-[\w.-]{1,40}$/, 'expected a claim id such as c-0123456789abcdef-q1') });
const StoryParams = z.object({ id: z.string().regex(/^s-[0-9a-f]{16}$/, 'expected a story id such as s-0123456789abcdef') });
const ArticleParams = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'expected a 16-digit hex article id') });
const MergeBody = z.object({ name: shortText.describe('the name to keep'), other: shortText.describe('the name to fold into it') }).strict();
const SplitBody = z.object({ name: shortText.describe('the name to take out of the actor it was linked to') }).strict();

export function registerLinkedRoutes(app: FastifyInstance, store: Store, token: string, refresher: CorpusRefresher): void {
  const db = corpusDb(store);
  const tags = ['corpus'];

  app.get('/api/claims/:id', { schema: { summary: 'one claim cluster with every statement, its speaker, date and article', tags, params: docSchema(ClaimParams) } }, async (req) => {
    const { id } = parse(ClaimParams, req.params);
    const claim = await getClaim(db, id);
    if (!claim) throw new HttpError(404, 'not_found', `no claim ${id}`);
    return claim;
  });

  app.get('/api/stories/:id', { schema: { summary: 'one story: its articles, sources and merged events with their mentions', tags, params: docSchema(StoryParams) } }, async (req) => {
    const { id } = parse(StoryParams, req.params);
    const story = await getStory(db, id);
    if (!story) throw new HttpError(404, 'not_found', `no story ${id}`);
    return story;
  });

  app.get('/api/articles/:id/corpus', { schema: { summary: "an article's story and the claim cluster of each of its statements", tags, params: docSchema(ArticleParams) } }, async (req) => {
    const { id } = parse(ArticleParams, req.params);
    return articleCorpus(db, id);
  });

  const correct = async (authorization: string | undefined, action: () => OverrideAction) => {
    if (!bearerMatches(authorization, token)) throw new HttpError(401, 'unauthorized', 'actor corrections need "Authorization: Bearer <token>" (see fivew serve output)');
    await addActorOverride(db, action());
    const r = await refresher.now();
    return { ok: true, actors: r.actors, rekeyed: r.rekeyed };
  };
  const limits = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  app.post('/api/actors/merge', { config: limits, schema: { summary: 'make two names one actor (kept across re-ingest); needs the bearer token', tags, body: docSchema(MergeBody) } }, (req) =>
    correct(req.headers.authorization, () => {
      const b = parse(MergeBody, req.body);
      return { action: 'merge', a: b.name, b: b.other };
    }),
  );
  app.post('/api/actors/split', { config: limits, schema: { summary: 'take a name out of the actor it was linked to; needs the bearer token', tags, body: docSchema(SplitBody) } }, (req) =>
    correct(req.headers.authorization, () => ({ action: 'split', name: parse(SplitBody, req.body).name })),
  );
}
