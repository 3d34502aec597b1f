/**
 * The corpus layer over stored analyses: actors linked first, then stories
 * and claims expressed in actor ids.
 */
import type { Analysis, AttributionRecord } from '../analysis.js';
import { linkActors, NO_OVERRIDES, type ActorIndex, type ActorOverrides } from './actors.js';
import { nameWords } from './names.js';
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
      const speaker = at.speaker ? speakerActor(a, at.speaker, actors) : null;
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

/**
 * The speaker's actor. A person named inside the speaker phrase wins over the phrase's entity:
 * in "Melqar's Foreign Minister Hamid Qorbani" the speaker is the minister, not Melqar.
 */
export function speakerActor(a: Analysis, speaker: NonNullable<AttributionRecord['speaker']>, actors: ActorIndex): string | null {
  const own = speaker.entity ? actors.actorOf(a.article.id, speaker.entity) : null;
  if (own && actors.byId(own)?.kind === 'person') return own;
  // The first person named in the phrase: later ones are its appositions ("advisor to Ayatollah …").
  const { start, end } = speaker.mention;
  let first: { at: number; id: string } | null = null;
  for (const e of a.entities) {
    if (e.type !== 'PERSON') continue;
    const m = e.mentions.find((x) => x.start >= start && x.end <= end);
    const id = m ? actors.actorOf(a.article.id, e.id) : null;
    if (m && id && (!first || m.start < first.at)) first = { at: m.start, id };
  }
  return first?.id ?? actors.resolveRole(speaker.mention.text, a.article.id) ?? own ?? actors.resolveName(speaker.mention.text, a.article.id);
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

/** Demonym endings: "Melqari", "Ostavian", "Karsovian" name the people of Melqar, Ostavia, Karsovia. */
export const DEMONYM_ENDINGS = ['i', 'n', 'an', 'ian', 'ese', 'ish'];

/** A name as stories compare it: a demonym becomes the place it comes from, when the corpus names that place. */
function storyName(name: string, places: ReadonlySet<string>): string {
  const words = nameWords(name);
  if (words.length === 1) {
    const w = words[0]!;
    for (const end of DEMONYM_ENDINGS) if (w.endsWith(end) && places.has(w.slice(0, -end.length))) return w.slice(0, -end.length);
  }
  return words.join(' ');
}

export function storyArticlesOf(analyses: Analysis[], actors: ActorIndex): StoryArticle[] {
  const places = new Set(actors.actors.filter((x) => x.kind === 'place').map((x) => nameWords(x.name).join(' ')));
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
      // Compared by name, whatever the tagger typed them: "Melqar" the place, "Melqar" the organisation and
      // "Melqari" meet.
      actorNames: [
        ...new Set(
          a.entities
            .map((e) => {
              const own = actors.actorOf(id, e.id);
              return storyName(own ? actors.byId(own)!.name : e.name, places);
            })
            .filter(Boolean),
        ),
      ],
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
