/** The interaction network: pairs of actors weighted by the events they took part in together. */
import type { Store } from '../store.js';
import { currentActorKey } from './names.js';
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
    .selectFrom('actor_pairs')
    .select(['actor_key as a', 'other_key as b', 'weight'])
    .whereRef('actor_key', '<', 'other_key');
  if (filter.actor) {
    const actor = await currentActorKey(store, filter.actor);
    q = q.where((eb) => eb.or([eb('actor_key', '=', actor), eb('other_key', '=', actor)]));
  }
  if (filter.minWeight && filter.minWeight > 1) q = q.where('weight', '>=', filter.minWeight);
  const rows = await q.orderBy('weight', 'desc').orderBy('a').orderBy('b').limit(limit).offset(offset).execute();
  const edges = rows.map((r) => ({ a: r.a, b: r.b, weight: Number(r.weight) }));
  const keys = [...new Set(edges.flatMap((e) => [e.a, e.b]))];
  const nodes = keys.length ? await db.selectFrom('actors').select(['key', 'name', 'type']).where('key', 'in', keys).orderBy('key').execute() : [];
  return { nodes, edges };
}
