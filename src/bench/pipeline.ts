/**
 * Bench stage `pipeline`: the full analysis (analyzeArticle) over real article
 * texts, per stage and whole, on one thread and on a pool of two worker
 * threads; in the same run, two references over the same texts: wink-nlp
 * tokenising and POS tagging alone (the ceiling for a JavaScript pipeline),
 * and compromise's people/places/quotations extraction (a typical JavaScript
 * alternative). Each timed pass follows a warm-up that loads the models and
 * lets V8 finish optimising (see fullPass).
 *
 * Both passes run on worker threads (one, then two) that end with their pass,
 * so this thread never holds the models and the peak memory reported is the
 * product's: the models of at most two analysis threads at a time.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StageTimings } from '../analysis.js';
import type { Article } from '../ingest/article.js';
import { readSources } from '../ingest/index.js';
import { orderedMap } from '../parallel/ordered.js';
import { createWorkerPool, type AnalysisPool } from '../parallel/pool.js';
import { peakRssMB, type BenchOptions, type BenchResult, type BenchStage } from './stages.js';
import { cpuSecondsSince } from '../cpu-time.js';

const POLNEAR_TRAIN = fileURLToPath(new URL('../../../shared/data/polnear/train/text', import.meta.url));

/** Invented wire copy for machines without ../shared. */
function invented(count: number): Article[] {
  const people = ['Mirela Oskan', 'Pavel Renke', 'Ivo Brandt', 'Hanna Velic'];
  const places = ['Dorvala', 'Kestrin', 'Mavrona', 'Tolbeck'];
  return Array.from({ length: count }, (_, i) => {
    const who = people[i % people.length]!;
    const where = places[i % places.length]!;
    const text = [
      `${where} port workers ended a three-day strike on Tuesday after the harbour council agreed to talks, officials said.`,
      `"We will not give up until the contracts are signed," ${who}, the union's spokeswoman, told reporters in ${where}.`,
      `The council chairman, ${people[(i + 1) % people.length]}, said the agreement would be reviewed in March and warned that fines could follow.`,
      `Police in ${places[(i + 2) % places.length]} arrested two men during a protest outside the ministry on Monday.`,
    ].join('\n\n');
    return { url: null, title: `${where} strike ends`, byline: null, source: null, published: '2026-03-03', language: 'en', text };
  });
}

async function loadArticles(dir: string, limit: number | undefined): Promise<Article[]> {
  const out: Article[] = [];
  for await (const item of readSources([dir])) {
    if (item.ok) out.push(item.article);
    if (limit && out.length >= limit) break;
  }
  return out;
}

export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

interface Pass {
  seconds: number;
  cpuSeconds: number;
}

async function timedPass(work: () => Promise<void> | void): Promise<Pass> {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, cpuSeconds: cpuSecondsSince(cpu0) };
}

/** Every article through the pool, `window` in flight; per-stage milliseconds summed into `timings`. */
async function analyzeAll(pool: AnalysisPool, articles: Article[], timings: StageTimings): Promise<void> {
  const window = Math.max(2, pool.workers * 4);
  for await (const r of orderedMap(articles, (a) => pool.analyze(a, { timings: true }), window)) {
    for (const [stage, ms] of Object.entries(r.timings ?? {})) timings[stage] = (timings[stage] ?? 0) + ms;
  }
}

/** Articles each worker analyses before a timed pass (see fullPass). */
export const WARM_UP_PER_WORKER = 100;

async function fullPass(jobs: number, articles: Article[]): Promise<Pass & { timings: StageTimings }> {
  const pool = createWorkerPool(jobs);
  try {
    // Warm-up: every worker loads its models and V8 finishes optimising the hot code before the clock
    // starts. The first ~100 articles a thread analyses cost it about twice the steady-state time, most of
    // it JIT compilation on a background thread: a cold pass would measure compilation, not analysis, and
    // penalise two workers (two compilers on two cores) against one (whose compiler has a core to itself).
    await analyzeAll(pool, articles.slice(0, Math.min(articles.length, WARM_UP_PER_WORKER * jobs)), {});
    const timings: StageTimings = {};
    const pass = await timedPass(() => analyzeAll(pool, articles, timings));
    return { ...pass, timings };
  } finally {
    await pool.close();
  }
}

async function winkPass(texts: string[]): Promise<Pass> {
  const { default: winkNLP } = await import('wink-nlp');
  const { default: model } = await import('wink-eng-lite-web-model');
  const nlp = winkNLP(model);
  const its = nlp.its;
  const work = (): void => {
    for (const t of texts) nlp.readDoc(t).tokens().out(its.pos);
  };
  work();
  return timedPass(work);
}

async function compromisePass(texts: string[]): Promise<Pass> {
  const { default: nlp } = await import('compromise');
  const work = (): void => {
    for (const t of texts) {
      const doc = nlp(t);
      doc.people().out('array');
      doc.places().out('array');
      doc.quotations().out('array');
    }
  };
  work();
  return timedPass(work);
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const dir = options.data ?? POLNEAR_TRAIN;
  const real = existsSync(dir);
  const articles = real ? await loadArticles(dir, options.limit) : invented(options.limit ?? 400);
  const texts = articles.map((a) => a.text);
  const words = texts.reduce((n, t) => n + countWords(t), 0);
  const rate = (n: number, s: number) => Math.round(n / s);

  const one = await fullPass(1, articles);
  const rssOne = peakRssMB();
  const two = await fullPass(2, articles);
  const rssTwo = peakRssMB();
  const wink = await winkPass(texts);
  let compromise: Pass | null = null;
  let compromiseNote = '';
  try {
    compromise = await compromisePass(texts);
  } catch (err) {
    compromiseNote = `; compromise unavailable (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
  }

  const rates: Record<string, number> = {
    'articles/s (jobs 1)': Math.round((articles.length / one.seconds) * 10) / 10,
    'words/s (jobs 1)': rate(words, one.seconds),
    'words/cpu-s (jobs 1)': rate(words, one.cpuSeconds),
    'articles/s (jobs 2)': Math.round((articles.length / two.seconds) * 10) / 10,
    'words/s (jobs 2)': rate(words, two.seconds),
    // All threads of this process: the CPU two workers spend, against one thread's (copying costs show here).
    'words/cpu-s (jobs 2)': rate(words, two.cpuSeconds),
    'speed-up (jobs 2)': Math.round((one.seconds / two.seconds) * 100) / 100,
  };
  // Stage rates from the single-thread pass: words per second spent in that stage alone, and its share of the time.
  const total = Object.values(one.timings).reduce((a, b) => a + b, 0);
  const stages = Object.entries(one.timings).sort((a, b) => b[1] - a[1]);
  for (const [stage, ms] of stages) rates[`words/s ${stage}`] = rate(words, ms / 1000);
  // The same per CPU-second: each stage's share of the pass's CPU time (wall time measures the neighbours too).
  for (const [stage, ms] of stages) rates[`words/cpu-s ${stage}`] = rate(words, (one.cpuSeconds * ms) / total);
  for (const [stage, ms] of stages) rates[`% time ${stage}`] = Math.round((ms / total) * 1000) / 10;
  rates['peak RSS MB (jobs 1)'] = rssOne;
  rates['peak RSS MB (jobs 2)'] = rssTwo;
  rates['words/s wink tag (ref)'] = rate(words, wink.seconds);
  if (compromise) rates['words/s compromise (ref)'] = rate(words, compromise.seconds);
  const shares = stages.map(([stage, ms]) => `${stage} ${Math.round((ms / total) * 100)}%`).join(', ');
  return {
    stage: 'pipeline',
    rates,
    items: articles.length,
    seconds: one.seconds + two.seconds,
    peakRssMB: peakRssMB(),
    notes: `${articles.length} articles, ${words} words, timed after a warm-up of ${WARM_UP_PER_WORKER} articles per worker (${real ? dir : 'invented text: ../shared absent'}); time by stage: ${shares}; peak RSS after jobs 1: ${rssOne} MB, after jobs 2: ${rssTwo} MB (before the references load)${compromiseNote}`,
  };
}

export const pipelineStage: BenchStage = {
  name: 'pipeline',
  description: 'full analysis per stage and whole at --jobs 1 and 2, beside wink-nlp tagging and compromise',
  run,
};
