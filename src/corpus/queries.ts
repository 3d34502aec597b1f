/**
 * Reads of the saved corpus view (kept current by every ingest run and by
 * `fivew corpus rebuild`), paged, for the API: claims (optionally by speaker
 * actor), stories largest first, one claim or story, and an article's place
 * in them. Statements and articles come with their text and titles, so a page
 * needs one call.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CorpusDatabase } from '../store/migration-corpus.js';
import type { LinkDatabase } from './relink.js';

export interface Page {
  limit: number;
  offset: number;
}

export interface ActorRef {
  /** Corpus actor id. */
  id: string;
  /** Its key in the layer tables: the actor page's address. */
  key: string | null;
  name: string;
}

export interface ClaimStatement {
  article: string;
  attribution: string;
  speaker: string | null;
  speakerKey: string | null;
  speakerName: string | null;
  published: string | null;
  /** For an undated article, when the article says it was said ("Sunday"). */
  dateText: string | null;
  text: string | null;
  title: string | null;
  source: string | null;
}

export interface SavedClaim {
  id: string;
  text: string;
  firstSeen: string | null;
  lastSeen: string | null;
  numStatements: number;
  /** The first SPEAKERS_SHOWN speakers; `numSpeakers` says how many there are. */
  speakers: ActorRef[];
  numSpeakers: number;
  statements: ClaimStatement[];
}

/** A claim repeated by thousands of actors lists this many of them. */
export const SPEAKERS_SHOWN = 20;

export interface StoryMemberRow {
  article: string;
  similarity: number;
  evidence: string;
  title: string | null;
  source: string | null;
  published: string | null;
}

export interface SavedStoryEvent {
  type: string;
  source: ActorRef[];
  target: ActorRef[];
  /** Reports of the event across the story's articles. */
  mentions: Array<{ article: string; event: string }>;
  numArticles: number;
}

export interface SavedStory {
  id: string;
  title: string | null;
  first: string | null;
  last: string | null;
  numArticles: number;
  numSources: number;
  sources: string[];
  articles: StoryMemberRow[];
  actors: ActorRef[];
  events: SavedStoryEvent[];
}

export interface ArticleCorpus {
  story: { id: string; title: string | null; numArticles: number; numSources: number } | null;
  /** Attribution id → its claim cluster and the cluster's size. */
  claims: Record<string, { id: string; size: number }>;
}

const claimData = z.object({ speakers: z.array(z.string()) });
const storyData = z.object({
  actors: z.array(z.string()),
  events: z.array(z.object({ type: z.string(), source: z.array(z.string()), target: z.array(z.string()), mentions: z.array(z.object({ article: z.string(), event: z.string() })), numArticles: z.number() })),
});

/** The same connection: the layer tables live beside the corpus tables. */
function linkDb(db: Kysely<CorpusDatabase>): Kysely<LinkDatabase> {
  return db as unknown as Kysely<LinkDatabase>;
}

async function actorRefs(db: Kysely<CorpusDatabase>, ids: string[]): Promise<Map<string, ActorRef>> {
  const unique = [...new Set(ids)];
  const rows = unique.length ? await db.selectFrom('corpus_actors').select(['id', 'key', 'name']).where('id', 'in', unique).execute() : [];
  const out = new Map(rows.map((r) => [r.id, { id: r.id, key: r.key, name: r.name }]));
  for (const id of unique) if (!out.has(id)) out.set(id, { id, key: null, name: id });
  return out;
}

type ClaimRow = { id: string; text: string; first_seen: string | null; last_seen: string | null; num_statements: number; data: string };

/**
 * The claims with their statements, oldest first: the first `perClaim` of each (a claim repeated for years has
 * thousands; `numStatements` says how many). Each claim's are one indexed read.
 */
async function withStatements(db: Kysely<CorpusDatabase>, rows: ClaimRow[], perClaim: number): Promise<SavedClaim[]> {
  if (rows.length === 0) return [];
  const statements = (
    perClaim === 0 ? [] : await Promise.all(
      rows.map((r) =>
        linkDb(db)
          .selectFrom('corpus_claim_statements as cs')
          .leftJoin('attributions as q', (j) => j.onRef('q.article_id', '=', 'cs.article_id').onRef('q.attribution_id', '=', 'cs.attribution_id'))
          .leftJoin('articles as a', 'a.id', 'cs.article_id')
          .select(['cs.claim_id', 'cs.article_id', 'cs.attribution_id', 'cs.speaker_actor', 'cs.published', 'cs.date_text', 'q.content', 'a.title', 'a.source'])
          .where('cs.claim_id', '=', r.id)
          .orderBy('cs.published')
          .orderBy('cs.article_id')
          .limit(perClaim)
          .execute(),
      ),
    )
  ).flat();
  const allSpeakers = rows.map((r) => claimData.parse(JSON.parse(r.data)).speakers);
  const speakers = allSpeakers.map((ids) => ids.slice(0, SPEAKERS_SHOWN));
  const refs = await actorRefs(db, [...speakers.flat(), ...statements.map((s) => s.speaker_actor).filter((x): x is string => x !== null)]);
  return rows.map((r, i) => ({
    id: r.id,
    text: r.text,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    numStatements: Number(r.num_statements),
    speakers: speakers[i]!.map((id) => refs.get(id)!),
    numSpeakers: allSpeakers[i]!.length,
    statements: statements
      .filter((s) => s.claim_id === r.id)
      .map((s) => {
        const who = s.speaker_actor ? refs.get(s.speaker_actor) : undefined;
        return {
          article: s.article_id,
          attribution: s.attribution_id,
          speaker: s.speaker_actor,
          speakerKey: who?.key ?? null,
          speakerName: who?.name ?? null,
          published: s.published,
          dateText: s.published ? null : s.date_text,
          text: s.content,
          title: s.title,
          source: s.source,
        };
      }),
  }));
}

/** Statements shown per claim in a list of claims, and on one claim's page. */
const LISTED_STATEMENTS = 5;
const CLAIM_PAGE_STATEMENTS = 200;

export async function listClaims(db: Kysely<CorpusDatabase>, page: Page & { speaker?: string; min?: number; statements?: number }): Promise<SavedClaim[]> {
  let q = db.selectFrom('corpus_claims').selectAll().where('num_statements', '>=', page.min ?? 2);
  if (page.speaker) {
    const speaker = page.speaker;
    q = q.where('id', 'in', db.selectFrom('corpus_claim_statements').select('claim_id').where('speaker_actor', '=', speaker));
  }
  const rows = await q.orderBy('num_statements', 'desc').orderBy('last_seen', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
  return withStatements(db, rows, page.statements ?? LISTED_STATEMENTS);
}

export async function getClaim(db: Kysely<CorpusDatabase>, id: string): Promise<SavedClaim | null> {
  const row = await db.selectFrom('corpus_claims').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? ((await withStatements(db, [row], CLAIM_PAGE_STATEMENTS))[0] ?? null) : null;
}

type StoryRow = { id: string; title: string | null; first: string | null; last: string | null; num_articles: number; num_sources: number; data: string };

async function withArticles(db: Kysely<CorpusDatabase>, rows: StoryRow[], options: { details: boolean }): Promise<SavedStory[]> {
  if (rows.length === 0) return [];
  const members = await linkDb(db)
    .selectFrom('corpus_story_articles as m')
    .leftJoin('articles as a', 'a.id', 'm.article_id')
    .select(['m.story_id', 'm.article_id', 'm.similarity', 'm.evidence', 'a.title', 'a.source', 'a.published'])
    .where('m.story_id', 'in', rows.map((r) => r.id))
    .orderBy('a.published')
    .orderBy('m.article_id')
    .execute();
  const data = rows.map((r) => storyData.parse(JSON.parse(r.data)));
  // Lists show the story's leading actors only; one story shows its merged events too.
  const ids = data.flatMap((d) => [...d.actors.slice(0, 8), ...(options.details ? d.events.flatMap((e) => [...e.source, ...e.target]) : [])]);
  const refs = await actorRefs(db, ids);
  return rows.map((r, i) => {
    const own = members.filter((m) => m.story_id === r.id);
    return {
      id: r.id,
      title: r.title,
      first: r.first,
      last: r.last,
      numArticles: Number(r.num_articles),
      numSources: Number(r.num_sources),
      sources: [...new Set(own.map((m) => m.source).filter((s): s is string => s !== null))].sort(),
      articles: own.map((m) => ({ article: m.article_id, similarity: Number(m.similarity), evidence: m.evidence, title: m.title, source: m.source, published: m.published })),
      actors: data[i]!.actors.slice(0, 8).map((id) => refs.get(id)!),
      events: options.details
        ? data[i]!.events.map((e) => ({ type: e.type, source: e.source.map((id) => refs.get(id)!), target: e.target.map((id) => refs.get(id)!), mentions: e.mentions, numArticles: e.numArticles }))
        : [],
    };
  });
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
  return withArticles(db, rows, { details: false });
}

export async function getStory(db: Kysely<CorpusDatabase>, id: string): Promise<SavedStory | null> {
  const row = await db.selectFrom('corpus_stories').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? ((await withArticles(db, [row], { details: true }))[0] ?? null) : null;
}

/** The story an article belongs to and the claim of each of its statements, for the reader's links. */
export async function articleCorpus(db: Kysely<CorpusDatabase>, articleId: string): Promise<ArticleCorpus> {
  const story = await db
    .selectFrom('corpus_story_articles as m')
    .innerJoin('corpus_stories as s', 's.id', 'm.story_id')
    .select(['s.id', 's.title', 's.num_articles', 's.num_sources'])
    .where('m.article_id', '=', articleId)
    .executeTakeFirst();
  const claims = await db
    .selectFrom('corpus_claim_statements as cs')
    .innerJoin('corpus_claims as c', 'c.id', 'cs.claim_id')
    .select(['cs.attribution_id', 'c.id', 'c.num_statements'])
    .where('cs.article_id', '=', articleId)
    .execute();
  return {
    story: story ? { id: story.id, title: story.title, numArticles: Number(story.num_articles), numSources: Number(story.num_sources) } : null,
    claims: Object.fromEntries(claims.map((c) => [c.attribution_id, { id: c.id, size: Number(c.num_statements) }])),
  };
}
