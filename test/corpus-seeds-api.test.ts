/**
 * Issue 7's Must-show through the corpus layer: after ingesting both seeds,
 * Ali Akbar Velayati's actor page lists his statements from both articles,
 * each with a date (the article's own words when it has no publication date,
 * the calendar day when one is given) and his meetings with Dzhagaryan,
 * Hariri, Nasrallah, Berri, Aoun and Bassil.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusDb } from '../src/corpus/load.js';
import { getClaim } from '../src/corpus/queries.js';
import { refreshCorpus } from '../src/corpus/refresh.js';
import { ingestArticle } from '../src/store/ingest.js';
import { openStore } from '../src/store/open.js';
import { getActor, searchActors, type ActorPage } from '../src/store/queries/actors.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const seeds = resolve(root, '../shared/seeds');
const have = existsSync(seeds);
if (!have) console.warn(`corpus seeds API: ${seeds} is absent, skipping`);

/** His actor page, and for each claim on it how many articles its statements come from. */
async function velayatiPage(published?: string): Promise<{ page: ActorPage; claimArticles: Map<string, number> }> {
  const store = await openStore(':memory:');
  try {
    for (const f of readdirSync(seeds).filter((x) => x.endsWith('.txt')).sort()) {
      const text = readFileSync(join(seeds, f), 'utf8');
      await ingestArticle(store, { url: null, title: null, byline: null, source: null, published: null, language: 'en', text }, { published });
    }
    await refreshCorpus(store);
    const [hit] = await searchActors(store, { q: 'Velayati', limit: 1 });
    expect(hit?.name).toBe('Ali Akbar Velayati');
    const page = (await getActor(store, hit!.key, { items: 200 }))!;
    const claimArticles = new Map<string, number>();
    for (const c of page.claims) claimArticles.set(c.id, new Set((await getClaim(corpusDb(store), c.id))!.statements.map((s) => s.article)).size);
    return { page, claimArticles };
  } finally {
    await store.close();
  }
}

describe.skipIf(!have)('Velayati on the actor page after ingesting both seeds', () => {
  it('undated seeds: statements from both articles, each dated by the article’s own words; his six meetings', async () => {
    const { page, claimArticles } = await velayatiPage();
    const quotes = page.timeline.filter((t) => t.kind === 'quote');
    expect(new Set(quotes.map((q) => q.articleId)).size).toBe(2);
    for (const q of quotes) {
      expect(q.date).toBeNull();
      expect(q.dateText).toMatch(/^(Sunday|Friday)$/);
    }
    const met = page.events.filter((e) => e.type === 'CONSULT').flatMap((e) => e.participants.map((p) => p.name));
    for (const name of ['Dzhagaryan', 'Hariri', 'Nasrallah', 'Berri', 'Aoun', 'Bassil']) expect(met.join(' | ')).toContain(name);
    // A recurring claim of his, across both articles: "Daesh … backed by Israel, the US" and "Terrorists … backed by the US, the Zionists".
    expect(page.claims.some((c) => c.numStatements >= 2 && claimArticles.get(c.id) === 2)).toBe(true);
  }, 120_000);

  it('with a publication date given, every statement shows the resolved day', async () => {
    const { page } = await velayatiPage('2017-11-03');
    const quotes = page.timeline.filter((t) => t.kind === 'quote');
    expect(quotes.length).toBeGreaterThan(10);
    for (const q of quotes) expect(q.date).toBe('2017-11-03');
  }, 120_000);
});
