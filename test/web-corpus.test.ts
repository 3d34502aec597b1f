/**
 * The corpus layer in the browser: invented reports from test/fixtures/corpus
 * run through the real pipeline, the corpus refreshed as `fivew ingest` does,
 * then an actor page that merges spelling variants (Sayyed Hamid Qorbani /
 * Seyyed Hamid Ghorbani), a recurring claim, and the Claims and Stories pages.
 * Screenshots go to test/.tmp/screens/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCorpus } from '../src/corpus/refresh.js';
import { parseFixture } from '../src/eval/corpus.js';
import { buildServer } from '../src/server/app.js';
import { ingestArticle } from '../src/store/ingest.js';
import { openStore, type Store } from '../src/store/index.js';
import { haveChromium, launchChromium, openPage, ROOT, SCREENS, skipReason, webRoot } from './fixtures/web/browser.js';

// Two stories a month apart in which the minister repeats one accusation, under two spellings of his name.
const ARTICLES = ['s01-a', 's01-b', 's01-c', 's06-a', 's06-c'];

describe.skipIf(!haveChromium)(`corpus pages in chromium${skipReason}`, () => {
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const titles = new Map<string, string>();

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    store = await openStore(':memory:');
    for (const name of ARTICLES) {
      const { article } = parseFixture(name, readFileSync(`${ROOT}test/fixtures/corpus/${name}.txt`, 'utf8'));
      await ingestArticle(store, article);
      titles.set(name, article.title!);
    }
    await refreshCorpus(store);
    app = await buildServer({ store, token: 'browser-corpus-token-0123456789', webRoot: await webRoot() });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  const open = (path: string, viewport?: { width: number; height: number }): Promise<Page> => openPage(browser, base, path, viewport);

  it('finds the minister under either spelling: one page with both names, statements from every story, a recurring claim', async () => {
    const page = await open('/');
    await page.getByRole('searchbox').fill('Ghorbani');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /Hamid (Qorbani|Ghorbani)/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /Hamid (Qorbani|Ghorbani)/ }).waitFor();
    const names = page.getByTestId('names');
    await expect.poll(() => names.textContent()).toContain('Hamid Ghorbani');
    expect(await names.textContent()).toContain('Hamid Qorbani');
    expect(await names.locator('table.links tbody tr').count()).toBeGreaterThan(0);
    expect(await names.locator('table.links').textContent()).toMatch(/transliteration|given-names|surname/);

    // Statements with dates, from articles of both stories (one of them spelling him Ghorbani).
    const said = page.getByTestId('timeline').locator('li.quote');
    await expect.poll(() => said.count()).toBeGreaterThan(2);
    const texts = await said.allTextContents();
    for (const t of texts) expect(t).toMatch(/^2026-\d\d-\d\d/);
    const articles = await said.locator('a').allTextContents();
    expect(articles).toEqual(expect.arrayContaining([titles.get('s01-a'), titles.get('s06-c')]));

    const claims = page.getByTestId('actor-claims').locator('li');
    await expect.poll(() => claims.count()).toBeGreaterThan(0);
    expect(await claims.first().textContent()).toMatch(/\d+ statements · first and last seen 2026-03-0\d → 2026-0\d-\d\d/);
    await page.screenshot({ path: `${SCREENS}/corpus-actor.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENS}/corpus-actor-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Keyboard: tab to the claim's link and follow it.
    const link = claims.first().getByRole('link', { name: 'every statement' });
    await link.focus();
    await page.keyboard.press('Enter');
    const statements = page.getByTestId('claim-statements').locator('li');
    await expect.poll(() => statements.count()).toBeGreaterThan(1);
    const seen = await statements.locator('a').allTextContents();
    expect(new Set(seen.filter((t) => [...titles.values()].includes(t))).size).toBeGreaterThan(1);
    await page.screenshot({ path: `${SCREENS}/corpus-claim.png`, fullPage: true });
    await page.close();
  }, 60_000);

  it('lists claims and stories; a story shows its articles, sources and merged events; the reader links its story', async () => {
    const page = await open('/claims');
    await expect.poll(() => page.getByTestId('claims').locator('li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENS}/corpus-claims.png`, fullPage: true });

    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Stories' }).click();
    const stories = page.getByTestId('stories').locator('li');
    await expect.poll(() => stories.count()).toBeGreaterThan(0);
    expect(await stories.first().textContent()).toMatch(/[2-9] articles · [2-9] sources/);
    await page.screenshot({ path: `${SCREENS}/corpus-stories.png`, fullPage: true });
    await stories.first().getByRole('link').first().click();
    const members = page.getByTestId('story-articles').locator('li');
    await expect.poll(() => members.count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('story-events').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('story-events').textContent()).toMatch(/\d+ mentions? in \d+ articles?/);
    await page.screenshot({ path: `${SCREENS}/corpus-story.png`, fullPage: true });

    await members.first().getByRole('link').click();
    await page.getByTestId('article-text').waitFor();
    await expect.poll(() => page.getByTestId('story-line').textContent()).toMatch(/Part of the story .* \(\d+ articles, \d+ sources\)/);
    await page.screenshot({ path: `${SCREENS}/corpus-article.png`, fullPage: true });
    await page.close();
  }, 60_000);
});
