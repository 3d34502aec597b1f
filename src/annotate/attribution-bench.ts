/**
 * Bench stage `attribution`: how long attribution takes, alone and as a share
 * of the whole `analyzeArticle` pipeline, over PolNeAR dev texts by default or
 * .txt files given with --data. One warm-up pass, then a timed pass.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeArticle } from '../analysis.js';
import { peakRssMB, type BenchOptions, type BenchResult, type BenchStage } from '../bench/stages.js';
import type { Doc } from '../doc/doc.js';
import type { Article } from '../ingest/article.js';
import { annotateAttributions } from './attribution.js';

const POLNEAR_DEV = fileURLToPath(new URL('../../../shared/data/polnear/dev/text', import.meta.url));

/** An invented wire story, for machines without ../shared. */
const GENERATED = [
  '“We will not give up on the harbour,” Mirela Oskan said on Tuesday.',
  'She added that the council would meet again next week.',
  'Pavel Renke, the port director, told reporters the talks had stalled, according to a statement from his office.',
  'However, he said, both sides wanted a deal before winter.',
].join('\n\n');

function texts(path: string | undefined, limit: number | undefined): string[] {
  let out: string[];
  if (path && existsSync(path)) {
    const files = statSync(path).isDirectory()
      ? readdirSync(path, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map((f) => join(path, f))
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
  const bodies = texts(options.data, options.limit);
  const articles: Article[] = bodies.map((text) => ({ url: null, title: null, byline: null, source: null, published: null, language: 'en', text }));
  let docs: Array<{ doc: Doc; entities: ReturnType<typeof analyzeArticle>['analysis']['entities'] }> = [];
  const pipeline = seconds(() => {
    docs = articles.map((a) => {
      const { analysis, doc } = analyzeArticle(a);
      return { doc, entities: analysis.entities };
    });
  });
  // Attribution alone, on Docs that already carry every earlier layer.
  const alone = seconds(() => {
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
