import { describe, expect, it } from 'vitest';
import { findTimes } from '../src/annotate/time.js';
import { resolvePlace, findPlaces } from '../src/annotate/places.js';
import { cameoOf, normalizePloverType, ploverOfCameo, quadClass, PLOVER_TYPES } from '../src/knowledge/events/ontology.js';
import { actorDictionary, parseActorFile, parseAgentFile, parseCountryInfo, readActorEntries, toCompactJson } from '../src/knowledge/events/petrarch-dict.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupOf } from '../src/knowledge/events/actor-groups.js';
import { countryOfDescription, sectorOfPhrase } from '../src/annotate/actors.js';

describe('dates', () => {
  it('reads a bare weekday as the last such day on or before publication', () => {
    // 2017-11-03 was a Friday.
    const [friday, thursday] = findTimes('met on Friday after arriving on Thursday', '2017-11-03');
    expect(friday).toMatchObject({ value: '2017-11-03', precision: 'day', relative: false });
    expect(thursday!.value).toBe('2017-11-02');
    expect(findTimes('a Sunday meeting', '2017-11-03')[0]!.value).toBe('2017-10-29');
    expect(findTimes('last Friday', '2017-11-03')[0]!.value).toBe('2017-10-27');
  });
  it('gives "last month" month precision and future phrases no date', () => {
    expect(findTimes("last month's remark", '2017-11-03')[0]).toMatchObject({ value: '2017-10', precision: 'month' });
    expect(findTimes('in January', '2018-03-01')[0]).toMatchObject({ value: '2018-01', precision: 'month' });
    for (const t of findTimes('tomorrow, next week and in the near future', '2017-11-03')) expect(t.future).toBe(true);
  });
  it('keeps dates relative without a publication date', () => {
    expect(findTimes('on Sunday', null)[0]).toMatchObject({ value: 'XXXX-WXX-7', relative: true });
    expect(findTimes('last month', null)[0]!.relative).toBe(true);
    expect(findTimes('on 5 March 2016', null)[0]).toMatchObject({ value: '2016-03-05', relative: false });
  });
});

describe('places', () => {
  it('resolves names with country context before population', () => {
    expect(resolvePlace('Tripoli', ['LBN'])!.country).toBe('LBN');
    expect(resolvePlace('Tripoli')!.country).toBe('LBY');
    expect(resolvePlace('Syria')).toMatchObject({ country: 'SYR' });
  });
  it('finds "in X", postings and visits', () => {
    const found = findPlaces('the Ambassador to Nairobi spoke in Kampala during his Cairo visit');
    expect(found.map((p) => [p.name, p.country, p.cue])).toEqual([
      ['Nairobi', 'KEN', 'posting'],
      ['Kampala', 'UGA', 'in'],
      ['Cairo', 'EGY', 'visit'],
    ]);
  });
});

describe('ontology', () => {
  it('has the 16 PLOVER types and maps CAMEO codes', () => {
    expect(PLOVER_TYPES).toHaveLength(16);
    expect(ploverOfCameo('042')).toEqual({ type: 'CONSULT', mode: 'visit' });
    expect(ploverOfCameo('1123')!.type).toBe('ACCUSE');
    expect(ploverOfCameo('0211')!.type).toBe('REQUEST');
    expect(ploverOfCameo('010')).toBeNull();
    expect(cameoOf('CONSULT', 'phone')).toBe('041');
    expect([quadClass('040'), quadClass('073'), quadClass('112'), quadClass('190')]).toEqual([1, 2, 3, 4]);
    expect(normalizePloverType('DISAPPROVE')).toBe('ACCUSE');
    expect(normalizePloverType('fight')).toBe('ASSAULT');
    expect(normalizePloverType('DOCUMENT')).toBeNull();
  });
});

describe('actors', () => {
  it('reads countries and sectors from descriptions', () => {
    expect(countryOfDescription('Russian Ambassador to Tehran')).toBe('RUS');
    expect(countryOfDescription('Ambassador to Tehran')).toBe('IRN');
    expect(sectorOfPhrase('Lebanese Speaker of Parliament')).toBe('LEG');
    expect(sectorOfPhrase('army commander')).toBe('MIL');
    expect(groupOf('ISIL')!.code).toBe(groupOf('Daesh')!.code);
    expect(groupOf('Hezbollah')!.country).toBe('LBN');
    expect(groupOf('is')).toBeNull();
  });
  it('imports PETRARCH-style actor and agent dictionaries with dated roles', () => {
    const text = ['MARA_VELDT_', '+PRESIDENT_VELDT', '\t[NLDGOV 100101-151231]', '\t[NLDELI >160101]', '', 'THE_BLUE_LEAGUE_ [IGOBLU]', '+BLUE_LEAGUE', ''].join('\n');
    const dict = actorDictionary(parseActorFile(text));
    expect(dict.lookup('Mara Veldt', '2012-05-01')).toBe('NLDGOV');
    expect(dict.lookup('President Veldt', '2017-05-01')).toBe('NLDELI');
    expect(dict.lookup('the Blue League', null)).toBe('IGOBLU');
    expect(dict.findAll(['talks', 'with', 'Blue', 'League'], null)).toEqual([[2, 4, 'IGOBLU']]);
    const agents = parseAgentFile('!PERSON! = MAN, WOMAN\nAMBASSADOR [~GOV]\nPOLICE!PERSON! [~COP]\n');
    expect(agents.get('AMBASSADOR')).toBe('GOV');
    expect(agents.get('POLICEWOMAN')).toBe('COP');
  });
  it('imports CountryInfo countries, adjectives, cities and dated leaders, and round-trips our JSON', () => {
    // An invented country block in the CountryInfo layout.
    const text = ['<Country>', '<CountryCode>NLD</CountryCode>', '<CountryName>NETHERLANDS</CountryName>', '<Nationality>', '\tDUTCH_', '</Nationality>',
      '<Capital>', '\tAMSTERDAM_', '</Capital>', '<Leaders>', '\t<Prime ministers>', '\t\tMARA_VELDT_\t\t[20100101 - 20151231]  [B:19600101]', '\t\tJOOST_AREND_\t\t[>20160101]',
      '\t</Prime ministers>', '</Leaders>', '</Country>'].join('\n');
    const entries = parseCountryInfo(text);
    const dict = actorDictionary(entries);
    expect(dict.lookup('Dutch', null)).toBe('NLD');
    expect(dict.lookup('Amsterdam', null)).toBe('NLD');
    expect(dict.lookup('Mara Veldt', '2012-01-01')).toBe('NLDGOV');
    // Out of office: still Dutch, no longer the government.
    expect(dict.lookup('Mara Veldt', '2019-01-01')).toBe('NLD');
    expect(dict.lookup('Joost Arend', '2020-01-01')).toBe('NLDGOV');
    const file = join(mkdtempSync(join(tmpdir(), 'fivew-actors-')), 'actors.json');
    writeFileSync(file, toCompactJson(entries));
    expect(actorDictionary(readActorEntries([file])).lookup('Joost Arend', '2020-01-01')).toBe('NLDGOV');
  });
});
