/**
 * Actors across the corpus: search, and one actor's page. Rows are grouped by
 * actor key, which a corpus refresh makes the linked actor's key (so one actor
 * is every name it was linked under); articles stored since the last refresh
 * that name an actor not yet linked show under that name's own key.
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { LINK_EVIDENCE, type ActorLink } from '../../corpus/actors.js';
import { listClaims, type SavedClaim } from '../../corpus/queries.js';
import type { CorpusDatabase as CorpusTables } from '../migration-corpus.js';
import type { Store } from '../store.js';
import { normaliseName } from './actor-key.js';
import { searchEvents, type EventRow } from './events.js';
import { currentActorKey, nameContains } from './names.js';
import { clampPage, newestFirst, type Page } from './page.js';
import { searchQuotes, type QuoteRow } from './quotes.js';
import { corpusDb } from './schema.js';

export interface ActorSummary {
  key: string;
  name: string;
  type: string;
  country: string | null;
  sector: string | null;
  articles: number;
  mentions: number;
  statements: number;
  events: number;
}

export interface ActorFilter extends Page {
  q?: string;
  type?: string;
}

export interface Counterpart {
  key: string;
  name: string;
  type: string;
  /** Events both took part in. */
  weight: number;
}

export interface Place {
  name: string;
  country: string | null;
  lat: number;
  lon: number;
  events: number;
}

export type TimelineItem =
  | { kind: 'quote'; date: string | null; dateText: string | null; articleId: string; id: string; text: string; title: string | null; claimId: string | null; claimSize: number }
  | { kind: 'event'; date: string | null; dateText: string | null; articleId: string; id: string; text: string; title: string | null; type: string };

/** What the corpus layer knows of the actor: every name linked into it, with the evidence of each link. */
export interface LinkedActor {
  id: string;
  /** The first LINKED_SHOWN names and links; the totals say how many there are. */
  variants: string[];
  links: ActorLink[];
  totalVariants: number;
  totalLinks: number;
}

/** A page lists this many linked names and links: an actor linked under thousands of spellings must not weigh megabytes. */
export const LINKED_SHOWN = 100;

export interface ActorPage {
  actor: ActorSummary;
  /** Null until a corpus refresh has linked the actor's articles. */
  linked: LinkedActor | null;
  /** Claims the actor made more than once, most repeated first. */
  claims: SavedClaim[];
  names: Array<{ name: string; count: number }>;
  roles: Array<{ role: string; count: number }>;
  quotes: QuoteRow[];
  events: EventRow[];
  timeline: TimelineItem[];
  counterparts: Counterpart[];
  places: Place[];
}

const SUMMARY = ['key', 'name', 'type', 'country', 'sector', 'articles', 'mentions', 'statements', 'events'] as const;

function summary(r: { [K in (typeof SUMMARY)[number]]: unknown }): ActorSummary {
  return {
    key: String(r.key),
    name: String(r.name),
    type: String(r.type),
    country: r.country === null ? null : String(r.country),
    sector: r.sector === null ? null : String(r.sector),
    articles: Number(r.articles),
    mentions: Number(r.mentions),
    statements: Number(r.statements),
    events: Number(r.events),
  };
}

/** Actors whose name contains the query, most quoted first. */
export async function searchActors(store: Store, filter: ActorFilter): Promise<ActorSummary[]> {
  const { limit, offset } = clampPage(filter);
  let q = corpusDb(store.db).selectFrom('actors').select(SUMMARY);
  const words = filter.q ? normaliseName(filter.q) : '';
  if (words) q = q.where(nameContains(store, words));
  if (filter.type) q = q.where('type', '=', filter.type.toUpperCase());
  const rows = await q.orderBy('statements', 'desc').orderBy('articles', 'desc').orderBy('key').limit(limit).offset(offset).execute();
  return rows.map(summary);
}

/** The most quoted actors' keys: the pages the server prepares before anyone asks. */
export async function busiestActorKeys(store: Store, count: number): Promise<string[]> {
  const rows = await corpusDb(store.db).selectFrom('actors').select('key').orderBy('statements', 'desc').orderBy('articles', 'desc').orderBy('key').limit(count).execute();
  return rows.map((r) => r.key);
}

/** Everything the actor page shows; null when no such actor. Lists are capped, newest first. */
export async function getActor(store: Store, key: string, options: { items?: number } = {}): Promise<ActorPage | null> {
  const db = corpusDb(store.db);
  // An old address (a name since linked into another actor) opens that actor's page.
  const row = await db.selectFrom('actors').select(SUMMARY).where('key', '=', await currentActorKey(store, key)).executeTakeFirst();
  if (!row) return null;
  key = row.key;
  const items = Math.min(200, Math.max(1, options.items ?? 50));
  // A frequent actor has thousands of entity rows; names and roles come from its most recent two hundred.
  const recent = await db
    .selectFrom('entities')
    .select(['name', 'roles'])
    .where('actor_key', '=', key)
    .orderBy(newestFirst(store.engine, 'date'))
    .limit(200)
    .execute();
  const names = new Map<string, number>();
  const roles = new Map<string, number>();
  for (const r of recent) {
    names.set(r.name, (names.get(r.name) ?? 0) + 1);
    for (const role of JSON.parse(r.roles) as string[]) roles.set(role, (roles.get(role) ?? 0) + 1);
  }
  const [quotes, events, counterparts, places, linked] = await Promise.all([
    searchQuotes(store, { speaker: key, limit: items }),
    searchEvents(store, { actor: key, limit: items }),
    counterpartsOf(store, key),
    placesOf(store, key),
    linkedActor(store, key),
  ]);
  // The page shows each claim's wording, size and dates; its statements are one click away (GET /api/claims/ID).
  const claims = linked ? await listClaims(corpusTables(store), { speaker: linked.id, min: 2, limit: 10, offset: 0, statements: 0 }) : [];
  const articleWhen = new Map(quotes.filter((q) => q.dateText).map((q) => [q.articleId, q.dateText!]));
  const timeline: TimelineItem[] = [
    ...quotes.map((q): TimelineItem => ({ kind: 'quote', date: q.date, dateText: q.dateText, articleId: q.articleId, id: q.attributionId, text: q.content, title: q.title, claimId: q.claimId, claimSize: q.claimSize })),
    // An undated event without time words of its own takes its article's, as the article's statements do.
    ...events.map((e): TimelineItem => ({ kind: 'event', date: e.date, dateText: e.date ? null : (e.dateText ?? articleWhen.get(e.articleId) ?? null), articleId: e.articleId, id: e.eventId, text: e.trigger, title: e.title, type: e.type })),
  ].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  const tally = (m: Map<string, number>) => [...m].map(([k, count]) => ({ k, count })).sort((a, b) => b.count - a.count || a.k.localeCompare(b.k));
  return {
    actor: summary(row),
    linked,
    claims,
    names: tally(names).map(({ k, count }) => ({ name: k, count })),
    roles: tally(roles).map(({ k, count }) => ({ role: k, count })),
    quotes,
    events,
    timeline,
    counterparts,
    places,
  };
}

function corpusTables(store: Store): Kysely<CorpusTables> {
  return store.db as unknown as Kysely<CorpusTables>;
}

// Only what a page shows is validated: an actor linked under thousands of names keeps its page cheap.
const linkedData = z.object({ variants: z.array(z.unknown()), links: z.array(z.unknown()) });
const shownVariants = z.array(z.string());
const shownLinks = z.array(z.object({ from: z.string(), to: z.string(), evidence: z.enum(LINK_EVIDENCE), confidence: z.number() }));

/** The corpus actor saved under this layer key by the last refresh. */
export async function linkedActor(store: Store, key: string): Promise<LinkedActor | null> {
  const row = await corpusTables(store).selectFrom('corpus_actors').select(['id', 'data']).where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  const data = linkedData.parse(JSON.parse(row.data));
  return {
    id: row.id,
    variants: shownVariants.parse(data.variants.slice(0, LINKED_SHOWN)),
    links: shownLinks.parse(data.links.slice(0, LINKED_SHOWN)),
    totalVariants: data.variants.length,
    totalLinks: data.links.length,
  };
}

/** Actors that took part in the same events, by how many (actor_pairs, kept up to date at insert). */
export async function counterpartsOf(store: Store, key: string, limit = 30): Promise<Counterpart[]> {
  const rows = await corpusDb(store.db)
    .selectFrom('actor_pairs as p')
    .innerJoin('actors as s', 's.key', 'p.other_key')
    .select(['p.other_key', 's.name', 's.type', 'p.weight'])
    .where('p.actor_key', '=', key)
    .orderBy('p.weight', 'desc')
    .orderBy('p.other_key')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ key: r.other_key, name: r.name, type: r.type, weight: Number(r.weight) }));
}

/**
 * Where the actor's most recent events took place (those with coordinates).
 * Bounded like the names above: a frequent actor's page must not cost in
 * proportion to everything it ever did.
 */
export async function placesOf(store: Store, key: string, limit = 100, recent = 500): Promise<Place[]> {
  const db = corpusDb(store.db);
  const latest = db
    .selectFrom('event_actors')
    .select(['article_id', 'event_id'])
    .where('actor_key', '=', key)
    .orderBy(newestFirst(store.engine, 'date'))
    .limit(recent)
    .as('x');
  const rows = await db
    .selectFrom(latest)
    .innerJoin('events as e', (j) => j.onRef('e.article_id', '=', 'x.article_id').onRef('e.event_id', '=', 'x.event_id'))
    .select(['e.place', 'e.country', 'e.lat', 'e.lon', sql<number | string>`count(*)`.as('n')])
    .where('e.lat', 'is not', null)
    .where('e.lon', 'is not', null)
    .groupBy(['e.place', 'e.country', 'e.lat', 'e.lon'])
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ name: r.place ?? '', country: r.country, lat: Number(r.lat), lon: Number(r.lon), events: Number(r.n) }));
}
