/**
 * `fivew eval extraction`: body and metadata extraction scored on one of two
 * benchmark layouts (see docs/EVAL-extraction.md for the exact matching rules).
 *
 * - WCXB: html/ID.html.gz + ground-truth/ID.json. Lowercase \w+ bag-of-words
 *   P/R/F1 per page, macro-averaged; title, author and date accuracy.
 * - Zyte: html/ID.html.gz + ground-truth.json {ID: {articleBody, url}}. Case-kept
 *   \w+ 4-token shingle multisets, per-page TP/FP/FN normalised to sum to 1,
 *   precision and recall averaged over pages, F1 their harmonic mean.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { UsageError } from '../cli/errors.js';
import { decodeHtml } from '../ingest/charset.js';
import { extractFromHtml } from '../ingest/html/extract.js';
import { runReadability } from '../ingest/html/readability.js';
import type { EvalOptions, EvalResult, EvalTask } from './tasks.js';
import { f1Score } from './metrics.js';

export type Layout = 'wcxb' | 'zyte';

export interface GoldPage {
  id: string;
  url: string | null;
  body: string;
  title?: string | null;
  author?: string | null;
  date?: string | null;
}

/** What an extractor returns for one page; the scorer only looks at these. */
export interface Extracted {
  text: string;
  title: string | null;
  byline: string | null;
  published: string | null;
}

export type Extractor = (html: string, url: string | null) => Extracted;

export interface SystemScore {
  system: string;
  layout: Layout;
  pages: number;
  bodyPrecision: number;
  bodyRecall: number;
  bodyF1: number;
  /** Metadata accuracies, null on the Zyte layout (it has no metadata gold). */
  titleAccuracy: number | null;
  authorAccuracy: number | null;
  dateAccuracy: number | null;
  /** Pages with a gold author / date: the denominators of those accuracies. */
  authorPages: number;
  datePages: number;
  /** Pages per second for extraction alone (HTML already decoded). */
  pagesPerSecond: number;
  failures: number;
}

// ---------------------------------------------------------------- tokens

// Python's `\w` with re.UNICODE: letters, digits (all numeric), underscore and marks
// that attach to letters; close enough that both scorers split text the same way.
const WORD = /[\p{L}\p{N}\p{M}_]+/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

function counts<T>(items: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** Bag-of-words P/R/F1 over lowercase \w+ tokens. Two empty texts agree perfectly. */
export function bagOfWordsPrf(gold: string, predicted: string): Prf {
  const g = counts(words(gold.toLowerCase()));
  const p = counts(words(predicted.toLowerCase()));
  let gn = 0;
  let pn = 0;
  let overlap = 0;
  for (const n of g.values()) gn += n;
  for (const [w, n] of p) {
    pn += n;
    overlap += Math.min(n, g.get(w) ?? 0);
  }
  if (gn === 0 && pn === 0) return { precision: 1, recall: 1, f1: 1 };
  const precision = pn === 0 ? 0 : overlap / pn;
  const recall = gn === 0 ? 0 : overlap / gn;
  return { precision, recall, f1: f1Score(precision, recall) };
}

function shingles(text: string, n: number): Map<string, number> {
  const tokens = words(text);
  const out: string[] = [];
  // A text shorter than n tokens is one shingle of all its tokens, as the Zyte scorer does.
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const s = tokens.slice(i, i + n).join(' ');
    if (s) out.push(s);
  }
  return counts(out);
}

export interface Normalised {
  tp: number;
  fp: number;
  fn: number;
}

/** Per-page shingle TP/FP/FN (case kept), normalised to sum to 1. */
export function shingleCounts(gold: string, predicted: string, n = 4): Normalised {
  const g = shingles(gold, n);
  const p = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...g.keys(), ...p.keys()])) {
    const gc = g.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(gc, pc);
    fp += Math.max(0, pc - gc);
    fn += Math.max(0, gc - pc);
  }
  const s = tp + fp + fn;
  return s > 0 ? { tp: tp / s, fp: fp / s, fn: fn / s } : { tp, fp, fn };
}

export function shinglePrecision({ tp, fp, fn }: Normalised): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function shingleRecall({ tp, fp, fn }: Normalised): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

// ---------------------------------------------------------------- metadata matching

function canon(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Title: equal after NFKC, quote/dash folding, whitespace collapsing and lowercasing. */
export function titleMatches(gold: string | null | undefined, predicted: string | null): boolean {
  if (!gold) return !predicted;
  return predicted !== null && canon(gold) === canon(predicted);
}

const CREDENTIAL = /^(?:ph\.? ?d\.?|m\.?d\.?|jr\.?|sr\.?|esq\.?)$/i;

/**
 * The set of person (or organisation) names in an author string: split on commas,
 * "and", "&", "|", "/", ";" and "•"; drop a leading "By"; drop credentials (parts
 * without a lowercase letter and at most five letters, like "MS", "RD", "E-RYT 200",
 * and Ph.D., M.D., Jr.); then lowercase, strip accents and keep letters/digits only.
 */
export function authorNames(author: string): string[] {
  const parts = author
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|;|\||\/|•|&|\band\b)\s*/i)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .filter((p) => !CREDENTIAL.test(p) && !(!/\p{Ll}/u.test(p) && (p.match(/\p{L}/gu) ?? []).length <= 5));
  const names = parts
    .map((p) =>
      p
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/^(?:dr|prof|mr|mrs|ms)\.?\s+/, '')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim(),
    )
    .filter((p) => p.length > 0);
  return [...new Set(names)].sort();
}

/**
 * Author: the same set of names (see authorNames), or one side's names, joined
 * by spaces, found whole-word inside the other's ("Mike Marshall" for "Mike
 * Marshall, Shipping Expert"; "Rui Ma" for four co-authors). Scored only on
 * pages whose gold has an author.
 */
export function authorMatches(gold: string, predicted: string | null): boolean {
  const g = authorNames(gold);
  const p = predicted ? authorNames(predicted) : [];
  if (g.length === 0 || p.length === 0) return false;
  if (g.length === p.length && g.every((n, i) => n === p[i])) return true;
  const gs = ` ${g.join(' ')} `;
  const ps = ` ${p.join(' ')} `;
  return gs.includes(ps) || ps.includes(gs);
}

/**
 * Date: the same calendar day as written (the first 10 characters of an ISO date,
 * so no timezone shift); a gold date of only "YYYY-MM" needs the same month.
 * Scored only on pages whose gold has a date.
 */
export function dateMatches(gold: string, predicted: string | null): boolean {
  if (!predicted) return false;
  const g = gold.trim().slice(0, 10);
  return predicted.trim().slice(0, g.length) === g;
}

// ---------------------------------------------------------------- data

const WcxbGold = z.object({
  url: z.string().nullish(),
  ground_truth: z.object({
    main_content: z.string().nullish(),
    title: z.string().nullish(),
    author: z.string().nullish(),
    publish_date: z.string().nullish(),
  }),
});

const ZyteGold = z.record(z.string(), z.object({ articleBody: z.string().nullish(), url: z.string().nullish() }));

export function detectLayout(dir: string): Layout {
  if (!existsSync(join(dir, 'html'))) throw new Error(`${dir}: no html/ folder (expected html/ID.html.gz)`);
  if (existsSync(join(dir, 'ground-truth.json'))) return 'zyte';
  if (existsSync(join(dir, 'ground-truth'))) return 'wcxb';
  throw new Error(`${dir}: neither ground-truth/ID.json (WCXB) nor ground-truth.json (Zyte) found`);
}

export function loadGold(dir: string, layout: Layout): GoldPage[] {
  const htmlIds = new Set(
    readdirSync(join(dir, 'html'))
      .filter((f) => f.endsWith('.html.gz'))
      .map((f) => f.slice(0, -'.html.gz'.length)),
  );
  if (layout === 'zyte') {
    const gold = ZyteGold.parse(JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')));
    return Object.entries(gold)
      .filter(([id]) => htmlIds.has(id))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, g]) => ({ id, url: g.url ?? null, body: g.articleBody ?? '' }));
  }
  return readdirSync(join(dir, 'ground-truth'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((id) => htmlIds.has(id))
    .sort()
    .map((id) => {
      const g = WcxbGold.parse(JSON.parse(readFileSync(join(dir, 'ground-truth', `${id}.json`), 'utf8')));
      return {
        id,
        url: g.url ?? null,
        body: g.ground_truth.main_content ?? '',
        title: g.ground_truth.title ?? null,
        author: g.ground_truth.author ?? null,
        date: g.ground_truth.publish_date ?? null,
      };
    });
}

export function readPageHtml(dir: string, id: string): string {
  return decodeHtml(gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))));
}

// ---------------------------------------------------------------- scoring

export const ours: Extractor = (html, url) => extractFromHtml(html, { url });

export const readabilityBaseline: Extractor = (html) => {
  const r = runReadability(html);
  return { text: r?.textContent ?? '', title: r?.title ?? null, byline: r?.byline ?? null, published: r?.publishedTime ?? null };
};

export interface PageScore {
  id: string;
  precision: number;
  recall: number;
  f1: number;
  title: boolean | null;
  author: boolean | null;
  date: boolean | null;
  error?: string;
}

export function scorePage(layout: Layout, gold: GoldPage, got: Extracted): PageScore {
  if (layout === 'zyte') {
    const c = shingleCounts(gold.body, got.text);
    const precision = shinglePrecision(c);
    const recall = shingleRecall(c);
    return { id: gold.id, precision, recall, f1: f1Score(precision, recall), title: null, author: null, date: null };
  }
  const prf = bagOfWordsPrf(gold.body, got.text);
  return {
    id: gold.id,
    ...prf,
    title: titleMatches(gold.title, got.title),
    // Pages without a gold author or date are left out of those accuracies (null).
    author: gold.author ? authorMatches(gold.author, got.byline) : null,
    date: gold.date ? dateMatches(gold.date, got.published) : null,
  };
}

const EMPTY: Extracted = { text: '', title: null, byline: null, published: null };

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function rate(xs: (boolean | null)[]): number | null {
  const known = xs.filter((x): x is boolean => x !== null);
  return known.length === 0 ? null : known.filter(Boolean).length / known.length;
}

export function summarise(system: string, layout: Layout, pages: PageScore[], seconds: number): SystemScore {
  const precision = mean(pages.map((p) => p.precision));
  const recall = mean(pages.map((p) => p.recall));
  return {
    system,
    layout,
    pages: pages.length,
    bodyPrecision: precision,
    bodyRecall: recall,
    // WCXB macro-averages per-page F1; Zyte takes the harmonic mean of the averaged P and R.
    bodyF1: layout === 'zyte' ? f1Score(precision, recall) : mean(pages.map((p) => p.f1)),
    titleAccuracy: rate(pages.map((p) => p.title)),
    authorAccuracy: rate(pages.map((p) => p.author)),
    dateAccuracy: rate(pages.map((p) => p.date)),
    authorPages: pages.filter((p) => p.author !== null).length,
    datePages: pages.filter((p) => p.date !== null).length,
    pagesPerSecond: seconds > 0 ? pages.length / seconds : 0,
    failures: pages.filter((p) => p.error).length,
  };
}

export interface RunOutput {
  layout: Layout;
  ours: SystemScore;
  baseline: SystemScore | null;
  pages: { ours: PageScore[]; baseline: PageScore[] | null };
}

export function runExtractionEval(
  dir: string,
  options: { baseline?: boolean; limit?: number; progress?: (done: number, total: number) => void } = {},
): RunOutput {
  const layout = detectLayout(dir);
  let gold = loadGold(dir, layout);
  if (options.limit !== undefined) gold = gold.slice(0, options.limit);
  const systems: [string, Extractor][] = [['fivew', ours]];
  if (options.baseline) systems.push(['readability', readabilityBaseline]);
  const perSystem = systems.map(() => [] as PageScore[]);
  const seconds = systems.map(() => 0);
  gold.forEach((g, i) => {
    const html = readPageHtml(dir, g.id);
    systems.forEach(([, extract], s) => {
      const t0 = performance.now();
      let got = EMPTY;
      let error: string | undefined;
      try {
        got = extract(html, g.url);
      } catch (err) {
        error = (err as Error).message;
      }
      seconds[s] += (performance.now() - t0) / 1000;
      perSystem[s].push({ ...scorePage(layout, g, got), ...(error ? { error } : {}) });
    });
    options.progress?.(i + 1, gold.length);
  });
  const scores = systems.map(([name], s) => summarise(name, layout, perSystem[s], seconds[s]));
  return { layout, ours: scores[0], baseline: scores[1] ?? null, pages: { ours: perSystem[0], baseline: perSystem[1] ?? null } };
}

function pct(x: number | null): string {
  return x === null ? '   n/a' : `${(x * 100).toFixed(1).padStart(5)}%`;
}

export function formatReport(out: RunOutput, dir: string): string {
  const rows = [out.ours, ...(out.baseline ? [out.baseline] : [])];
  const lines = [
    `extraction on ${dir}: ${out.layout === 'wcxb' ? 'WCXB layout (html/ID.html.gz + ground-truth/ID.json)' : 'Zyte layout (html/ID.html.gz + ground-truth.json)'}, ${out.ours.pages} pages`,
    `body scoring: ${out.layout === 'wcxb' ? 'lowercase \\w+ bag of words, per-page P/R/F1 macro-averaged' : 'case-kept \\w+ 4-shingles, P and R averaged over pages, F1 = harmonic mean'}`,
    '',
    'system        body F1   body P   body R   title  author    date   pages/s  failures',
    ...rows.map(
      (r) =>
        `${r.system.padEnd(12)} ${r.bodyF1.toFixed(4).padStart(8)} ${r.bodyPrecision.toFixed(4).padStart(8)} ${r.bodyRecall.toFixed(4).padStart(8)}  ${pct(r.titleAccuracy)} ${pct(r.authorAccuracy)} ${pct(r.dateAccuracy)} ${r.pagesPerSecond.toFixed(1).padStart(9)} ${String(r.failures).padStart(9)}`,
    ),
  ];
  return lines.join('\n');
}

export const extractionTask: EvalTask = {
  name: 'extraction',
  description: 'HTML body and metadata extraction (WCXB or Zyte layout)',
  async run(options: EvalOptions): Promise<EvalResult> {
    const baseline = options.flags.baseline;
    if (baseline !== undefined && baseline !== 'readability') {
      throw new UsageError(`unknown baseline "${String(baseline)}" (known: readability)`);
    }
    const limitFlag = options.flags.limit;
    const limit = limitFlag === undefined || limitFlag === false ? undefined : Number(limitFlag);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit expects a positive integer');
    const out = runExtractionEval(options.data, { baseline: baseline === 'readability', limit, progress: options.progress });
    return {
      report: { task: 'extraction', layout: out.layout, data: options.data, ours: out.ours, baseline: out.baseline },
      text: formatReport(out, options.data),
    };
  },
};
