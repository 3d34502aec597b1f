import { describe, expect, it } from 'vitest';
import { datesIn } from '../src/ingest/html/dates.js';
import { extractFromHtml } from '../src/ingest/html/extract.js';
import { dateFromUrl } from '../src/ingest/html/published.js';

/** A small invented article page: head tags, a headline, a header line and a few paragraphs. */
function page(opts: { head?: string; header?: string; after?: string; headline?: string }): string {
  const headline = opts.headline ?? '<h1>Dock workers in Pellmar vote to accept the new shift rota</h1>';
  const story = Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i}: the union said the rota, agreed after two weeks of talks with the port, keeps night shifts short and pays the same.</p>`).join('');
  return `<html><head><title>Dock workers accept rota</title>${opts.head ?? ''}</head><body><article>${headline}${opts.header ?? ''}${story}${opts.after ?? ''}</article></body></html>`;
}

const ld = (fields: Record<string, string>): string =>
  `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Dock workers in Pellmar vote to accept the new shift rota', ...fields })}</script>`;

describe('dates written in text', () => {
  it('labels dates by the word before them', () => {
    const found = datesIn('Posted 2 May 2024 · Last updated: June 9, 2025');
    expect(found.map((f) => [f.date, f.label])).toEqual([
      ['2024-05-02', 'published'],
      ['2025-06-09', 'updated'],
    ]);
  });

  it('keeps the other reading of a numeric date that reads both ways', () => {
    expect(datesIn('03/10/2023')[0]).toMatchObject({ date: '2023-03-10', swapped: '2023-10-03' });
    expect(datesIn('25/10/2023')[0]).toMatchObject({ date: '2023-10-25', swapped: null });
  });

  it('reads citation-style and timestamp dates', () => {
    expect(datesIn('2023 Jan 7')[0]?.date).toBe('2023-01-07');
    expect(datesIn('Filed 2022-11-23T08:10+02:00')[0]?.date).toBe('2022-11-23');
  });
});

describe('dates in URLs', () => {
  it('reads month names and dates followed by any separator', () => {
    expect(dateFromUrl('https://blog.example/2023/october/03/wine-styles/')).toBe('2023-10-03');
    expect(dateFromUrl('https://blog.example/articles/2025-12-15+Harbour+notes')).toBe('2025-12-15');
    expect(dateFromUrl('https://blog.example/2023/marketing/03/')).toBeNull();
  });
});

describe('choosing the publication date', () => {
  it('settles an ambiguous header date with the metadata', () => {
    const html = page({ head: ld({ datePublished: '2024-09-10T16:07:00Z' }), header: '<p class="post-date">09.10.2024</p>' });
    expect(extractFromHtml(html).published?.slice(0, 10)).toBe('2024-09-10');
  });

  it('takes the exact metadata when the header shows the same moment in local time', () => {
    const head = '<meta property="article:published_time" content="2025-07-05T00:04:00+00:00">';
    const header = '<time datetime="2025-07-04T20:04:00-04:00">July 4, 2025</time>';
    expect(extractFromHtml(page({ head, header })).published).toBe('2025-07-05T00:04:00+00:00');
    // …unless the URL dates the page as its header does.
    expect(extractFromHtml(page({ head, header }), { url: 'https://news.example/2025/07/04/rota' }).published).toBe('2025-07-04');
  });

  it('does not take a date from a sentence of the story near the headline', () => {
    const header = '<p>The old rota ends on April 15, 2025, when the union and the port will review how the night shifts worked out.</p>';
    const after = '<footer class="meta">Page last modified <time datetime="2025-01-17">Jan. 17, 2025</time></footer>';
    expect(extractFromHtml(page({ header, after })).published).toBe('2025-01-17');
  });

  it('reads a date written in the headline\'s own container', () => {
    const headline = '<fieldset><legend>Dock workers in Pellmar vote to accept the new shift rota</legend> 20 December 2025 <div>';
    const head = '<meta property="og:title" content="Dock workers in Pellmar vote to accept the new shift rota">';
    const html = page({ head, headline, after: '</div></fieldset>' });
    expect(extractFromHtml(html).published).toBe('2025-12-20');
  });

  it('reads site-specific publication-date meta names', () => {
    const head = '<meta name="w-published-date" content="2025-05-27T06:03:43Z">';
    expect(extractFromHtml(page({ head })).published).toBe('2025-05-27T06:03:43Z');
  });

  it('falls back to the modified date when a page gives nothing else', () => {
    const head = '<meta property="article:modified_time" content="2023-06-12T10:39:42+00:00">';
    expect(extractFromHtml(page({ head })).published).toBe('2023-06-12T10:39:42+00:00');
  });
});

describe('a header that shows the revision date', () => {
  const header = '<p class="byline">By Ilse Varga · Updated March 3, 2026</p>';
  const modified = '<meta property="article:modified_time" content="2026-03-03T10:00:00Z">';

  it('dates the page by the publication its meta tags declare', () => {
    const head = `<meta property="article:published_time" content="2024-05-20T08:00:00Z">${modified}`;
    expect(extractFromHtml(page({ head, header })).published).toBe('2024-05-20T08:00:00Z');
  });

  it('dates the page as shown when only schema.org data holds an earlier date', () => {
    const head = `${ld({ datePublished: '2024-05-20T08:00:00Z', dateModified: '2026-03-03T10:00:00Z' })}${modified}`;
    expect(extractFromHtml(page({ head, header })).published).toBe('2026-03-03');
  });
});
