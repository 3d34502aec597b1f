/**
 * Incremental corpus refresh: places the articles stored since the last
 * refresh into the saved corpus without reading the rest of the store. Each
 * new name joins the actor one of its stored forms belongs to (found by form
 * key and by the skeleton of its last word, then linked by the batch linker's
 * own rules), each new article joins the best story among those sharing a
 * heavy term within the story window, each new statement the best claim
 * among those of its speaker sharing a term, exactly as the batch clusterers
 * place an article or statement that comes later in date order. Only the new
 * rows and the touched actors, stories and claims are written.
 *
 * It differs from a full rebuild where order matters (an article dated before
 * stories it would have joined), where a new name would merge two stored
 * actors (it joins one of them) and in near-duplicate evidence (content
 * similarity only). `fivew corpus rebuild` still rebuilds whole.
 */
import { sql, type Kysely } from 'kysely';
import type { Analysis } from '../analysis.js';
import { chunks } from '../store/chunks.js';
import type { CorpusDatabase } from '../store/migration-corpus.js';
import type { CorpusDatabase as LayerTables } from '../store/queries/schema.js';
import { actorKey, normaliseName } from '../store/queries/actor-key.js';
import type { Store } from '../store/store.js';
import { formOf, linkActors, sameNameKeys, type Actor, type ActorIndex, type ActorLink, type ActorOverrides, type ArticleEntities } from './actors.js';
import { DEMONYM_ENDINGS, statementsOf, storyArticlesOf } from './build.js';
import { nameWords } from './names.js';
import { CLAIM_BLOCK_TERMS, CLAIM_DEFAULTS, MAX_MEMBERS_COMPARED, thresholdFor, type ClaimOptions, type Statement } from './claims.js';
import { META, speakerTerm, statementTermsOf, storedStoryArticle, storyTermsOf, type StoredStoryArticle } from './incremental-index.js';
import { articleSimilarity, STORY_BLOCK_TERMS, STORY_DEFAULTS, storyEvents, type Prepared, type StoryArticle, type StoryEvent, type StoryOptions } from './stories.js';
import { cosine, dayNumber, DocumentFrequencies, topTerms, type TermVector } from './text.js';
import { actorTallies } from './relink.js';
import { statementTimes } from './when.js';

type Db = Kysely<CorpusDatabase & LayerTables>;

/**
 * A batch larger than this share of the store (new articles included) is rebuilt whole. Placing costs about
 * 2 CPU-ms per new article and a rebuild about 1 CPU-ms per stored one (docs/EVAL-corpus.md), so from half
 * the store on the rebuild is no dearer, and it gives the batch clustering.
 */
export const INCREMENTAL_MAX_SHARE = 0.5;


async function metaValue(db: Db, key: string): Promise<string | null> {
  return (await db.selectFrom('corpus_meta').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
}

/**
 * The analysed articles the saved corpus does not hold yet, when an incremental refresh can place them;
 * null when a full rebuild is due (no saved corpus, corrections since it was built, or a large batch).
 */
export async function incrementalBatch(db: Db, overrideCount: number, maxShare = INCREMENTAL_MAX_SHARE): Promise<string[] | null> {
  if ((await metaValue(db, META.built)) === null) return null;
  if ((await metaValue(db, META.overrides)) !== String(overrideCount)) return null;
  const fresh = (
    await db
      .selectFrom('analyses')
      .select('article_id')
      .where('article_id', 'not in', (q) => q.selectFrom('corpus_story_articles').select('article_id'))
      .execute()
  ).map((r) => r.article_id);
  const total = Number((await db.selectFrom('analyses').select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return fresh.length > maxShare * total ? null : fresh;
}

/** Document frequencies of one scope, read from the store as terms come up. */
class StoredFrequencies {
  readonly df = new DocumentFrequencies();
  private added = new Map<string, number>();
  constructor(
    private db: Db,
    private scope: 's' | 'c',
    documents: number,
  ) {
    this.df.seed(documents, []);
  }
  async load(terms: Iterable<string>): Promise<void> {
    const missing = [...new Set(terms)].filter((t) => !this.df.has(t));
    const found = new Map<string, number>(missing.map((t) => [t, 0]));
    for (const part of chunks(missing)) {
      for (const r of await this.db.selectFrom('corpus_terms').select(['term', 'df']).where('scope', '=', this.scope).where('term', 'in', part).execute()) found.set(r.term, Number(r.df));
    }
    this.df.seed(this.df.documents, found);
  }
  add(terms: string[]): void {
    this.df.add(terms);
    for (const t of new Set(terms)) this.added.set(t, (this.added.get(t) ?? 0) + 1);
  }
  async save(trx: Db, metaKey: string): Promise<void> {
    for (const part of chunks([...this.added])) {
      await trx
        .insertInto('corpus_terms')
        .values(part.map(([term, n]) => ({ scope: this.scope, term, df: n })))
        .onConflict((oc) => oc.columns(['scope', 'term']).doUpdateSet({ df: sql`corpus_terms.df + excluded.df` }))
        .execute();
    }
    await trx.updateTable('corpus_meta').set({ value: String(this.df.documents) }).where('key', '=', metaKey).execute();
  }
}

export interface IncrementalCounts {
  articles: number;
  newActors: number;
  newStories: number;
  newClaims: number;
  rekeyed: number;
}

interface ActorRow {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  num_articles: number;
  data: string;
  key: string | null;
}

const PSEUDO = '\u0000actor:';

/** Link the new articles' names: stored forms keep their actor, new forms go where the batch rules send them. */
async function linkNew(db: Db, analyses: Analysis[], overrides: ActorOverrides) {
  const keys = new Set<string>();
  const skels = new Set<string>();
  for (const a of analyses) {
    for (const e of a.entities) {
      const f = formOf(e.name, e.type);
      if (!f) continue;
      keys.add(f.key);
      for (const k of sameNameKeys(f.key)) keys.add(k);
      skels.add(f.lastSkeleton);
      // The place a demonym names ("Melqari" → Melqar), for stories to compare them as one name.
      const words = nameWords(e.name);
      if (words.length === 1) for (const end of DEMONYM_ENDINGS) if (words[0]!.endsWith(end)) keys.add(`place:${words[0]!.slice(0, -end.length)}`);
    }
  }
  const forms = new Map<string, { form_key: string; actor_id: string; display: string; type: string }>();
  for (const part of chunks([...keys])) for (const r of await db.selectFrom('corpus_actor_forms').selectAll().where('form_key', 'in', part).execute()) forms.set(r.form_key, r);
  for (const part of chunks([...skels])) for (const r of await db.selectFrom('corpus_actor_forms').selectAll().where('last_skel', 'in', part).execute()) forms.set(r.form_key, r);

  // Stored forms enter the batch linker as one pseudo-article per actor, so its rules link new names to them.
  const pseudo = new Map<string, ArticleEntities>();
  for (const f of forms.values()) {
    const id = `${PSEUDO}${f.actor_id}`;
    if (!pseudo.has(id)) pseudo.set(id, { id, published: null, entities: [] });
    pseudo.get(id)!.entities.push({ id: f.form_key, name: f.display, type: f.type, country: null, sector: null, roles: [], mentions: [] });
  }
  const mini = linkActors([...analyses.map((a) => ({ id: a.article.id, published: a.article.published, entities: a.entities })), ...pseudo.values()], overrides);

  const newNames = new Set((mini.forms ?? []).filter((f) => !forms.has(f.key)).map((f) => f.display));
  const finalOf = new Map<string, string>();
  const miniToFinal = new Map<string, string>();
  const fresh: Actor[] = [];
  const grown = new Map<string, { mentions: Actor['mentions']; links: ActorLink[] }>();
  for (const actor of mini.actors) {
    const stored = actor.mentions.filter((m) => m.article.startsWith(PSEUDO)).map((m) => m.article.slice(PSEUDO.length));
    const own = actor.mentions.filter((m) => !m.article.startsWith(PSEUDO));
    const target = stored[0] ?? actor.id;
    miniToFinal.set(actor.id, target);
    if (own.length === 0) continue;
    for (const m of own) {
      // A form the corpus already knows stays with its actor, as the layer tables keyed it at insert.
      const e = analyses.find((a) => a.article.id === m.article)!.entities.find((x) => x.id === m.entity)!;
      const known = forms.get(formOf(e.name, e.type)?.key ?? '')?.actor_id;
      finalOf.set(`${m.article}\u0000${m.entity}`, known ?? target);
    }
    if (stored.length === 0) fresh.push({ ...actor, mentions: own, articles: [...new Set(own.map((m) => m.article))].sort(), variants: [...new Set(own.map((m) => m.name))].sort() });
    else {
      for (const m of own) {
        const id = finalOf.get(`${m.article}\u0000${m.entity}`)!;
        if (!grown.has(id)) grown.set(id, { mentions: [], links: [] });
        grown.get(id)!.mentions.push(m);
      }
      // The links this batch made: those with a new name on one side (stored ones are saved already).
      grown.get(target)?.links.push(...actor.links.filter((l) => newNames.has(l.from) || newNames.has(l.to)));
    }
  }
  const storedIds = [...new Set([...finalOf.values()].filter((id) => !fresh.some((a) => a.id === id)))];
  const rows = new Map<string, ActorRow>();
  for (const part of chunks(storedIds)) for (const r of await db.selectFrom('corpus_actors').selectAll().where('id', 'in', part).execute()) rows.set(r.id, r);
  return { mini, finalOf, miniToFinal, fresh, grown, rows, forms };
}

/** The actor index the batch code (statements, story articles) reads, over the new articles only. */
function indexOf(link: Awaited<ReturnType<typeof linkNew>>): ActorIndex {
  const bare = (id: string, name: string, kind: Actor['kind'], country: string | null): Actor => ({ id, name, kind, type: '', country, variants: [], articles: [], mentions: [], links: [] });
  const actors: Actor[] = [...link.fresh, ...[...link.rows.values()].map((r) => bare(r.id, r.name, r.kind as Actor['kind'], r.country))];
  // Stored places the new articles' demonyms may name: story comparison looks them up among the actors.
  const known = new Set(actors.map((a) => a.id));
  for (const f of link.forms.values()) if (f.form_key.startsWith('place:') && !known.has(f.actor_id)) actors.push(bare(f.actor_id, f.display, 'place', null));
  const byId = new Map(actors.map((a) => [a.id, a]));
  const map = (id: string | null): string | null => (id === null ? null : (link.miniToFinal.get(id) ?? null));
  return {
    actors,
    byId: (id) => byId.get(id),
    actorOf: (article, entity) => link.finalOf.get(`${article}\u0000${entity}`) ?? null,
    resolveName: (name, article) => map(link.mini.resolveName(name, article)),
    resolveRole: (phrase, article) => map(link.mini.resolveRole(phrase, article)),
  };
}

interface StoredStory {
  id: string;
  title: string | null;
  first: string | null;
  last: string | null;
  members: Array<{ article: string; stored: StoredStoryArticle; prepared: Prepared }>;
  actors: string[];
  events: StoryEvent[];
  added: Array<{ article: string; similarity: number; evidence: 'first' | 'content'; terms: string }>;
  isNew: boolean;
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

async function placeStories(db: Db, arts: StoryArticle[], options: StoryOptions): Promise<{ stories: Map<string, StoredStory>; df: StoredFrequencies }> {
  const df = new StoredFrequencies(db, 's', Number((await metaValue(db, META.storyDocs)) ?? 0));
  const terms = new Map(arts.map((a) => [a.id, storyTermsOf(a)]));
  await df.load([...terms.values()].flat());
  for (const t of terms.values()) df.add(t);
  const stories = new Map<string, StoredStory>();
  const byTerm = new Map<string, Set<string>>();
  const prepare = (stored: StoredStoryArticle, art: Pick<StoryArticle, 'id'>): Prepared => ({
    art: { id: art.id, published: stored.d, title: null, text: '', source: stored.s, actors: stored.i, actorNames: stored.a, events: [] },
    day: dayNumber(stored.d),
    sig: null,
    vec: df.df.vector(stored.t),
    actors: new Set(stored.a),
  });
  const load = async (ids: string[]): Promise<void> => {
    const missing = ids.filter((id) => !stories.has(id));
    if (missing.length === 0) return;
    const members = new Map<string, Array<{ article_id: string; terms: string | null }>>();
    for (const part of chunks(missing)) {
      for (const r of await db.selectFrom('corpus_story_articles').select(['story_id', 'article_id', 'terms']).where('story_id', 'in', part).execute()) {
        members.set(r.story_id, [...(members.get(r.story_id) ?? []), r]);
      }
    }
    const parsed = [...members.values()].flat().map((m) => ({ m, stored: JSON.parse(m.terms ?? '{"t":[],"a":[],"i":[],"s":null,"d":null}') as StoredStoryArticle }));
    await df.load(parsed.flatMap((p) => p.stored.t));
    for (const part of chunks(missing)) {
      for (const r of await db.selectFrom('corpus_stories').selectAll().where('id', 'in', part).execute()) {
        const data = JSON.parse(r.data) as { actors: string[]; events: StoryEvent[] };
        const list = parsed.filter((p) => members.get(r.id)?.includes(p.m));
        stories.set(r.id, {
          id: r.id,
          title: r.title,
          first: r.first,
          last: r.last,
          members: list.map((p) => ({ article: p.m.article_id, stored: p.stored, prepared: prepare(p.stored, { id: p.m.article_id }) })),
          actors: data.actors,
          events: data.events,
          added: [],
          isNew: false,
        });
      }
    }
  };

  const byDate = (a: StoryArticle, b: StoryArticle) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id);
  for (const art of [...arts].sort(byDate)) {
    const stored = storedStoryArticle(art, terms.get(art.id)!);
    const p: Prepared = { art, day: dayNumber(art.published), sig: null, vec: df.df.vector(stored.t), actors: new Set(stored.a) };
    const top = topTerms(p.vec, STORY_BLOCK_TERMS);
    let q = db.selectFrom('corpus_story_terms').innerJoin('corpus_stories', 'corpus_stories.id', 'corpus_story_terms.story_id').select('corpus_story_terms.story_id').distinct().where('term', 'in', top);
    if (p.day !== null) {
      // Off the (term, last) index: only stories whose newest article is recent enough (or undated) are read.
      const lo = isoDay(p.day - options.windowDays);
      const hi = isoDay(p.day + options.windowDays + 1);
      q = q.where((eb) => eb.or([eb('corpus_story_terms.last', '=', ''), eb('corpus_story_terms.last', '>=', lo)])).where((eb) => eb.or([eb('corpus_stories.first', 'is', null), eb('corpus_stories.first', '<', hi)]));
    }
    const ids = new Set((await q.execute()).map((r) => r.story_id));
    for (const t of top) for (const id of byTerm.get(t) ?? []) ids.add(id);
    await load([...ids].filter((id) => !stories.has(id)));
    let best: { s: StoredStory; score: number } | null = null;
    for (const id of ids) {
      const s = stories.get(id);
      if (!s || s.members.length === 0) continue;
      let sum = 0;
      for (const m of s.members) sum += articleSimilarity(p, m.prepared, options).score;
      const score = sum / s.members.length;
      if (!best || score > best.score) best = { s, score };
    }
    const json = JSON.stringify(stored);
    let home: StoredStory;
    if (best && best.score >= options.threshold) {
      home = best.s;
      home.added.push({ article: art.id, similarity: best.score, evidence: 'content', terms: json });
    } else {
      home = { id: `s-${art.id}`, title: art.title, first: null, last: null, members: [], actors: [], events: [], added: [{ article: art.id, similarity: 1, evidence: 'first', terms: json }], isNew: true };
      stories.set(home.id, home);
    }
    home.members.push({ article: art.id, stored, prepared: p });
    if (art.published) {
      if (!home.first || art.published < home.first) home.first = art.published;
      if (!home.last || art.published > home.last) home.last = art.published;
    }
    home.events = mergeEvents(home.events, storyEvents([art]));
    for (const t of top) byTerm.set(t, (byTerm.get(t) ?? new Set()).add(home.id));
  }
  return { stories, df };
}

function mergeEvents(old: StoryEvent[], added: StoryEvent[]): StoryEvent[] {
  const key = (e: StoryEvent) => `${e.type}|${e.source.join(',')}|${e.target.join(',')}`;
  const byKey = new Map(old.map((e) => [key(e), { ...e, mentions: [...e.mentions] }]));
  for (const e of added) {
    const mine = byKey.get(key(e));
    if (!mine) byKey.set(key(e), e);
    else {
      mine.mentions.push(...e.mentions);
      mine.numArticles = new Set(mine.mentions.map((m) => m.article)).size;
    }
  }
  return [...byKey.values()].sort((x, y) => y.numArticles - x.numArticles || y.mentions.length - x.mentions.length);
}

interface StoredClaim {
  id: string;
  text: string;
  speakers: Set<string>;
  firstSeen: string | null;
  lastSeen: string | null;
  /** The most recent members' vectors, in date order. */
  recent: TermVector[];
  count: number;
  added: Array<Statement & { similarity: number; terms: string }>;
  isNew: boolean;
}

async function placeClaims(db: Db, statements: Statement[], options: ClaimOptions): Promise<{ claims: Map<string, StoredClaim>; df: StoredFrequencies; keys: Array<[string, string]> }> {
  const df = new StoredFrequencies(db, 'c', Number((await metaValue(db, META.claimDocs)) ?? 0));
  const terms = new Map(statements.map((s) => [s, statementTermsOf(s)]));
  await df.load([...terms.values()].flat());
  for (const t of terms.values()) df.add(t);
  const claims = new Map<string, StoredClaim>();
  const byKey = new Map<string, Set<string>>();
  const newKeys: Array<[string, string]> = [];
  const load = async (ids: string[]): Promise<void> => {
    const missing = ids.filter((id) => !claims.has(id));
    if (missing.length === 0) return;
    const members = new Map<string, string[][]>();
    // Only the most recent statements are compared: read those off the (claim, published) index, newest first.
    for (const id of missing) {
      const rows = await db
        .selectFrom('corpus_claim_statements')
        .select('terms')
        .where('claim_id', '=', id)
        .orderBy('published', 'desc')
        .orderBy('article_id', 'desc')
        .limit(MAX_MEMBERS_COMPARED)
        .execute();
      members.set(id, rows.reverse().map((r) => JSON.parse(r.terms ?? '[]') as string[]));
    }
    await df.load([...members.values()].flat(2));
    for (const part of chunks(missing)) {
      for (const r of await db.selectFrom('corpus_claims').selectAll().where('id', 'in', part).execute()) {
        const data = JSON.parse(r.data) as { speakers: string[] };
        claims.set(r.id, {
          id: r.id,
          text: r.text,
          speakers: new Set(data.speakers),
          firstSeen: r.first_seen,
          lastSeen: r.last_seen,
          recent: (members.get(r.id) ?? []).map((t) => df.df.vector(t)),
          count: r.num_statements,
          added: [],
          isNew: false,
        });
      }
    }
  };
  const byDate = (a: Statement, b: Statement) => (a.published ?? '').localeCompare(b.published ?? '') || a.article.localeCompare(b.article) || a.attribution.localeCompare(b.attribution);
  for (const s of [...statements].sort(byDate)) {
    const v = df.df.vector(terms.get(s)!);
    if (v.size === 0) continue;
    const keys = [...(s.speaker ? [...v.keys()].map((t) => speakerTerm(s.speaker!, t)) : []), ...topTerms(v, CLAIM_BLOCK_TERMS)];
    const ids = new Set<string>();
    for (const part of chunks(keys)) for (const r of await db.selectFrom('corpus_claim_terms').select('claim_id').where('key', 'in', part).execute()) ids.add(r.claim_id);
    for (const k of keys) for (const id of byKey.get(k) ?? []) ids.add(id);
    await load([...ids]);
    let best: { c: StoredClaim; score: number } | null = null;
    for (const id of ids) {
      const c = claims.get(id);
      if (!c) continue;
      // The batch cluster's speakers include null for unknown speakers; stored ones list only actors.
      const need = thresholdFor(c.speakers.size ? c.speakers : new Set([null]), s.speaker, options);
      let score = 0;
      for (const m of c.recent.slice(-MAX_MEMBERS_COMPARED)) score = Math.max(score, cosine(v, m));
      if (score >= need && (!best || score - need > best.score)) best = { c, score: score - need };
    }
    const json = JSON.stringify(terms.get(s)!);
    let home: StoredClaim;
    if (best) {
      home = best.c;
      home.added.push({ ...s, similarity: best.score + thresholdFor(home.speakers.size ? home.speakers : new Set([null]), s.speaker, options), terms: json });
    } else {
      home = { id: `c-${s.article}-${s.attribution}`, text: s.text, speakers: new Set(), firstSeen: null, lastSeen: null, recent: [], count: 0, added: [{ ...s, similarity: 1, terms: json }], isNew: true };
      claims.set(home.id, home);
    }
    if (s.speaker) home.speakers.add(s.speaker);
    home.recent.push(v);
    home.count++;
    if (s.published) {
      if (!home.firstSeen || s.published < home.firstSeen) home.firstSeen = s.published;
      if (!home.lastSeen || s.published > home.lastSeen) home.lastSeen = s.published;
    }
    const own = [...(s.speaker ? [...v.keys()].map((t) => speakerTerm(s.speaker!, t)) : []), ...topTerms(v, CLAIM_BLOCK_TERMS)];
    for (const k of own) {
      if (!byKey.get(k)?.has(home.id)) newKeys.push([k, home.id]);
      byKey.set(k, (byKey.get(k) ?? new Set()).add(home.id));
    }
  }
  return { claims, df, keys: newKeys };
}

/** Place the given stored articles into the saved corpus, in one transaction. */
export async function refreshIncremental(store: Store, articleIds: string[], overrides: ActorOverrides, options: { stories?: StoryOptions; claims?: ClaimOptions } = {}): Promise<IncrementalCounts> {
  const db = store.db as unknown as Db;
  const analyses: Analysis[] = [];
  for (const id of articleIds) {
    const a = await store.getAnalysis(id);
    // The layer tables and the corpus name articles by their stored id.
    if (a) analyses.push({ ...a, article: { ...a.article, id } });
  }
  const link = await linkNew(db, analyses, overrides);
  const index = indexOf(link);
  const statements = statementsOf(analyses, index);
  const arts = storyArticlesOf(analyses, index);
  const { stories, df: storyDf } = await placeStories(db, arts, options.stories ?? STORY_DEFAULTS);
  const { claims, df: claimDf, keys: claimKeys } = await placeClaims(db, statements, options.claims ?? CLAIM_DEFAULTS);

  return db.transaction().execute(async (trx) => {
    const keyOf = await writeActors(trx, link);
    for (const s of stories.values()) {
      if (s.added.length === 0) continue;
      const numSources = new Set(s.members.map((m) => m.stored.s ?? m.article)).size;
      const counts = new Map<string, number>();
      for (const m of s.members) for (const id of new Set(m.stored.i)) counts.set(id, (counts.get(id) ?? 0) + 1);
      const row = {
        title: s.title,
        first: s.first,
        last: s.last,
        num_articles: s.members.length,
        num_sources: numSources,
        data: JSON.stringify({ actors: [...counts].sort((x, y) => y[1] - x[1]).map(([id]) => id), events: s.events }),
      };
      if (s.isNew) await trx.insertInto('corpus_stories').values({ id: s.id, ...row }).execute();
      else await trx.updateTable('corpus_stories').set(row).where('id', '=', s.id).execute();
      for (const part of chunks(s.added, 100)) {
        await trx.insertInto('corpus_story_articles').values(part.map((m) => ({ story_id: s.id, article_id: m.article, similarity: m.similarity, evidence: m.evidence, terms: m.terms }))).execute();
      }
      const blocking = s.added.flatMap((m) => topTerms(storyDf.df.vector((JSON.parse(m.terms) as StoredStoryArticle).t), STORY_BLOCK_TERMS));
      const last = s.last ?? '';
      if (!s.isNew) await trx.updateTable('corpus_story_terms').set({ last }).where('story_id', '=', s.id).execute();
      for (const part of chunks([...new Set(blocking)])) {
        await trx.insertInto('corpus_story_terms').values(part.map((term) => ({ term, story_id: s.id, last }))).onConflict((oc) => oc.doNothing()).execute();
      }
    }
    await storyDf.save(trx, META.storyDocs);

    const times = new Map<string, string>();
    for (const a of analyses) for (const [attribution, text] of statementTimes(a)) times.set(`${a.article.id}\u0000${attribution}`, text);
    for (const c of claims.values()) {
      if (c.added.length === 0) continue;
      const row = { text: c.text, first_seen: c.firstSeen, last_seen: c.lastSeen, num_statements: c.count, data: JSON.stringify({ speakers: [...c.speakers] }) };
      if (c.isNew) await trx.insertInto('corpus_claims').values({ id: c.id, ...row }).execute();
      else await trx.updateTable('corpus_claims').set(row).where('id', '=', c.id).execute();
      for (const part of chunks(c.added, 40)) {
        await trx
          .insertInto('corpus_claim_statements')
          .values(
            part.map((s) => ({
              claim_id: c.id,
              article_id: s.article,
              attribution_id: s.attribution,
              speaker_actor: s.speaker,
              published: s.published,
              date_text: times.get(`${s.article}\u0000${s.attribution}`) ?? null,
              terms: s.terms,
            })),
          )
          .execute();
      }
    }
    for (const part of chunks(claimKeys)) await trx.insertInto('corpus_claim_terms').values(part.map(([key, claim_id]) => ({ key, claim_id }))).onConflict((oc) => oc.doNothing()).execute();
    await claimDf.save(trx, META.claimDocs);

    const rekeyed = await rekeyLayers(trx, analyses, link, keyOf, statements);
    return {
      articles: analyses.length,
      newActors: link.fresh.length,
      newStories: [...stories.values()].filter((s) => s.isNew).length,
      newClaims: [...claims.values()].filter((c) => c.isNew).length,
      rekeyed,
    };
  });
}

/** Corpus actor rows, mentions, forms and name aliases for the new mentions; returns actor id → layer key. */
async function writeActors(trx: Db, link: Awaited<ReturnType<typeof linkNew>>): Promise<Map<string, string>> {
  const keyOf = new Map<string, string>();
  // A stored actor without a key (saved before migration 0009) leaves its rows as they are.
  for (const r of link.rows.values()) if (r.key) keyOf.set(r.id, r.key);
  for (const a of link.fresh) {
    let key = actorKey(a.name, a.type);
    for (let n = 2; ; n++) {
      const taken = [...keyOf.values()].includes(key) || (await trx.selectFrom('corpus_actors').select('id').where('key', '=', key).executeTakeFirst()) !== undefined;
      if (!taken) break;
      key = `${actorKey(a.name, a.type)} #${n}`;
    }
    keyOf.set(a.id, key);
    await trx
      .insertInto('corpus_actors')
      .values({ id: a.id, key, name: a.name, kind: a.kind, country: a.country, num_articles: a.articles.length, data: JSON.stringify({ variants: a.variants, links: a.links }) })
      .execute();
  }
  for (const [id, g] of link.grown) {
    const r = link.rows.get(id);
    if (!r) continue;
    const data = JSON.parse(r.data) as { variants: string[]; links: ActorLink[] };
    const newArticles = new Set(g.mentions.map((m) => m.article)).size;
    data.variants = [...new Set([...data.variants, ...g.mentions.map((m) => m.name)])].sort();
    data.links = [...data.links, ...g.links];
    await trx.updateTable('corpus_actors').set({ num_articles: r.num_articles + newArticles, data: JSON.stringify(data) }).where('id', '=', id).execute();
  }
  const mentionRows = [...link.finalOf].map(([k, actor_id]) => {
    const [article_id, entity_id] = k.split('\u0000') as [string, string];
    return { actor_id, article_id, entity_id };
  });
  for (const part of chunks(mentionRows, 200)) await trx.insertInto('corpus_actor_mentions').values(part).onConflict((oc) => oc.doNothing()).execute();
  // New forms, so later batches find them by key and skeleton.
  for (const f of link.mini.forms ?? []) {
    if (link.forms.has(f.key)) continue;
    const actor = link.miniToFinal.get(f.actor);
    if (!actor) continue;
    await trx.insertInto('corpus_actor_forms').values({ form_key: f.key, actor_id: actor, display: f.display, type: f.type, last_skel: f.lastSkeleton }).onConflict((oc) => oc.doNothing()).execute();
  }
  return keyOf;
}

/** The new articles' layer rows under their linked actors' keys, and the tallies of every key that changed. */
async function rekeyLayers(trx: Db, analyses: Analysis[], link: Awaited<ReturnType<typeof linkNew>>, keyOf: Map<string, string>, statements: Statement[]): Promise<number> {
  const ids = analyses.map((a) => a.article.id);
  const touched = new Set<string>();
  let rekeyed = 0;
  const entityKey = new Map<string, string>();
  const aliases = new Map<string, string>();
  for (const a of analyses) {
    for (const e of a.entities) {
      const own = actorKey(e.name, e.type);
      const actor = link.finalOf.get(`${a.article.id}\u0000${e.id}`);
      const key = actor ? keyOf.get(actor) ?? own : own;
      entityKey.set(`${a.article.id}\u0000${e.id}`, key);
      if (actor) aliases.set(own, key);
    }
  }
  for (const part of chunks(ids)) {
    for (const r of await trx.selectFrom('entities').select(['article_id', 'entity_id', 'actor_key']).where('article_id', 'in', part).execute()) {
      const key = entityKey.get(`${r.article_id}\u0000${r.entity_id}`);
      if (!key || key === r.actor_key) continue;
      touched.add(key).add(r.actor_key);
      await trx.updateTable('entities').set({ actor_key: key }).where('article_id', '=', r.article_id).where('entity_id', '=', r.entity_id).execute();
      rekeyed++;
    }
  }
  const speakerKey = new Map<string, string>();
  for (const s of statements) if (s.speaker && keyOf.has(s.speaker)) speakerKey.set(`${s.article}\u0000${s.attribution}`, keyOf.get(s.speaker)!);
  for (const part of chunks(ids)) {
    for (const r of await trx.selectFrom('attributions').select(['seq', 'article_id', 'attribution_id', 'speaker_entity', 'speaker_key']).where('article_id', 'in', part).execute()) {
      const key = speakerKey.get(`${r.article_id}\u0000${r.attribution_id}`) ?? (r.speaker_entity ? entityKey.get(`${r.article_id}\u0000${r.speaker_entity}`) : undefined) ?? r.speaker_key;
      if (key === r.speaker_key) continue;
      if (key) touched.add(key);
      if (r.speaker_key) touched.add(r.speaker_key);
      await trx.updateTable('attributions').set({ speaker_key: key }).where('seq', '=', r.seq).execute();
      rekeyed++;
    }
  }
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('event_actors').selectAll().where('article_id', 'in', part).orderBy('article_id').orderBy('event_id').orderBy('role').execute();
    const byArticle = new Map<string, typeof rows>();
    for (const r of rows) byArticle.set(r.article_id, [...(byArticle.get(r.article_id) ?? []), r]);
    for (const [article, list] of byArticle) {
      const fresh = list.map((r) => ({ ...r, actor_key: entityKey.get(`${article}\u0000${r.entity_id}`) ?? r.actor_key }));
      if (fresh.every((r, i) => r.actor_key === list[i]!.actor_key)) continue;
      for (const r of [...list, ...fresh]) touched.add(r.actor_key);
      const seen = new Set<string>();
      const keep = fresh.filter((r) => !seen.has(`${r.event_id}\u0000${r.actor_key}`) && seen.add(`${r.event_id}\u0000${r.actor_key}`));
      await trx.deleteFrom('event_actors').where('article_id', '=', article).execute();
      await trx.insertInto('event_actors').values(keep).execute();
      rekeyed++;
    }
  }
  for (const [own, linked] of aliases) {
    const prior = await trx.selectFrom('corpus_actor_keys').select('linked_key').where('actor_key', '=', own).executeTakeFirst();
    if (!prior) await trx.insertInto('corpus_actor_keys').values({ actor_key: own, linked_key: linked }).execute();
    // A name two actors answer to is no alias (as in a full rebuild).
    else if (prior.linked_key !== linked) await trx.deleteFrom('corpus_actor_keys').where('actor_key', '=', own).execute();
  }
  if (touched.size) await recount(trx, [...touched], link, keyOf);
  return rekeyed;
}

/** The actors rows and pair weights of some keys, from the layer rows themselves. */
async function recount(trx: Db, keys: string[], link: Awaited<ReturnType<typeof linkNew>>, keyOf: Map<string, string>): Promise<void> {
  const nameOf = new Map<string, { name: string; variants: string[] }>();
  for (const a of link.fresh) nameOf.set(keyOf.get(a.id)!, { name: a.name, variants: a.variants });
  for (const r of link.rows.values()) {
    const key = keyOf.get(r.id);
    if (key) nameOf.set(key, { name: r.name, variants: (JSON.parse(r.data) as { variants: string[] }).variants });
  }
  for (const part of chunks(keys, 100)) {
    const previous = new Map((await trx.selectFrom('actors').select(['key', 'name', 'norm_name']).where('key', 'in', part).execute()).map((r) => [r.key, r]));
    const tally = await actorTallies(trx, part);
    await trx.deleteFrom('actors').where('key', 'in', part).execute();
    const rows = tally.map((t) => {
      const linked = nameOf.get(t.actor_key);
      const prior = previous.get(t.actor_key);
      const name = linked?.name ?? prior?.name ?? t.name;
      const norms = new Set([...(prior?.norm_name.split(' | ') ?? []), ...[name, ...(linked?.variants ?? [])].map(normaliseName)]);
      return {
        key: t.actor_key,
        name,
        norm_name: [...norms].join(' | '),
        type: t.type,
        country: t.country,
        sector: t.sector,
        articles: t.articles,
        mentions: t.mentions,
        statements: t.statements,
        events: t.events,
      };
    });
    for (const rowPart of chunks(rows, 50)) await trx.insertInto('actors').values(rowPart).execute();
    await trx.deleteFrom('actor_pairs').where((eb) => eb.or([eb('actor_key', 'in', part), eb('other_key', 'in', part)])).execute();
    await sql`insert into actor_pairs (actor_key, other_key, weight)
      select x.actor_key, y.actor_key, count(*) from event_actors x
      join event_actors y on y.article_id = x.article_id and y.event_id = x.event_id and y.actor_key <> x.actor_key
      where x.actor_key in (${sql.join(part)}) or y.actor_key in (${sql.join(part)})
      group by x.actor_key, y.actor_key`.execute(trx);
  }
}
