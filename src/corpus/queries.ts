/**
 * Reads of the saved corpus view (`fivew corpus rebuild`), paged, for the API:
 * claims (optionally by speaker actor) and stories, largest first.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CorpusDatabase } from '../store/migration-corpus.js';

export interface Page {
  limit: number;
  offset: number;
}

export interface SavedClaim {
  id: string;
  text: string;
  firstSeen: string | null;
  lastSeen: string | null;
  speakers: Array<{ id: string; name: string }>;
  statements: Array<{ article: string; attribution: string; speaker: string | null; published: string | null }>;
}

export interface SavedStory {
  id: string;
  title: string | null;
  first: string | null;
  last: string | null;
  numArticles: number;
  numSources: number;
  articles: Array<{ article: string; similarity: number; evidence: string }>;
}

const claimData = z.object({ speakers: z.array(z.string()) });

export async function listClaims(db: Kysely<CorpusDatabase>, page: Page & { speaker?: string; min?: number }): Promise<SavedClaim[]> {
  let q = db.selectFrom('corpus_claims').selectAll().where('num_statements', '>=', page.min ?? 2);
  if (page.speaker) {
    const speaker = page.speaker;
    q = q.where('id', 'in', db.selectFrom('corpus_claim_statements').select('claim_id').where('speaker_actor', '=', speaker));
  }
  const rows = await q.orderBy('num_statements', 'desc').orderBy('last_seen', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const statements = await db.selectFrom('corpus_claim_statements').selectAll().where('claim_id', 'in', ids).orderBy('published').orderBy('article_id').execute();
  const speakerIds = [...new Set(rows.flatMap((r) => claimData.parse(JSON.parse(r.data)).speakers))];
  const names = speakerIds.length ? await db.selectFrom('corpus_actors').select(['id', 'name']).where('id', 'in', speakerIds).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    speakers: claimData.parse(JSON.parse(r.data)).speakers.map((id) => ({ id, name: nameOf.get(id) ?? id })),
    statements: statements
      .filter((s) => s.claim_id === r.id)
      .map((s) => ({ article: s.article_id, attribution: s.attribution_id, speaker: s.speaker_actor, published: s.published })),
  }));
}

export async function listStories(db: Kysely<CorpusDatabase>, page: Page & { min?: number }): Promise<SavedStory[]> {
  const rows = await db
    .selectFrom('corpus_stories')
    .selectAll()
    .where('num_articles', '>=', page.min ?? 2)
    .orderBy('num_articles', 'desc')
    .orderBy('last', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  if (rows.length === 0) return [];
  const members = await db.selectFrom('corpus_story_articles').selectAll().where('story_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    first: r.first,
    last: r.last,
    numArticles: Number(r.num_articles),
    numSources: Number(r.num_sources),
    articles: members.filter((m) => m.story_id === r.id).map((m) => ({ article: m.article_id, similarity: Number(m.similarity), evidence: m.evidence })),
  }));
}
