/** `fivew status`: job counts by state and the most recent failures, from the queue's own tables. */
import { z } from 'zod';
import { QUEUE_NAME, type Queue } from './boss.js';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueStatus {
  counts: Record<JobState, number>;
  recentFailures: Array<{ id: string; origin: string | null; message: string; at: string | null; retries: number }>;
}

const CountRow = z.object({ state: z.enum(JOB_STATES), n: z.coerce.number() });
const FailureRow = z.object({
  id: z.string(),
  origin: z.string().nullable(),
  message: z.string().nullable(),
  at: z.union([z.date(), z.string()]).nullable(),
  retries: z.coerce.number(),
});

export async function queueStatus(queue: Queue, recent = 10): Promise<QueueStatus> {
  const db = queue.boss.getDb();
  const s = queue.schema;
  // Finished jobs move to the archive table after a while: both are counted.
  const counts = await db.executeSql(
    `SELECT state::text AS state, count(*) AS n FROM (
       SELECT state FROM ${s}.job WHERE name = $1 UNION ALL SELECT state FROM ${s}.archive WHERE name = $1
     ) t GROUP BY state`,
    [QUEUE_NAME],
  );
  const failures = await db.executeSql(
    `SELECT id::text AS id, data->>'origin' AS origin, coalesce(output->>'message', output->'value'->>'message', output::text) AS message,
            completed_on AS at, retry_count AS retries
       FROM (SELECT id, data, output, completed_on, retry_count FROM ${s}.job WHERE name = $1 AND state = 'failed'
             UNION ALL SELECT id, data, output, completed_on, retry_count FROM ${s}.archive WHERE name = $1 AND state = 'failed') f
      ORDER BY completed_on DESC NULLS LAST LIMIT $2`,
    [QUEUE_NAME, recent],
  );
  const result: QueueStatus = { counts: Object.fromEntries(JOB_STATES.map((st) => [st, 0])) as Record<JobState, number>, recentFailures: [] };
  for (const row of counts.rows) {
    const r = CountRow.parse(row);
    result.counts[r.state] = r.n;
  }
  for (const row of failures.rows) {
    const r = FailureRow.parse(row);
    result.recentFailures.push({ id: r.id, origin: r.origin, message: r.message ?? 'unknown', at: r.at instanceof Date ? r.at.toISOString() : r.at, retries: r.retries });
  }
  return result;
}

export function formatStatus(status: QueueStatus): string {
  const c = status.counts;
  const lines = [`queued: ${c.created}`, `retrying: ${c.retry}`, `active: ${c.active}`, `completed: ${c.completed}`, `failed: ${c.failed}`];
  if (c.cancelled) lines.push(`cancelled: ${c.cancelled}`);
  if (status.recentFailures.length) {
    lines.push('recent failures:');
    for (const f of status.recentFailures) lines.push(`  ${f.at ?? '?'} ${f.origin ?? f.id}: ${f.message} (after ${f.retries} retries)`);
  }
  return `${lines.join('\n')}\n`;
}
