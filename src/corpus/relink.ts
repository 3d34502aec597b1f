/**
 * Re-keys the layer tables by linked actor after a corpus rebuild, so every
 * query that groups by actor key (actor pages, quotes by speaker, events by
 * actor, the network, search, top speakers) groups by linked actor. Only rows
 * whose key changes are written; the per-actor tallies and the pair weights
 * are then recounted from the rows themselves, so articles stored while the
 * view was being built keep their counts.
 */
import { sql, type Kysely } from 'kysely';
import type { Analysis } from '../analysis.js';
import type { CorpusDatabase as CorpusTables } from '../store/migration-corpus.js';
import { chunks } from '../store/chunks.js';
import { normaliseName } from '../store/queries/actor-key.js';
import type { ActorsTable, CorpusDatabase as LayerTables } from '../store/queries/schema.js';
import type { Actor } from './actors.js';
import type { LayerKeys } from './layer-keys.js';

export type LinkDatabase = LayerTables & CorpusTables;

export interface RelinkCounts {
  entities: number;
  attributions: number;
  eventArticles: number;
}


/** Run inside the rebuild's transaction. */
export async function relinkLayers(trx: Kysely<LinkDatabase>, analyses: Analysis[], keys: LayerKeys, actors: Actor[]): Promise<RelinkCounts> {
  const known = new Set(analyses.map((a) => a.article.id));
  const counts: RelinkCounts = { entities: 0, attributions: 0, eventArticles: 0 };

  for (const r of await trx.selectFrom('entities').select(['article_id', 'entity_id', 'actor_key']).execute()) {
    if (!known.has(r.article_id)) continue;
    const key = keys.ofEntity(r.article_id, r.entity_id);
    if (!key || key === r.actor_key) continue;
    await trx.updateTable('entities').set({ actor_key: key }).where('article_id', '=', r.article_id).where('entity_id', '=', r.entity_id).execute();
    counts.entities++;
  }

  for (const r of await trx.selectFrom('attributions').select(['seq', 'article_id', 'attribution_id', 'speaker_entity', 'speaker_key']).execute()) {
    if (!known.has(r.article_id)) continue;
    // The corpus's speaker (a person named in the phrase, a role holder) first, else the speaker entity's actor.
    const key = keys.ofStatement(r.article_id, r.attribution_id) ?? (r.speaker_entity ? keys.ofEntity(r.article_id, r.speaker_entity) : null) ?? r.speaker_key;
    if (key === r.speaker_key) continue;
    await trx.updateTable('attributions').set({ speaker_key: key }).where('seq', '=', r.seq).execute();
    counts.attributions++;
  }

  counts.eventArticles = await rekeyEventActors(trx, known, keys);
  await recountActors(trx, actors, keys);
  await trx.deleteFrom('actor_pairs').execute();
  await sql`insert into actor_pairs (actor_key, other_key, weight)
    select x.actor_key, y.actor_key, count(*) from event_actors x
    join event_actors y on y.article_id = x.article_id and y.event_id = x.event_id and y.actor_key <> x.actor_key
    group by x.actor_key, y.actor_key`.execute(trx);
  return counts;
}

/**
 * An event keeps one row per actor: when two of its entities now share an actor ("Velayati" and "Ali Akbar
 * Velayati" both met someone), the article's rows are written again without the repeat.
 */
async function rekeyEventActors(trx: Kysely<LinkDatabase>, known: ReadonlySet<string>, keys: LayerKeys): Promise<number> {
  const rows = await trx.selectFrom('event_actors').selectAll().orderBy('article_id').orderBy('event_id').orderBy('role').execute();
  const byArticle = new Map<string, typeof rows>();
  for (const r of rows) if (known.has(r.article_id)) byArticle.set(r.article_id, [...(byArticle.get(r.article_id) ?? []), r]);
  const rewrite: string[] = [];
  const fresh: typeof rows = [];
  for (const [article, list] of byArticle) {
    const rekeyed = list.map((r) => ({ ...r, actor_key: keys.ofEntity(article, r.entity_id) ?? r.actor_key }));
    if (rekeyed.every((r, i) => r.actor_key === list[i]!.actor_key)) continue;
    rewrite.push(article);
    const seen = new Set<string>();
    for (const r of rekeyed) {
      const id = `${r.event_id}\u0000${r.actor_key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      fresh.push(r);
    }
  }
  for (const part of chunks(rewrite)) await trx.deleteFrom('event_actors').where('article_id', 'in', part).execute();
  for (const part of chunks(fresh, 100)) await trx.insertInto('event_actors').values(part).execute();
  return rewrite.length;
}

/** The actors table from the re-keyed rows: linked actors under their own name, searchable by every variant. */
async function recountActors(trx: Kysely<LinkDatabase>, actors: Actor[], keys: LayerKeys): Promise<void> {
  const linked = new Map(actors.map((a) => [keys.ofActor.get(a.id)!, a]));
  const previous = new Map((await trx.selectFrom('actors').select(['key', 'name']).execute()).map((r) => [r.key, r.name]));
  const tally = await actorTallies(trx);
  const rows = tally.map((t) => {
    const actor = linked.get(t.actor_key);
    const name = actor?.name ?? previous.get(t.actor_key) ?? t.name;
    // Every spelling the actor goes by, so a search for "Akbar Velayati" finds Ali Akbar Velayati.
    const norms = [...new Set([name, ...(actor?.variants ?? [])].map(normaliseName))];
    return {
      key: t.actor_key,
      name,
      norm_name: norms.join(' | '),
      type: actor?.type ?? t.type,
      country: actor?.country ?? t.country,
      sector: t.sector,
      articles: t.articles,
      mentions: t.mentions,
      statements: t.statements,
      events: t.events,
    };
  });
  await trx.deleteFrom('actors').execute();
  for (const part of chunks(rows, 50)) await trx.insertInto('actors').values(part).execute();
}

/** An `actors` row as the layer rows add it up, under the layer tables' column name for the key. */
export type ActorTally = Omit<ActorsTable, 'key' | 'norm_name'> & { actor_key: string };

/** What the layer rows say of each actor key (of the given keys only, when some are given). */
export async function actorTallies(trx: Kysely<LinkDatabase>, keys?: string[]): Promise<ActorTally[]> {
  const tally = await trx
    .selectFrom('entities')
    .select([
      'actor_key',
      sql<string>`min(name)`.as('name'),
      sql<string>`min(type)`.as('type'),
      sql<string | null>`max(country)`.as('country'),
      sql<string | null>`max(sector)`.as('sector'),
      sql<number | string>`count(distinct article_id)`.as('articles'),
      sql<number | string>`sum(mentions)`.as('mentions'),
    ])
    .$if(keys !== undefined, (q) => q.where('actor_key', 'in', keys!))
    .groupBy('actor_key')
    .execute();
  const statements = new Map(
    (
      await trx
        .selectFrom('attributions')
        .select(['speaker_key', sql<number | string>`count(*)`.as('n')])
        .$if(keys === undefined, (q) => q.where('speaker_key', 'is not', null))
        .$if(keys !== undefined, (q) => q.where('speaker_key', 'in', keys!))
        .groupBy('speaker_key')
        .execute()
    ).map((r) => [r.speaker_key!, Number(r.n)]),
  );
  const events = new Map(
    (
      await trx
        .selectFrom('event_actors')
        .select(['actor_key', sql<number | string>`count(*)`.as('n')])
        .$if(keys !== undefined, (q) => q.where('actor_key', 'in', keys!))
        .groupBy('actor_key')
        .execute()
    ).map((r) => [r.actor_key, Number(r.n)]),
  );
  return tally.map((t) => ({
    ...t,
    articles: Number(t.articles),
    mentions: Number(t.mentions),
    statements: statements.get(t.actor_key) ?? 0,
    events: events.get(t.actor_key) ?? 0,
  }));
}
