/**
 * Bench stage `events`: actor codes, events, places and dates (the layers
 * after attribution), alone and as a share of the whole `analyzeArticle`
 * pipeline, over PolNeAR dev texts by default or .txt files given with
 * --data. One warm-up pass, then a timed pass. Our budget is 25 %.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeArticle, type Analysis } from '../analysis.js';
import { peakRssMB, type BenchOptions, type BenchResult, type BenchStage } from '../bench/stages.js';
import type { Doc } from '../doc/doc.js';
import type { Article } from '../ingest/article.js';
import { annotateActors } from './actors.js';
import { annotateEvents } from './events.js';

const POLNEAR_DEV = fileURLToPath(new URL('../../../shared/data/polnear/dev/text', import.meta.url));

/** An invented wire story, for machines without ../shared. */
const GENERATED = [
  'Kenyan Foreign Minister Amani Odero met with Ethiopian Prime Minister Dawit Bekele in Addis Ababa on Tuesday.',
  '“The militias, which are backed by Eritrea, threaten the whole region,” Bekele said.',
  'Odero accused Somalia of harbouring armed groups along the border.',
  'Bekele also urged the expansion of relations with Kenya.',
].join('\n\n');

function texts(path: string | undefined, limit: number | undefined): string[] {
  let out: string[];
  if (path && existsSync(path)) {
    const files = statSync(path).isDirectory()
      ? readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.txt')).sort().map((f) => join(path, f))
      : [path];
    out = files.map((f) => readFileSync(f, 'utf8'));
  } else if (!path && existsSync(POLNEAR_DEV)) {
    out = texts(POLNEAR_DEV, undefined);
  } else {
    out = Array.from({ length: 200 }, () => GENERATED);
  }
  return limit ? out.slice(0, limit) : out;
}

function seconds(work: () => void): number {
  work();
  const t0 = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const articles: Article[] = texts(options.data, options.limit ?? 200).map((text) => ({ url: null, title: null, byline: null, source: null, published: '2024-03-08', language: 'en', text }));
  let done: Array<{ doc: Doc; analysis: Analysis }> = [];
  const pipeline = seconds(() => {
    done = articles.map((a) => analyzeArticle(a));
  });
  let events = 0;
  // Our layers alone, on Docs that carry every earlier layer (entities with their codes reset).
  const alone = seconds(() => {
    events = 0;
    for (const { doc, analysis } of done) {
      const plain = analysis.entities.map((e) => ({ ...e, country: null, sector: null }));
      const entities = annotateActors(doc, plain, analysis.attributions);
      events += annotateEvents(doc, entities, analysis.attributions, { published: analysis.article.published }).length;
    }
  });
  const tokens = done.reduce((n, d) => n + d.doc.tokens.length, 0);
  const share = pipeline > 0 ? alone / pipeline : 0;
  return {
    stage: 'events',
    rates: { 'articles/s': articles.length / alone, 'tokens/s': tokens / alone, 'events/article': events / Math.max(1, articles.length), 'share of pipeline %': Math.round(share * 1000) / 10 },
    items: articles.length,
    seconds: alone,
    peakRssMB: peakRssMB(),
    notes: `whole pipeline ${pipeline.toFixed(2)} s for the same ${articles.length} articles (${tokens} tokens); budget 25 %`,
  };
}

export const eventsStage: BenchStage = {
  name: 'events',
  description: 'actor codes, events, places and dates: time alone and as a share of analyzeArticle',
  run,
};
