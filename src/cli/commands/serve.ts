import type { Command } from 'commander';
import { buildServer } from '../../server/app.js';
import { loadOrCreateToken, tokenPath } from '../../server/token.js';
import { findWebRoot } from '../../server/web-root.js';
import { DEFAULT_DB } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { openStoreForCli } from './ingest.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('HTTP API (/api, docs at /api/docs) and web UI over a stored corpus')
    .option('--db <url>', 'SQLite file or postgres:// URL', DEFAULT_DB)
    .option('--port <n>', 'TCP port', '8080')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--token <token>', 'bearer token for POST /api/ingest (default: generated once, kept in <db>.token)')
    .option('--rate-limit <n>', 'read requests per minute per client (0: unlimited; ingest and export keep their own limits)', '1200')
    .option('--no-cache', 'answer every read from the database (default: keep responses until the corpus changes; SQLite only)')
    .action(async (opts: { db: string; port: string; host: string; token?: string; rateLimit: string; cache: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port expects 0-65535, got "${opts.port}"`);
      const readRateLimit = Number(opts.rateLimit);
      if (!Number.isInteger(readRateLimit) || readRateLimit < 0) throw new UsageError(`--rate-limit expects a whole number ≥ 0, got "${opts.rateLimit}"`);
      if (opts.token !== undefined && opts.token.length < 16) throw new UsageError('--token must be at least 16 characters');
      const store = await openStoreForCli(opts.db);
      let token = opts.token;
      let note = 'given with --token';
      if (token === undefined) {
        const path = tokenPath(opts.db);
        const loaded = loadOrCreateToken(path);
        token = loaded.token;
        note = `${loaded.created ? 'created' : 'read'} ${path}`;
      }
      const webRoot = findWebRoot();
      const app = await buildServer({ store, token, webRoot, logLevel: process.env.FIVEW_LOG ?? false, readRateLimit, responseCache: opts.cache });
      const address = await app.listen({ port, host: opts.host });
      process.stderr.write(`fivew: serving ${address} (API docs ${address}/api/docs)\n`);
      process.stderr.write(`fivew: ingest token ${note}\n`);
      if (!webRoot) process.stderr.write('fivew: web UI not built (npm run build:web); serving the API only\n');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop).once('SIGTERM', stop);
      });
      await app.close();
      await store.close();
    });
}
