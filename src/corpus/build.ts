/**
 * The corpus layer over stored analyses: actors linked first, then stories
 * and claims expressed in actor ids.
 */
import type { Analysis } from '../analysis.js';
import { linkActors, NO_OVERRIDES, type ActorIndex, type ActorOverrides } from './actors.js';
import { clusterClaims, CLAIM_DEFAULTS, type ClaimCluster, type ClaimOptions, type Statement } from './claims.js';
import { clusterStories, STORY_DEFAULTS, type Story, type StoryArticle, type StoryOptions } from './stories.js';

export interface CorpusOptions {
  overrides: ActorOverrides;
  stories: StoryOptions;
  claims: ClaimOptions;
}

export const CORPUS_DEFAULTS: CorpusOptions = { overrides: NO_OVERRIDES, stories: STORY_DEFAULTS, claims: CLAIM_DEFAULTS };

export interface CorpusView {
  actors: ActorIndex;
  stories: Story[];
  claims: ClaimCluster[];
  statements: Statement[];
}

export function linkAnalyses(analyses: Analysis[], overrides: ActorOverrides = NO_OVERRIDES): ActorIndex {
  return linkActors(analyses.map((a) => ({ id: a.article.id, published: a.article.published, entities: a.entities })), overrides);
}

/** Every attribution as a statement with its speaker resolved to an actor (by entity, else by the speaker's name). */
export function statementsOf(analyses: Analysis[], actors: ActorIndex): Statement[] {
  const out: Statement[] = [];
  for (const a of analyses) {
    for (const at of a.attributions) {
      let speaker: string | null = null;
      if (at.speaker?.entity) speaker = actors.actorOf(a.article.id, at.speaker.entity);
      if (!speaker && at.speaker) speaker = actors.resolveName(at.speaker.mention.text, a.article.id);
      out.push({
        article: a.article.id,
        attribution: at.id,
        published: a.article.published,
        speaker,
        speakerText: at.speaker?.mention.text ?? null,
        text: at.content.text,
        named: namedIn(a, at.content.spans, actors),
      });
    }
  }
  return out;
}

/** Country codes (else actor ids) of the entities mentioned inside some spans. */
function namedIn(a: Analysis, spans: Array<{ start: number; end: number }>, actors: ActorIndex): string[] {
  const out = new Set<string>();
  for (const e of a.entities) {
    if (!e.mentions.some((m) => spans.some((s) => m.start >= s.start && m.end <= s.end))) continue;
    const id = e.country ?? actors.actorOf(a.article.id, e.id);
    if (id) out.add(id);
  }
  return [...out];
}

export function storyArticlesOf(analyses: Analysis[], actors: ActorIndex): StoryArticle[] {
  return analyses.map((a) => {
    const id = a.article.id;
    const map = (ids: string[]): string[] => ids.map((e) => actors.actorOf(id, e)).filter((x): x is string => x !== null);
    return {
      id,
      published: a.article.published,
      title: a.article.title,
      text: a.article.text,
      source: a.article.source,
      actors: [...new Set(map(a.entities.map((e) => e.id)))],
      events: a.events.map((e) => ({ id: e.id, type: e.type, source: map(e.source), target: map(e.target) })),
    };
  });
}

export function buildCorpus(analyses: Analysis[], options: CorpusOptions = CORPUS_DEFAULTS): CorpusView {
  const actors = linkAnalyses(analyses, options.overrides);
  const statements = statementsOf(analyses, actors);
  return {
    actors,
    stories: clusterStories(storyArticlesOf(analyses, actors), options.stories),
    claims: clusterClaims(statements, options.claims),
    statements,
  };
}
