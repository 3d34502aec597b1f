import { describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analysis.js';
import { GDELT_EVENT_COLUMNS, gdeltRows } from '../src/export/gdelt.js';
import { fipsFromIso2 } from '../src/knowledge/fips.js';

describe('FIPS 10-4 geo codes in the GDELT export', () => {
  it('converts the codes that differ, including the swapped pairs, and keeps the ones that agree', () => {
    expect(fipsFromIso2('AU')).toBe('AS'); // Australia
    expect(fipsFromIso2('AT')).toBe('AU'); // Austria
    expect(fipsFromIso2('LB')).toBe('LE');
    expect(fipsFromIso2('DE')).toBe('GM');
    expect(fipsFromIso2('ru')).toBe('RS');
    expect(fipsFromIso2('IR')).toBe('IR');
    expect(fipsFromIso2('US')).toBe('US');
  });

  it('writes the FIPS code of the event place', () => {
    const text = 'The envoy met the minister in Beirut on Friday.';
    const analysis: Analysis = {
      article: { id: '0123456789abcdef', url: 'https://example.org/a', title: null, byline: null, source: null, published: '2024-05-10', language: 'en', text },
      sentences: [{ start: 0, end: text.length }],
      entities: [
        { id: 'e1', type: 'PERSON', name: 'Envoy', country: 'AUS', sector: 'GOV', roles: [], mentions: [] },
        { id: 'e2', type: 'PERSON', name: 'Minister', country: 'LBN', sector: 'GOV', roles: [], mentions: [] },
      ],
      attributions: [],
      events: [
        {
          id: 'v1', type: 'CONSULT', mode: null, cameo: '040', source: ['e1'], target: ['e2'],
          trigger: { start: 10, end: 13, text: 'met' },
          location: { name: 'Beirut', country: 'LBN', lat: 33.89, lon: 35.5 },
          date: { value: '2024-05-10', precision: 'day', text: 'on Friday' }, status: 'asserted', claimedBy: null,
        },
      ],
    };
    const [row] = gdeltRows(analysis, { dateAdded: new Date(Date.UTC(2024, 4, 11)) });
    const named = Object.fromEntries(GDELT_EVENT_COLUMNS.map((c, i) => [c, row![i]]));
    expect(named).toMatchObject({ ActionGeo_CountryCode: 'LE', ActionGeo_FullName: 'Beirut, Lebanon', Actor1CountryCode: 'AUS' });
  });
});
