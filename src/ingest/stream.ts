/**
 * Byte-stream helpers for the readers: every input is an async iterable of
 * chunks, so a 2 GB WARC or JSONL file never sits in memory whole.
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from './article.js';

export type Chunks = AsyncIterable<Uint8Array>;

/** "52 MB", "1.5 MB", "64 KB": sizes for messages. */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function tooLarge(size: number | null, cap: number, what = 'file'): InputError {
  const actual = size === null ? `> ${formatSize(cap)}` : `${formatSize(size)} > ${formatSize(cap)}`;
  return new InputError(`${what} too large (${actual} cap)`);
}

/** Read a whole stream, refusing (without buffering further) once it passes `cap` bytes. */
export async function readCapped(chunks: Chunks, cap: number, what = 'file'): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > cap) throw tooLarge(null, cap, what);
    parts.push(chunk);
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
}

/**
 * The first `n` bytes of a stream (fewer if it is shorter) and the stream
 * again from its start, so a sniffer can look before a reader consumes.
 */
export async function peek(
  chunks: Chunks,
  n: number,
): Promise<{ head: Uint8Array; complete: boolean; all: Chunks; close: () => Promise<void> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    size += next.value.byteLength;
  }
  const joined = Buffer.concat(seen, size);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (joined.byteLength > 0) yield joined;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const close = async () => {
    await iterator.return?.();
  };
  return { head: joined.subarray(0, Math.min(n, joined.byteLength)), complete: done, all: all(), close };
}

export interface Line {
  /** 1-based line number. */
  number: number;
  /** The line without its terminator, or null when it was longer than the cap (and skipped). */
  bytes: Buffer | null;
}

/** Split a stream into lines, never holding more than `maxLine` bytes of one line. */
export async function* splitLines(chunks: Chunks, maxLine: number): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let overflow = false;
  let number = 0;
  const take = (): Line => {
    number++;
    const bytes = overflow ? null : Buffer.concat(pending, pendingSize);
    pending = [];
    pendingSize = 0;
    overflow = false;
    return { number, bytes: bytes && bytes.at(-1) === 13 ? bytes.subarray(0, -1) : bytes };
  };
  for await (const chunk of chunks) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    for (;;) {
      const nl = buf.indexOf(10, from);
      const piece = buf.subarray(from, nl === -1 ? buf.length : nl);
      if (!overflow) {
        if (pendingSize + piece.length > maxLine) {
          overflow = true;
          pending = [];
          pendingSize = 0;
        } else if (piece.length > 0) {
          // Copy: the caller may keep the line after the chunk's buffer is reused.
          pending.push(Buffer.from(piece));
          pendingSize += piece.length;
        }
      }
      if (nl === -1) break;
      yield take();
      from = nl + 1;
    }
  }
  if (pendingSize > 0 || overflow) yield take();
}

/** Decompress a gzip stream (concatenated members too, as WARC.gz uses). */
export async function* gunzip(chunks: Chunks): AsyncGenerator<Uint8Array> {
  const source = Readable.from(chunks);
  const inflater = createGunzip();
  // Errors of either stream surface through the iteration below.
  pipeline(source, inflater, () => undefined);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('Z_')) throw new InputError(`corrupt gzip data (${(err as Error).message})`);
    throw err;
  } finally {
    source.destroy();
    inflater.destroy();
  }
}

/** A stream over bytes already in memory. */
export async function* fromBytes(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.byteLength > 0) yield bytes;
}
