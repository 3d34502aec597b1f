import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { DEFAULT_DB } from '../../store/index.js';
import { csvHeader, csvRecord, EXPORT_FORMATS, jsonlRecord, recordAnalysis, type ExportFormat } from '../../store/export.js';
import { gdeltLines } from '../../export/gdelt.js';
import { UsageError } from '../errors.js';
import { openStoreForCli } from './ingest.js';

/** Thrown when the reader of our stdout went away (`| head`): stop quietly. */
class OutputClosed extends Error {}

/** Resolves when the stream can take more, or will never (closed, failed: the caller checks which). */
function writable(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    out.on('drain', done).on('close', done).on('error', done);
  });
}

async function write(out: Writable, chunk: string, failure: { error: Error | null }): Promise<void> {
  if (failure.error) throw failure.error;
  // Respect backpressure so a slow consumer never makes us buffer the whole database.
  if (!out.write(chunk)) await writable(out);
  if (failure.error) throw failure.error;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write every stored article: jsonl = one Analysis per line, csv = one row per article')
    .requiredOption('--format <format>', 'jsonl | csv | gdelt (GDELT 2.0 event rows, asserted events)')
    .option('--db <url>', 'SQLite file or postgres:// URL', DEFAULT_DB)
    .option('--out <file>', 'write here instead of stdout')
    .action(async (opts: { format: string; db: string; out?: string }) => {
      if (opts.format !== 'gdelt' && !(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new UsageError(`unknown --format ${opts.format} (${[...EXPORT_FORMATS, 'gdelt'].join(' or ')})`);
      }
      const format = opts.format as ExportFormat | 'gdelt';
      const dateAdded = new Date();
      const store = await openStoreForCli(opts.db, { mustExist: true });
      const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
      const failure: { error: Error | null } = { error: null };
      const onError = (err: NodeJS.ErrnoException) => {
        failure.error = err.code === 'EPIPE' ? new OutputClosed() : err;
      };
      out.on('error', onError);
      try {
        if (format === 'csv') await write(out, csvHeader(), failure);
        for await (const record of store.iterate()) {
          const chunk = format === 'gdelt' ? gdeltLines(recordAnalysis(record), { dateAdded }) : format === 'csv' ? csvRecord(record) : jsonlRecord(record);
          if (chunk) await write(out, chunk, failure);
        }
        if (opts.out) {
          out.end();
          await once(out, 'finish');
        }
      } catch (err) {
        if (!(err instanceof OutputClosed)) throw err;
      } finally {
        out.off('error', onError);
        await store.close();
      }
    });
}
