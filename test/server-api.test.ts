import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/app.js';
import { bearerMatches, loadOrCreateToken } from '../src/server/token.js';
import type { Store } from '../src/store/index.js';
import { openFixtureStore } from './fixtures/web/analyses.js';

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
    const ok = await app.inject({ method: 'POST', url: '/api/ingest', payload, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ outcome: 'stored' });
    const again = await app.inject({ method: 'POST', url: '/api/ingest', payload, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(again.json()).toMatchObject({ outcome: 'duplicate' });
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
