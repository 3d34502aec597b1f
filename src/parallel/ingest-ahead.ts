/**
 * The analysis half of `fivew ingest` on a worker pool: articles are prepared
 * and checked against the store here (analysis is never spent on content we
 * already hold), analysed by the pool a bounded window ahead, and handed back
 * in input order for the main thread to store.
 */
import type { Analysis } from '../analysis.js';
import { isAnalysable } from '../analysis.js';
import { contentHash, type ReadResult } from '../ingest/article.js';
import { oneLine, prepareArticle } from '../store/ingest.js';
import type { Store } from '../store/store.js';
import { orderedMap } from './ordered.js';
import type { AnalysisPool } from './pool.js';

export interface Ahead {
  item: ReadResult;
  /** Present when the pool analysed the article; absent when the ingester has nothing to analyse (duplicate, empty, failed read). */
  analysis?: Analysis;
  /** The analysis failed (e.g. a worker died): the article is reported failed, the others go on. */
  error?: string;
}

export function analyseAhead(items: AsyncIterable<ReadResult>, store: Store, pool: AnalysisPool, options: { published?: string } = {}): AsyncGenerator<Ahead> {
  const window = Math.max(2, pool.workers * 4);
  return orderedMap(
    items,
    async (item): Promise<Ahead> => {
      if (!item.ok) return { item };
      const prepared = prepareArticle(item.article, options);
      if (prepared.text.trim() === '' || !isAnalysable(prepared)) return { item };
      if (await store.findByContentHash(contentHash(prepared.text))) return { item };
      try {
        return { item, analysis: (await pool.analyze(prepared)).analysis };
      } catch (err) {
        return { item, error: oneLine(err) };
      }
    },
    window,
  );
}
