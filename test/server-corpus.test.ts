import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDb, loadCorpusView } from '../src/corpus/load.js';
import { saveCorpusView } from '../src/corpus/persist.js';
import { createCorpusRefresher, refreshCorpus } from '../src/corpus/refresh.js';
import { buildServer } from '../src/server/app.js';
import type { Store } from '../src/store/index.js';
import { buildFixture, FIXTURES, openFixtureStore } from './fixtures/web/analyses.js';

const TOKEN = 'test-token-0123456789abcdef';

// A third report that names the minister by surname only, with a statement of her own.
const SURNAME_ONLY = buildFixture({
  title: 'Velmora closes harbor to Tarsan trawlers',
  source: 'Coast Daily',
  published: '2025-05-02',
  text: 'Foreign minister Droste ordered the harbor of Port Eldin closed to Tarsan trawlers on Friday.\n\n"Our coast is not for sale," Droste said.',
  entities: [{ id: 'e1', type: 'PERSON', name: 'Droste', country: 'VLM', sector: 'GOV', roles: ['foreign minister'], forms: ['Droste'] }],
  quotes: [{ id: 'a1', speaker: 'e1', speakerText: 'Droste', cue: 'said', content: '"Our coast is not for sale,"' }],
  events: [],
});

describe('HTTP API: claim and story clusters', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openFixtureStore();
    app = await buildServer({ store, token: TOKEN, webRoot: null });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as { items?: unknown[]; error?: string } };
  };

  it('is empty before a rebuild and lists clusters after one', async () => {
    expect((await get('/api/stories?min=1')).body.items).toEqual([]);
    const { view } = await loadCorpusView(store);
    await saveCorpusView(corpusDb(store), view);
    const stories = await get('/api/stories?min=1&limit=50');
    expect(stories.status).toBe(200);
    const items = stories.body.items as Array<{ numArticles: number; articles: Array<{ title: string | null }> }>;
    // Every stored article belongs to exactly one story.
    expect(items.reduce((n, s) => n + s.numArticles, 0)).toBe(FIXTURES.length);
    for (const s of items) expect(s.articles).toHaveLength(s.numArticles);
    expect(items.flatMap((s) => s.articles.map((a) => a.title))).toContain(FIXTURES[0]!.title);
    const claims = await get('/api/claims?min=1&limit=5');
    expect(claims.status).toBe(200);
    expect((claims.body.items as Array<{ statements: unknown[] }>).every((c) => c.statements.length >= 1)).toBe(true);
  });

  it('rejects bad paging and bad ids with a JSON reason', async () => {
    const bad = await get('/api/claims?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBeTruthy();
    expect((await get('/api/stories/not-a-story')).status).toBe(400);
    expect((await get('/api/claims/c-0123456789abcdef-a9')).status).toBe(404);
  });
});

describe('HTTP API: the linked actor is the unit', () => {
  let store: Store;
  let app: FastifyInstance;
  let third: string;

  beforeAll(async () => {
    store = await openFixtureStore();
    third = (await store.insertArticle(SURNAME_ONLY.article, SURNAME_ONLY.analysis)).id;
    app = await buildServer({ store, token: TOKEN, webRoot: null, responseCache: false });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const get = async <T>(url: string): Promise<{ status: number; body: T }> => {
    const res = await app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() as T };
  };
  type Actor = {
    actor: { key: string; name: string; articles: number; statements: number };
    linked: { variants: string[]; links: Array<{ evidence: string; confidence: number }> } | null;
    quotes: Array<{ articleId: string }>;
  };

  it('falls back to one actor per name before the corpus is refreshed', async () => {
    const before = await get<Actor>(`/api/actors/${encodeURIComponent('PERSON:droste')}`);
    expect(before.body.actor).toMatchObject({ name: 'Droste', articles: 1 });
    expect(before.body.linked).toBeNull();
  });

  it('after a refresh, one actor page, quote list, search hit and top speaker for every name of the actor', async () => {
    const r = await refreshCorpus(store);
    expect(r.rekeyed).toBeGreaterThan(0);
    const page = await get<Actor>(`/api/actors/${encodeURIComponent('PERSON:anika droste')}`);
    expect(page.body.actor).toMatchObject({ key: 'PERSON:anika droste', articles: 3, statements: 3 });
    expect(new Set(page.body.quotes.map((q) => q.articleId)).size).toBe(3);
    expect(page.body.linked?.variants).toEqual(['Anika Droste', 'Droste']);
    expect(page.body.linked?.links).toEqual([expect.objectContaining({ evidence: 'surname', confidence: expect.any(Number) })]);
    // The surname's own address now opens the linked actor.
    expect((await get<Actor>(`/api/actors/${encodeURIComponent('PERSON:droste')}`)).body.actor.key).toBe('PERSON:anika droste');
    const quotes = await get<{ items: Array<{ articleId: string; speakerName: string }> }>(`/api/quotes?speaker=${encodeURIComponent('PERSON:droste')}`);
    expect(quotes.body.items.map((q) => q.articleId)).toContain(third);
    expect(new Set(quotes.body.items.map((q) => q.speakerName))).toEqual(new Set(['Anika Droste']));
    const search = await get<{ items: Array<{ key: string }> }>('/api/actors?q=droste');
    expect(search.body.items.map((a) => a.key)).toEqual(['PERSON:anika droste']);
    const overview = await get<{ topSpeakers: Array<{ key: string; statements: number }> }>('/api/overview');
    expect(overview.body.topSpeakers[0]).toMatchObject({ key: 'PERSON:anika droste', statements: 3 });
    const corpus = await get<{ story: { id: string } | null; claims: Record<string, { id: string }> }>(`/api/articles/${third}/corpus`);
    expect(corpus.body.story?.id).toMatch(/^s-/);
    expect(Object.keys(corpus.body.claims)).toEqual(['a1']);
  });

  it('merges and splits through the API, with the token only, and the actor pages follow', async () => {
    const post = (url: string, payload: unknown, token?: string) =>
      app.inject({ method: 'POST', url, payload: payload as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await post('/api/actors/merge', { name: 'Anika Droste', other: 'Marek Halloran' })).statusCode).toBe(401);
    expect((await post('/api/actors/merge', { name: 'Anika Droste' }, TOKEN)).statusCode).toBe(400);
    expect((await post('/api/actors/merge', { name: 'Anika Droste', other: 'Marek Halloran' }, TOKEN)).statusCode).toBe(200);
    const merged = await get<Actor>(`/api/actors/${encodeURIComponent('PERSON:marek halloran')}`);
    expect(merged.body.actor.key).toBe('PERSON:anika droste');
    expect(merged.body.linked?.variants).toContain('Marek Halloran');
    expect(merged.body.linked?.links.map((l) => l.evidence)).toContain('user-merge');

    expect((await post('/api/actors/split', { name: 'Droste' }, TOKEN)).statusCode).toBe(200);
    const split = await get<Actor>(`/api/actors/${encodeURIComponent('PERSON:droste')}`);
    expect(split.body.actor).toMatchObject({ key: 'PERSON:droste', articles: 1 });
    expect((await get<Actor>(`/api/actors/${encodeURIComponent('PERSON:anika droste')}`)).body.actor.articles).toBe(2);
  });

  it('a scheduled refresh runs once for a burst of calls, and close waits for it', async () => {
    const runs: number[] = [];
    const refresher = createCorpusRefresher(store, { delayMs: 20, onRefreshed: (r) => runs.push(r.analyses) });
    refresher.schedule();
    refresher.schedule();
    refresher.schedule();
    await refresher.close();
    expect(runs).toEqual([3]);
  });
});
