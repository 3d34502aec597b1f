/**
 * The lookup tables an incremental refresh places new articles with
 * (migration 0011), as a full rebuild leaves them: every name form and its
 * actor, document frequencies, each clustered article's and statement's terms,
 * and the term → story / claim blocking indexes the batch clusterers use.
 */
import type { Kysely } from 'kysely';
import type { Analysis } from '../analysis.js';
import type { CorpusDatabase } from '../store/migration-corpus.js';
import type { CorpusView } from './build.js';
import { storyArticlesOf } from './build.js';
import { insertChunks } from './persist.js';
import { CLAIM_BLOCK_TERMS, type Statement } from './claims.js';
import { STORY_BLOCK_TERMS, type StoryArticle } from './stories.js';
import { contentTerms, DocumentFrequencies, topTerms } from './text.js';

/** How a clustered article is kept for later comparison (corpus_story_articles.terms). */
export interface StoredStoryArticle {
  /** Content terms of title and text, repeats kept (term frequency counts). */
  t: string[];
  /** Actor names and ids as the story compares and counts them. */
  a: string[];
  i: string[];
  s: string | null;
  d: string | null;
}

export const storyTermsOf = (a: Pick<StoryArticle, 'title' | 'text'>): string[] => contentTerms(`${a.title ?? ''}\n${a.text}`);
export const statementTermsOf = (s: Pick<Statement, 'text' | 'named'>): string[] => [...contentTerms(s.text), ...s.named.map((n) => `@${n}`)];
export const speakerTerm = (speaker: string, term: string): string => `${speaker}\u0000${term}`;

export function storedStoryArticle(a: StoryArticle, terms: string[]): StoredStoryArticle {
  return { t: terms, a: a.actorNames ?? a.actors, i: a.actors, s: a.source, d: a.published };
}

/** Keys the meta table holds. */
export const META = { built: 'built', overrides: 'overrides', storyDocs: 'story_documents', claimDocs: 'claim_documents' } as const;


export interface IncrementalIndex {
  /** Article id → corpus_story_articles.terms. */
  storyArticles: Map<string, string>;
  /** `article\u0000attribution` → corpus_claim_statements.terms. */
  statements: Map<string, string>;
  write(trx: Kysely<CorpusDatabase>): Promise<void>;
}

/** The lookup tables of a built view; `write` replaces them whole inside the rebuild's transaction. */
export function incrementalIndex(analyses: Analysis[], view: CorpusView, overrideCount: number): IncrementalIndex {
  const storyOf = new Map<string, string>();
  const lastOf = new Map<string, string>();
  for (const s of view.stories) {
    lastOf.set(s.id, s.last ?? '');
    for (const m of s.members) storyOf.set(m.article, s.id);
  }
  const storyDf = new DocumentFrequencies();
  const arts = storyArticlesOf(analyses, view.actors).map((a) => ({ a, terms: storyTermsOf(a) }));
  for (const x of arts) storyDf.add(x.terms);
  const storyTerms = new Set<string>();
  const storyArticles = new Map<string, string>();
  for (const { a, terms } of arts) {
    const story = storyOf.get(a.id);
    if (!story) continue;
    for (const t of topTerms(storyDf.vector(terms), STORY_BLOCK_TERMS)) storyTerms.add(`${t}\u0000${story}`);
    storyArticles.set(a.id, JSON.stringify(storedStoryArticle(a, terms)));
  }

  const claimDf = new DocumentFrequencies();
  const statements = view.statements.map((s) => ({ s, terms: statementTermsOf(s) }));
  for (const x of statements) claimDf.add(x.terms);
  const claimOf = new Map<string, string>();
  for (const c of view.claims) for (const s of c.statements) claimOf.set(`${s.article}\u0000${s.attribution}`, c.id);
  const claimKeys = new Set<string>();
  const statementTerms = new Map<string, string>();
  for (const { s, terms } of statements) {
    const claim = claimOf.get(`${s.article}\u0000${s.attribution}`);
    if (!claim) continue;
    const v = claimDf.vector(terms);
    if (s.speaker) for (const t of v.keys()) claimKeys.add(`${speakerTerm(s.speaker, t)}\u0001${claim}`);
    for (const t of topTerms(v, CLAIM_BLOCK_TERMS)) claimKeys.add(`${t}\u0001${claim}`);
    statementTerms.set(`${s.article}\u0000${s.attribution}`, JSON.stringify(terms));
  }

  return {
    storyArticles,
    statements: statementTerms,
    async write(trx) {
      for (const t of ['corpus_actor_forms', 'corpus_terms', 'corpus_meta', 'corpus_story_terms', 'corpus_claim_terms'] as const) await trx.deleteFrom(t).execute();
      await insertChunks(
        trx,
        'corpus_actor_forms',
        (view.actors.forms ?? []).map((f) => ({ form_key: f.key, actor_id: f.actor, display: f.display, type: f.type, last_skel: f.lastSkeleton })),
      );
      await insertChunks(
        trx,
        'corpus_story_terms',
        [...storyTerms].map((k) => {
          const [term, story_id] = k.split('\u0000') as [string, string];
          return { term, story_id, last: lastOf.get(story_id)! };
        }),
      );
      await insertChunks(trx, 'corpus_claim_terms', [...claimKeys].map((k) => ({ key: k.split('\u0001')[0]!, claim_id: k.split('\u0001')[1]! })));
      await insertChunks(trx, 'corpus_terms', [
        ...[...storyDf.entries()].map(([term, df]) => ({ scope: 's', term, df })),
        ...[...claimDf.entries()].map(([term, df]) => ({ scope: 'c', term, df })),
      ]);
      await insertChunks(trx, 'corpus_meta', [
        { key: META.built, value: new Date().toISOString() },
        { key: META.overrides, value: String(overrideCount) },
        { key: META.storyDocs, value: String(storyDf.documents) },
        { key: META.claimDocs, value: String(claimDf.documents) },
      ]);
    },
  };
}
