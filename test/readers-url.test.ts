import { lookup } from 'node:dns/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadResult } from '../src/ingest/article.js';
import { readSources, type ReadOptions } from '../src/ingest/index.js';
import { fetchUrl, isPrivateAddress } from '../src/ingest/url.js';

const ARTICLE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry strike ends in Kelmouth</title></head><body><article><h1>Ferry strike ends in Kelmouth</h1>
<p>Ferry workers in Kelmouth returned to work on Thursday after a three-day strike over pay, the ferry operator said.</p>
<p>The union said its members had accepted a raise of four percent and new safety equipment for the island route.</p></article></body></html>`;

let server: http.Server;
let base = '';
const requests: string[] = [];

function feed(): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Kelmouth Courier</title><link>${base}/</link>
<item><title>Strike over</title><link>${base}/article</link><pubDate>Thu, 05 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>${base}/missing</link></item>
</channel></rss>`;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const redirect = (to: string) => {
      res.writeHead(302, { location: to });
      res.end();
    };
    const delay = /^\/delay\/(\d+)$/.exec(path);
    if (delay) {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(ARTICLE);
      }, Number(delay[1]));
      return;
    }
    switch (path) {
      case '/article':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(ARTICLE);
        return;
      case '/gz-article':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
        res.end(gzipSync(Buffer.from(ARTICLE)));
        return;
      case '/feed':
        // No .xml in the path and a vague type: the content says it is a feed.
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(feed());
        return;
      case '/r1':
        return redirect('/r2');
      case '/r2':
        return redirect(`${base}/article`);
      case '/loop':
        return redirect('/loop');
      case '/to-ftp':
        return redirect('ftp://files.example.org/x');
      case '/big':
        res.writeHead(200, { 'content-type': 'text/html' });
        for (let i = 0; i < 50; i++) res.write('<p>'.padEnd(4096, 'x'));
        res.end();
        return;
      case '/big-declared':
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(200 * 1024) });
        res.end('x'.repeat(200 * 1024));
        return;
      case '/slow-feed': {
        const items = [400, 100, 300, 50, 200, 10]
          .map((ms, i) => `<item><title>Item ${i + 1}</title><link>${base}/delay/${ms}</link></item>`)
          .join('');
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(`<rss version="2.0"><channel><title>Slow</title>${items}</channel></rss>`);
        return;
      }
      case '/slow':
        return; // never answers
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not here');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});

async function collect(inputs: string[], options: ReadOptions = {}): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readSources(inputs, { allowPrivate: true, ...options })) out.push(r);
  return out;
}
const errorOf = (r: ReadResult | undefined): string => (r === undefined ? '(none)' : r.ok ? '(ok)' : r.error);

describe('URLs', () => {
  it('fetches and extracts an HTML page, following redirects to the final URL', async () => {
    const [direct, redirected, gz] = await collect([`${base}/article`, `${base}/r1`, `${base}/gz-article`]);
    for (const r of [direct, redirected, gz]) {
      expect(r!.ok).toBe(true);
      if (r!.ok) {
        expect(r!.article.title).toBe('Ferry strike ends in Kelmouth');
        expect(r!.article.text).toContain('three-day strike');
        expect(r!.article.url).toBe(`${base}${r === gz ? '/gz-article' : '/article'}`);
      }
    }
    expect(redirected!.origin).toBe(`${base}/r1`);
  });

  it('reads a feed URL as a feed, fetching item links unless told not to', async () => {
    const off = await collect([`${base}/feed`], { fetchLinks: false });
    expect(off.map(errorOf)).toEqual(['feed item has only a link (fetching links is off)', 'feed item has only a link (fetching links is off)']);
    const on = await collect([`${base}/feed`]);
    expect(on).toHaveLength(2);
    expect(on[0]!.ok).toBe(true);
    if (on[0]!.ok) {
      expect(on[0]!.article.url).toBe(`${base}/article`);
      expect(on[0]!.article.title).toBe('Strike over');
      expect(on[0]!.article.published).toBe('2026-11-05T10:00:00Z');
      expect(on[0]!.article.source).toBe('Kelmouth Courier');
      expect(on[0]!.article.text).toContain('three-day strike');
    }
    expect(on[1]).toEqual({ ok: false, origin: `${base}/feed#2`, error: 'HTTP 404 Not Found' });
  });

  it('fetches several item links at once and keeps feed order', async () => {
    const started = performance.now();
    const results = await collect([`${base}/slow-feed`], { fetchLinks: true });
    const elapsed = performance.now() - started;
    expect(results.map((r) => (r.ok ? r.article.title : r.error))).toEqual(['Item 1', 'Item 2', 'Item 3', 'Item 4', 'Item 5', 'Item 6']);
    // One after another the links take 1060 ms; four at a time about 600 ms.
    expect(elapsed).toBeLessThan(1050);
  });

  it('limits redirects, refuses non-http redirects, caps the size and times out', async () => {
    const results = await collect([`${base}/loop`, `${base}/to-ftp`, `${base}/big`, `${base}/big-declared`, `${base}/slow`, `${base}/article`], {
      maxFetchBytes: 64 * 1024,
      timeoutMs: 400,
    });
    expect(results.map(errorOf)).toEqual([
      'too many redirects (more than 5)',
      'unsupported URL scheme ftp: (only http and https)',
      'response too large (> 64 KB cap)',
      'response too large (200 KB > 64 KB cap)',
      'timed out after 0.4 s',
      '(ok)',
    ]);
    expect(requests.filter((p) => p === '/loop')).toHaveLength(6);
  });

  it('reports an unreachable URL (a closed port) and still reads the next input', async () => {
    const closed = http.createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const results = await collect([`http://127.0.0.1:${port}/news`, `${base}/article`]);
    expect(errorOf(results[0])).toBe(`connection refused (127.0.0.1:${port})`);
    expect(results[1]!.ok).toBe(true);
  });
});

describe('private addresses', () => {
  it('refuses loopback, link-local and private hosts unless allowed', async () => {
    const inputs = [
      `${base}/article`,
      'http://169.254.169.254/latest/meta-data/',
      'http://localhost:1/',
      'http://[::1]:1/',
      'http://10.1.2.3/',
      'http://[::ffff:127.0.0.1]:1/',
      'http://2130706433:1/',
    ];
    const before = requests.length;
    const results: ReadResult[] = [];
    for await (const r of readSources(inputs, { timeoutMs: 2000 })) results.push(r);
    expect(results.map(errorOf)).toEqual([
      'refused: 127.0.0.1 is a private or loopback address',
      'refused: 169.254.169.254 is a private or loopback address',
      'refused: localhost is a loopback host',
      'refused: ::1 is a private or loopback address',
      'refused: 10.1.2.3 is a private or loopback address',
      'refused: ::ffff:7f00:1 is a private or loopback address',
      'refused: 127.0.0.1 is a private or loopback address',
    ]);
    expect(requests.length).toBe(before);
  });

  it('checks what a host name resolves to', async () => {
    const name = hostname();
    const resolved = await lookup(name).catch(() => null);
    if (!resolved || !isPrivateAddress(resolved.address)) {
      console.warn(`skipped: ${name} does not resolve to a private address here`);
      return;
    }
    const port = base.split(':').pop();
    await expect(fetchUrl(`http://${name}:${port}/article`, { timeoutMs: 2000 })).rejects.toThrow(/^refused: .* resolves to a private address/);
  });

  it('classifies addresses', () => {
    const hidden = ['::ffff:7f00:1', '::7f00:1', '::127.0.0.1', '64:ff9b::a9fe:a9fe', '64:ff9b::10.0.0.1', '2002:7f00:1::1', '::'];
    for (const a of ['127.0.0.1', '10.0.0.8', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::5', '::ffff:127.0.0.1', ...hidden]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) {
      expect(isPrivateAddress(a), a).toBe(false);
    }
  });
});
