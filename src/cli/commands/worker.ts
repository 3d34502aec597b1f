import type { Command } from 'commander';
import { createAnalysisPool, parseJobs } from '../../parallel/pool.js';
import { openQueue, QueueDbError } from '../../queue/boss.js';
import { runWorker } from '../../queue/worker.js';
import { UsageError } from '../errors.js';
import { openStoreForCli } from './ingest.js';

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} expects a whole number ≥ 1`);
  return n;
}

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('take article jobs queued by `ingest --queue`, analyse and store them (run any number, on any machines)')
    .requiredOption('--db <url>', 'postgres:// URL of the store and its queue')
    .option('--jobs <n>', 'worker threads analysing articles (default: every core)')
    .option('--batch <n>', 'jobs taken at once (default: 4 per thread, at least 8)')
    .option('--until-empty', 'stop when no job is queued, retrying or active')
    .option('--maintenance-interval <s>', 'seconds between checks for jobs of dead workers', '30')
    .action(async (opts: { db: string; jobs?: string; batch?: string; untilEmpty?: boolean; maintenanceInterval: string }) => {
      const jobs = parseJobs(opts.jobs);
      if (jobs === null) throw new UsageError('--jobs expects a whole number from 1 to 512');
      const batchSize = opts.batch === undefined ? undefined : positive(opts.batch, '--batch', 8);
      const maintenanceSeconds = positive(opts.maintenanceInterval, '--maintenance-interval', 30);
      const store = await openStoreForCli(opts.db);
      let queue;
      try {
        queue = await openQueue(opts.db, { maintenanceSeconds });
      } catch (err) {
        await store.close();
        if (err instanceof QueueDbError) throw new UsageError(err.message);
        throw err;
      }
      const pool = createAnalysisPool(jobs);
      // SIGINT/SIGTERM: finish the batch in hand (it commits whole or not at all), then stop.
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const summary = await runWorker(queue, store, pool, {
          batchSize,
          untilEmpty: opts.untilEmpty,
          signal: controller.signal,
          onBatch: (s) => process.stderr.write(`worker: ${s.stored} stored, ${s.duplicates} duplicates, ${s.failed} failed\n`),
        });
        process.stderr.write(`worker: done: ${summary.stored} stored, ${summary.duplicates} duplicates, ${summary.failed} failed in ${summary.batches} batches\n`);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await pool.close();
        await queue.close();
        await store.close();
      }
    });
}
