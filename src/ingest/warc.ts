/**
 * WARC archives (e.g. Common Crawl News): every HTTP response record with an
 * HTML payload becomes a RawArticle carrying the record's target URI and the
 * response Content-Type (its charset decides the decoding). Requests,
 * metadata, redirects and non-HTML payloads are skipped, not failures.
 */
import { LimitReader, WARCParser, type WARCRecord } from 'warcio';
import type { RawArticle } from './article.js';
import type { RecordResult } from './jsonl.js';
import type { Chunks } from './stream.js';
import { formatSize } from './stream.js';

const HTML_TYPE = /\b(?:text\/html|application\/xhtml\+xml)\b/i;

/**
 * Read and discard what is left of a record's block; false when the file ends
 * before the block does. We never leave skipping to the parser: warcio 2.4's
 * skip loops forever on a record cut short by the end of the file.
 */
async function drain(record: WARCRecord): Promise<boolean> {
  const block = record._reader;
  if (!(block instanceof LimitReader)) return true;
  for await (const chunk of block) void chunk;
  return block.limit <= 0;
}

/** A record's decoded payload, or null past `cap` bytes; `complete` is false for a truncated record. */
async function payload(record: WARCRecord, cap: number): Promise<{ bytes: Uint8Array | null; complete: boolean }> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of record) {
    total += chunk.byteLength;
    if (total > cap) return { bytes: null, complete: await drain(record) };
    parts.push(chunk);
  }
  return { bytes: Buffer.concat(parts, total), complete: await drain(record) };
}

/** The payload Content-Type of a successful HTML response (or resource) record; null for anything else. */
function htmlRecordType(record: WARCRecord): string | null {
  let contentType: string | null | undefined;
  if (record.warcType === 'response') {
    const status = Number(record.httpHeaders?.statusCode ?? 0);
    if (status < 200 || status >= 300) return null;
    contentType = record.httpHeaders?.headers.get('content-type');
  } else if (record.warcType === 'resource') {
    contentType = record.warcContentType;
  }
  return contentType && HTML_TYPE.test(contentType) ? contentType : null;
}

/** Stream a (decompressed) WARC file's HTML records. */
export async function* readWarc(chunks: Chunks, origin: string, maxRecordBytes: number): AsyncGenerator<RecordResult> {
  const parser = new WARCParser(chunks);
  let index = 0;
  let found = 0;
  try {
    for await (const record of parser) {
      index++;
      const url = record.warcTargetURI ?? null;
      const recordOrigin = `${origin}#${index}${url ? ` (${url})` : ''}`;
      const contentType = htmlRecordType(record);
      if (contentType === null) {
        if (await drain(record)) continue;
        yield { ok: false, origin: recordOrigin, error: 'truncated WARC record (file ends inside it)' };
        return;
      }
      found++;
      const { bytes, complete } = await payload(record, maxRecordBytes);
      if (!complete) {
        yield { ok: false, origin: recordOrigin, error: 'truncated WARC record (file ends inside it)' };
        return;
      }
      if (bytes === null) {
        yield { ok: false, origin: recordOrigin, error: `record too large (> ${formatSize(maxRecordBytes)} cap)` };
        continue;
      }
      const raw: RawArticle = { origin: recordOrigin, url, html: bytes, contentType };
      yield { ok: true, raw };
    }
  } catch (err) {
    yield { ok: false, origin: `${origin}#${index}`, error: `broken WARC record: ${(err as Error).message.split('\n')[0]}` };
    return;
  }
  if (found === 0) yield { ok: false, origin, error: 'no HTML response records in WARC file' };
}
