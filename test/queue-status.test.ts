import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { contentHash } from '../src/ingest/article.js';
import { openQueue, QUEUE_NAME } from '../src/queue/boss.js';
import { jobIdFor } from '../src/queue/enqueue.js';
import { queueStatus, formatStatus } from '../src/queue/status.js';
import { runWorker } from '../src/queue/worker.js';
import { openStore } from '../src/store/index.js';

const PG = process.env.FIVEW_TEST_PG;

describe('job ids', () => {
  it('are UUIDs fixed by the content hash', () => {
    const a = jobIdFor(contentHash('Ferry timetable approved in Velmar.'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(jobIdFor(contentHash('Ferry timetable approved in Velmar.'))).toBe(a);
    expect(jobIdFor(contentHash('Ferry timetable approved in Tessin.'))).not.toBe(a);
  });
});

describe.skipIf(!PG)(`queue status on PostgreSQL${PG ? '' : ' (skipped: set FIVEW_TEST_PG=postgres://… to run)'}`, () => {
  const schema = `fivew_qstatus_${process.pid}_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade; drop schema if exists ${schema}_boss cascade`);
    await client.end();
  });

  it('stores good jobs, fails malformed ones, and reports both', async () => {
    const url = new URL(PG!);
    url.searchParams.set('schema', schema);
    const store = await openStore(url.toString());
    const queue = await openQueue(url.toString(), { retryLimit: 0, maintenanceSeconds: 1 });
    try {
      const text = 'KESSA, May 2 - The ferry board approved a new timetable on Monday, its chairman said.';
      const article = { url: null, title: 'Ferry timetable', byline: null, source: null, published: null, language: 'en', text };
      await queue.boss.insert([
        { id: jobIdFor(contentHash(text)), name: QUEUE_NAME, data: { origin: 'good.txt', article, analyze: false } },
        { name: QUEUE_NAME, data: { origin: 'bad.txt', article: { text: 42 } } },
        // The same content again under another id: stored once, the second is a duplicate.
        { name: QUEUE_NAME, data: { origin: 'again.txt', article, analyze: false } },
      ]);
      const summary = await runWorker(queue, store, null, { untilEmpty: true, pollMs: 100, batchSize: 1 });
      expect(summary).toMatchObject({ stored: 1, duplicates: 1, failed: 1 });
      expect((await store.counts()).articles).toBe(1);
      const status = await queueStatus(queue);
      expect(status.counts).toMatchObject({ created: 0, retry: 0, active: 0, completed: 2, failed: 1 });
      expect(status.recentFailures).toHaveLength(1);
      expect(status.recentFailures[0]!.origin).toBe('bad.txt');
      expect(status.recentFailures[0]!.message).toMatch(/^malformed job/);
      expect(formatStatus(status)).toMatch(/failed: 1\nrecent failures:\n .* bad\.txt: malformed job/);
    } finally {
      await queue.close();
      await store.close();
    }
  }, 60_000);
});
