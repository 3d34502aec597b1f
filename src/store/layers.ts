/**
 * The per-article layer writers every store runs (entities, attributions,
 * events… as later issues add their tables). Each runs inside the article's
 * transaction; add yours to LAYER_WRITERS.
 */
import { sql } from 'kysely';
import type { Analysis } from '../analysis.js';
import { actorKey, normaliseName } from './queries/actor-key.js';
import { corpusTrx } from './queries/schema.js';
import { chunks } from './chunks.js';
import type { LayerWriter } from './store.js';

const ISO_DATE = /^\d{4}(-\d\d(-\d\d)?)?$/;

/** YYYY-MM-DD (or YYYY-MM, YYYY) of a published value, or null when it is not a calendar date. */
export function calendarDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const head = value.slice(0, 10);
  if (ISO_DATE.test(head)) return head;
  return ISO_DATE.test(value.slice(0, 7)) ? value.slice(0, 7) : null;
}

interface ActorTally {
  key: string;
  name: string;
  type: string;
  country: string | null;
  sector: string | null;
  mentions: number;
  statements: number;
  events: number;
}

/** Entities, mentions, attributions, events and the corpus-wide actor tallies of one article. */
export const writeCorpusLayers: LayerWriter = async (rawTrx, { id, analysis }) => {
  const trx = corpusTrx(rawTrx);
  const published = calendarDate(analysis.article.published);
  const keyOf = new Map<string, string>();
  const tallies = new Map<string, ActorTally>();
  const linked = await linkedKeys(trx, analysis.entities.map((e) => actorKey(e.name, e.type)));
  for (const e of analysis.entities) {
    const own = actorKey(e.name, e.type);
    const key = linked.get(own) ?? own;
    keyOf.set(e.id, key);
    const t = tallies.get(key);
    if (t) t.mentions += e.mentions.length;
    else tallies.set(key, { key, name: e.name, type: e.type, country: e.country, sector: e.sector, mentions: e.mentions.length, statements: 0, events: 0 });
  }
  for (const a of analysis.attributions) {
    const key = a.speaker?.entity ? keyOf.get(a.speaker.entity) : undefined;
    if (key) tallies.get(key)!.statements++;
  }
  const eventActors = eventActorRows(id, analysis, keyOf, published);
  for (const r of eventActors) tallies.get(r.actor_key)!.events++;

  if (analysis.entities.length) {
    const entityRows = analysis.entities.map((e) => ({
      article_id: id,
      entity_id: e.id,
      actor_key: keyOf.get(e.id)!,
      name: e.name,
      type: e.type,
      country: e.country,
      sector: e.sector,
      roles: JSON.stringify(e.roles),
      mentions: e.mentions.length,
      date: published,
    }));
    for (const part of chunks(entityRows)) await trx.insertInto('entities').values(part).execute();
    const mentionRows = analysis.entities.flatMap((e) =>
      e.mentions.map((m) => ({ article_id: id, entity_id: e.id, span_start: m.start, span_end: m.end, text: m.text })),
    );
    for (const part of chunks(mentionRows)) await trx.insertInto('mentions').values(part).execute();
  }
  if (analysis.attributions.length) {
    const rows = analysis.attributions.map((a) => {
      const spans = a.content.spans;
      return {
        article_id: id,
        attribution_id: a.id,
        kind: a.kind,
        speaker_entity: a.speaker?.entity ?? null,
        speaker_key: a.speaker?.entity ? (keyOf.get(a.speaker.entity) ?? null) : null,
        speaker_text: a.speaker?.mention.text ?? null,
        cue: a.cue.text,
        cue_lemma: a.cue.lemma,
        content: a.content.text,
        span_start: spans.length ? Math.min(...spans.map((s) => s.start)) : a.cue.start,
        span_end: spans.length ? Math.max(...spans.map((s) => s.end)) : a.cue.end,
        date: published,
      };
    });
    for (const part of chunks(rows)) await trx.insertInto('attributions').values(part).execute();
  }
  if (analysis.events.length) {
    const rows = analysis.events.map((v) => ({
      article_id: id,
      event_id: v.id,
      type: v.type,
      mode: v.mode,
      cameo: v.cameo,
      status: v.status,
      trigger: v.trigger.text,
      span_start: v.trigger.start,
      span_end: v.trigger.end,
      date: calendarDate(v.date?.value) ?? published,
      date_text: v.date?.text ?? null,
      place: v.location?.name ?? null,
      country: v.location?.country ?? null,
      lat: v.location?.lat ?? null,
      lon: v.location?.lon ?? null,
      claimed_by: v.claimedBy,
    }));
    for (const part of chunks(rows)) await trx.insertInto('events').values(part).execute();
    for (const part of chunks(eventActors)) await trx.insertInto('event_actors').values(part).execute();
  }
  for (const [pair, weight] of pairCounts(eventActors)) {
    const [actor_key, other_key] = pair.split('\u0000') as [string, string];
    await trx
      .insertInto('actor_pairs')
      .values({ actor_key, other_key, weight })
      .onConflict((oc) => oc.columns(['actor_key', 'other_key']).doUpdateSet({ weight: sql`actor_pairs.weight + ${weight}` }))
      .execute();
  }
  for (const t of tallies.values()) {
    await trx
      .insertInto('actors')
      .values({
        key: t.key,
        name: t.name,
        norm_name: normaliseName(t.name),
        type: t.type,
        country: t.country,
        sector: t.sector,
        articles: 1,
        mentions: t.mentions,
        statements: t.statements,
        events: t.events,
      })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          articles: sql`actors.articles + 1`,
          mentions: sql`actors.mentions + ${t.mentions}`,
          statements: sql`actors.statements + ${t.statements}`,
          events: sql`actors.events + ${t.events}`,
          // The first article to know a country or sector sets it; later ones fill only what is missing.
          country: sql`coalesce(actors.country, ${t.country})`,
          sector: sql`coalesce(actors.sector, ${t.sector})`,
        }),
      )
      .execute();
  }
};

/**
 * Names the corpus has already linked (corpus_actor_keys, written by each corpus refresh) join their actor at
 * once: "Velayati" in a new article counts for Ali Akbar Velayati before the next refresh relinks everything.
 */
async function linkedKeys(trx: ReturnType<typeof corpusTrx>, own: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const keys = [...new Set(own)];
  for (const part of chunks(keys)) {
    const rows = await trx.selectFrom('corpus_actor_keys').select(['actor_key', 'linked_key']).where('actor_key', 'in', part).execute();
    for (const r of rows) out.set(r.actor_key, r.linked_key);
  }
  return out;
}

/** Events each ordered pair of actors shares in this article, keyed `actor\u0000other`. */
function pairCounts(rows: Array<{ event_id: string; actor_key: string }>): Map<string, number> {
  const byEvent = new Map<string, string[]>();
  for (const r of rows) byEvent.set(r.event_id, [...(byEvent.get(r.event_id) ?? []), r.actor_key]);
  const out = new Map<string, number>();
  for (const keys of byEvent.values()) {
    for (const a of keys) for (const b of keys) if (a !== b) out.set(`${a}\u0000${b}`, (out.get(`${a}\u0000${b}`) ?? 0) + 1);
  }
  return out;
}

/** One row per event and actor key: an actor on both sides of an event, or named twice, counts once (its first role). */
function eventActorRows(articleId: string, analysis: Analysis, keyOf: Map<string, string>, published: string | null) {
  const rows: Array<{ article_id: string; event_id: string; role: 'source' | 'target'; entity_id: string; actor_key: string; date: string | null }> = [];
  for (const v of analysis.events) {
    const seen = new Set<string>();
    const date = calendarDate(v.date?.value) ?? published;
    for (const role of ['source', 'target'] as const) {
      for (const entity of v[role]) {
        const key = keyOf.get(entity);
        if (!key || seen.has(key)) continue;
        seen.add(key);
        rows.push({ article_id: articleId, event_id: v.id, role, entity_id: entity, actor_key: key, date });
      }
    }
  }
  return rows;
}

export const LAYER_WRITERS: LayerWriter[] = [writeCorpusLayers];
