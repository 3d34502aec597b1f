import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTextArticle } from '../src/ingest/text.js';
import { analyzeArticle, type EntityRecord } from '../src/analysis.js';

const seeds = resolve(import.meta.dirname, '..', '..', 'shared', 'seeds');
const present = existsSync(seeds);
if (!present) console.warn(`ner seeds: skipped, ${seeds} is absent`);

describe.skipIf(!present)('NER on the seed articles (../shared/seeds)', () => {
  const entities: EntityRecord[] = present
    ? readdirSync(seeds)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .flatMap((f) => analyzeArticle(parseTextArticle(readFileSync(join(seeds, f), 'utf8'))).analysis.entities)
    : [];
  const named = (name: string, types: string[]): EntityRecord[] => entities.filter((e) => e.name === name && types.includes(e.type));

  it('finds every person by full name, without titles', () => {
    for (const name of ['Ali Akbar Velayati', 'Ali Khamenei', 'Levan Dzhagaryan', 'Saad Hariri', 'Hassan Nasrallah', 'Nabih Berri', 'Michel Aoun', 'Gebran Bassil']) {
      expect(named(name, ['PERSON']), name).not.toHaveLength(0);
    }
    for (const e of entities.filter((x) => x.type === 'PERSON')) expect(e.name).not.toMatch(/Ayatollah|Seyyed|Sayyed|Minister|President|Ambassador|Speaker/);
  });

  it('records titles and offices as roles', () => {
    for (const k of named('Ali Khamenei', ['PERSON'])) expect(k.roles).toEqual(expect.arrayContaining(['Ayatollah', 'Seyyed']));
    expect(named('Levan Dzhagaryan', ['PERSON'])[0]!.roles).toContain('Russian Ambassador to Tehran');
    expect(named('Saad Hariri', ['PERSON'])[0]!.roles).toContain('Lebanese Prime Minister');
    expect(named('Nabih Berri', ['PERSON'])[0]!.roles).toContain('Lebanese Speaker of Parliament');
    expect(named('Hassan Nasrallah', ['PERSON'])[0]!.roles).toEqual(['Secretary General of the Lebanese Hezbollah resistance movement', 'Sayyed']);
    for (const k of named('Ali Khamenei', ['PERSON'])) expect(k.roles).toContain('Leader of the Islamic Revolution');
  });

  it('joins later mentions of a person to the full name', () => {
    const velayati = named('Ali Akbar Velayati', ['PERSON']);
    expect(velayati.every((e) => e.mentions.some((m) => m.text === 'Velayati'))).toBe(true);
  });

  it('finds the groups, with Daesh and ISIL as one group', () => {
    const daesh = named('Daesh', ['GROUP']);
    expect(daesh).not.toHaveLength(0);
    expect(daesh.some((e) => e.mentions.some((m) => m.text === 'ISIL'))).toBe(true);
    expect(named('Hezbollah', ['GROUP'])).not.toHaveLength(0);
  });

  it('finds the places and the organisations', () => {
    for (const name of ['Tehran', 'Beirut', 'Syria', 'Iraq', 'Lebanon', 'Raqqah']) expect(named(name, ['GPE']), name).not.toHaveLength(0);
    expect(named('Euphrates', ['LOC', 'GPE'])).not.toHaveLength(0);
    expect(named('Expediency Council', ['ORG'])).not.toHaveLength(0);
    expect(named('Center for Strategic Research', ['ORG'])).not.toHaveLength(0);
  });
});
