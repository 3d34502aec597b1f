import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { WARCRecord, WARCSerializer } from 'warcio';
import { describe, expect, it } from 'vitest';
import { readBytes } from '../src/ingest/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test/fixtures/readers');
const seeds = ['wire.txt', 'page.html', 'rss.xml', 'atom.xml', 'feed.json', 'articles.jsonl'].map((name) => ({
  name,
  bytes: readFileSync(join(fixtures, name)),
}));

/** Every result is an article with text or an error with a one-line reason; nothing throws. */
async function checkAll(bytes: Uint8Array, name: string): Promise<void> {
  for await (const r of readBytes(bytes, name)) {
    if (r.ok) {
      expect(typeof r.article.text).toBe('string');
      expect(r.article.text.trim().length).toBeGreaterThan(0);
    } else {
      expect(r.error.length).toBeGreaterThan(0);
      expect(r.error).not.toMatch(/\n/);
      // A programming error surfacing as a reason is a bug in the readers, not a verdict on the input
      // (the HTML extractor's own crashes are reported as such and are its owner's to fix).
      if (!r.error.startsWith('HTML extraction failed: ')) {
        expect(r.error).not.toMatch(/Cannot read|is not a function|is not iterable|Maximum call stack|undefined/);
      }
    }
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), byte: fc.constant(0) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);

function mutate(source: Uint8Array, edits: Array<{ kind: 'set' | 'cut' | 'insert'; at: number; byte: number }>): Uint8Array {
  let bytes = Buffer.from(source);
  for (const e of edits) {
    if (bytes.length === 0) break;
    const at = e.at % bytes.length;
    if (e.kind === 'set') bytes[at] = e.byte;
    else if (e.kind === 'cut') bytes = bytes.subarray(0, at);
    else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([e.byte]), bytes.subarray(at)]);
  }
  return bytes;
}

describe('readers never throw on bad bytes', () => {
  it('random bytes under any name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('x.txt', 'x.html', 'x.xml', 'x.json', 'x.jsonl', 'x.gz', 'x.warc', 'x'), async (bytes, name) => {
        await checkAll(bytes, name);
      }),
      { numRuns: 200 },
    );
  });

  it('mutated text, HTML, feeds and JSONL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 8 }), async (seed, edits) => {
        await checkAll(mutate(seed.bytes, edits), seed.name);
      }),
      { numRuns: 200 },
    );
  });

  it('random strings shaped like markup', async () => {
    const markup = fc.array(fc.constantFrom('<', '>', '/', '<p>', '</p>', '<item>', '</item>', '<rss>', '<![CDATA[', ']]>', '&amp;', '&', '"', '{', '}', 'text ', '\n\n', 'By Jane Roe', 'BEIRUT (Reuters) - '), { maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(markup, fc.constantFrom('a.xml', 'a.html', 'a.txt'), async (parts, name) => {
        await checkAll(Buffer.from(parts.join('')), name);
      }),
      { numRuns: 200 },
    );
  });

  it('mutated WARC records', async () => {
    const record = WARCRecord.create(
      { url: 'https://courier.example.com/a', type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: { 'Content-Type': 'text/html' } },
      [seeds[1]!.bytes],
    );
    const warc = Buffer.from(await WARCSerializer.serialize(record, { gzip: false }));
    const twice = Buffer.concat([warc, warc]);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (edits) => {
        await checkAll(mutate(twice, edits), 'crawl.warc');
      }),
      { numRuns: 150 },
    );
  });

  it('mutated gzip streams', async () => {
    const gz = gzipSync(seeds[1]!.bytes);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (edits) => {
        await checkAll(mutate(gz, edits), 'page.html.gz');
      }),
      { numRuns: 100 },
    );
  });
});
