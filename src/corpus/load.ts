/**
 * The corpus layer over a store: every stored analysis plus the user's actor
 * corrections, built into one view. It is computed on demand (cost grows
 * with the corpus; see docs/EVAL-corpus.md), so ingest pays nothing for it.
 */
import type { Kysely } from 'kysely';
import type { Analysis } from '../analysis.js';
import { readActorOverrides, type CorpusDatabase } from '../store/migration-corpus.js';
import type { Store } from '../store/store.js';
import { buildCorpus, CORPUS_DEFAULTS, type CorpusView } from './build.js';

export function corpusDb(store: Store): Kysely<CorpusDatabase> {
  // Our table lives beside the shared schema; this view of the connection only names it.
  return store.db as unknown as Kysely<CorpusDatabase>;
}

export async function storedAnalyses(store: Store): Promise<Analysis[]> {
  const out: Analysis[] = [];
  for await (const r of store.iterate()) if (r.analysis) out.push(r.analysis);
  return out;
}

export async function loadCorpusView(store: Store): Promise<{ analyses: Analysis[]; view: CorpusView }> {
  const analyses = await storedAnalyses(store);
  const overrides = await readActorOverrides(corpusDb(store));
  return { analyses, view: buildCorpus(analyses, { ...CORPUS_DEFAULTS, overrides }) };
}
