/**
 * Property: readers given generated and mutated articles, HTML pages and
 * feeds yield, for each item, either an Article with text or a typed failure
 * (ok: false with a one-line reason), and never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../src/ingest/article.js';
import { readBytes } from '../src/ingest/index.js';

const RUNS = Number(process.env.FIVEW_PROPERTY_RUNS ?? 1);

const words = fc.array(fc.constantFrom('Dorvala', 'port', 'workers', 'strike', 'said', 'on', 'Tuesday', '"', '&', '<', '>', '&amp;', ']]>', '\u00e9', '\u0000', '\n', '\n\n', ' ', 'BY', 'Reuters', '(AP)', '-', '©'), { maxLength: 40 }).map((w) => w.join(' '));

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

const documents = {
  txt: fc.tuple(words, words, words).map(([title, a, b]) => `${title}\n\n${a}\n\n${b}\n`),
  html: fc.tuple(words, words, words, fc.boolean()).map(([title, a, b, raw]) =>
    `<!doctype html><html><head><title>${raw ? title : escape(title)}</title><meta property="article:published_time" content="2026-0${(title.length % 9) + 1}-02"></head><body><article><h1>${escape(title)}</h1><p>${raw ? a : escape(a)}</p><p>${escape(b)}</p></article></body></html>`),
  rss: fc.array(fc.tuple(words, words), { maxLength: 4 }).map((items) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title>${items.map(([t, d]) => `<item><title>${escape(t)}</title><description><![CDATA[${d}]]></description><pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>`).join('')}</channel></rss>`),
  json: fc.array(fc.tuple(words, words), { maxLength: 4 }).map((items) =>
    JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Harbour Wire', items: items.map(([t, d], i) => ({ id: String(i), title: t, content_text: d })) })),
  jsonl: fc.array(fc.tuple(words, words), { maxLength: 4 }).map((items) => items.map(([t, d]) => JSON.stringify({ title: t, text: d })).join('\n')),
};
const NAMES: Record<keyof typeof documents, string> = { txt: 'a.txt', html: 'a.html', rss: 'a.xml', json: 'feed.json', jsonl: 'a.jsonl' };

const edits = fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('cut', 'set', 'insert'), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 3 });

function mutate(s: string, list: Array<{ at: number; op: string; byte: number }>): Uint8Array {
  let bytes = Buffer.from(s);
  for (const e of list) {
    if (bytes.length === 0) break;
    const at = e.at % bytes.length;
    if (e.op === 'cut') bytes = bytes.subarray(0, at);
    else if (e.op === 'set') bytes[at] = e.byte;
    else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([e.byte]), bytes.subarray(at)]);
  }
  return bytes;
}

async function check(bytes: Uint8Array, name: string): Promise<void> {
  const results: ReadResult[] = [];
  for await (const r of readBytes(bytes, name)) results.push(r);
  for (const r of results) {
    if (r.ok) {
      expect(typeof r.article.text).toBe('string');
      expect(r.article.text.trim()).not.toBe('');
      for (const key of ['url', 'title', 'byline', 'source', 'published', 'language'] as const) {
        expect(r.article[key] === null || typeof r.article[key] === 'string', key).toBe(true);
      }
    } else {
      expect(typeof r.error).toBe('string');
      expect(r.error.trim()).not.toBe('');
      expect(r.error).not.toMatch(/\n/);
    }
  }
}

describe('readers return an Article or a typed error for generated and mutated input', () => {
  for (const [kind, runs] of [['txt', 2500], ['html', 700], ['rss', 800], ['json', 800], ['jsonl', 800]] as const) {
    it(`${kind}: ${runs} cases`, async () => {
      await fc.assert(
        fc.asyncProperty(documents[kind], edits, async (doc, list) => {
          await check(mutate(doc, list), NAMES[kind]);
        }),
        { numRuns: runs * RUNS },
      );
    }, 60_000);
  }
});
