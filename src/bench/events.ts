/**
 * Bench stage `events`: actor codes, events, places and dates (the layers
 * after attribution), alone and as a share of the whole `analyzeArticle`
 * pipeline, over PolNeAR dev texts by default or .txt files given with
 * --data. One warm-up pass, then a timed pass. Our budget is 25 %.
 */
import { analyzeArticle, type Analysis } from '../analysis.js';
import { benchTexts, POLNEAR_DEV_TEXT, warmSeconds } from './texts.js';
import { peakRssMB, type BenchOptions, type BenchResult, type BenchStage } from './stages.js';
import type { Doc } from '../doc/doc.js';
import type { Article } from '../ingest/article.js';
import { annotateActors } from '../annotate/actors.js';
import { annotateEvents } from '../annotate/events.js';

/** An invented wire story, for machines without ../shared. */
const GENERATED = [
  'Kenyan Foreign Minister Amani Odero met with Ethiopian Prime Minister Dawit Bekele in Addis Ababa on Tuesday.',
  '“The militias, which are backed by Eritrea, threaten the whole region,” Bekele said.',
  'Odero accused Somalia of harbouring armed groups along the border.',
  'Bekele also urged the expansion of relations with Kenya.',
].join('\n\n');

async function run(options: BenchOptions): Promise<BenchResult> {
  const articles: Article[] = benchTexts(options.data, { fallbackDir: POLNEAR_DEV_TEXT, invented: GENERATED, limit: options.limit ?? 200 }).map((text) => ({ url: null, title: null, byline: null, source: null, published: '2024-03-08', language: 'en', text }));
  let done: Array<{ doc: Doc; analysis: Analysis }> = [];
  const pipeline = warmSeconds(() => {
    done = articles.map((a) => analyzeArticle(a));
  });
  let events = 0;
  // Our layers alone, on Docs that carry every earlier layer (entities with their codes reset).
  const alone = warmSeconds(() => {
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
