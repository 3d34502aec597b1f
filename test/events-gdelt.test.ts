import { describe, expect, it } from 'vitest';
import type { Analysis } from '../src/analysis.js';
import { GDELT_EVENT_COLUMNS, gdeltLines, gdeltRows } from '../src/export/gdelt.js';

const text = 'Kenyan Foreign Minister Amani Odero met Ethiopian Prime Minister Dawit Bekele in Addis Ababa on Tuesday. Bekele said Eritrea backs the militias.';

const analysis: Analysis = {
  article: { id: 'abcdef0123456789', url: 'https://example.org/summit', title: null, byline: null, source: null, published: '2024-03-08', language: 'en', text },
  sentences: [{ start: 0, end: 104 }, { start: 105, end: text.length }],
  entities: [
    { id: 'e1', type: 'PERSON', name: 'Amani Odero', country: 'KEN', sector: 'GOV', roles: [], mentions: [] },
    { id: 'e2', type: 'PERSON', name: 'Dawit Bekele', country: 'ETH', sector: 'GOV', roles: [], mentions: [] },
    { id: 'e3', type: 'GROUP', name: 'Hezbollah', country: 'LBN', sector: 'HEZBOLLAH', roles: [], mentions: [] },
  ],
  attributions: [],
  events: [
    {
      id: 'v1', type: 'CONSULT', mode: null, cameo: '040', source: ['e1'], target: ['e2'],
      trigger: { start: 35, end: 38, text: 'met' },
      location: { name: 'Addis Ababa', country: 'ETH', lat: 9.02, lon: 38.75 },
      date: { value: '2024-03-05', precision: 'day', text: 'on Tuesday' }, status: 'asserted', claimedBy: null,
    },
    {
      id: 'v2', type: 'SUPPORT', mode: null, cameo: '050', source: ['e3'], target: [],
      trigger: { start: 125, end: 130, text: 'backs' }, location: null, date: null, status: 'claimed', claimedBy: 'a1',
    },
    {
      id: 'v3', type: 'ACCUSE', mode: 'allege', cameo: '112', source: ['e3'], target: ['e1'],
      trigger: { start: 112, end: 116, text: 'said' }, location: { name: 'Ethiopia', country: 'ETH', lat: 8, lon: 38 }, date: null, status: 'asserted', claimedBy: null,
    },
  ],
};

const dateAdded = new Date(Date.UTC(2024, 2, 9, 12, 30, 0));

describe('GDELT export', () => {
  it('writes 61 columns per asserted event and leaves claims out', () => {
    const rows = gdeltRows(analysis, { dateAdded });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toHaveLength(GDELT_EVENT_COLUMNS.length);
    expect(GDELT_EVENT_COLUMNS).toHaveLength(61);
  });

  it('fills codes, dates and places the way GDELT names them', () => {
    const [meet, accuse] = gdeltRows(analysis, { dateAdded }).map((row) => Object.fromEntries(GDELT_EVENT_COLUMNS.map((c, i) => [c, row[i]])));
    expect(meet).toMatchObject({
      SQLDATE: '20240305', MonthYear: '202403', Year: 2024, Actor1Code: 'KENGOV', Actor1Name: 'AMANI ODERO', Actor1CountryCode: 'KEN', Actor1Type1Code: 'GOV',
      Actor2Code: 'ETHGOV', IsRootEvent: 1, EventCode: '040', EventBaseCode: '040', EventRootCode: '04', QuadClass: 1,
      ActionGeo_Type: 4, ActionGeo_FullName: 'Addis Ababa, Ethiopia', ActionGeo_CountryCode: 'ET', ActionGeo_Lat: 9.02,
      DATEADDED: '20240309123000', SOURCEURL: 'https://example.org/summit',
    });
    // No event date: the publication day; a group's own code goes to KnownGroupCode.
    expect(accuse).toMatchObject({ SQLDATE: '20240308', Actor1Code: 'LBN', Actor1KnownGroupCode: 'HEZBOLLAH', EventRootCode: '11', QuadClass: 3, IsRootEvent: 0, ActionGeo_Type: 1 });
  });

  it('exports claims when asked, as tab-separated lines', () => {
    const lines = gdeltLines(analysis, { dateAdded, statuses: ['asserted', 'claimed'] }).replace(/\n$/, '').split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.split('\t')).toHaveLength(61);
  });
});
