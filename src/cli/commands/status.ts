import type { Command } from 'commander';
import { openQueue, QueueDbError } from '../../queue/boss.js';
import { formatStatus, queueStatus } from '../../queue/status.js';
import { UsageError } from '../errors.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('job queue progress: queued, retrying, active, completed and failed jobs, and recent failures')
    .requiredOption('--db <url>', 'postgres:// URL of the store and its queue')
    .option('--json', 'print the counts and failures as JSON')
    .action(async (opts: { db: string; json?: boolean }) => {
      let queue;
      try {
        queue = await openQueue(opts.db, { supervise: false });
      } catch (err) {
        if (err instanceof QueueDbError) throw new UsageError(err.message);
        throw err;
      }
      try {
        const status = await queueStatus(queue);
        process.stdout.write(opts.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
      } finally {
        await queue.close();
      }
    });
}
