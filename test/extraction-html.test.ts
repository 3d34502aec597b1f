import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFromHtml } from '../src/ingest/html/extract.js';
import { readJsonLd } from '../src/ingest/html/jsonld.js';
import { stripSiteName } from '../src/ingest/html/title.js';
import { cleanByline } from '../src/ingest/html/byline.js';
import { normaliseDate, writtenDates } from '../src/ingest/html/dates.js';
import { dateFromUrl } from '../src/ingest/html/published.js';
import { isFurniture } from '../src/ingest/html/render.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'html');
const fixture = (name: string): Buffer => readFileSync(join(fixtures, name));

describe('extractFromHtml on a news page with furniture', () => {
  const article = extractFromHtml(fixture('ferry-route.html'), { url: 'https://courier.example/news/ferry' });

  it('reads metadata from JSON-LD @graph, resolving the author by @id', () => {
    expect(article.title).toBe('Harbour board approves new ferry route to Orsen Bay');
    expect(article.byline).toBe('Adaline Krenz');
    expect(article.source).toBe('Velmar Courier');
    expect(article.published).toBe('2026-03-14T09:30:00+01:00');
    expect(article.language).toBe('en');
  });

  it('keeps the story with headings as their own paragraphs', () => {
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs[0]).toMatch(/^VELMAR, March 14 - The Velmar harbour board/);
    expect(paragraphs).toContain('Fishing cooperative wins concessions');
    expect(paragraphs.at(-1)).toMatch(/stranded in bad weather\.$/);
    expect(paragraphs).toHaveLength(6);
  });

  it('leaves out title, byline, date, share bar, related links, comments, cookie notice, nav and footer', () => {
    for (const junk of ['Harbour board approves', 'Adaline Krenz', '14 March 2026', 'Share on', 'Related stories', 'Drumlin yard wins', 'taxpayers', 'cookies', 'Weather', 'Most read', 'All rights reserved', 'Photo: Courier staff']) {
      expect(article.text, junk).not.toContain(junk);
    }
  });
});

describe('extractFromHtml on hard input', () => {
  it('decodes an ISO-8859-1 page given as bytes', () => {
    const article = extractFromHtml(fixture('latin1-cafe.html'));
    expect(article.title).toBe('Café owners in Tessin protest régime of inspections');
    expect(article.text).toContain('twelve cafés');
    expect(article.text).toContain('naïve tourists arrive à la fois');
  });

  it('survives malformed HTML (unclosed tags, stray brackets, bad entities) and keeps the text', () => {
    const article = extractFromHtml(fixture('malformed.html'));
    expect(article.title).toBe('Bridge reopens after repairs');
    expect(article.text).toContain('The river bridge at Wrenford reopened on Monday');
    expect(article.text).toContain('cyclists are asked to use the new side lane');
  });

  it('returns an empty body, not an error, for empty and binary input', () => {
    expect(extractFromHtml('').text).toBe('');
    const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(() => extractFromHtml(binary)).not.toThrow();
  });

  it('finds the story when a builder splits it across sibling widgets', () => {
    const widget = (text: string): string => `<div class="elementor-widget"><div class="elementor-widget-container"><p>${text}</p></div></div>`;
    const sentences = Array.from({ length: 8 }, (_, i) => `Paragraph ${i} of the report says the river council, the growers and the port agreed on new rules, fees and dates for the season.`);
    const html = `<html><body><div class="page"><div class="section">${sentences.slice(0, 3).map(widget).join('')}</div><div class="section">${sentences.slice(3).map(widget).join('')}</div></div><footer><a href="/">Home</a></footer></body></html>`;
    const text = extractFromHtml(html).text;
    for (const s of sentences) expect(text).toContain(s);
  });

  it('reads source line breaks as spaces and <br> as a line break', () => {
    const long = 'The port council said the new fees, agreed after long talks with the growers and the ferry operators, would apply from June.';
    const html = `<html><body><article><p>First line of the\nstatement, wrapped in the source.<br>Second line.</p><p>${long}</p><p>${long.replace('June', 'July')}</p></article></body></html>`;
    const text = extractFromHtml(html).text;
    expect(text.split('\n\n')[0]).toBe('First line of the statement, wrapped in the source.\nSecond line.');
  });

  it('keeps a story that streaming server rendering parks in a hidden div', () => {
    const body = Array.from({ length: 6 }, (_, i) => `<p>Line ${i}: officials in Kessa said the new school, the hospital wing and the road would open later, after delays, in the autumn.</p>`).join('');
    const html = `<html><body><div id="shell"><p>Loading</p></div><div hidden id="S:0"><article>${body}</article></div></body></html>`;
    expect(extractFromHtml(html).text).toContain('Line 5: officials in Kessa');
  });
});

describe('metadata helpers', () => {
  it('reads JSON-LD arrays, nested nodes and author lists', () => {
    const meta = readJsonLd([
      '[{"@type":"WebPage","name":"x"},{"@type":["NewsArticle"],"headline":"Talks resume","datePublished":"2026-01-05","author":[{"name":"Ivo Brandt"},{"name":"Hanna Velic"}],"publisher":{"name":"Kessa Post"}}]',
    ]);
    expect(meta).toMatchObject({ headline: 'Talks resume', datePublished: '2026-01-05', authors: ['Ivo Brandt', 'Hanna Velic'], publisher: 'Kessa Post', isArticle: true });
    expect(readJsonLd(['{not json'])).toBeNull();
  });

  it('strips site names from titles', () => {
    expect(stripSiteName('Ferry route approved | Velmar Courier', 'Velmar Courier', null)).toBe('Ferry route approved');
    expect(stripSiteName('Velmar Courier - Ferry route approved', 'Velmar Courier', null)).toBe('Ferry route approved');
    expect(stripSiteName('Ferry route approved - courier.example', null, 'courier.example')).toBe('Ferry route approved');
    expect(stripSiteName('Ferry route approved', 'Velmar Courier', null)).toBe('Ferry route approved');
  });

  it('cleans bylines and rejects what is not a name', () => {
    expect(cleanByline('By Jane Roe | June 3, 2025')).toBe('Jane Roe');
    expect(cleanByline('Written by: Omar Kestrel')).toBe('Omar Kestrel');
    expect(cleanByline('Ramon Berenguer')).toBe('Ramon Berenguer');
    expect(cleanByline('https://courier.example/authors/jane')).toBeNull();
    expect(cleanByline('Florence says:')).toBeNull();
  });

  it('normalises dates written in many ways', () => {
    expect(normaliseDate('2025-01-29T20:47:55+0000')).toBe('2025-01-29T20:47:55+00:00');
    expect(normaliseDate('Jun 24, 2025')).toBe('2025-06-24');
    expect(normaliseDate('13/11/2025 09:21')).toBe('2025-11-13');
    expect(normaliseDate('sometime soon')).toBeNull();
    expect(writtenDates('Published 2 May 2024 · Updated June 9, 2025')).toEqual(['2024-05-02', '2025-06-09']);
    expect(writtenDates('23.07.2025 and 07/23/2025')).toEqual(['2025-07-23', '2025-07-23']);
    expect(dateFromUrl('https://x.example/2024/03/07/story/')).toBe('2024-03-07');
    expect(dateFromUrl('https://x.example/news/story-1234')).toBeNull();
  });

  it('recognises furniture paragraphs but not story text', () => {
    expect(isFurniture('Skip to main content')).toBe(true);
    expect(isFurniture('Related Posts')).toBe(true);
    expect(isFurniture('August 14, 2025')).toBe(true);
    expect(isFurniture('Officials said the related talks would resume in August.')).toBe(false);
  });
});
