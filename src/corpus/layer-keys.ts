/**
 * The keys the layer tables (entities, attributions, event_actors, actors)
 * group by, once actors are linked: every entity of a linked actor takes the
 * actor's key, the `TYPE:normalised name` of the name the actor goes by, so
 * "Velayati" and "Akbar Velayati" become `PERSON:ali akbar velayati`. An
 * entity no actor took (a bare title) keeps its own key.
 */
import type { Analysis } from '../analysis.js';
import { actorKey } from '../store/queries/actor-key.js';
import type { ActorIndex } from './actors.js';
import type { Statement } from './claims.js';

export interface LayerKeys {
  /** Linked actor id → its layer key. */
  ofActor: ReadonlyMap<string, string>;
  /** An entity's own key → the layer key of the one actor every entity of that name was linked to. */
  aliases: ReadonlyMap<string, string>;
  /** The layer key of an article's entity. */
  ofEntity(article: string, entity: string): string | null;
  /** The speaker's layer key of an article's attribution, when the corpus resolved one. */
  ofStatement(article: string, attribution: string): string | null;
}

const pair = (a: string, b: string): string => `${a}\u0000${b}`;

export function layerKeys(analyses: Analysis[], actors: ActorIndex, statements: Statement[]): LayerKeys {
  const ofActor = new Map<string, string>();
  const taken = new Set<string>();
  for (const a of actors.actors) {
    let key = actorKey(a.name, a.type);
    // Two actors of one name stay two (a split name keeps its own page): the later one is numbered.
    for (let n = 2; taken.has(key); n++) key = `${actorKey(a.name, a.type)} #${n}`;
    taken.add(key);
    ofActor.set(a.id, key);
  }
  const entityKeys = new Map<string, string>();
  const aliases = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const an of analyses) {
    for (const e of an.entities) {
      const own = actorKey(e.name, e.type);
      const id = actors.actorOf(an.article.id, e.id);
      const key = id ? ofActor.get(id)! : own;
      entityKeys.set(pair(an.article.id, e.id), key);
      if (!id || ambiguous.has(own)) continue;
      // A name two actors answer to ("Droste" of two families) is no alias: the next relink decides per article.
      if (aliases.has(own) && aliases.get(own) !== key) {
        aliases.delete(own);
        ambiguous.add(own);
      } else aliases.set(own, key);
    }
  }
  const statementKeys = new Map<string, string>();
  for (const s of statements) if (s.speaker) statementKeys.set(pair(s.article, s.attribution), ofActor.get(s.speaker)!);
  return {
    ofActor,
    aliases,
    ofEntity: (article, entity) => entityKeys.get(pair(article, entity)) ?? null,
    ofStatement: (article, attribution) => statementKeys.get(pair(article, attribution)) ?? null,
  };
}
