/**
 * `fivew eval corpus --data test/fixtures/corpus`: story and claim clusters
 * scored pairwise (precision, recall and F1 over pairs of items put together,
 * as Miranda et al. 2018 score news-stream clustering), plus how many
 * labelled actors came out as one actor. The set is described in
 * test/fixtures/corpus/README.md; figures in docs/EVAL-corpus.md.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { analyzeArticle, type Analysis } from '../analysis.js';
import type { Article } from '../ingest/article.js';
import { buildCorpus, CORPUS_DEFAULTS, type CorpusOptions } from '../corpus/build.js';
import { corpusDb } from '../corpus/load.js';
import { refreshCorpus } from '../corpus/refresh.js';
import { openStore } from '../store/open.js';
import { UsageError } from '../cli/errors.js';
import type { EvalOptions, EvalResult, EvalTask } from './tasks.js';
import { f1Score } from './metrics.js';

const labelsSchema = z.object({
  stories: z.array(z.object({ id: z.string(), articles: z.array(z.string()).min(1) })),
  claims: z.array(
    z.object({ id: z.string(), speaker: z.string(), statements: z.array(z.object({ article: z.string(), quote: z.string().min(1) })).min(1) }),
  ),
  actors: z.array(z.object({ name: z.string(), variants: z.array(z.string()).min(1) })).default([]),
});
export type CorpusLabels = z.infer<typeof labelsSchema>;

export interface FixtureArticle {
  /** File name without .txt: what labels.json refers to. */
  name: string;
  article: Article;
}

/** A fixture file: headline, optional "Key: value" lines (Date, Source), blank line, body. */
export function parseFixture(name: string, raw: string): FixtureArticle {
  const [head = '', ...rest] = raw.replace(/\r\n/g, '\n').split(/\n\s*\n/);
  const lines = head.split('\n');
  const meta = new Map<string, string>();
  for (const l of lines.slice(1)) {
    const m = /^(\w+):\s*(.*)$/.exec(l);
    if (m) meta.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return {
    name,
    article: { url: null, title: lines[0]!.trim() || null, byline: null, source: meta.get('source') ?? null, published: meta.get('date') ?? null, language: 'en', text: rest.join('\n\n').trim() },
  };
}

export function loadCorpusFixtures(dir: string): { articles: FixtureArticle[]; labels: CorpusLabels } {
  const articles = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseFixture(f.slice(0, -4), readFileSync(join(dir, f), 'utf8')));
  const labels = labelsSchema.parse(JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')));
  return { articles, labels };
}

export interface PairwiseScores {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

/**
 * Pairwise scores over the items the gold labelling covers. An item the
 * prediction misses is a singleton there (it costs recall, never precision).
 */
export function pairwiseScores(gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): PairwiseScores {
  const items = [...gold.keys()];
  let truePairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const g = gold.get(items[i]!) === gold.get(items[j]!);
      const pi = predicted.get(items[i]!);
      const p = pi !== undefined && pi === predicted.get(items[j]!);
      if (g) truePairs++;
      if (p) predictedPairs++;
      if (g && p) correctPairs++;
    }
  }
  const precision = predictedPairs === 0 ? (truePairs === 0 ? 1 : 0) : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  return { precision, recall, f1: f1Score(precision, recall), truePairs, predictedPairs, correctPairs };
}

export interface CorpusEvalReport {
  articles: number;
  stories: PairwiseScores & { gold: number; predicted: number };
  claims: PairwiseScores & { statements: number; matched: number; gold: number };
  actors: { labelled: number; linked: number };
}

/** Score the corpus layer on already analysed fixtures (name → analysis). */
export function scoreCorpus(analyses: Map<string, Analysis>, labels: CorpusLabels, options: CorpusOptions = CORPUS_DEFAULTS): CorpusEvalReport {
  const list = [...analyses.values()];
  const view = buildCorpus(list, options);
  const storyOf = new Map<string, string>();
  for (const s of view.stories) for (const m of s.members) storyOf.set(m.article, s.id);
  const claimOf = new Map<string, string>();
  for (const c of view.claims) for (const s of c.statements) claimOf.set(`${s.article}\u0000${s.attribution}`, c.id);
  let linked = 0;
  for (const actor of labels.actors) {
    const ids = new Set(actor.variants.map((v) => view.actors.resolveName(v)));
    if (ids.size === 1 && !ids.has(null)) linked++;
  }
  return { ...scoreClusters(analyses, labels, storyOf, claimOf), actors: { labelled: labels.actors.length, linked } };
}

/** Stories and claims scored against the labels, given each article's story and each statement's claim (by article id). */
function scoreClusters(analyses: Map<string, Analysis>, labels: CorpusLabels, storyOf: ReadonlyMap<string, string>, claimOf: ReadonlyMap<string, string>): Omit<CorpusEvalReport, 'actors'> {
  const nameOf = new Map([...analyses].map(([name, a]) => [a.article.id, name]));
  const goldStory = new Map<string, string>();
  for (const s of labels.stories) for (const a of s.articles) goldStory.set(a, s.id);
  const predStory = new Map<string, string>();
  for (const [article, story] of storyOf) predStory.set(nameOf.get(article) ?? article, story);

  const goldClaim = new Map<string, string>();
  const predClaim = new Map<string, string>();
  let matched = 0;
  for (const c of labels.claims) {
    for (const [i, st] of c.statements.entries()) {
      const key = `${c.id}#${i}`;
      goldClaim.set(key, c.id);
      const a = analyses.get(st.article);
      const attribution = a ? attributionCovering(a, st.quote) : null;
      const cluster = a && attribution ? claimOf.get(`${a.article.id}\u0000${attribution}`) : undefined;
      if (cluster) {
        predClaim.set(key, cluster);
        matched++;
      }
    }
  }
  return {
    articles: analyses.size,
    stories: { ...pairwiseScores(goldStory, predStory), gold: labels.stories.length, predicted: new Set(storyOf.values()).size },
    claims: { ...pairwiseScores(goldClaim, predClaim), statements: goldClaim.size, matched, gold: labels.claims.length },
  };
}

/**
 * The same scores when the fixtures arrive a few at a time in date order and each batch is placed by an
 * incremental refresh (the first batch builds the corpus): what a store fed by a news stream ends up with.
 */
export async function scoreCorpusIncremental(analyses: Map<string, Analysis>, labels: CorpusLabels, batchSize = 10): Promise<Omit<CorpusEvalReport, 'actors'> & { refreshes: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'fivew-corpus-incremental-'));
  const store = await openStore(join(dir, 'corpus.db'));
  try {
    const byDate = [...analyses].sort(([an, a], [bn, b]) => (a.article.published ?? '').localeCompare(b.article.published ?? '') || an.localeCompare(bn));
    const stored = new Map<string, Analysis>();
    const refreshes: string[] = [];
    for (let i = 0; i < byDate.length; i += batchSize) {
      for (const [name, a] of byDate.slice(i, i + batchSize)) {
        const r = await store.insertArticle(a.article, a);
        // Scored under the id the store gave it, as the corpus tables name it.
        stored.set(name, { ...a, article: { ...a.article, id: r.id } });
      }
      refreshes.push((await refreshCorpus(store, { maxShare: 1 })).mode);
    }
    const db = corpusDb(store);
    const storyOf = new Map((await db.selectFrom('corpus_story_articles').select(['article_id', 'story_id']).execute()).map((r) => [r.article_id, r.story_id]));
    const claimOf = new Map((await db.selectFrom('corpus_claim_statements').select(['article_id', 'attribution_id', 'claim_id']).execute()).map((r) => [`${r.article_id}\u0000${r.attribution_id}`, r.claim_id]));
    return { ...scoreClusters(stored, labels, storyOf, claimOf), refreshes };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The attribution whose content covers most of the quote (at least half of it). */
export function attributionCovering(analysis: Analysis, quote: string): string | null {
  const start = analysis.article.text.indexOf(quote);
  if (start < 0) return null;
  const end = start + quote.length;
  let best: { id: string; overlap: number } | null = null;
  for (const at of analysis.attributions) {
    let overlap = 0;
    for (const s of at.content.spans) overlap += Math.max(0, Math.min(end, s.end) - Math.max(start, s.start));
    if (overlap * 2 >= quote.length && (!best || overlap > best.overlap)) best = { id: at.id, overlap };
  }
  return best?.id ?? null;
}

export function analyzeFixtures(articles: FixtureArticle[], progress?: (done: number, total: number) => void): Map<string, Analysis> {
  const out = new Map<string, Analysis>();
  for (const [i, f] of articles.entries()) {
    out.set(f.name, analyzeArticle(f.article).analysis);
    progress?.(i + 1, articles.length);
  }
  return out;
}

const pct = (x: number): string => (100 * x).toFixed(1);

/** Articles per batch in the incremental mode: a small ingest run into a growing store. */
const INCREMENTAL_BATCH = 10;

export const corpusTask: EvalTask = {
  name: 'corpus',
  description: 'story and claim clusters and actor links on a labelled fixture set (pairwise P/R/F1)',
  async run(options: EvalOptions): Promise<EvalResult> {
    if (!existsSync(join(options.data, 'labels.json'))) throw new UsageError(`--data wants a folder of .txt articles with a labels.json (see test/fixtures/corpus/README.md): ${options.data}`);
    const { articles, labels } = loadCorpusFixtures(options.data);
    const analyses = analyzeFixtures(articles, options.progress);
    const report = scoreCorpus(analyses, labels);
    const incremental = await scoreCorpusIncremental(analyses, labels, INCREMENTAL_BATCH);
    const s = report.stories;
    const c = report.claims;
    const text = [
      `articles ${report.articles}`,
      `stories  P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (gold ${s.gold}, predicted ${s.predicted})`,
      `claims   P ${pct(c.precision)}  R ${pct(c.recall)}  F1 ${pct(c.f1)}  (${c.matched}/${c.statements} labelled statements found by the attribution layer, ${c.gold} gold clusters)`,
      `actors   ${report.actors.linked}/${report.actors.labelled} labelled actors linked into one`,
      `incremental (${INCREMENTAL_BATCH} at a time in date order, each batch placed into the saved corpus):`,
      `stories  P ${pct(incremental.stories.precision)}  R ${pct(incremental.stories.recall)}  F1 ${pct(incremental.stories.f1)}  (predicted ${incremental.stories.predicted})`,
      `claims   P ${pct(incremental.claims.precision)}  R ${pct(incremental.claims.recall)}  F1 ${pct(incremental.claims.f1)}`,
    ].join('\n');
    return { report: { ...report, incremental } as unknown as Record<string, unknown>, text };
  },
};
