import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDb, loadCorpusView } from '../src/corpus/load.js';
import { saveCorpusView } from '../src/corpus/persist.js';
import { buildServer } from '../src/server/app.js';
import type { Store } from '../src/store/index.js';
import { FIXTURES, openFixtureStore } from './fixtures/web/analyses.js';

describe('HTTP API: claim and story clusters', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openFixtureStore();
    app = await buildServer({ store, token: 'test-token-0123456789abcdef', webRoot: null });
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
    const items = stories.body.items as Array<{ numArticles: number; articles: unknown[] }>;
    // Every stored article belongs to exactly one story.
    expect(items.reduce((n, s) => n + s.numArticles, 0)).toBe(FIXTURES.length);
    for (const s of items) expect(s.articles).toHaveLength(s.numArticles);
    const claims = await get('/api/claims?min=1&limit=5');
    expect(claims.status).toBe(200);
    expect((claims.body.items as Array<{ statements: unknown[] }>).every((c) => c.statements.length >= 1)).toBe(true);
  });

  it('rejects bad paging with a JSON reason', async () => {
    const bad = await get('/api/claims?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBeTruthy();
  });
});
