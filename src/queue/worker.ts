/**
 * `fivew worker`: take article jobs from the queue, analyse them on a
 * worker-thread pool, and store each batch's articles and mark its jobs done
 * in ONE transaction. A worker that dies mid-batch commits nothing; its jobs
 * stay active until they expire and are then retried by whichever worker is
 * alive. Storing is idempotent by content hash, so a retried job whose
 * article did get stored (it cannot, here, but a re-enqueued one can) is a
 * duplicate, never a second copy.
 */
import PgBoss from 'pg-boss';
import type { Analysis } from '../analysis.js';
import { contentHash } from '../ingest/article.js';
import type { AnalysisPool } from '../parallel/pool.js';
import { oneLine } from '../store/ingest.js';
import type { BatchItem, Store } from '../store/store.js';
import { QUEUE_NAME, JobData, inTransaction, type Queue } from './boss.js';

export interface WorkerSummary {
  batches: number;
  stored: number;
  duplicates: number;
  failed: number;
}

export interface WorkerOptions {
  /** Jobs fetched at once (default 4 per analysis thread, at least 8). */
  batchSize?: number;
  /** Stop when nothing is queued, retrying or active any more (batch runs, tests); otherwise run until aborted. */
  untilEmpty?: boolean;
  /** Wait between polls of an empty queue (ms, default 1000). */
  pollMs?: number;
  signal?: AbortSignal;
  onBatch?: (summary: WorkerSummary) => void;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Jobs not finished yet: created, retry or active (pg-boss orders its states so). */
export async function unfinishedJobs(queue: Queue): Promise<number> {
  const { rows } = await queue.boss.getDb().executeSql(`SELECT count(*)::int AS n FROM ${queue.schema}.job WHERE name = $1 AND state < 'completed'`, [QUEUE_NAME]);
  return Number((rows[0] as { n: number } | undefined)?.n ?? 0);
}

// pg-boss 10 takes (name, ids, data, options) at run time; its typings lack the form with ids and a db.
type CompleteFn = (name: string, ids: string[], data: null, options: { db: PgBoss.Db }) => Promise<unknown>;
function completeMany(boss: PgBoss, ids: string[], db: PgBoss.Db): Promise<unknown> {
  return (boss.complete as unknown as CompleteFn).call(boss, QUEUE_NAME, ids, null, { db });
}

type Outcome = { job: PgBoss.Job<unknown>; item?: BatchItem; done?: 'duplicate'; error?: string };

async function prepare(job: PgBoss.Job<unknown>, store: Store, pool: AnalysisPool | null): Promise<Outcome> {
  const parsed = JobData.safeParse(job.data);
  if (!parsed.success) return { job, error: `malformed job: ${parsed.error.issues[0]?.message ?? 'invalid data'}` };
  const { article, analyze } = parsed.data;
  if (await store.findByContentHash(contentHash(article.text))) return { job, done: 'duplicate' };
  if (!analyze || !pool) return { job, item: { article, analysis: null } };
  try {
    const analysis: Analysis = (await pool.analyze(article)).analysis;
    return { job, item: { article, analysis } };
  } catch (err) {
    return { job, error: oneLine(err) };
  }
}

export async function runWorker(queue: Queue, store: Store, pool: AnalysisPool | null, options: WorkerOptions = {}): Promise<WorkerSummary> {
  const summary: WorkerSummary = { batches: 0, stored: 0, duplicates: 0, failed: 0 };
  const batchSize = options.batchSize ?? Math.max(8, (pool?.workers ?? 1) * 4);
  const { boss } = queue;
  while (!options.signal?.aborted) {
    const jobs = await boss.fetch<unknown>(QUEUE_NAME, { batchSize });
    if (jobs.length === 0) {
      if (options.untilEmpty && (await unfinishedJobs(queue)) === 0) break;
      await sleep(options.pollMs ?? 1000, options.signal);
      continue;
    }
    const outcomes = await Promise.all(jobs.map((job) => prepare(job, store, pool)));
    const toStore = outcomes.filter((o) => o.item);
    const done = outcomes.filter((o) => o.done).map((o) => o.job.id);
    const failed = outcomes.filter((o) => o.error !== undefined);
    const finish = async (db: PgBoss.Db, storedIds: string[], storeFailures: Array<{ id: string; error: string }>) => {
      const completeIds = [...done, ...storedIds];
      if (completeIds.length) await completeMany(boss, completeIds, db);
      for (const f of [...failed.map((o) => ({ id: o.job.id, error: o.error! })), ...storeFailures]) {
        await boss.fail(QUEUE_NAME, f.id, { message: f.error }, { db });
      }
    };
    if (toStore.length === 0) {
      await finish(boss.getDb(), [], []);
    } else {
      await store.insertBatch(
        toStore.map((o) => o.item!),
        {
          // The articles and their jobs' completion commit together: no stored article with a live job, no done job without its article.
          beforeCommit: async (trx, results) => {
            const stored: string[] = [];
            const storeFailures: Array<{ id: string; error: string }> = [];
            results.forEach((r, i) => {
              const id = toStore[i]!.job.id;
              if (r.ok) {
                stored.push(id);
                if (r.result.outcome === 'duplicate') summary.duplicates++;
                else summary.stored++;
              } else storeFailures.push({ id, error: oneLine(r.error) });
            });
            summary.failed += storeFailures.length;
            await finish(inTransaction(trx), stored, storeFailures);
          },
        },
      );
    }
    summary.duplicates += done.length;
    summary.failed += failed.length;
    summary.batches++;
    options.onBatch?.(summary);
  }
  return summary;
}
