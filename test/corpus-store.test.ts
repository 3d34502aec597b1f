import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDb, loadCorpusView } from '../src/corpus/load.js';
import { parseFixture } from '../src/eval/corpus.js';
import { addActorOverride } from '../src/store/migration-corpus.js';
import { saveCorpusView } from '../src/corpus/persist.js';
import { listClaims, listStories } from '../src/corpus/queries.js';
import { ingestArticle } from '../src/store/ingest.js';
import { openStore } from '../src/store/open.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures/corpus');
const article = (name: string) => parseFixture(name, readFileSync(join(fixtures, `${name}.txt`), 'utf8')).article;
const tmp = mkdtempSync(join(tmpdir(), 'fivew-corpus-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('corpus view over a store, with user corrections', () => {
  it('links actors across stored articles; merge and split survive re-ingest', { timeout: 60_000 }, async () => {
    const file = join(tmp, 'c.db');
    let store = await openStore(file);
    for (const name of ['s06-c', 's15-a']) await ingestArticle(store, article(name));
    let { view } = await loadCorpusView(store);
    const qorbani = view.actors.resolveName('Qorbani');
    expect(qorbani).not.toBeNull();
    expect(view.actors.resolveName('Ghorbani')).toBe(qorbani);
    expect(view.actors.byId(qorbani!)!.articles).toHaveLength(2);
    const claim = view.claims.find((c) => c.speakers.includes(qorbani!) && c.statements.length === 2);
    expect(claim?.firstSeen).toBe('2026-03-24');
    expect(claim?.lastSeen).toBe('2026-04-28');

    await addActorOverride(corpusDb(store), { action: 'split', name: 'Seyyed Hamid Ghorbani' });
    await addActorOverride(corpusDb(store), { action: 'merge', a: 'Southern Liberation Front', b: 'Karsovia' });
    await store.close();

    store = await openStore(file);
    for (const name of ['s06-c', 's15-a', 's15-b']) await ingestArticle(store, article(name));
    ({ view } = await loadCorpusView(store));
    // Saved twice: a rebuild replaces the tables whole.
    await saveCorpusView(corpusDb(store), view);
    const saved = await saveCorpusView(corpusDb(store), view);
    const db = corpusDb(store);
    const stories = await db.selectFrom('corpus_story_articles').select(['story_id', 'article_id']).execute();
    const statements = await db.selectFrom('corpus_claim_statements').select(['claim_id', 'speaker_actor']).execute();
    const actorRows = await db.selectFrom('corpus_actors').select('id').execute();
    const qorbaniNow = view.actors.resolveName('Hamid Qorbani')!;
    const savedClaims = await listClaims(db, { limit: 10, offset: 0, speaker: qorbaniNow });
    const savedStories = await listStories(db, { limit: 10, offset: 0, min: 1 });
    await store.close();
    expect(savedClaims.length).toBeGreaterThan(0);
    for (const c of savedClaims) {
      expect(c.statements.length).toBeGreaterThanOrEqual(2);
      expect(c.speakers.map((s) => s.id)).toContain(qorbaniNow);
    }
    expect(savedStories.reduce((n, s) => n + s.articles.length, 0)).toBe(3);
    expect(actorRows).toHaveLength(saved.actors);
    expect(stories).toHaveLength(3);
    expect(new Set(stories.map((s) => s.story_id)).size).toBe(saved.stories);
    expect(statements.length).toBe(view.claims.reduce((n, c) => n + c.statements.length, 0));
    const ghorbani = view.actors.resolveName('Seyyed Hamid Ghorbani');
    expect(ghorbani).not.toBeNull();
    expect(ghorbani).not.toBe(view.actors.resolveName('Hamid Qorbani'));
    expect(view.actors.byId(ghorbani!)!.articles).toHaveLength(2);
    expect(view.actors.resolveName('Karsovia')).toBe(view.actors.resolveName('Southern Liberation Front'));
  });
});
