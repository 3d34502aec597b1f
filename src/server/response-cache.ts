/**
 * A response cache for the read API over SQLite. Actor pages and ranked
 * searches aggregate hundreds of rows; the corpus changes only when
 * something is ingested, so between changes the same URL gets the same
 * bytes. An entry is good while the database is unchanged: SQLite's
 * `data_version` moves whenever another connection (a `fivew ingest`, a
 * `corpus rebuild`) commits, and this server's own writes (POST) clear the
 * cache. PostgreSQL offers no such cheap check, so it is served uncached.
 *
 * The same reasoning gives ETags for free: every cacheable response carries
 * the server's generation (bumped at every change), and a client that sends
 * it back while nothing has changed gets a bodiless 304.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Store } from '../store/index.js';

export interface ResponseCacheOptions {
  /** Bytes of response bodies kept, oldest use evicted first. */
  maxBytes?: number;
  /** Larger bodies are not kept. */
  maxEntryBytes?: number;
  /** Route patterns (as registered) never cached: point lookups that are cheap already, streams. */
  skip?: ReadonlySet<string>;
  /**
   * URLs answered ahead of any visitor whenever the cache empties (the pages of the most quoted actors): the
   * heaviest pages are the most visited, and their first visitor after an ingest should not wait for them.
   */
  warm?: () => Promise<string[]>;
  /** Headers of the warm-up requests (the server exempts them from rate limits by a secret one). */
  warmHeaders?: Record<string, string>;
}

/** Least recently used strings by key, bounded by their total length. */
export class LruBodies {
  private readonly entries = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): string | undefined {
    const body = this.entries.get(key);
    if (body === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks the entry as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, body);
    return body;
  }

  set(key: string, body: string): void {
    this.delete(key);
    this.entries.set(key, body);
    this.bytes += body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.length;
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.bytes -= old.length;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}

const HIT = Symbol('response-cache-hit');
const SEEN = Symbol('response-cache-generation');
type Marked = FastifyRequest & { [HIT]?: boolean; [SEEN]?: number };

/** `clear` empties the cache: for this server's own writes outside a request (the corpus refresh after ingest). */
export function installResponseCache(app: FastifyInstance, store: Store, options: ResponseCacheOptions = {}): { clear(): void } {
  if (store.engine !== 'sqlite') return { clear() {} };
  const maxEntryBytes = options.maxEntryBytes ?? 2 * 1024 * 1024;
  const skip = options.skip ?? new Set<string>();
  const bodies = new LruBodies(options.maxBytes ?? 32 * 1024 * 1024);
  let version: number | null = null;
  // A restart starts a new series, so a tag from before it never matches.
  const boot = randomBytes(6).toString('hex');
  let generation = 0;
  let etag = '';
  let ready = false;
  const reset = () => {
    bodies.clear();
    generation++;
    etag = `W/"${boot}-${generation}"`;
    if (ready) warmUp(generation);
  };
  reset();

  /** Fills the cache with `options.warm`'s URLs, one at a time between other requests, until the data changes again. */
  function warmUp(forGeneration: number): void {
    if (!options.warm) return;
    const warm = options.warm;
    setImmediate(async () => {
      try {
        for (const url of await warm()) {
          if (generation !== forGeneration) return;
          if (bodies.get(url) === undefined) await app.inject({ method: 'GET', url, headers: options.warmHeaders });
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (err) {
        app.log.warn({ err }, 'response cache warm-up stopped');
      }
    });
  }
  app.addHook('onReady', async () => {
    ready = true;
    warmUp(generation);
  });

  // Matched API routes only: not the docs page's files, not unknown paths.
  const cacheable = (req: FastifyRequest) => {
    const route = req.routeOptions.url;
    return req.method === 'GET' && route !== undefined && route.startsWith('/api/') && !route.startsWith('/api/docs') && !skip.has(route);
  };

  /** Empties the cache when another connection has committed since the last look. */
  async function checkVersion(): Promise<void> {
    const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(store.db);
    const now = Number(rows[0]?.data_version);
    if (now !== version) reset();
    version = now;
  }

  // preHandler, not onRequest: the rate limiter's per-route onRequest hooks must see cached requests too.
  app.addHook('preHandler', async (req, reply) => {
    if (!cacheable(req)) return;
    await checkVersion();
    (req as Marked)[SEEN] = generation;
    if (req.headers['if-none-match'] === etag) return reply.code(304).header('etag', etag).send();
    const body = bodies.get(req.url);
    if (body === undefined) return;
    (req as Marked)[HIT] = true;
    return reply.header('content-type', 'application/json; charset=utf-8').header('etag', etag).header('x-cache', 'hit').send(body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    // A change noticed while this response was being built (by a request in between) may have come too late for
    // its queries: such a body is sent once, untagged, and never kept.
    const marked = req as Marked;
    if (reply.statusCode === 200 && cacheable(req) && !marked[HIT] && marked[SEEN] === generation) {
      reply.header('etag', etag);
      if (typeof payload === 'string' && payload.length <= maxEntryBytes) bodies.set(req.url, payload);
    }
    return payload;
  });

  // This server's own writes (ingest) do not move data_version on its own connection.
  app.addHook('onResponse', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS' && reply.statusCode < 400) reset();
  });
  return { clear: reset };
}
