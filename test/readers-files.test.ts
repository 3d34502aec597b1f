import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { WARCRecord, WARCSerializer } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadResult } from '../src/ingest/article.js';
import { readSources, type ReadOptions } from '../src/ingest/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test/fixtures/readers');
let tmp = '';

async function collect(inputs: string[], options?: ReadOptions): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readSources(inputs, options)) out.push(r);
  return out;
}

const byOrigin = (results: ReadResult[], suffix: string): ReadResult => {
  const found = results.find((r) => r.origin.endsWith(suffix));
  if (!found) throw new Error(`no result for ${suffix} in ${results.map((r) => r.origin).join(', ')}`);
  return found;
};
const errorOf = (r: ReadResult): string => (r.ok ? '(ok)' : r.error);

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1>${body
    .split('\n')
    .map((p) => `<p>${p}</p>`)
    .join('')}</article></body></html>`;

const FERRY = page(
  'Ferry strike ends in Kelmouth',
  'Ferry workers in Kelmouth returned to work on Thursday after a three-day strike over pay, the ferry operator said.\nThe union said its members had accepted a raise of four percent and new safety equipment for the island route.',
);

async function warcRecord(url: string, html: string, contentType: string, status = '200 OK'): Promise<Uint8Array> {
  const record = WARCRecord.create(
    { url, type: 'response', warcVersion: 'WARC/1.1', statusline: `HTTP/1.1 ${status}`, httpHeaders: { 'Content-Type': contentType } },
    [new TextEncoder().encode(html)],
  );
  return WARCSerializer.serialize(record, { gzip: true });
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'fivew-readers-'));
  writeFileSync(join(tmp, 'empty.txt'), '');
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  writeFileSync(join(tmp, 'photo.txt'), binary);
  // 52 MB of real HTML: the cap must refuse it from its size, not after reading it.
  const filler = '<p>Filler paragraph about the harbour of Kelmouth and its many ferries.</p>\n';
  writeFileSync(join(tmp, 'huge.html'), `<html><body>${filler.repeat(Math.ceil((52 * 1024 * 1024) / filler.length))}</body></html>`);
  writeFileSync(join(tmp, 'malformed.html'), '<html><body><div><p>The council of <b>Osterby voted on Monday to rebuild the <i>old ferry pier, the mayor said in a statement to residents</div><td>stray cell');
  writeFileSync(join(tmp, 'scriptonly.html'), '<html><head><script>var x = 1;</script></head><body><div></div></body></html>');
  // UTF-8 with one damaged byte: keep UTF-8, one replacement character.
  const utf8 = Buffer.from('Café owners in Port Ellis said on Monday that the new harbour tax — due in May — would close many shops.', 'utf8');
  const damaged = Buffer.concat([utf8.subarray(0, 20), Buffer.from([0xff]), utf8.subarray(20)]);
  writeFileSync(join(tmp, 'damaged.txt'), damaged);
  // A windows-1252 file: not UTF-8 at all.
  writeFileSync(join(tmp, 'legacy.txt'), iconv.encode('Café owners in Port Ellis said the “new” harbour tax would close many shops – and soon.', 'windows-1252'));
  writeFileSync(join(tmp, 'page.html.gz'), gzipSync(Buffer.from(FERRY)));
  writeFileSync(join(tmp, 'articles.jsonl.gz'), gzipSync(readFileSync(join(fixtures, 'articles.jsonl'))));
  // An HTML page with a misleading extension, and a feed saved as .html.
  writeFileSync(join(tmp, 'misnamed.txt'), FERRY);
  writeFileSync(join(tmp, 'feed.html'), readFileSync(join(fixtures, 'atom.xml')));
  writeFileSync(join(tmp, 'truncated.gz'), gzipSync(Buffer.from(FERRY)).subarray(0, 40));
  const warc = Buffer.concat([
    await warcRecord('https://courier.example.com/ferry', FERRY, 'text/html; charset=utf-8'),
    await warcRecord('https://courier.example.com/logo.png', 'not really a png', 'image/png'),
    await warcRecord('https://courier.example.com/old', '', 'text/html', '301 Moved Permanently'),
    await warcRecord(
      'https://courier.example.com/latin',
      page('Caf\u00e9 reopens', 'The harbour caf\u00e9 in Kelmouth reopened on Friday after the owners repaired the flood damage to its kitchen.'),
      'text/html; charset=utf-8',
    ),
  ]);
  writeFileSync(join(tmp, 'crawl.warc.gz'), warc);
  const latin = await (async () => {
    const html = iconv.encode(page('Café reopens', 'The harbour café in Kelmouth reopened on Friday after the owners repaired the flood damage to its kitchen.'), 'windows-1252');
    const record = WARCRecord.create(
      { url: 'https://courier.example.com/latin', type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html; charset=windows-1252' } },
      [html],
    );
    return WARCSerializer.serialize(record, { gzip: false });
  })();
  writeFileSync(join(tmp, 'latin.warc'), latin);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('folders', () => {
  it('walks recursively in sorted order, skipping dotfiles and dot-folders', async () => {
    const results = await collect([join(fixtures, 'folder')]);
    expect(results.map((r) => r.origin.slice(fixtures.length + 1))).toEqual(['folder/a-note.txt', 'folder/sub/b-report.txt']);
    expect(results.every((r) => r.ok)).toBe(true);
    const [a, b] = results;
    expect(a!.ok && a!.article.title).toBe('Osterby school reopens');
    expect(b!.ok && b!.article.text.startsWith('The Lindholm town council')).toBe(true);
  });

  it('reports a missing path and an empty folder', async () => {
    const empty = mkdtempSync(join(tmp, 'nothing-'));
    const results = await collect([join(tmp, 'no-such-file.txt'), empty]);
    expect(results.map(errorOf)).toEqual(['no such file or directory', 'no files in folder']);
  });
});

describe('JSONL', () => {
  it('reads good lines and gives one failure per bad line, with its line number', async () => {
    const results = await collect([join(fixtures, 'articles.jsonl')]);
    const suffixes = results.map((r) => r.origin.replace(/.*#/, '#'));
    expect(suffixes).toEqual(['#1', '#2', '#4', '#5', '#6', '#7']);
    const first = byOrigin(results, '#1');
    expect(first.ok).toBe(true);
    if (first.ok) {
      expect(first.article.title).toBe('Dam inspection ordered');
      expect(first.article.url).toBe('https://news.example.org/dam');
      expect(first.article.published).toBe('2026-09-14');
      expect(first.article.text.split('\n\n')).toHaveLength(2);
    }
    const html = byOrigin(results, '#2');
    expect(html.ok && html.article.text).toContain('five thousand visitors');
    expect(errorOf(byOrigin(results, '#4'))).toMatch(/"text" or "html"/);
    expect(errorOf(byOrigin(results, '#5'))).toMatch(/^broken JSON/);
    expect(errorOf(byOrigin(results, '#6'))).toBe('published: not a date');
    const rfc = byOrigin(results, '#7');
    expect(rfc.ok && rfc.article.published).toBe('2026-09-12T10:00:00Z');
    for (const r of results) if (!r.ok) expect(r.error).not.toMatch(/\n/);
  });

  it('streams a gzipped JSONL file the same way', async () => {
    const results = await collect([join(tmp, 'articles.jsonl.gz')]);
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok)).toHaveLength(3);
  });

  it('caps one line, not the file', async () => {
    const long = JSON.stringify({ text: 'Long '.repeat(3000) });
    const ok = JSON.stringify({ text: 'The Osterby ferry sailed on time on Monday, the operator said, for the first time this month.' });
    const path = join(tmp, 'long.jsonl');
    writeFileSync(path, `${long}\n${ok}\n`);
    const results = await collect([path], { maxBytes: 4096 });
    expect(results).toHaveLength(2);
    expect(errorOf(results[0]!)).toBe('line too long (> 4 KB cap)');
    expect(results[1]!.ok).toBe(true);
  });
});

describe('compressed files and WARC', () => {
  it('gunzips and sniffs the inner type', async () => {
    const [r] = await collect([join(tmp, 'page.html.gz')]);
    expect(r!.ok && r!.article.title).toBe('Ferry strike ends in Kelmouth');
  });

  it('caps what a gzip file expands to (a gzip bomb stops at the cap)', async () => {
    const path = join(tmp, 'bomb.txt.gz');
    writeFileSync(path, gzipSync(Buffer.from(`Headline\n\n${'The harbour was quiet. '.repeat(150_000)}`)));
    const [r] = await collect([path], { maxBytes: 1024 * 1024 });
    expect(errorOf(r!)).toBe('file too large (> 1 MB cap)');
  });

  it('reports a truncated gzip file', async () => {
    const [r] = await collect([join(tmp, 'truncated.gz')]);
    expect(errorOf(r!)).toMatch(/^corrupt gzip data/);
  });

  it('reads HTML response records with their target URI, skipping redirects and images', async () => {
    const results = await collect([join(tmp, 'crawl.warc.gz')]);
    const ok = results.filter((r) => r.ok);
    expect(ok.map((r) => r.ok && r.article.url)).toEqual(['https://courier.example.com/ferry', 'https://courier.example.com/latin']);
    expect(ok[0]!.ok && ok[0]!.article.text).toContain('three-day strike');
  });

  it('caps each WARC record, not the archive', async () => {
    const body = (n: number) => page(`Report ${n}`, 'The Kelmouth harbour board met on Monday. '.repeat(60));
    const records = await Promise.all([1, 2, 3].map((n) => warcRecord(`https://courier.example.com/r${n}`, body(n), 'text/html')));
    const huge = await warcRecord('https://courier.example.com/huge', page('Huge', 'x'.repeat(20_000)), 'text/html');
    const path = join(tmp, 'capped.warc.gz');
    writeFileSync(path, Buffer.concat([records[0]!, huge, records[1]!, records[2]!]));
    const results = await collect([path], { maxBytes: 8 * 1024 });
    expect(results.map((r) => (r.ok ? r.article.url : r.error))).toEqual([
      'https://courier.example.com/r1',
      'record too large (> 8 KB cap)',
      'https://courier.example.com/r2',
      'https://courier.example.com/r3',
    ]);
  });

  it('reports a WARC file cut off inside a record, after the records before it', async () => {
    const first = await warcRecord('https://courier.example.com/ferry', FERRY, 'text/html');
    const image = await warcRecord('https://courier.example.com/logo.png', 'x'.repeat(2000), 'image/png');
    const plain = Buffer.concat([gunzipSync(first), gunzipSync(image)]);
    const path = join(tmp, 'cut.warc');
    writeFileSync(path, plain.subarray(0, plain.length - 500));
    const results = await collect([path]);
    expect(results.map((r) => (r.ok ? r.article.url : r.error))).toEqual([
      'https://courier.example.com/ferry',
      'truncated WARC record (file ends inside it)',
    ]);
  });

  it('honours the HTTP charset of a WARC record', async () => {
    const [r] = await collect([join(tmp, 'latin.warc')]);
    expect(r!.ok).toBe(true);
    if (r!.ok) {
      expect(r.article.text).toContain('harbour café in Kelmouth');
      expect(r.article.text).not.toContain('\uFFFD');
    }
  });
});

describe('sniffing by content', () => {
  it('reads HTML saved as .txt as HTML and an Atom feed saved as .html as a feed', async () => {
    const results = await collect([join(tmp, 'misnamed.txt'), join(tmp, 'feed.html')]);
    const misnamed = byOrigin(results, 'misnamed.txt');
    expect(misnamed.ok && misnamed.article.title).toBe('Ferry strike ends in Kelmouth');
    expect(misnamed.ok && misnamed.article.text).not.toContain('<p>');
    expect(results.filter((r) => r.origin.includes('feed.html#'))).toHaveLength(2);
  });
});

describe('bad input', () => {
  it('gives each bad input a one-line reason while the good ones still come through', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const unreachable = `http://127.0.0.1:${port}/news/1`;
    const inputs = [
      unreachable,
      join(tmp, 'empty.txt'),
      join(tmp, 'photo.txt'),
      join(tmp, 'huge.html'),
      join(fixtures, 'wire.txt'),
      join(tmp, 'malformed.html'),
      join(tmp, 'scriptonly.html'),
      join(tmp, 'damaged.txt'),
      join(tmp, 'legacy.txt'),
      join(fixtures, 'broken-feed.xml'),
      join(fixtures, 'rss.xml'),
    ];
    const results = await collect(inputs, { allowPrivate: true });
    // One result per input, except rss.xml: three items.
    expect(results).toHaveLength(inputs.length + 2);
    expect(errorOf(byOrigin(results, '/news/1'))).toBe(`connection refused (127.0.0.1:${port})`);
    expect(errorOf(byOrigin(results, 'empty.txt'))).toBe('empty file');
    expect(errorOf(byOrigin(results, 'photo.txt'))).toBe('binary file, not text');
    expect(errorOf(byOrigin(results, 'huge.html'))).toBe('file too large (52 MB > 20 MB cap)');
    expect(errorOf(byOrigin(results, 'scriptonly.html'))).toBe('no article text found');
    expect(errorOf(byOrigin(results, 'broken-feed.xml'))).toMatch(/^broken XML: /);

    const malformed = byOrigin(results, 'malformed.html');
    if (malformed.ok) expect(malformed.article.text).toContain('old ferry pier');
    else expect(malformed.error).toBe('no article text found');

    const damaged = byOrigin(results, 'damaged.txt');
    expect(damaged.ok).toBe(true);
    if (damaged.ok) {
      expect(damaged.article.text.match(/\uFFFD/g)).toHaveLength(1);
      expect(damaged.article.text).toContain('— due in May —');
    }
    const legacy = byOrigin(results, 'legacy.txt');
    expect(legacy.ok && legacy.article.text).toBe('Café owners in Port Ellis said the “new” harbour tax would close many shops – and soon.');

    expect(byOrigin(results, 'wire.txt').ok).toBe(true);
    expect(results.filter((r) => r.ok && r.origin.includes('rss.xml#'))).toHaveLength(2);
    for (const r of results) if (!r.ok) expect(r.error).not.toMatch(/\n/);
  });

  it('refuses unsupported URL schemes with a reason', async () => {
    const results = await collect(['ftp://files.example.org/a.txt', 'file:///etc/hostname']);
    expect(results.map(errorOf)).toEqual(['unsupported URL scheme ftp: (only http and https)', 'unsupported URL scheme file: (only http and https)']);
  });
});
