/**
 * Bench stage `html`: pages/s for HTML article extraction (gunzip, charset
 * decoding, parsing, metadata and body) over the WCXB dev pages, or any
 * folder of .html.gz / .html files given with --data. Compressed bytes are
 * read before the clock starts, so disk speed does not count.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeHtml } from '../ingest/charset.js';
import { extractFromHtml } from '../ingest/html/extract.js';
import { peakRssMB, type BenchOptions, type BenchResult, type BenchStage } from './stages.js';
import { cpuSecondsSince } from '../cpu-time.js';

const DEFAULT_DATA = fileURLToPath(new URL('../../../shared/data/wcxb-dev-articles', import.meta.url));
const GENERATED_PAGES = 300;

interface Page {
  bytes: Uint8Array;
  gzipped: boolean;
}

function pageFiles(dir: string): string[] {
  const htmlDir = existsSync(join(dir, 'html')) ? join(dir, 'html') : dir;
  return readdirSync(htmlDir)
    .filter((f) => /\.html?(?:\.gz)?$/i.test(f))
    .sort()
    .map((f) => join(htmlDir, f));
}

/** Invented pages with page furniture around the story, for machines without ../shared. */
function generatedPages(count: number): Page[] {
  const pages: Page[] = [];
  for (let i = 0; i < count; i++) {
    const paragraphs = Array.from(
      { length: 8 },
      (_, p) => `<p>Officials in Velmar said on day ${i} that the harbour board, the growers' union and the port council met for talks number ${p}, agreeing to review tariffs, roads and the new bridge before the winter rains.</p>`,
    ).join('\n');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour talks ${i} | Velmar Courier</title>
<meta property="og:site_name" content="Velmar Courier"><meta property="article:published_time" content="2026-03-${String((i % 28) + 1).padStart(2, '0')}T08:00:00Z"></head>
<body><header><nav><a href="/">Home</a><a href="/news">News</a><a href="/sport">Sport</a></nav></header>
<main><article><h1>Harbour talks ${i}</h1><p class="byline">By Mirela Oskan</p>${paragraphs}</article>
<aside class="related"><ul><li><a href="/a">Other story</a></li><li><a href="/b">Another story</a></li></ul></aside></main>
<footer><p>© Velmar Courier</p></footer></body></html>`;
    pages.push({ bytes: gzipSync(html), gzipped: true });
  }
  return pages;
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const dir = options.data ?? DEFAULT_DATA;
  let pages: Page[];
  let notes = 'gunzip + decode + parse + extract; files read before timing';
  if (!options.data && !existsSync(dir)) {
    pages = generatedPages(options.limit ?? GENERATED_PAGES);
    notes += '; generated pages (../shared absent)';
  } else {
    if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
    let files = pageFiles(dir);
    if (options.limit !== undefined) files = files.slice(0, options.limit);
    if (files.length === 0) throw new Error(`${dir}: no .html or .html.gz files`);
    pages = files.map((f) => ({ bytes: readFileSync(f), gzipped: f.endsWith('.gz') }));
  }
  let chars = 0;
  // CPU time too: on a shared machine wall-clock rates measure the neighbours as much as us.
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const page of pages) {
    const bytes = page.gzipped ? gunzipSync(page.bytes) : page.bytes;
    const article = extractFromHtml(decodeHtml(bytes));
    chars += article.text.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu0);
  return {
    stage: 'html',
    rates: { 'pages/s': pages.length / seconds, 'pages/cpu-s': pages.length / cpuSeconds, 'body chars/s': chars / seconds },
    items: pages.length,
    seconds,
    peakRssMB: peakRssMB(),
    notes,
  };
}

export const htmlStage: BenchStage = {
  name: 'html',
  description: 'HTML article extraction (body + metadata), pages/s',
  run,
};
