import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store/index.js';
import { actorKey } from '../src/store/queries/actor-key.js';
import { getActor, searchActors } from '../src/store/queries/actors.js';
import { getArticleView, getArticleViewJson, listArticles } from '../src/store/queries/articles.js';
import { searchEvents } from '../src/store/queries/events.js';
import { network } from '../src/store/queries/network.js';
import { overview } from '../src/store/queries/overview.js';
import { newestArticleMatches, newestQuoteMatches } from '../src/store/queries/quick-search.js';
import { searchQuotes } from '../src/store/queries/quotes.js';
import { corpusDb } from '../src/store/queries/schema.js';
import { buildFixture, FIXTURES, openFixtureStore } from './fixtures/web/analyses.js';

const PG = process.env.FIVEW_TEST_PG;
const DROSTE = actorKey('Anika Droste', 'PERSON');

async function filled(url: string): Promise<Store> {
  return openFixtureStore(url);
}

function contract(open: () => Promise<{ store: Store; done: () => Promise<void> }>) {
  it('answers every corpus query from the layer tables', async () => {
    const { store, done } = await open();
    try {
      const actors = await searchActors(store, { q: 'droste' });
      expect(actors.map((a) => a.key)).toEqual([DROSTE]);
      expect(actors[0]).toMatchObject({ articles: 2, statements: 2, events: 2, country: 'VLM', sector: 'GOV' });
      expect(await searchActors(store, { q: '100%' })).toEqual([]);
      // Two letters are below the trigram index: the plain scan answers the same.
      expect((await searchActors(store, { q: 'dr' })).map((a) => a.key)).toEqual([DROSTE]);
      expect((await searchActors(store, { q: 'ROSTE' })).map((a) => a.key)).toEqual([DROSTE]);

      const page = await getActor(store, DROSTE);
      expect(page?.roles).toEqual([{ role: 'foreign minister', count: 2 }]);
      expect(page?.quotes.map((q) => q.date)).toEqual(['2025-04-15', '2025-03-03']);
      expect(page?.counterparts.map((c) => c.name).sort()).toEqual(['Colm Verhaegen', 'Oona Pieterse']);
      expect(page?.places.map((p) => p.name).sort()).toEqual(['Kessel', 'Port Eldin']);
      expect(page?.timeline.length).toBe(4);
      expect(await getActor(store, 'PERSON:nobody')).toBeNull();

      // "What did Droste say about the coast?"
      const coast = await searchQuotes(store, { speaker: 'droste', text: 'coast' });
      expect(coast.map((q) => q.content)).toEqual(['"We will not give up a single meter of our coast,"']);
      expect(await searchQuotes(store, { speaker: DROSTE, from: '2025-04-01', to: '2025-04' })).toHaveLength(1);
      expect(await searchQuotes(store, { text: 'settlement' })).toMatchObject([{ speakerName: 'Colm Verhaegen', kind: 'indirect' }]);
      expect(await searchQuotes(store, { text: '!!!' })).toEqual([]);

      const events = await searchEvents(store, { actor: DROSTE });
      expect(events.map((e) => e.type)).toEqual(['COOPERATE', 'CONSULT']);
      expect(events[1]!.participants).toEqual(
        expect.arrayContaining([
          { key: DROSTE, name: 'Anika Droste', role: 'source' },
          { key: actorKey('Colm Verhaegen', 'PERSON'), name: 'Colm Verhaegen', role: 'target' },
        ]),
      );
      expect(await searchEvents(store, { type: 'disapprove' })).toHaveLength(1);
      expect(await searchEvents(store, { country: 'VLM', from: '2025-04-01' })).toHaveLength(1);
      expect(await searchEvents(store, { limit: 1, offset: 1 })).toHaveLength(1);

      expect((await newestQuoteMatches(store, 'nations', 5)).map((q) => q.speakerName)).toEqual(['Anika Droste']);
      const newest = (await newestArticleMatches(store, 'harbor OR grain', 5)).map((a) => a.published);
      // SQLite gives the most recently stored first; PostgreSQL ranks by relevance.
      if (store.engine === 'sqlite') expect(newest).toEqual(['2025-04-15', '2025-03-03']);
      else expect(newest.sort()).toEqual(['2025-03-03', '2025-04-15']);
      expect(await newestQuoteMatches(store, '"', 5)).toEqual([]);

      const net = await network(store);
      expect(net.edges).toHaveLength(2);
      expect(net.nodes.map((n) => n.name).sort()).toEqual(['Anika Droste', 'Colm Verhaegen', 'Oona Pieterse']);

      const list = await listArticles(store);
      expect(list.map((a) => a.published)).toEqual(['2025-04-15', '2025-03-03']);
      const view = await getArticleView(store, list[0]!.id);
      expect(view?.actorKeys.e1).toBe(DROSTE);
      expect(view?.analysis?.attributions).toHaveLength(1);
      // Article fetch sends the stored analysis as text: the same document as the parsed view.
      const asText = async (id: string) => JSON.parse((await getArticleViewJson(store, id)) ?? 'null') as unknown;
      expect(await asText(list[0]!.id)).toEqual(JSON.parse(JSON.stringify(view)));
      expect(await getArticleViewJson(store, '0123456789abcdef')).toBeNull();
      // Stored before the layer tables existed (no entity rows): the actor keys come from the analysis itself.
      await corpusDb(store.db).deleteFrom('entities').where('article_id', '=', list[1]!.id).execute();
      expect(await asText(list[1]!.id)).toMatchObject({ actorKeys: (await getArticleView(store, list[1]!.id))!.actorKeys });
      expect(Object.keys((await getArticleView(store, list[1]!.id))!.actorKeys).length).toBeGreaterThan(0);

      const o = await overview(store);
      expect(o.counts).toMatchObject({ articles: 2, quotes: 3, events: 3 });
      expect(o.topSpeakers[0]!.key).toBe(DROSTE);
      expect(o.eventsByMonth).toEqual([{ month: '2025-03', events: 1 }, { month: '2025-04', events: 2 }]);

      // Re-inserting the same article is a duplicate and must not count its actors twice.
      const { article, analysis } = buildFixture(FIXTURES[0]!);
      expect((await store.insertArticle(article, analysis)).outcome).toBe('duplicate');
      expect((await searchActors(store, { q: 'droste' }))[0]!.articles).toBe(2);

      // Stored without analysis (--no-analyze): the text form says so, as the parsed view does.
      const bare = await store.insertArticle({ ...article, text: `${article.text}\n\nStored without analysis.` }, null);
      expect(await asText(bare.id)).toEqual(JSON.parse(JSON.stringify(await getArticleView(store, bare.id))));
      expect(await asText(bare.id)).toMatchObject({ analysis: null, actorKeys: {} });
    } finally {
      await done();
    }
  });
}

describe('corpus queries on SQLite', () => {
  contract(async () => {
    const store = await filled(':memory:');
    return { store, done: () => store.close() };
  });
});

describe.skipIf(!PG)(`corpus queries on PostgreSQL${PG ? '' : ' (skipped: set FIVEW_TEST_PG=postgres://… to run)'}`, () => {
  contract(async () => {
    const schema = `fivew_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const u = new URL(PG!);
    u.searchParams.set('schema', schema);
    const store = await filled(u.toString());
    return {
      store,
      done: async () => {
        await store.close();
        const client = new pg.Client({ connectionString: PG });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      },
    };
  });
});
