/**
 * `fivew ingest --queue`: read articles and put one job per article on the
 * queue, in batches. A job's id is derived from the article's content hash, so
 * enqueuing the same content twice while its job exists adds nothing; content
 * the store already holds is not queued at all.
 */
import { contentHash, type ReadResult } from '../ingest/article.js';
import { oneLine, prepareArticle } from '../store/ingest.js';
import type { Store } from '../store/store.js';
import { QUEUE_NAME, type JobData, type Queue } from './boss.js';

export interface EnqueueSummary {
  read: number;
  queued: number;
  duplicates: number;
  failed: Array<{ origin: string; reason: string }>;
}

/** A content hash as a UUID (pg-boss job ids are UUIDs). */
export function jobIdFor(hash: string): string {
  const h = hash.slice(0, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export async function enqueueArticles(
  items: AsyncIterable<ReadResult>,
  store: Store,
  queue: Queue,
  options: { analyze: boolean; published?: string; batchSize?: number; expireSeconds?: number; onProgress?: (s: EnqueueSummary) => void },
): Promise<EnqueueSummary> {
  const summary: EnqueueSummary = { read: 0, queued: 0, duplicates: 0, failed: [] };
  const batchSize = Math.max(1, options.batchSize ?? 200);
  let batch: Array<{ id: string; name: string; data: JobData; expireInSeconds?: number }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await queue.boss.insert(batch);
    summary.queued += batch.length;
    batch = [];
  };
  for await (const item of items) {
    summary.read++;
    if (!item.ok) {
      summary.failed.push({ origin: item.origin, reason: oneLine(item.error) });
      continue;
    }
    const article = prepareArticle(item.article, { published: options.published });
    if (article.text.trim() === '') {
      summary.failed.push({ origin: item.origin, reason: 'no article text' });
      continue;
    }
    const hash = contentHash(article.text);
    if (await store.findByContentHash(hash)) {
      summary.duplicates++;
      continue;
    }
    batch.push({ id: jobIdFor(hash), name: QUEUE_NAME, data: { origin: item.origin, article, analyze: options.analyze }, expireInSeconds: options.expireSeconds });
    if (batch.length >= batchSize) await flush();
    options.onProgress?.(summary);
  }
  await flush();
  return summary;
}
