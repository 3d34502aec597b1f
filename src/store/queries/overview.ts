/** The corpus at a glance: counts, top speakers, events per month, recent articles. */
import { sql } from 'kysely';
import type { Store, StoreCounts } from '../store.js';
import { listArticles, type ArticleSummary } from './articles.js';
import { searchActors, type ActorSummary } from './actors.js';
import { corpusDb } from './schema.js';

export interface Overview {
  counts: StoreCounts & { actors: number; quotes: number; events: number };
  topSpeakers: ActorSummary[];
  eventsByMonth: Array<{ month: string; events: number }>;
  recent: ArticleSummary[];
}

export async function overview(store: Store): Promise<Overview> {
  const db = corpusDb(store.db);
  const count = async (table: 'actors' | 'attributions' | 'events') =>
    Number((await db.selectFrom(table).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const [counts, actors, quotes, events, topSpeakers, months, recent] = await Promise.all([
    store.counts(),
    count('actors'),
    count('attributions'),
    count('events'),
    searchActors(store, { limit: 10 }),
    db
      .selectFrom('events')
      .select([sql<string>`substr(date, 1, 7)`.as('month'), sql<number | string>`count(*)`.as('n')])
      .where('date', 'is not', null)
      .groupBy(sql`substr(date, 1, 7)`)
      .orderBy('month')
      .execute(),
    listArticles(store, { limit: 10 }),
  ]);
  return {
    counts: { ...counts, actors, quotes, events },
    topSpeakers: topSpeakers.filter((a) => a.statements > 0),
    eventsByMonth: months.map((m) => ({ month: m.month, events: Number(m.n) })),
    recent,
  };
}
