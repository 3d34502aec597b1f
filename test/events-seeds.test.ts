import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeArticle, type Analysis } from '../src/analysis.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const seeds = resolve(root, '../shared/seeds');
const have = existsSync(seeds);
if (!have) console.warn(`events seeds: ${seeds} is absent, skipping the seed checks`);

function analyse(prefix: string, published: string | null): Analysis {
  const file = readdirSync(seeds).find((f) => f.startsWith(prefix))!;
  const text = readFileSync(join(seeds, file), 'utf8');
  return analyzeArticle({ url: null, title: null, byline: null, source: null, published, language: 'en', text }).analysis;
}

function helpers(a: Analysis) {
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const named = (ids: string[], part: string): boolean => ids.some((id) => byId.get(id)?.name.includes(part));
  const countries = (ids: string[]): string[] => ids.map((id) => byId.get(id)?.country ?? '');
  return { named, countries };
}

describe.skipIf(!have)('seed articles: events', () => {
  it('003: one CONSULT per meeting, in Beirut, the Friday ones dated 2017-11-03', { timeout: 60_000 }, () => {
    const a = analyse('003', '2017-11-03');
    const { named } = helpers(a);
    const consult = a.events.filter((e) => e.type === 'CONSULT');
    for (const who of ['Hariri', 'Nasrallah', 'Berri', 'Aoun', 'Bassil']) {
      const meetings = consult.filter((e) => named(e.target, who));
      expect(meetings, who).toHaveLength(1);
      expect(named(meetings[0]!.source, 'Velayati'), who).toBe(true);
      expect(meetings[0]!.location?.name, who).toBe('Beirut');
      expect(meetings[0]!.status, who).toBe('asserted');
      if (who !== 'Berri' && who !== 'Aoun') expect(meetings[0]!.date, who).toMatchObject({ value: '2017-11-03', precision: 'day' });
    }
    expect(consult).toHaveLength(5);
  });

  it('003: accusations against the US and Israel, support claimed inside the quote', { timeout: 60_000 }, () => {
    const a = analyse('003', '2017-11-03');
    const { named, countries } = helpers(a);
    const accused = a.events.filter((e) => e.type === 'ACCUSE' && named(e.source, 'Velayati')).flatMap((e) => countries(e.target));
    expect(accused).toContain('USA');
    expect(accused).toContain('ISR');
    const claimed = a.events.filter((e) => e.type === 'SUPPORT' && e.status === 'claimed' && e.trigger.text === 'backed');
    expect(claimed).toHaveLength(1);
    expect(countries(claimed[0]!.source).sort()).toEqual(['ISR', 'USA']);
    const by = a.attributions.find((x) => x.id === claimed[0]!.claimedBy);
    expect(by?.kind).toBe('direct');
    expect(named([by!.speaker!.entity!], 'Velayati')).toBe(true);
  });

  it('003: actor codes from titles, demonyms and the group table', { timeout: 60_000 }, () => {
    const a = analyse('003', '2017-11-03');
    const code = (part: string) => {
      const e = a.entities.find((x) => x.name.includes(part));
      return e ? [e.country, e.sector] : null;
    };
    expect(code('Hariri')).toEqual(['LBN', 'GOV']);
    expect(code('Aoun')).toEqual(['LBN', 'GOV']);
    expect(code('Velayati')![0]).toBe('IRN');
    expect(code('Hezbollah')).toEqual(['LBN', 'HEZBOLLAH']);
    expect(code('Zionists')![0]).toBe('ISR');
    expect(code('Israeli')).toEqual(['ISR', 'GOV']);
    expect(code('Daesh')).toEqual([null, 'DAESH']);
  });

  it('000: the Sunday meeting with the Russian ambassador in Tehran, Daesh backed by Israel and the US as a claim', { timeout: 60_000 }, () => {
    const a = analyse('000', null);
    const { named, countries } = helpers(a);
    const consult = a.events.filter((e) => e.type === 'CONSULT');
    expect(consult).toHaveLength(1);
    expect(named(consult[0]!.source, 'Velayati') && named(consult[0]!.target, 'Dzhagaryan')).toBe(true);
    expect(consult[0]!.location?.name).toBe('Tehran');
    // No publication date: the weekday stays relative.
    expect(consult[0]!.date).toMatchObject({ value: 'XXXX-WXX-7', text: 'Sunday' });
    const dzhagaryan = a.entities.find((e) => e.name.includes('Dzhagaryan'))!;
    expect([dzhagaryan.country, dzhagaryan.sector]).toEqual(['RUS', 'GOV']);
    const backed = a.events.find((e) => e.type === 'SUPPORT' && e.status === 'claimed' && named(e.target, 'Daesh'));
    expect(backed).toBeDefined();
    expect(countries(backed!.source).sort()).toEqual(['ISR', 'USA']);
    expect(backed!.claimedBy).not.toBeNull();
    const request = a.events.find((e) => e.type === 'REQUEST');
    expect(request && countries(request.target)).toEqual(['RUS']);
  });
});
