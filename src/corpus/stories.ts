/**
 * Story clusters: articles about the same event. Syndicated copies are caught
 * by MinHash (src/ingest/dedupe.ts); different outlets' reports of one event by
 * content-word TF-IDF cosine plus shared actors, within a few days. Articles are
 * taken in date order and each joins the existing story it is closest to on
 * average (average link keeps one shared sentence from chaining two stories),
 * so a new article can be placed without reclustering the corpus.
 */
import type { EventRecord } from '../analysis.js';
import { estimateJaccard, minhashSignature, NEAR_DUP_THRESHOLD } from '../ingest/dedupe.js';
import { contentTerms, cosine, dayNumber, DocumentFrequencies, jaccard, topTerms, type TermVector } from './text.js';

export interface StoryArticle {
  id: string;
  published: string | null;
  title: string | null;
  text: string;
  source: string | null;
  /** Actor ids (from linkActors) the article mentions. */
  actors: string[];
  /** The same actors by normalised name, for similarity (the tagger may type one name two ways); default: the ids. */
  actorNames?: string[];
  /** Events with their source/target already mapped to actor ids. */
  events: Array<Pick<EventRecord, 'id' | 'type'> & { source: string[]; target: string[] }>;
}

export interface StoryOptions {
  /** Articles further apart than this many days are never one story. */
  windowDays: number;
  /** Minimum average similarity to join a story. */
  threshold: number;
  /** Weight of shared actors against shared wording. */
  actorWeight: number;
}

export const STORY_DEFAULTS: StoryOptions = { windowDays: 3, threshold: 0.3, actorWeight: 0.3 };

export interface StoryMember {
  article: string;
  /** Similarity to the story when the article joined it (1 for the first). */
  similarity: number;
  evidence: 'first' | 'near-duplicate' | 'content';
}

export interface StoryEvent {
  type: string;
  source: string[];
  target: string[];
  /** One per article event: the same event reported many times. */
  mentions: Array<{ article: string; event: string }>;
  numArticles: number;
}

export interface Story {
  id: string;
  title: string | null;
  first: string | null;
  last: string | null;
  members: StoryMember[];
  numSources: number;
  actors: string[];
  events: StoryEvent[];
}

export interface Prepared {
  art: StoryArticle;
  /** The publication day in days since 1970, or null: compared for every candidate, so parsed once. */
  day: number | null;
  sig: Int32Array | null;
  vec: TermVector;
  actors: Set<string>;
}

/** Heaviest terms of an article used as blocking keys. */
export const STORY_BLOCK_TERMS = 24;
/** Most stories looked at per blocking term: a word every story uses cannot make the scan quadratic. */
const MAX_CANDIDATES_PER_TERM = 200;

export function articleSimilarity(a: Prepared, b: Prepared, options: StoryOptions): { score: number; nearDup: boolean } {
  if (a.day !== null && b.day !== null && Math.abs(a.day - b.day) > options.windowDays) return { score: 0, nearDup: false };
  if (a.sig && b.sig && estimateJaccard(a.sig, b.sig) >= NEAR_DUP_THRESHOLD) return { score: 1, nearDup: true };
  const text = cosine(a.vec, b.vec);
  const actors = jaccard(a.actors, b.actors);
  return { score: (1 - options.actorWeight) * text + options.actorWeight * actors, nearDup: false };
}

function byDate(a: StoryArticle, b: StoryArticle): number {
  return (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id);
}

export function clusterStories(articles: StoryArticle[], options: StoryOptions = STORY_DEFAULTS): Story[] {
  const df = new DocumentFrequencies();
  const terms = articles.map((a) => contentTerms(`${a.title ?? ''}\n${a.text}`));
  for (const t of terms) df.add(t);
  const prepared = new Map<string, Prepared>();
  articles.forEach((a, i) => prepared.set(a.id, { art: a, day: dayNumber(a.published), sig: minhashSignature(a.text), vec: df.vector(terms[i]!), actors: new Set(a.actorNames ?? a.actors) }));

  type Cluster = { members: Prepared[]; info: StoryMember[] };
  const clusters: Cluster[] = [];
  // Blocking, so a corpus is not compared pairwise: an article meets only the stories that share one of its
  // heaviest terms (a report of the same event shares its names and places), the most recent few per term.
  const byTerm = new Map<string, Cluster[]>();
  for (const art of [...articles].sort(byDate)) {
    const p = prepared.get(art.id)!;
    const top = topTerms(p.vec, STORY_BLOCK_TERMS);
    const candidates = new Set<Cluster>();
    for (const t of top) {
      const list = byTerm.get(t) ?? [];
      for (let i = list.length - 1, seen = 0; i >= 0 && seen < MAX_CANDIDATES_PER_TERM; i--, seen++) {
        const c = list[i]!;
        // Articles come in date order: a story whose newest article is out of the window cannot take this one.
        const last = c.members.at(-1)!.day;
        if (last === null || p.day === null || Math.abs(p.day - last) <= options.windowDays) candidates.add(c);
      }
    }
    let best: { c: Cluster; score: number; nearDup: boolean } | null = null;
    for (const c of candidates) {
      let sum = 0;
      let nearDup = false;
      for (const m of c.members) {
        const s = articleSimilarity(p, m, options);
        sum += s.score;
        nearDup ||= s.nearDup;
      }
      const score = nearDup ? 1 : sum / c.members.length;
      if (!best || score > best.score) best = { c, score, nearDup };
    }
    let home: Cluster;
    if (best && best.score >= options.threshold) {
      home = best.c;
      home.members.push(p);
      home.info.push({ article: art.id, similarity: best.score, evidence: best.nearDup ? 'near-duplicate' : 'content' });
    } else {
      home = { members: [p], info: [{ article: art.id, similarity: 1, evidence: 'first' }] };
      clusters.push(home);
    }
    for (const t of top) {
      const list = byTerm.get(t);
      if (!list) byTerm.set(t, [home]);
      else if (list.at(-1) !== home) list.push(home);
    }
  }
  return clusters.map((c) => toStory(c.members.map((m) => m.art), c.info));
}

export function toStory(arts: StoryArticle[], members: StoryMember[]): Story {
  const dates = arts.map((a) => a.published).filter((d): d is string => d !== null).sort();
  const actorCounts = new Map<string, number>();
  for (const a of arts) for (const id of new Set(a.actors)) actorCounts.set(id, (actorCounts.get(id) ?? 0) + 1);
  return {
    id: `s-${arts[0]!.id}`,
    title: arts[0]!.title,
    first: dates[0] ?? null,
    last: dates.at(-1) ?? null,
    members,
    numSources: new Set(arts.map((a) => a.source ?? a.id)).size,
    actors: [...actorCounts].sort((x, y) => y[1] - x[1]).map(([id]) => id),
    events: storyEvents(arts),
  };
}

/** One event per (type, source actors, target actors) across the story's articles. */
export function storyEvents(arts: StoryArticle[]): StoryEvent[] {
  const byKey = new Map<string, StoryEvent>();
  for (const a of arts) {
    for (const e of a.events) {
      const source = [...new Set(e.source)].sort();
      const target = [...new Set(e.target)].sort();
      const key = `${e.type}|${source.join(',')}|${target.join(',')}`;
      let ev = byKey.get(key);
      if (!ev) byKey.set(key, (ev = { type: e.type, source, target, mentions: [], numArticles: 0 }));
      ev.mentions.push({ article: a.id, event: e.id });
    }
  }
  for (const ev of byKey.values()) ev.numArticles = new Set(ev.mentions.map((m) => m.article)).size;
  return [...byKey.values()].sort((x, y) => y.numArticles - x.numArticles || y.mentions.length - x.mentions.length);
}
