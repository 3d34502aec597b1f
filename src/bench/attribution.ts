/**
 * Bench stage `attribution`: how long attribution takes, alone and as a share
 * of the whole `analyzeArticle` pipeline, over PolNeAR dev texts by default or
 * .txt files given with --data. One warm-up pass, then a timed pass.
 */
import { analyzeArticle } from '../analysis.js';
import { benchTexts, POLNEAR_DEV_TEXT, warmSeconds } from './texts.js';
import { peakRssMB, type BenchOptions, type BenchResult, type BenchStage } from './stages.js';
import type { Doc } from '../doc/doc.js';
import type { Article } from '../ingest/article.js';
import { annotateAttributions } from '../annotate/attribution.js';

/** An invented wire story, for machines without ../shared. */
const GENERATED = [
  '“We will not give up on the harbour,” Mirela Oskan said on Tuesday.',
  'She added that the council would meet again next week.',
  'Pavel Renke, the port director, told reporters the talks had stalled, according to a statement from his office.',
  'However, he said, both sides wanted a deal before winter.',
].join('\n\n');

async function run(options: BenchOptions): Promise<BenchResult> {
  const bodies = benchTexts(options.data, { fallbackDir: POLNEAR_DEV_TEXT, invented: GENERATED, limit: options.limit });
  const articles: Article[] = bodies.map((text) => ({ url: null, title: null, byline: null, source: null, published: null, language: 'en', text }));
  let docs: Array<{ doc: Doc; entities: ReturnType<typeof analyzeArticle>['analysis']['entities'] }> = [];
  const pipeline = warmSeconds(() => {
    docs = articles.map((a) => {
      const { analysis, doc } = analyzeArticle(a);
      return { doc, entities: analysis.entities };
    });
  });
  // Attribution alone, on Docs that already carry every earlier layer.
  const alone = warmSeconds(() => {
    for (const d of docs) annotateAttributions(d.doc, d.entities);
  });
  const tokens = docs.reduce((n, d) => n + d.doc.tokens.length, 0);
  const share = pipeline > 0 ? alone / pipeline : 0;
  return {
    stage: 'attribution',
    rates: { 'articles/s': articles.length / alone, 'tokens/s': tokens / alone, 'share of pipeline %': Math.round(share * 1000) / 10 },
    items: articles.length,
    seconds: alone,
    peakRssMB: peakRssMB(),
    notes: `whole pipeline ${pipeline.toFixed(2)} s for the same ${articles.length} articles (${tokens} tokens)`,
  };
}

export const attributionStage: BenchStage = {
  name: 'attribution',
  description: 'attribution time, alone and as a share of analyzeArticle',
  run,
};
