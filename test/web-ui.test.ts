/**
 * The web UI in a real browser: playwright-core driving Debian's chromium
 * against a server on a free local port. Screenshots go to test/.tmp/screens/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/app.js';
import type { Store } from '../src/store/index.js';
import { openFixtureStore } from './fixtures/web/analyses.js';
import { haveChromium, launchChromium, openPage, ROOT, SCREENS, skipReason, webRoot } from './fixtures/web/browser.js';

const TOKEN = 'browser-test-token-0123456789';

describe.skipIf(!haveChromium)(`web UI in chromium${skipReason}`, () => {
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SCREENS, { recursive: true });
    store = await openFixtureStore();
    app = await buildServer({ store, token: TOKEN, webRoot: await webRoot() });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  const open = (path: string, viewport?: { width: number; height: number }): Promise<Page> => openPage(browser, base, path, viewport);

  it('searches an actor, opens the actor page with timeline, network and map', async () => {
    const page = await open('/');
    await page.getByText('Top speakers').waitFor();
    await page.locator('.count dd').first().waitFor();
    expect(await page.locator('.count dd').first().textContent()).toBe('2');
    await page.screenshot({ path: `${SCREENS}/overview.png`, fullPage: true });

    await page.getByRole('searchbox').fill('Droste');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Anika Droste' }).first().click();
    await page.getByRole('heading', { name: 'Anika Droste' }).waitFor();
    const timeline = page.getByTestId('timeline').locator('li');
    await expect.poll(() => timeline.count()).toBe(4);
    expect(await timeline.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^2025-03-03said.*single meter of our coast/), expect.stringMatching(/^2025-03-03consult.*with Colm Verhaegen/)]),
    );
    await expect.poll(() => page.getByTestId('network').getAttribute('data-ready')).toBe('3');
    await expect.poll(async () => Number(await page.getByTestId('map').getAttribute('data-countries'))).toBeGreaterThan(100);
    expect(await page.locator('.map circle.place').count()).toBe(2);
    await page.screenshot({ path: `${SCREENS}/actor.png`, fullPage: true });
    await page.close();
  });

  it('shows an article with each quote highlighted in its speaker colour and attributed', async () => {
    const page = await open(`/actor/${encodeURIComponent('PERSON:anika droste')}`);
    await page.getByRole('link', { name: 'Velmora minister meets Tarsan envoy over harbor dispute' }).first().click();
    const quote = page.locator('.article-text .quote', { hasText: 'single meter of our coast' });
    await quote.waitFor();
    expect(await quote.getAttribute('data-speaker')).toBe('Anika Droste');
    const other = page.locator('.article-text .quote', { hasText: 'peaceful settlement' });
    expect(await other.getAttribute('data-speaker')).toBe('Colm Verhaegen');
    const colour = (l: typeof quote) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour(quote)).not.toBe(await colour(other));
    expect(await colour(quote)).not.toBe('rgba(0, 0, 0, 0)');
    await quote.hover();
    await expect.poll(() => page.getByTestId('evidence').textContent()).toContain('Anika Droste');
    expect(await page.locator('.side').textContent()).toContain('Colm Verhaegen');
    expect(await page.locator('.article-text .trigger').count()).toBe(1);
    await page.screenshot({ path: `${SCREENS}/article.png`, fullPage: true });
    // Keyboard: the who-said-what items are reachable and show their evidence on focus.
    await page.locator('.said-item').last().focus();
    await expect.poll(() => page.getByTestId('evidence').textContent()).toContain('Colm Verhaegen');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENS}/article-phone.png`, fullPage: true });
    await page.close();
  });

  it('renders an uploaded article full of script payloads as harmless text', async () => {
    const page = await open('/upload');
    await page.getByLabel('Ingest token').fill(TOKEN);
    const text = readFileSync(`${ROOT}test/fixtures/web/03-xss.txt`, 'utf8');
    await page.getByLabel(/Paste an article/).fill(text);
    await page.getByRole('button', { name: 'Analyse and store' }).click();
    const stored = page.locator('.outcomes a').first();
    await stored.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: `${SCREENS}/upload.png`, fullPage: true });
    await stored.click();
    const body = page.getByTestId('article-text');
    await body.waitFor();
    expect(await body.textContent()).toContain('<script>window.__xss = 1</script>');
    expect(await body.textContent()).toContain('onerror="window.__xss = 2"');
    for (const span of await body.locator('span').all()) await span.hover();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#root script, #root img, #root b').count()).toBe(0);
    await page.screenshot({ path: `${SCREENS}/xss.png`, fullPage: true });
    await page.close();
  }, 90_000);
});
