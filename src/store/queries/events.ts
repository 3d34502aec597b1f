/** Events by actor, type, country and date range, each with its participants. */
import type { Store } from '../store.js';
import { currentActorKey } from './names.js';
import { dateUpper } from './quotes.js';
import { clampPage, newestFirst, type Page } from './page.js';
import { corpusDb } from './schema.js';

export interface EventFilter extends Page {
  actor?: string;
  type?: string;
  country?: string;
  from?: string;
  to?: string;
  articleId?: string;
}

export interface Participant {
  key: string;
  name: string;
  role: 'source' | 'target';
}

export interface EventRow {
  articleId: string;
  eventId: string;
  type: string;
  mode: string | null;
  cameo: string | null;
  status: string;
  trigger: string;
  start: number;
  end: number;
  date: string | null;
  /** The words that dated it ("on Sunday"), when there were any. */
  dateText: string | null;
  place: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  title: string | null;
  participants: Participant[];
}

export async function searchEvents(store: Store, filter: EventFilter): Promise<EventRow[]> {
  const db = corpusDb(store.db);
  const { limit, offset } = clampPage(filter);
  // By actor, start from the actor's few event_actors rows (indexed) instead of testing every event in date order.
  let q = filter.actor
    ? db
        .selectFrom('event_actors as x')
        .innerJoin('events as e', (j) => j.onRef('e.article_id', '=', 'x.article_id').onRef('e.event_id', '=', 'x.event_id'))
        .innerJoin('articles as a', 'a.id', 'e.article_id')
        .where('x.actor_key', '=', await currentActorKey(store, filter.actor))
        .selectAll('e')
        .select('a.title')
    : db.selectFrom('events as e').innerJoin('articles as a', 'a.id', 'e.article_id').selectAll('e').select('a.title');
  if (filter.type) q = q.where('e.type', '=', filter.type.toUpperCase());
  if (filter.country) q = q.where('e.country', '=', filter.country.toUpperCase());
  if (filter.from) q = q.where('e.date', '>=', filter.from);
  if (filter.to) q = q.where('e.date', '<=', dateUpper(filter.to));
  if (filter.articleId) q = q.where('e.article_id', '=', filter.articleId);
  const rows = await q
    // x.date (a copy of e.date) lets the (actor_key, date) index give the actor's newest events without sorting them all.
    .orderBy(newestFirst(store.engine, filter.actor ? 'x.date' : 'e.date'))
    .orderBy('e.article_id')
    .orderBy('e.event_id')
    .limit(limit)
    .offset(offset)
    .execute();
  const participants = await participantsOf(store, rows.map((r) => [r.article_id, r.event_id] as const));
  return rows.map((r) => ({
    articleId: r.article_id,
    eventId: r.event_id,
    type: r.type,
    mode: r.mode,
    cameo: r.cameo,
    status: r.status,
    trigger: r.trigger,
    start: Number(r.span_start),
    end: Number(r.span_end),
    date: r.date,
    dateText: r.date_text,
    place: r.place,
    country: r.country,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    title: r.title,
    participants: participants.get(`${r.article_id}/${r.event_id}`) ?? [],
  }));
}

/** Source and target actors of a page of events, keyed `articleId/eventId`. */
async function participantsOf(store: Store, events: ReadonlyArray<readonly [string, string]>): Promise<Map<string, Participant[]>> {
  const out = new Map<string, Participant[]>();
  if (events.length === 0) return out;
  const db = corpusDb(store.db);
  const articleIds = [...new Set(events.map(([a]) => a))];
  const wanted = new Set(events.map(([a, e]) => `${a}/${e}`));
  const rows = await db
    .selectFrom('event_actors as x')
    .innerJoin('actors as s', 's.key', 'x.actor_key')
    .select(['x.article_id', 'x.event_id', 'x.role', 'x.actor_key', 's.name'])
    .where('x.article_id', 'in', articleIds)
    .execute();
  for (const r of rows) {
    const id = `${r.article_id}/${r.event_id}`;
    if (!wanted.has(id)) continue;
    const list = out.get(id) ?? [];
    if (!list.some((p) => p.key === r.actor_key && p.role === r.role)) list.push({ key: r.actor_key, name: r.name, role: r.role });
    out.set(id, list);
  }
  return out;
}
