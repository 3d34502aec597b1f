/**
 * The HTTP API and the web UI as one Fastify instance over a Store. The
 * caller owns the store (opens and closes it); the server only reads and,
 * for ingest, writes through it.
 */
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Store } from '../store/index.js';
import { installErrorHandlers, notFoundBody } from './errors.js';
import { registerCorpusRoutes } from './routes/corpus.js';
import { registerIngestRoutes } from './routes/ingest.js';
import { registerLinkedRoutes } from './routes/linked.js';
import { createCorpusRefresher } from '../corpus/refresh.js';
import { installResponseCache } from './response-cache.js';
import { busiestActorKeys } from '../store/queries/actors.js';

export interface ServerOptions {
  store: Store;
  /** Bearer token that POST /api/ingest requires. */
  token: string;
  /** Built web UI folder (index.html + assets); null serves the API only. */
  webRoot: string | null;
  /** pino level, or false for none. */
  logLevel?: string | false;
  /** Requests per minute per client on read routes (default 1200; 0: no limit on reads, ingest and export keep theirs). */
  readRateLimit?: number;
  /** Keep read responses until the corpus changes (SQLite only; default true). */
  responseCache?: boolean;
  /** Wait after the last ingest before refreshing the corpus layer (default 2000 ms). */
  corpusRefreshDelayMs?: number;
}

// The UI is self-contained: scripts and styles from our origin only, so injected markup cannot load or run anything.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** Actor pages answered ahead of any visitor after each change: the most quoted, whose pages cost the most. */
const WARM_ACTOR_PAGES = 20;
const WARM_HEADER = 'x-fivew-warm';

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const warmSecret = randomBytes(16).toString('hex');
  const app = Fastify({
    logger: options.logLevel ? { level: options.logLevel } : false,
    bodyLimit: 1024 * 1024,
    // Query strings with repeated keys or nesting are never ours: keep them flat.
    routerOptions: { maxParamLength: 300 },
  });
  // Handlers validate with zod; the route JSON Schemas are there for the OpenAPI document only.
  app.setValidatorCompiler(() => () => true);
  installErrorHandlers(app);

  const readLimit = options.readRateLimit ?? 1200;
  await app.register(rateLimit, {
    global: readLimit > 0,
    // The server's own cache warm-up is not a client.
    allowList: (req) => req.headers[WARM_HEADER] === warmSecret,
    max: readLimit > 0 ? readLimit : 1,
    timeWindow: '1 minute',
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: 'too_many_requests', reason: `rate limit: ${ctx.max} requests per ${ctx.after}`, message: `rate limit exceeded, retry in ${ctx.after}` }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'fivew corpus API', version: '0.1.0', description: 'Who said what, who did what to whom, where and when, over a stored corpus.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null }, staticCSP: true });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!req.url.startsWith('/api/docs')) reply.header('content-security-policy', CSP);
    return payload;
  });

  // The actor page's world map: world-atlas ships with fivew, so the map needs no network.
  const atlasPath = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
  let atlas: Promise<Buffer> | null = null;
  app.get('/world/countries-110m.json', { schema: { hide: true } }, async (_req, reply) => {
    atlas ??= readFile(atlasPath);
    return reply.header('content-type', 'application/json').header('cache-control', 'public, max-age=86400').send(await atlas);
  });

  // Article fetch is one indexed read already; export streams.
  const cache =
    options.responseCache ?? true
      ? installResponseCache(app, options.store, {
          skip: new Set(['/api/articles/:id', '/api/export']),
          warm: async () => (await busiestActorKeys(options.store, WARM_ACTOR_PAGES)).map((key) => `/api/actors/${encodeURIComponent(key)}`),
          warmHeaders: { [WARM_HEADER]: warmSecret },
        })
      : null;
  // Linked actors, stories and claims follow what is posted: one refresh a moment after the last post.
  const refresher = createCorpusRefresher(options.store, {
    delayMs: options.corpusRefreshDelayMs,
    onRefreshed: () => cache?.clear(),
    onError: (err) => app.log.error({ err }, 'corpus refresh failed'),
  });
  app.addHook('onClose', () => refresher.close());
  registerCorpusRoutes(app, options.store);
  registerLinkedRoutes(app, options.store, options.token, refresher);
  registerIngestRoutes(app, options.store, options.token, () => refresher.schedule());

  const webRoot = options.webRoot;
  if (webRoot) await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'], wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (/actor/…, /article/…) all load the one page; unknown API paths stay JSON 404s.
    const path = req.url.split('?')[0]!;
    if (webRoot && req.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) return reply.sendFile('index.html');
    return reply.status(404).send(notFoundBody(req.method, req.url));
  });
  return app;
}
