/**
 * readSources: every input the CLI accepts (files, folders, URLs, feeds,
 * JSONL, .gz, WARC, "-" for stdin) as one stream of ReadResults.
 *
 * Results stream one at a time, so memory stays flat on huge folders and
 * archives. Bad input never throws out of here: each problem becomes a
 * `{ ok: false, origin, error }` with a one-line reason, and the other inputs
 * go on.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError, type RawArticle, type ReadResult } from './article.js';
import { charsetFromContentType } from './charset.js';
import { decodeText } from './decode.js';
import { readJsonFeed, readXmlFeed, type FeedItem } from './feed.js';
import { describeFsError, fileChunks, walkFolder } from './files.js';
import { feedContentToText, isFullDocument } from './fragment.js';
import { readJsonDocument, readJsonl, type RecordResult } from './jsonl.js';
import { articleFromRaw } from './raw.js';
import { SNIFF_BYTES, sniffKind, stripGzExtension, type InputKind } from './sniff.js';
import { fromBytes, gunzip, peek, readCapped, tooLarge, type Chunks } from './stream.js';
import { fetchUrl } from './url.js';
import { readWarc } from './warc.js';

export interface ReadOptions {
  /** Abort long work (URL fetches, big archives) when the user interrupts. */
  signal?: AbortSignal;
  /** Largest single document (file, decompressed file, JSONL line, WARC record) read; default 20 MB. */
  maxBytes?: number;
  /**
   * Fetch the links of feed items that carry no full text. Default: yes for a feed that was itself
   * fetched from a URL (the caller is already on the network), no for feed files.
   */
  fetchLinks?: boolean;
  /** Allow URLs on private, loopback and link-local addresses; default false. */
  allowPrivate?: boolean;
  /** Per-URL timeout, default 20 s. */
  timeoutMs?: number;
  /** Largest HTTP response body, default 10 MB. */
  maxFetchBytes?: number;
  /** Redirects followed per URL, default 5. */
  maxRedirects?: number;
  userAgent?: string;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

type Hints = RawArticle['hints'];

interface ByteSource {
  /** For messages: a path, URL or "stdin". */
  origin: string;
  /** File name or URL path, for extension hints. */
  name: string;
  /** The article URL when the source is a fetched page. */
  url: string | null;
  contentType?: string;
  /** Total size when known before reading (files). */
  size: number | null;
  chunks: Chunks;
  /** Metadata from a container (a feed item whose link was fetched). */
  hints?: Hints;
  /** Already the output of gunzip. */
  gunzipped?: boolean;
}

interface Context {
  options: ReadOptions;
  maxBytes: number;
}

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

const reason = (err: unknown): string =>
  err instanceof InputError ? err.message : `${err instanceof Error ? err.message : String(err)}`.split('\n')[0]!;

function toResult(raw: RawArticle): ReadResult {
  try {
    return { ok: true, origin: raw.origin, article: articleFromRaw(raw) };
  } catch (err) {
    return { ok: false, origin: raw.origin, error: reason(err) };
  }
}

function fromRecord(record: RecordResult): ReadResult {
  return record.ok ? toResult(record.raw) : record;
}

function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 200)).toString('latin1');
  return /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1] ?? null;
}

function feedItemRaw(item: FeedItem, content: { html: string } | { text: string }, origin: string, hints: Hints): RawArticle {
  if ('html' in content && isFullDocument(content.html)) return { origin, url: item.url, html: content.html, hints };
  const text = 'html' in content ? feedContentToText(content.html) : content.text;
  return { origin, url: item.url, text, hints };
}

/** Links of one feed fetched at once: enough to hide latency, few enough to be polite to one site. */
const LINK_CONCURRENCY = 4;

async function collectAll(results: AsyncGenerator<ReadResult>): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of results) out.push(r);
  return out;
}

/** One feed item's results: its inline content, its fetched link, its teaser, or why there is none. */
async function feedItemResults(item: FeedItem, origin: string, ctx: Context, depth: number, fromNetwork: boolean): Promise<ReadResult[]> {
  const itemOrigin = `${origin}#${item.index}`;
  try {
    return await itemResults(item, itemOrigin, ctx, depth, fromNetwork);
  } catch (err) {
    return [{ ok: false, origin: itemOrigin, error: reason(err) }];
  }
}

async function itemResults(item: FeedItem, itemOrigin: string, ctx: Context, depth: number, fromNetwork: boolean): Promise<ReadResult[]> {
  const hints: Hints = {
    title: item.title,
    byline: item.byline,
    published: item.published,
    language: item.language,
    source: item.source,
  };
  if (item.content) return [toResult(feedItemRaw(item, item.content, itemOrigin, { ...hints, url: item.url }))];
  const fetchLinks = ctx.options.fetchLinks ?? fromNetwork;
  if (item.url && fetchLinks && depth === 0) {
    return collectAll(guard(itemOrigin, readUrl(item.url, ctx, depth + 1, hints, itemOrigin)));
  }
  if (item.summary) return [toResult(feedItemRaw(item, item.summary, itemOrigin, { ...hints, url: item.url }))];
  const error = item.url ? 'feed item has only a link (fetching links is off)' : 'feed item has no content and no link';
  return [{ ok: false, origin: itemOrigin, error }];
}

/** Items in feed order, with up to LINK_CONCURRENCY link fetches running ahead. */
async function* readFeedItems(items: FeedItem[], origin: string, ctx: Context, depth: number, fromNetwork: boolean): AsyncGenerator<ReadResult> {
  if (items.length === 0) {
    yield { ok: false, origin, error: 'feed has no items' };
    return;
  }
  const window: Array<Promise<ReadResult[]>> = [];
  let next = 0;
  while (next < items.length || window.length > 0) {
    while (window.length < LINK_CONCURRENCY && next < items.length) {
      // feedItemResults never rejects: failures are results.
      window.push(feedItemResults(items[next++]!, origin, ctx, depth, fromNetwork));
    }
    const results = await window.shift()!;
    if (ctx.options.signal?.aborted) return;
    yield* results;
  }
}

/** A whole document already in memory, by kind. */
async function* readDocument(kind: InputKind, bytes: Uint8Array, src: ByteSource, ctx: Context, depth: number): AsyncGenerator<ReadResult> {
  const { origin } = src;
  switch (kind) {
    case 'html':
      yield toResult({ origin, url: src.url, html: bytes, contentType: src.contentType, hints: src.hints });
      return;
    case 'feed':
    case 'xml': {
      if (depth > 1) throw new InputError('link leads to a feed, not an article');
      const xml = decodeText(bytes, charsetFromContentType(src.contentType) ?? xmlDeclaredEncoding(bytes)).text;
      yield* readFeedItems(readXmlFeed(xml, src.url), origin, ctx, depth, src.url !== null);
      return;
    }
    case 'jsonfeed': {
      if (depth > 1) throw new InputError('link leads to a feed, not an article');
      const json = decodeText(bytes, charsetFromContentType(src.contentType)).text;
      yield* readFeedItems(readJsonFeed(json, src.url), origin, ctx, depth, src.url !== null);
      return;
    }
    case 'json':
      for (const record of readJsonDocument(decodeText(bytes).text, origin)) yield fromRecord(record);
      return;
    default: {
      const text = decodeText(bytes, charsetFromContentType(src.contentType)).text;
      yield toResult({ origin, url: src.url, text, hints: { url: src.url, ...src.hints } });
    }
  }
}

/** Sniff a byte stream and read it with the right reader. */
async function* readStream(src: ByteSource, ctx: Context, depth: number): AsyncGenerator<ReadResult> {
  const { head, complete, all, close } = await peek(src.chunks, SNIFF_BYTES);
  try {
    const kind = sniffKind(head, src.name, src.contentType, complete);
    switch (kind) {
      case 'empty':
        throw new InputError(src.size === 0 || head.length === 0 ? 'empty file' : 'empty file (whitespace only)');
      case 'binary':
        throw new InputError('binary file, not text');
      case 'gzip':
        if (src.gunzipped) throw new InputError('gzip inside gzip is not supported');
        yield* readStream({ ...src, name: stripGzExtension(src.name), size: null, chunks: gunzip(all), gunzipped: true }, ctx, depth);
        return;
      case 'warc':
        for await (const record of readWarc(all, src.origin, ctx.maxBytes)) {
          if (ctx.options.signal?.aborted) return;
          yield fromRecord(record);
        }
        return;
      case 'jsonl':
        for await (const record of readJsonl(all, src.origin, ctx.maxBytes)) {
          if (ctx.options.signal?.aborted) return;
          yield fromRecord(record);
        }
        return;
      default: {
        if (src.size !== null && src.size > ctx.maxBytes) throw tooLarge(src.size, ctx.maxBytes);
        const bytes = await readCapped(all, ctx.maxBytes);
        yield* readDocument(kind, bytes, src, ctx, depth);
      }
    }
  } finally {
    // Stop the underlying file or decompressor when we did not read to the end.
    await close();
  }
}

async function* readUrl(url: string, ctx: Context, depth: number, hints?: Hints, origin = url): AsyncGenerator<ReadResult> {
  const { options } = ctx;
  const fetched = await fetchUrl(url, {
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxFetchBytes,
    maxRedirects: options.maxRedirects,
    allowPrivate: options.allowPrivate,
    userAgent: options.userAgent,
    signal: options.signal,
  });
  const name = new URL(fetched.url).pathname;
  const src: ByteSource = {
    origin,
    name,
    url: fetched.url,
    contentType: fetched.contentType,
    size: fetched.bytes.byteLength,
    chunks: fromBytes(fetched.bytes),
    hints: hints ? { ...hints, url: fetched.url } : undefined,
  };
  yield* readStream(src, ctx, depth);
}

async function* readPath(path: string, ctx: Context): AsyncGenerator<ReadResult> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new InputError(describeFsError(err));
  }
  if (info.isDirectory()) {
    let files = 0;
    for await (const entry of walkFolder(path)) {
      if (ctx.options.signal?.aborted) return;
      if ('error' in entry) {
        yield { ok: false, origin: entry.path, error: entry.error };
        continue;
      }
      files++;
      yield* guard(entry.path, readFile(entry.path, ctx));
    }
    if (files === 0) yield { ok: false, origin: path, error: 'no files in folder' };
    return;
  }
  yield* readFile(path, ctx, info.size);
}

async function* readFile(path: string, ctx: Context, knownSize?: number): AsyncGenerator<ReadResult> {
  let size = knownSize;
  if (size === undefined) {
    try {
      size = (await stat(path)).size;
    } catch (err) {
      throw new InputError(describeFsError(err));
    }
  }
  if (size === 0) throw new InputError('empty file');
  yield* readStream({ origin: path, name: basename(path), url: null, size, chunks: fileChunks(path) }, ctx, 0);
}

/** Run a reader, turning anything it throws into one failed result for `origin`. */
async function* guard(origin: string, reader: AsyncGenerator<ReadResult>): AsyncGenerator<ReadResult> {
  try {
    yield* reader;
  } catch (err) {
    yield { ok: false, origin, error: reason(err) };
  }
}

function readInput(input: string, ctx: Context): AsyncGenerator<ReadResult> {
  const scheme = URL_SCHEME.exec(input);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (name !== 'http' && name !== 'https') {
      return (async function* () {
        yield { ok: false as const, origin: input, error: `unsupported URL scheme ${name}: (only http and https)` };
      })();
    }
    return readUrl(input, ctx, 0);
  }
  if (input === '-') {
    return readStream({ origin: 'stdin', name: '', url: null, size: null, chunks: process.stdin }, ctx, 0);
  }
  return readPath(input, ctx);
}

export async function* readSources(inputs: string[], options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  const ctx: Context = { options, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES };
  for (const input of inputs) {
    if (options.signal?.aborted) return;
    yield* guard(input, readInput(input, ctx));
  }
}

/** Read bytes already in memory as if they were a file called `name` (tests, library use). */
export async function* readBytes(bytes: Uint8Array, name: string, options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  const ctx: Context = { options, maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES };
  const src: ByteSource = { origin: name, name, url: null, size: bytes.byteLength, chunks: fromBytes(bytes) };
  yield* guard(name, readStream(src, ctx, 0));
}

export type { ReadResult } from './article.js';
