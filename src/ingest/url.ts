/**
 * Fetching a URL safely: http(s) only, a timeout, a streamed size cap, a
 * redirect limit (followed by hand so every hop is checked), and no requests
 * to private, loopback or link-local addresses unless the caller allows them.
 * The address check runs inside the socket's own DNS lookup, so a host that
 * resolves differently the second time (DNS rebinding) is still caught.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { InputError } from './article.js';
import { tooLarge } from './stream.js';

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  allowPrivate?: boolean;
  userAgent?: string;
  signal?: AbortSignal;
  /** Sent as the Accept header. */
  accept?: string;
}

export interface Fetched {
  /** The URL after redirects. */
  url: string;
  contentType: string | undefined;
  bytes: Uint8Array;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_FETCH_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
export const USER_AGENT = 'fivew/0.1 (news article reader; +https://www.npmjs.com/package/fivew)';
const ACCEPT = 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
// ::/96 holds ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d; BlockList maps ::ffff:a.b.c.d to the IPv4 rules itself.
for (const [net, prefix] of [['::', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** The 8 groups of an IPv6 address as numbers. */
function ipv6Groups(address: string): number[] {
  let text = address;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g, 16));
}

/** The IPv4 address inside a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address, which reach IPv4 hosts. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const dotted = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return dotted(g[6]!, g[7]!);
  if (g[0] === 0x2002) return dotted(g[1]!, g[2]!);
  return null;
}

/** Private, loopback, link-local, multicast or otherwise not-the-public-internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return blocked.check(address, 'ipv4');
  const inner = embeddedIpv4(address);
  if (inner !== null && blocked.check(inner, 'ipv4')) return true;
  return blocked.check(address, 'ipv6');
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses private addresses: plugged into the socket so every connection is checked. */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new InputError(`refused: ${hostname} resolves to a private address (${bad.address})`), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new InputError(`host not found: ${hostname}`), []);
    callback(null, first.address, first.family);
  });
}

function checkUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`not a valid URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`unsupported URL scheme ${url.protocol} (only http and https)`);
  if (url.username || url.password) throw new InputError('URLs with credentials are refused');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) throw new InputError(`refused: ${host} is a private or loopback address`);
  if (!allowPrivate && /^localhost\.?$|\.localhost\.?$/i.test(host)) throw new InputError(`refused: ${host} is a loopback host`);
  return url;
}

function describeNetworkError(err: NodeJS.ErrnoException, url: URL): string {
  if (err instanceof InputError) return err.message;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused (${url.host})`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found: ${url.hostname}`;
    case 'ECONNRESET':
      return `connection reset by ${url.host}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable: ${url.host}`;
    default:
      return `${err.code ? `${err.code}: ` : ''}${err.message.split('\n')[0]}`;
  }
}

function request(url: URL, options: Required<Omit<FetchOptions, 'signal'>>, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(
      url,
      {
        headers: { 'user-agent': options.userAgent, accept: options.accept, 'accept-encoding': 'gzip, deflate, br' },
        lookup: options.allowPrivate ? undefined : (guardedLookup as unknown as typeof dnsLookup),
        signal,
      },
      resolve,
    );
    req.on('error', reject);
  });
}

function decoded(res: IncomingMessage): Readable {
  const encoding = (res.headers['content-encoding'] ?? '').toLowerCase().trim();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(createGunzip());
  if (encoding === 'deflate') return res.pipe(createInflate());
  if (encoding === 'br') return res.pipe(createBrotliDecompress());
  return res;
}

async function readBody(res: IncomingMessage, cap: number): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > cap && !res.headers['content-encoding']) {
    res.destroy();
    throw tooLarge(declared, cap, 'response');
  }
  const body = decoded(res);
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += (chunk as Buffer).length;
      if (total > cap) throw tooLarge(null, cap, 'response');
      parts.push(chunk as Buffer);
    }
  } finally {
    res.destroy();
    if (body !== res) body.destroy();
  }
  return Buffer.concat(parts, total);
}

/** GET a URL with every safety check; throws InputError with a one-line reason. */
export async function fetchUrl(raw: string, opts: FetchOptions = {}): Promise<Fetched> {
  const options = {
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: opts.maxBytes ?? DEFAULT_FETCH_BYTES,
    maxRedirects: opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    allowPrivate: opts.allowPrivate ?? false,
    userAgent: opts.userAgent ?? USER_AGENT,
    accept: opts.accept ?? ACCEPT,
  };
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let url = checkUrl(raw, options.allowPrivate);
  for (let hop = 0; ; hop++) {
    let res: IncomingMessage;
    try {
      res = await request(url, options, signal);
    } catch (err) {
      if (timeout.aborted) throw new InputError(`timed out after ${options.timeoutMs / 1000} s`);
      if (opts.signal?.aborted) throw new InputError('interrupted');
      throw new InputError(describeNetworkError(err as NodeJS.ErrnoException, url));
    }
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hop >= options.maxRedirects) throw new InputError(`too many redirects (more than ${options.maxRedirects})`);
      url = checkUrl(new URL(res.headers.location, url).href, options.allowPrivate);
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new InputError(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
    }
    try {
      const bytes = await readBody(res, options.maxBytes);
      return { url: url.href, contentType: res.headers['content-type'], bytes };
    } catch (err) {
      if (err instanceof InputError) throw err;
      if (timeout.aborted) throw new InputError(`timed out after ${options.timeoutMs / 1000} s`);
      throw new InputError(describeNetworkError(err as NodeJS.ErrnoException, url));
    }
  }
}

