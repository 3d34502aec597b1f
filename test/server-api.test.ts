import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestActorKeys } from '../src/store/queries/actors.js';
import { buildServer } from '../src/server/app.js';
import Fastify from 'fastify';
import { installResponseCache, LruBodies } from '../src/server/response-cache.js';
import { bearerMatches, loadOrCreateToken } from '../src/server/token.js';
import type { Store } from '../src/store/index.js';
import { buildFixture, FIXTURES, openFixtureStore } from './fixtures/web/analyses.js';

const TOKEN = 'test-token-0123456789abcdef';
const DROSTE = encodeURIComponent('PERSON:anika droste');

describe('HTTP API', () => {
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
    return { status: res.statusCode, body: res.json() as Record<string, unknown>, headers: res.headers };
  };

  it('serves the actor page, quotes and events with pagination', async () => {
    const actor = await get(`/api/actors/${DROSTE}`);
    expect(actor.status).toBe(200);
    expect(actor.body).toMatchObject({ actor: { name: 'Anika Droste', statements: 2 } });
    expect((actor.body.counterparts as unknown[]).length).toBe(2);
    const quotes = await get(`/api/quotes?speaker=${DROSTE}&text=coast`);
    expect(quotes.body.items).toMatchObject([{ content: '"We will not give up a single meter of our coast,"' }]);
    const page = await get('/api/events?limit=1&offset=2');
    expect(page.body).toMatchObject({ limit: 1, offset: 2 });
    expect(page.body.items).toHaveLength(1);
    const all = await get('/api/search?q=agreement');
    expect((all.body.articles as unknown[]).length).toBe(1);
    const articles = await get('/api/articles');
    const first = (articles.body.items as Array<{ id: string }>)[0]!;
    const view = await get(`/api/articles/${first.id}`);
    expect(view.body).toMatchObject({ article: { title: 'Velmora and Tarsan sign grain agreement' }, actorKeys: { e1: 'PERSON:anika droste' } });
    expect((await get('/api/network')).body.edges).toHaveLength(2);
    expect((await get('/api/overview')).body).toMatchObject({ counts: { articles: 2 } });
  });

  it('answers bad input and unknown paths with JSON {error, reason}', async () => {
    const tooMany = await get('/api/actors?limit=5000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ error: 'bad_request', reason: expect.stringContaining('limit') });
    expect((await get('/api/quotes?from=yesterday')).status).toBe(400);
    expect((await get('/api/quotes?unknown=1')).status).toBe(400);
    expect(await get('/api/articles/zzzz')).toMatchObject({ status: 400, body: { error: 'bad_request' } });
    expect(await get('/api/articles/0123456789abcdef')).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(await get('/api/actors/PERSON%3Anobody')).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(await get('/api/nothing')).toMatchObject({ status: 404, body: { error: 'not_found' } });
    const res = await get('/api/overview');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('documents itself as OpenAPI', async () => {
    const doc = await get('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths as object)).toEqual(expect.arrayContaining(['/api/actors/{key}', '/api/quotes', '/api/ingest']));
  });

  it('ingests only with the token, refuses oversized bodies, exports what it holds', async () => {
    const payload = { text: 'KESSEL, May 5, 2025 (Wire) - Tarsan trade minister Oona Pieterse said on Monday that grain prices would fall.' };
    const refused = await app.inject({ method: 'POST', url: '/api/ingest', payload });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'unauthorized' });
    const wrong = await app.inject({ method: 'POST', url: '/api/ingest', payload, headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    const bad = await app.inject({ method: 'POST', url: '/api/ingest', payload: { text: 'x', url: 'https://example.org/' }, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bad.json()).toMatchObject({ error: 'bad_request' });
    const huge = await app.inject({ method: 'POST', url: '/api/ingest', payload: { text: 'a'.repeat(6 * 1024 * 1024) }, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: 'payload_too_large' });
    const before = await get('/api/overview');
    expect(before.body).toMatchObject({ counts: { articles: 2 } });
    const ok = await app.inject({ method: 'POST', url: '/api/ingest', payload, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ outcome: 'stored' });
    const again = await app.inject({ method: 'POST', url: '/api/ingest', payload, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(again.json()).toMatchObject({ outcome: 'duplicate' });
    // The overview was cached before the ingest; the ingest must have emptied the cache.
    expect((await get('/api/overview')).body).toMatchObject({ counts: { articles: 3 } });
    const exported = await app.inject({ method: 'GET', url: '/api/export?format=jsonl' });
    expect(exported.body.trim().split('\n')).toHaveLength(3);
  }, 60_000);

  it('keeps a generated token private and stable', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'fivew-token-')), 'db.token');
    const first = loadOrCreateToken(path);
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateToken(path)).toEqual({ token: first.token, created: false });
    expect(readFileSync(path, 'utf8').trim()).toBe(first.token);
    expect(bearerMatches(`Bearer ${first.token}`, first.token)).toBe(true);
    expect(bearerMatches(`Bearer ${first.token}x`, first.token)).toBe(false);
    expect(bearerMatches(undefined, first.token)).toBe(false);
  });
});

describe('response cache', () => {
  it('serves repeated reads from the cache until another process changes the corpus', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fivew-cache-')), 'corpus.db');
    const store = await openFixtureStore(file);
    const app = await buildServer({ store, token: TOKEN, webRoot: null });
    const other = await openFixtureStore(file);
    try {
      const first = await app.inject({ method: 'GET', url: '/api/overview' });
      const second = await app.inject({ method: 'GET', url: '/api/overview' });
      expect(first.headers['x-cache']).toBeUndefined();
      expect(second.headers['x-cache']).toBe('hit');
      expect(second.body).toBe(first.body);
      expect(second.headers['content-security-policy']).toContain("script-src 'self'");
      // A client holding the tag gets a bodiless 304 while nothing changed.
      const tag = String(first.headers.etag);
      expect(second.headers.etag).toBe(tag);
      const unchanged = await app.inject({ method: 'GET', url: '/api/overview', headers: { 'if-none-match': tag } });
      expect(unchanged.statusCode).toBe(304);
      expect(unchanged.body).toBe('');
      expect((await app.inject({ method: 'GET', url: '/api/nothing', headers: { 'if-none-match': tag } })).statusCode).toBe(404);
      // A fourth article, committed through another connection, as a concurrent `fivew ingest` would.
      const { article, analysis } = buildFixture(FIXTURES[0]!);
      expect((await other.insertArticle({ ...article, text: `${article.text}\n\nA later copy.` }, analysis)).outcome).not.toBe('duplicate');
      const after = await app.inject({ method: 'GET', url: '/api/overview' });
      expect(after.headers['x-cache']).toBeUndefined();
      expect(after.json()).toMatchObject({ counts: { articles: 3 } });
      expect(after.headers.etag).not.toBe(tag);
      expect((await app.inject({ method: 'GET', url: '/api/overview', headers: { 'if-none-match': tag } })).statusCode).toBe(200);
      // Errors are never kept; article fetch is not cached at all.
      await app.inject({ method: 'GET', url: '/api/actors/PERSON%3Anobody' });
      expect((await app.inject({ method: 'GET', url: '/api/actors/PERSON%3Anobody' })).headers['x-cache']).toBeUndefined();
      const id = (JSON.parse((await app.inject({ method: 'GET', url: '/api/articles' })).body) as { items: Array<{ id: string }> }).items[0]!.id;
      await app.inject({ method: 'GET', url: `/api/articles/${id}` });
      expect((await app.inject({ method: 'GET', url: `/api/articles/${id}` })).headers['x-cache']).toBeUndefined();
    } finally {
      await app.close();
      await store.close();
      await other.close();
    }
  });

  it('prepares the most quoted actors\' pages before anyone asks, outside the rate limit', async () => {
    const store = await openFixtureStore();
    const app = await buildServer({ store, token: TOKEN, webRoot: null, readRateLimit: 2 });
    try {
      await app.ready();
      const busiest = await busiestActorKeys(store, 3);
      expect(busiest.length).toBe(3);
      // The warm-up runs between requests, a page at a time.
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Two reads allowed a minute: had the warm-up counted as a client, these would be refused.
      for (const key of busiest.slice(0, 2)) {
        const page = await app.inject({ method: 'GET', url: `/api/actors/${encodeURIComponent(key)}` });
        expect(page.statusCode).toBe(200);
        expect(page.headers['x-cache']).toBe('hit');
      }
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('still rate-limits cached reads', async () => {
    const store = await openFixtureStore();
    const app = await buildServer({ store, token: TOKEN, webRoot: null, readRateLimit: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await app.inject({ method: 'GET', url: '/api/overview' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('never keeps a body built across a change of the corpus', async () => {
    const store = await openFixtureStore();
    const app = Fastify();
    const cache = installResponseCache(app, store);
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    app.get('/api/slow', async () => {
      calls++;
      entered();
      await released;
      return { calls };
    });
    try {
      const pending = app.inject({ method: 'GET', url: '/api/slow' });
      await inHandler;
      cache.clear(); // the corpus changed while the handler was reading it
      release();
      const first = await pending;
      expect(first.json()).toEqual({ calls: 1 });
      expect(first.headers.etag).toBeUndefined();
      const second = await app.inject({ method: 'GET', url: '/api/slow' });
      expect(second.headers['x-cache']).toBeUndefined();
      expect(second.json()).toEqual({ calls: 2 });
      expect((await app.inject({ method: 'GET', url: '/api/slow' })).headers['x-cache']).toBe('hit');
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('evicts the least recently used bodies beyond its size', () => {
    const lru = new LruBodies(10);
    lru.set('a', 'xxxx');
    lru.set('b', 'yyyy');
    expect(lru.get('a')).toBe('xxxx');
    lru.set('c', 'zzzz');
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe('xxxx');
    expect(lru.size).toBe(2);
    lru.set('a', 'x');
    lru.set('d', 'wwwwwwww');
    expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual(['x', undefined, 'wwwwwwww']);
  });
});
