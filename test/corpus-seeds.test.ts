import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analysis.js';
import { buildCorpus, type CorpusView } from '../src/corpus/build.js';
import { ingestArticle } from '../src/store/ingest.js';
import { openStore } from '../src/store/open.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const seeds = resolve(root, '../shared/seeds');
const have = existsSync(seeds);
if (!have) console.warn(`corpus seeds: ${seeds} is absent, skipping the seed checks`);

describe.skipIf(!have)('corpus layer after ingesting both seeds', () => {
  let tmp = '';
  let view: CorpusView;
  let analyses: Analysis[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'fivew-corpus-'));
    const store = await openStore(join(tmp, 'seeds.db'));
    for (const f of readdirSync(seeds).filter((x) => x.endsWith('.txt')).sort()) {
      await ingestArticle(store, { url: null, title: null, byline: null, source: null, published: null, language: 'en', text: readFileSync(join(seeds, f), 'utf8') });
    }
    for await (const r of store.iterate()) if (r.analysis) analyses.push(r.analysis);
    await store.close();
    view = buildCorpus(analyses);
  }, 120_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('Velayati is one actor with statements from both articles', () => {
    expect(analyses).toHaveLength(2);
    const velayati = view.actors.resolveName('Velayati');
    expect(velayati).not.toBeNull();
    expect(view.actors.resolveName('Ali Akbar Velayati')).toBe(velayati);
    expect(view.actors.resolveName('Akbar Velayati')).toBe(velayati);
    const articles = new Set(view.statements.filter((s) => s.speaker === velayati).map((s) => s.article));
    expect(articles.size).toBe(2);
  });

  it('"Daesh … backed by Israel, the US" and "Terrorists … are backed by the US, the Zionists" are one claim of two statements', () => {
    const cluster = view.claims.find((c) => c.statements.some((s) => s.text.includes('Daesh [ISIL], which is backed by Israel')));
    expect(cluster).toBeDefined();
    expect(cluster!.statements).toHaveLength(2);
    expect(cluster!.statements.some((s) => s.text.includes('are backed by the US, the Zionists'))).toBe(true);
    expect(new Set(cluster!.statements.map((s) => s.article)).size).toBe(2);
  });

  it('Daesh and ISIL are one group', () => {
    const daesh = view.actors.resolveName('Daesh');
    expect(daesh).not.toBeNull();
    expect(view.actors.resolveName('ISIL')).toBe(daesh);
    expect(view.actors.byId(daesh!)!.kind).toBe('group');
  });
});
