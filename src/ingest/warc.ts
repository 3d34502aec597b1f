/**
 * WARC archives (e.g. Common Crawl News): every HTTP response record with an
 * HTML payload becomes a RawArticle carrying the record's target URI and the
 * response Content-Type (its charset decides the decoding). Requests,
 * metadata, redirects and non-HTML payloads are skipped, not failures.
 */
import { WARCParser } from 'warcio';
import type { RawArticle } from './article.js';
import type { RecordResult } from './jsonl.js';
import type { Chunks } from './stream.js';
import { formatSize } from './stream.js';

const HTML_TYPE = /\b(?:text\/html|application\/xhtml\+xml)\b/i;

/** Read a record's decoded payload, giving up past `cap` bytes (the parser skips the rest). */
async function payload(record: AsyncIterable<Uint8Array>, cap: number): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of record) {
    total += chunk.byteLength;
    if (total > cap) return null;
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

/** Stream a (decompressed) WARC file's HTML records. */
export async function* readWarc(chunks: Chunks, origin: string, maxRecordBytes: number): AsyncGenerator<RecordResult> {
  const parser = new WARCParser(chunks);
  let index = 0;
  let found = 0;
  try {
    for await (const record of parser) {
      index++;
      const type = record.warcType;
      if (type !== 'response' && type !== 'resource') continue;
      const url = record.warcTargetURI ?? null;
      let contentType: string | undefined;
      if (type === 'response') {
        const http = record.httpHeaders;
        const status = Number(http?.statusCode ?? 0);
        if (status < 200 || status >= 300) continue;
        contentType = http?.headers.get('content-type') ?? undefined;
      } else {
        contentType = record.warcContentType ?? undefined;
      }
      if (!contentType || !HTML_TYPE.test(contentType)) continue;
      found++;
      const recordOrigin = `${origin}#${index}${url ? ` (${url})` : ''}`;
      const html = await payload(record, maxRecordBytes);
      if (html === null) {
        yield { ok: false, origin: recordOrigin, error: `record too large (> ${formatSize(maxRecordBytes)} cap)` };
        continue;
      }
      const raw: RawArticle = { origin: recordOrigin, url, html, contentType };
      yield { ok: true, raw };
    }
  } catch (err) {
    yield { ok: false, origin: `${origin}#${index}`, error: `broken WARC record: ${(err as Error).message.split('\n')[0]}` };
    return;
  }
  if (found === 0) yield { ok: false, origin, error: 'no HTML response records in WARC file' };
}
