/** The interaction network: pairs of actors weighted by the events they took part in together. */
import { sql } from 'kysely';
import type { Store } from '../store.js';
import { clampPage, type Page } from './page.js';
import { corpusDb } from './schema.js';

export interface NetworkFilter extends Page {
  /** Only pairs including this actor. */
  actor?: string;
  minWeight?: number;
}

export interface NetworkEdge {
  a: string;
  b: string;
  weight: number;
}

export interface Network {
  nodes: Array<{ key: string; name: string; type: string }>;
  edges: NetworkEdge[];
}

export async function network(store: Store, filter: NetworkFilter = {}): Promise<Network> {
  const db = corpusDb(store.db);
  const { limit, offset } = clampPage(filter, 100);
  // Each unordered pair once (a < b), whatever their roles: a meeting's participants are often all targets.
  let q = db
    .selectFrom('event_actors as x')
    .innerJoin('event_actors as y', (j) => j.onRef('y.article_id', '=', 'x.article_id').onRef('y.event_id', '=', 'x.event_id'))
    .select(['x.actor_key as a', 'y.actor_key as b', sql<number | string>`count(*)`.as('weight')])
    .whereRef('x.actor_key', '<', 'y.actor_key');
  if (filter.actor) {
    const actor = filter.actor;
    q = q.where((eb) => eb.or([eb('x.actor_key', '=', actor), eb('y.actor_key', '=', actor)]));
  }
  let grouped = q.groupBy(['x.actor_key', 'y.actor_key']);
  if (filter.minWeight && filter.minWeight > 1) grouped = grouped.having(sql`count(*)`, '>=', filter.minWeight);
  const rows = await grouped.orderBy('weight', 'desc').orderBy('a').orderBy('b').limit(limit).offset(offset).execute();
  const edges = rows.map((r) => ({ a: r.a, b: r.b, weight: Number(r.weight) }));
  const keys = [...new Set(edges.flatMap((e) => [e.a, e.b]))];
  const nodes = keys.length ? await db.selectFrom('actors').select(['key', 'name', 'type']).where('key', 'in', keys).orderBy('key').execute() : [];
  return { nodes, edges };
}
