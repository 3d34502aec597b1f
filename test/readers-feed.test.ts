import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Article, ReadResult } from '../src/ingest/article.js';
import { readJsonFeed, readXmlFeed } from '../src/ingest/feed.js';
import { readBytes, readSources } from '../src/ingest/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test/fixtures/readers');

async function collect(iterable: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

function article(r: ReadResult | undefined): Article {
  if (!r?.ok) throw new Error(`expected an article, got ${r ? r.error : 'nothing'}`);
  return r.article;
}

describe('RSS 2.0', () => {
  it('reads content:encoded, dc:creator, pubDate and the channel as source', async () => {
    const results = await collect(readSources([join(fixtures, 'rss.xml')]));
    expect(results.map((r) => r.origin.replace(/.*#/, '#'))).toEqual(['#1', '#2', '#3']);
    const first = article(results[0]);
    expect(first.title).toBe('Lighthouse keeper honoured in Marrow Bay');
    expect(first.url).toBe('https://gazette.example.org/2026/11/lighthouse-keeper');
    expect(first.byline).toBe('Ruth Callan');
    expect(first.source).toBe('Marrow Bay Gazette');
    expect(first.published).toBe('2026-11-03T14:00:00Z');
    expect(first.language).toBe('en');
    expect(first.text.split('\n\n')).toHaveLength(2);
    expect(first.text).toContain('“I only did my job,”');
    expect(first.text).not.toContain('track()');
    expect(first.text).not.toContain('teaser');
  });

  it('uses an escaped-HTML description when that is all there is, and the name in "email (Name)"', async () => {
    const results = await collect(readSources([join(fixtures, 'rss.xml')]));
    const second = article(results[1]);
    expect(second.title).toBe('Council approves new school & library');
    expect(second.byline).toBe('Owen Pike');
    expect(second.published).toBe('2026-11-04T08:30:00Z');
    expect(second.text).toMatch(/^The Marrow Bay council approved plans/);
    expect(second.text).not.toContain('<p>');
  });

  it('reports a link-only item when fetching links is off', async () => {
    const results = await collect(readSources([join(fixtures, 'rss.xml')]));
    expect(results[2]).toEqual({ ok: false, origin: `${join(fixtures, 'rss.xml')}#3`, error: 'feed item has only a link (fetching links is off)' });
  });

  it('reads RSS 1.0 (RDF) items', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://x.example/"><title>Lindholm Post</title><link>https://x.example/</link></channel>
      <item rdf:about="https://x.example/a"><title>Coal harbour closes</title><link>https://x.example/a</link><dc:date>2026-09-02</dc:date><description>The Lindholm council voted to close the coal harbour.</description></item>
    </rdf:RDF>`;
    const [item] = readXmlFeed(rdf);
    expect(item).toMatchObject({ title: 'Coal harbour closes', url: 'https://x.example/a', published: '2026-09-02', source: 'Lindholm Post' });
  });
});

describe('Atom', () => {
  it('resolves relative links, reads html and xhtml content, author and published', async () => {
    const results = await collect(readSources([join(fixtures, 'atom.xml')]));
    expect(results).toHaveLength(2);
    const [a, b] = results.map(article);
    expect(a!.title).toBe('Island ferry timetable changes');
    expect(a!.url).toBe('https://times.example.net/news/ferry-timetable');
    expect(a!.byline).toBe('Mara Dunn');
    expect(a!.published).toBe('2026-11-05T07:45:00+01:00');
    expect(a!.source).toBe('Gull Island Times');
    expect(a!.text).toBe(
      'The Gull Island ferry will leave an hour earlier from Monday, the operator announced on Thursday.\n\nIslanders said the change would help children reach school on time.',
    );
    expect(b!.published).toBe('2026-11-04T12:00:00Z');
    expect(b!.text).toContain('They asked for money to build a new quay');
    expect(b!.text.split('\n\n')).toHaveLength(2);
  });
});

describe('JSON Feed', () => {
  it('reads content_html and content_text items', async () => {
    const results = await collect(readSources([join(fixtures, 'feed.json')]));
    const [a, b] = results.map(article);
    expect(a).toMatchObject({
      title: 'Museum reopens after flood',
      url: 'https://courier.example.com/museum',
      byline: 'Tom Reyes',
      source: 'Kelmouth Courier',
      published: '2026-10-31T10:00:00Z',
      language: 'en',
    });
    expect(a!.text.split('\n\n')).toHaveLength(2);
    expect(b!.text).toBe('The Kelmouth fish market will move to the new pier next spring, the harbour board said on Friday.\n\nTraders said the move was long overdue.');
    expect(b!.published).toBe('2026-10-30');
  });

  it('rejects a JSON Feed whose items are not a list, with the field named', () => {
    expect(() => readJsonFeed('{"version": "https://jsonfeed.org/version/1.1", "items": {}}')).toThrow(/^invalid JSON Feed: items: /);
  });
});

describe('broken feeds', () => {
  it('gives a one-line reason for a truncated feed', async () => {
    const results = await collect(readSources([join(fixtures, 'broken-feed.xml')]));
    expect(results).toHaveLength(1);
    expect(results[0]!.ok).toBe(false);
    expect(!results[0]!.ok && results[0]!.error).toMatch(/^broken XML: <\w+> is never closed/);
  });

  it('gives the line of a mismatched end tag', async () => {
    const xml = readFileSync(join(fixtures, 'rss.xml'), 'utf8').replace('</dc:creator>', '</dc:creatr>');
    const results = await collect(readBytes(Buffer.from(xml), 'mismatch.xml'));
    expect(results).toHaveLength(1);
    expect(!results[0]!.ok && results[0]!.error).toMatch(/^broken XML: <dc:creator> not closed before .* at line \d+$/);
  });

  it('says when an XML document is not a feed', async () => {
    const results = await collect(readBytes(Buffer.from('<?xml version="1.0"?><catalog><book>One</book></catalog>'), 'books.xml'));
    expect(results).toEqual([{ ok: false, origin: 'books.xml', error: 'not a feed: root element <catalog>' }]);
  });

  it('says when a feed has no items', async () => {
    const results = await collect(readBytes(Buffer.from('<rss version="2.0"><channel><title>Quiet</title></channel></rss>'), 'quiet.rss'));
    expect(results).toEqual([{ ok: false, origin: 'quiet.rss', error: 'feed has no items' }]);
  });

  it('decodes a feed declared as ISO-8859-1', async () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\xe9 News</title><item><title>Caf\xe9 reopens</title><description>The harbour caf\xe9 reopened on Friday.</description></item></channel></rss>';
    const [r] = await collect(readBytes(Buffer.from(xml, 'latin1'), 'latin.xml'));
    expect(article(r).title).toBe('Café reopens');
    expect(article(r).source).toBe('Café News');
  });
});
