/**
 * The article queue on PostgreSQL (pg-boss, in the store's database, in its
 * own schema: `<store schema>_boss`, or `fivew_boss` beside the default one).
 */
import { CompiledQuery, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { parseDbUrl } from '../store/url.js';
import type { Database } from '../store/schema.js';

export const QUEUE_NAME = 'fivew-articles';

export interface QueueSettings {
  /** Seconds a job may stay active before it counts as lost (its worker died) and is retried. */
  expireSeconds?: number;
  /** Attempts after the first before a job is left failed. */
  retryLimit?: number;
  /** How often this process looks for expired jobs (seconds). */
  maintenanceSeconds?: number;
  /** Whether this process runs pg-boss maintenance (expiry, archiving); workers do, enqueuers need not. */
  supervise?: boolean;
}

/** What one job carries: one prepared article (see prepareArticle) and where it came from. */
export const JobData = z.object({
  origin: z.string(),
  article: z.object({
    url: z.string().nullable(),
    title: z.string().nullable(),
    byline: z.string().nullable(),
    source: z.string().nullable(),
    published: z.string().nullable(),
    language: z.string().nullable(),
    text: z.string(),
  }),
  analyze: z.boolean(),
});
export type JobData = z.infer<typeof JobData>;

export interface Queue {
  boss: PgBoss;
  schema: string;
  close(): Promise<void>;
}

/** The queue's schema for a --db URL. */
export function bossSchema(dbUrl: string): { connectionString: string; schema: string } {
  const loc = parseDbUrl(dbUrl);
  if (loc.engine !== 'postgres') throw new QueueDbError('the job queue needs a postgres:// --db');
  return { connectionString: loc.connectionString, schema: `${loc.schema ?? 'fivew'}_boss` };
}

export class QueueDbError extends Error {
  override name = 'QueueDbError';
}

export async function openQueue(dbUrl: string, settings: QueueSettings = {}): Promise<Queue> {
  const { connectionString, schema } = bossSchema(dbUrl);
  const boss = new PgBoss({
    connectionString,
    schema,
    supervise: settings.supervise ?? true,
    schedule: false,
    maintenanceIntervalSeconds: settings.maintenanceSeconds ?? 60,
    max: 4,
  });
  boss.on('error', (err: Error) => process.stderr.write(`fivew: queue: ${err.message}\n`));
  await boss.start();
  if (!(await boss.getQueue(QUEUE_NAME))) {
    try {
      await boss.createQueue(QUEUE_NAME, {
        name: QUEUE_NAME,
        retryLimit: settings.retryLimit ?? 5,
        retryDelay: 1,
        expireInSeconds: settings.expireSeconds ?? 900,
      });
    } catch (err) {
      // Another process created it between our look and our insert.
      if (!(await boss.getQueue(QUEUE_NAME))) throw err;
    }
  }
  return { boss, schema, close: () => boss.stop({ graceful: false, wait: true }) };
}

/** pg-boss runs its statements through this: inside our transaction, its job changes commit with our rows. */
export function inTransaction(trx: Transaction<Database>): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] as never[] };
    },
  };
}
