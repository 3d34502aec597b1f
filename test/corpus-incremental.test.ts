import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { formOf } from '../src/corpus/actors.js';
import { corpusDb } from '../src/corpus/load.js';
import { refreshCorpus } from '../src/corpus/refresh.js';
import type { LinkDatabase } from '../src/corpus/relink.js';
import { parseFixture } from '../src/eval/corpus.js';
import { addActorOverride } from '../src/store/migration-corpus.js';
import { ingestArticle } from '../src/store/ingest.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures/corpus');
const article = (name: string) => parseFixture(name, readFileSync(join(fixtures, `${name}.txt`), 'utf8')).article;
const tmp = mkdtempSync(join(tmpdir(), 'fivew-corpus-incremental-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A clustering as a set of member lists, whatever the cluster ids. */
function partition(rows: Array<{ cluster: string; member: string }>): string[] {
  const by = new Map<string, string[]>();
  for (const r of rows) by.set(r.cluster, [...(by.get(r.cluster) ?? []), r.member]);
  return [...by.values()].map((m) => m.sort().join(' + ')).sort();
}

async function snapshot(store: Store) {
  const db = corpusDb(store);
  const layers = store.db as unknown as Kysely<LinkDatabase>;
  return {
    stories: partition((await db.selectFrom('corpus_story_articles').select(['story_id', 'article_id']).execute()).map((r) => ({ cluster: r.story_id, member: r.article_id }))),
    claims: partition(
      (await db.selectFrom('corpus_claim_statements').select(['claim_id', 'article_id', 'attribution_id']).execute()).map((r) => ({ cluster: r.claim_id, member: `${r.article_id}/${r.attribution_id}` })),
    ),
    actors: partition((await db.selectFrom('corpus_actor_mentions').select(['actor_id', 'article_id', 'entity_id']).execute()).map((r) => ({ cluster: r.actor_id, member: `${r.article_id}/${r.entity_id}` }))),
    // Each actor's name, key, article count and every name it goes by.
    actorRows: (await db.selectFrom('corpus_actors').select(['name', 'key', 'num_articles', 'data']).execute())
      .map((r) => `${r.name}|${r.key}|${r.num_articles}|${(JSON.parse(r.data) as { variants: string[] }).variants.join(',')}`)
      .sort(),
    entityKeys: (await layers.selectFrom('entities').select(['article_id', 'entity_id', 'actor_key']).orderBy('article_id').orderBy('entity_id').execute()).map((r) => `${r.article_id}/${r.entity_id}=${r.actor_key}`),
    tallies: (await layers.selectFrom('actors').select(['key', 'name', 'articles', 'mentions', 'statements', 'events']).orderBy('key').execute()).map((r) => JSON.stringify(r)),
    pairs: (await layers.selectFrom('actor_pairs').select(['actor_key', 'other_key', 'weight']).orderBy('actor_key').orderBy('other_key').execute()).map((r) => JSON.stringify(r)),
    speakerKeys: (await layers.selectFrom('attributions').select(['article_id', 'attribution_id', 'speaker_key']).orderBy('article_id').orderBy('attribution_id').execute()).map(
      (r) => `${r.article_id}/${r.attribution_id}=${r.speaker_key}`,
    ),
  };
}

describe('incremental corpus refresh', () => {
  it('places later articles into stored actors, stories and claims as a full rebuild would', { timeout: 60_000 }, async () => {
    const store = await openStore(join(tmp, 'same.db'));
    try {
      for (const name of ['s01-a', 's01-b', 's06-a', 's06-b']) await ingestArticle(store, article(name));
      expect((await refreshCorpus(store)).mode).toBe('full');
      // Two more reports of each story, a story of its own, and names already linked in new spellings.
      for (const name of ['s01-c', 's01-d', 's06-d', 's15-a']) await ingestArticle(store, article(name));
      const r = await refreshCorpus(store, { maxShare: 1 });
      expect(r).toMatchObject({ mode: 'incremental', placed: 4, analyses: 8 });
      // Some of the new articles' names were stored under their own key and now take their linked actor's.
      expect(r.rekeyed).toBeGreaterThan(0);
      const incremental = await snapshot(store);
      expect((await refreshCorpus(store, { full: true })).mode).toBe('full');
      const full = await snapshot(store);
      expect(incremental.stories).toEqual(full.stories);
      // The labelled answer: the two stories grown by their later reports, and the new one alone.
      expect(incremental.stories.map((s) => s.split(' + ').length)).toEqual(expect.arrayContaining([4, 3, 1]));
      expect(incremental.stories).toHaveLength(3);
      expect(incremental.claims).toEqual(full.claims);
      expect(incremental.actors).toEqual(full.actors);
      expect(incremental.actorRows).toEqual(full.actorRows);
      expect(incremental.entityKeys).toEqual(full.entityKeys);
      expect(incremental.speakerKeys).toEqual(full.speakerKeys);
      // The API's actor tallies and pair weights, recounted only for the keys that changed.
      expect(incremental.tallies).toEqual(full.tallies);
      expect(incremental.pairs).toEqual(full.pairs);
      // Nothing new: nothing to place.
      expect(await refreshCorpus(store)).toMatchObject({ mode: 'incremental', placed: 0, analyses: 8 });
    } finally {
      await store.close();
    }
  });

  it('rebuilds whole with no saved corpus, for a large batch, and after a correction; corrections hold for later batches', { timeout: 60_000 }, async () => {
    const store = await openStore(join(tmp, 'corrections.db'));
    try {
      const db = corpusDb(store);
      for (const name of ['s06-c', 's15-a']) await ingestArticle(store, article(name));
      expect((await refreshCorpus(store)).mode).toBe('full');
      for (const name of ['s01-a', 's01-b', 's01-c']) await ingestArticle(store, article(name));
      // Three new articles of five are more than the default share.
      expect((await refreshCorpus(store)).mode).toBe('full');
      await addActorOverride(db, { action: 'split', name: 'Seyyed Hamid Ghorbani' });
      expect((await refreshCorpus(store, { maxShare: 1 })).mode).toBe('full');
      const actorOfName = async (name: string) =>
        (await db.selectFrom('corpus_actor_forms').select('actor_id').where('form_key', '=', formOf(name, 'PERSON')!.key).executeTakeFirst())?.actor_id;
      const articlesOf = async (id: string) =>
        (await db.selectFrom('corpus_actors').select(['num_articles']).where('id', '=', id).executeTakeFirstOrThrow()).num_articles;
      const before = await actorOfName('Seyyed Hamid Ghorbani');
      expect(before).toBeDefined();
      // How many of the stored articles the NER model reads his name in is the model's business; the count is taken, not assumed.
      const articlesBefore = await articlesOf(before!);
      await ingestArticle(store, article('s15-b'));
      expect((await refreshCorpus(store, { maxShare: 1 })).mode).toBe('incremental');
      const ghorbani = await actorOfName('Seyyed Hamid Ghorbani');
      const qorbani = await actorOfName('Hamid Qorbani');
      expect(ghorbani).toBe(before);
      expect(ghorbani).not.toBe(qorbani);
      // The split name kept its own actor, and the new article's mention of it joined that actor.
      expect(await articlesOf(ghorbani!)).toBe(articlesBefore + 1);
    } finally {
      await store.close();
    }
  });
});
