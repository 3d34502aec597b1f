import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { readSources } from '../../ingest/index.js';
import type { ReadResult } from '../../ingest/article.js';
import { analyseAhead, type Ahead } from '../../parallel/ingest-ahead.js';
import { createAnalysisPool, parseJobs } from '../../parallel/pool.js';
import { openQueue, QueueDbError } from '../../queue/boss.js';
import { enqueueArticles } from '../../queue/enqueue.js';
import { describeRefresh, refreshCorpus } from '../../corpus/refresh.js';
import { createIngester, oneLine, type Settled } from '../../store/ingest.js';
import { DEFAULT_DB, DbUrlError, openStore, type OpenStoreOptions, type Store } from '../../store/index.js';
import { EXIT_SOME_FAILED, UsageError } from '../errors.js';
import { checkActorFiles, collect, parseDateOption } from '../options.js';

/** Open --db for a command; a --db value that names no database is the user's mistake (exit 2). */
export async function openStoreForCli(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  try {
    return await openStore(url, options);
  } catch (err) {
    if (err instanceof DbUrlError) throw new UsageError(err.message);
    throw err;
  }
}

export interface IngestSummary {
  read: number;
  stored: number;
  nearDuplicates: number;
  duplicates: number;
  notAnalysedLanguage: number;
  failed: Array<{ origin: string; reason: string }>;
}

/** The number of inputs is unknown up front (folders, feeds, archives), so progress is a count and a rate. */
function countProgress(): { update(s: IngestSummary): void; stop(): void } {
  const started = Date.now();
  const rate = (n: number) => (n / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'ingest: {value} read, {stored} stored, {failed} failed, {rate}/s', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(0, 0, { stored: 0, failed: 0, rate: '0.0' });
    return {
      update: (s) => bar.update(s.read, { stored: s.stored, failed: s.failed.length, rate: rate(s.read) }),
      stop: () => bar.stop(),
    };
  }
  let last = started;
  return {
    update(s) {
      if (Date.now() - last < 5000) return;
      last = Date.now();
      process.stderr.write(`ingest: ${s.read} read, ${s.stored} stored, ${s.failed.length} failed, ${rate(s.read)}/s\n`);
    },
    stop() {},
  };
}

export function formatSummary(s: IngestSummary): string {
  const lines = [
    `read: ${s.read}`,
    `stored: ${s.stored}`,
    `near-duplicates: ${s.nearDuplicates} (stored, linked to the earlier article)`,
    `duplicates: ${s.duplicates} (already stored, skipped)`,
  ];
  if (s.notAnalysedLanguage) lines.push(`not analysed (not English): ${s.notAnalysedLanguage} (stored)`);
  lines.push(`failed: ${s.failed.length}`);
  for (const f of s.failed) lines.push(`  ${f.origin}: ${f.reason}`);
  return `${lines.join('\n')}\n`;
}

async function* plain(items: AsyncIterable<ReadResult>): AsyncGenerator<Ahead> {
  for await (const item of items) yield { item };
}

async function queueInputs(inputs: string[], opts: { db: string; analyze: boolean; jobExpiry: string }, published: string | undefined): Promise<void> {
  const expireSeconds = Number(opts.jobExpiry);
  if (!Number.isInteger(expireSeconds) || expireSeconds < 1) throw new UsageError('--job-expiry expects a whole number of seconds ≥ 1');
  const store = await openStoreForCli(opts.db);
  try {
    const queue = await openQueue(opts.db, { expireSeconds, supervise: false }).catch((err: unknown) => {
      throw err instanceof QueueDbError ? new UsageError(err.message) : err;
    });
    try {
      const s = await enqueueArticles(readSources(inputs), store, queue, { analyze: opts.analyze, published, expireSeconds });
      const lines = [`read: ${s.read}`, `queued: ${s.queued}`, `duplicates: ${s.duplicates} (already stored, not queued)`, `failed: ${s.failed.length}`];
      for (const f of s.failed) lines.push(`  ${f.origin}: ${f.reason}`);
      process.stderr.write(`${lines.join('\n')}\n`);
      if (s.failed.length > 0) process.exitCode = EXIT_SOME_FAILED;
    } finally {
      await queue.close();
    }
  } finally {
    await store.close();
  }
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read articles, analyse the English ones and store them (idempotent: stored content is skipped)')
    .argument('<inputs...>', 'files, folders, feeds, JSONL, .gz, WARC or URLs')
    .option('--db <url>', 'SQLite file or postgres:// URL', DEFAULT_DB)
    .option('--no-analyze', 'store articles without analysing them')
    .option('--published <date>', 'publication date to assume when an article has none (YYYY-MM-DD)')
    .option('--jobs <n>', 'worker threads analysing articles (default: every core)')
    .option('--queue', 'only queue the articles (PostgreSQL --db); `fivew worker` processes (any number, any machine) analyse and store them')
    .option('--job-expiry <s>', 'with --queue: seconds before the job of a worker that died is retried', '900')
    .option('--no-corpus', 'do not refresh the corpus layer (linked actors, stories, claims) at the end; `fivew corpus rebuild` does it later')
    .option('--actors <file>', 'a PETRARCH/Phoenix actor dictionary, CountryInfo.txt or `fivew actors import-dict` JSON to code actors with (repeatable)', collect)
    .action(async (inputs: string[], opts: { db: string; analyze: boolean; corpus: boolean; published?: string; jobs?: string; queue?: boolean; jobExpiry: string; actors?: string[] }) => {
      const published = opts.published ? parseDateOption(opts.published, '--published') : undefined;
      const jobs = parseJobs(opts.jobs);
      if (jobs === null) throw new UsageError('--jobs expects a whole number from 1 to 512');
      if (opts.queue) return queueInputs(inputs, opts, published);
      const store = await openStoreForCli(opts.db);
      const summary: IngestSummary = { read: 0, stored: 0, nearDuplicates: 0, duplicates: 0, notAnalysedLanguage: 0, failed: [] };
      // Ctrl-C stops after the current article: every article before it is committed whole.
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      const progress = countProgress();
      const ingester = createIngester(store, { analyze: opts.analyze, published });
      const record = (settled: Settled[]) => {
        for (const s of settled) {
          if (!s.ok) summary.failed.push({ origin: s.origin, reason: s.error });
          else if (s.result.outcome === 'duplicate') summary.duplicates++;
          else {
            summary.stored++;
            if (s.result.outcome === 'near_duplicate') summary.nearDuplicates++;
            if (s.result.status === 'not_analysed_language') summary.notAnalysedLanguage++;
          }
        }
      };
      // Analysis runs on worker threads a bounded window ahead; storing stays here, in input order.
      const pool = opts.analyze ? createAnalysisPool(jobs, { actorFiles: checkActorFiles(opts.actors) }) : null;
      const items = readSources(inputs, { signal: controller.signal });
      try {
        for await (const { item, analysis, error } of pool ? analyseAhead(items, store, pool, { published }) : plain(items)) {
          summary.read++;
          if (!item.ok) record([{ origin: item.origin, ok: false, error: oneLine(item.error) }]);
          else if (error !== undefined) record([{ origin: item.origin, ok: false, error }]);
          else record(await ingester.add(item.origin, item.article, analysis));
          progress.update(summary);
          if (controller.signal.aborted) break;
        }
      } finally {
        // Commit what was read before stopping, even when interrupted or when reading threw.
        record(await ingester.flush());
        await pool?.close();
        progress.stop();
        process.off('SIGINT', onSigint);
        // Linked actors, stories and claims follow what was stored, so the API and UI show them at once.
        if (opts.corpus && opts.analyze && summary.stored > 0) {
          await refreshCorpus(store).then(
            (r) => process.stderr.write(`corpus: ${describeRefresh(r)}\n`),
            (err: unknown) => summary.failed.push({ origin: 'corpus refresh', reason: oneLine(err) }),
          );
        }
        await store.close();
      }
      process.stderr.write(formatSummary(summary));
      if (controller.signal.aborted) process.stderr.write('interrupted: everything listed as stored is committed; run again to continue\n');
      if (summary.failed.length > 0 || controller.signal.aborted) process.exitCode = EXIT_SOME_FAILED;
    });
}
