/**
 * GDELT 2.0 event rows from stored analyses: the 61 tab-separated columns of
 * the GDELT event table, one row per event, so GDELT tooling reads our data.
 *
 * Mapping choices (docs/EVAL-events.md has the full list): Actor1 is the
 * first source entity and Actor2 the first target; Actor codes are country
 * plus sector ("LBNGOV"), a named group's code goes to KnownGroupCode; the
 * event date is the event's own day when known, else the publication day.
 * Only `asserted` events are written by default: GDELT has no column for a
 * claim, and writing claims as facts is the fault we set out to avoid.
 * Geo country codes are FIPS 10-4, as GDELT's are (converted from ISO 3166 alpha-2).
 * GoldsteinScale and AvgTone stay empty: we compute neither.
 */
import countriesModule, { type Countries } from 'world-countries';
import type { Analysis, EntityRecord, EventRecord } from '../analysis.js';
import { cameoRoot, quadClass } from '../knowledge/events/ontology.js';
import { fipsFromIso2 } from '../knowledge/fips.js';

export const GDELT_EVENT_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode', 'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode', 'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass', 'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code', 'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code', 'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code', 'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;

export interface GdeltOptions {
  /** When the rows are written (DATEADDED). */
  dateAdded: Date;
  /** Event statuses to export; default only `asserted`. */
  statuses?: ReadonlyArray<EventRecord['status']>;
}

type Field = string | number;

const STANDARD_SECTORS = new Set(['GOV', 'MIL', 'LEG', 'JUD', 'OPP', 'REB', 'IGO', 'NGO', 'MED', 'BUS', 'CVL', 'REL', 'COP', 'EDU', 'ELI', 'LAB', 'AGR', 'HLH', 'REF', 'SPY', 'UAF', 'CRM']);

let countryInfo: Map<string, { alpha2: string; name: string }> | null = null;
function countries(): Map<string, { alpha2: string; name: string }> {
  countryInfo ??= new Map((countriesModule as unknown as Countries).map((c) => [c.cca3, { alpha2: c.cca2, name: c.name.common }]));
  return countryInfo;
}

function actorFields(e: EntityRecord | undefined): Field[] {
  if (!e) return ['', '', '', '', '', '', '', '', '', ''];
  const sector = e.sector ?? '';
  const standard = STANDARD_SECTORS.has(sector);
  const code = `${e.country ?? ''}${standard ? sector : ''}` || (standard ? '' : sector.slice(0, 3));
  return [code, e.name.toUpperCase(), e.country ?? '', standard ? '' : sector, '', '', '', standard ? sector : '', '', ''];
}

function geoFields(location: EventRecord['location']): Field[] {
  if (!location) return ['', '', '', '', '', '', '', ''];
  const info = location.country ? countries().get(location.country) : undefined;
  const isCountry = info !== undefined && info.name === location.name;
  const type = isCountry ? 1 : location.country === 'USA' ? 3 : 4;
  const fullName = isCountry || !info ? location.name : `${location.name}, ${info.name}`;
  const fips = info ? fipsFromIso2(info.alpha2) : '';
  return [type, fullName, fips, fips, '', location.lat ?? '', location.lon ?? '', ''];
}

/** YYYYMMDD of the event (its own day when known), else of publication, else null. */
function eventDay(event: EventRecord, published: string | null): string | null {
  if (event.date && event.date.precision === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(event.date.value)) return event.date.value.replace(/-/g, '');
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published ?? '');
  return m ? `${m[1]}${m[2]}${m[3]}` : null;
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** A stable numeric id from the article id and the event's index (fits in 2^53). */
function globalId(articleId: string, index: number): number {
  return parseInt(articleId.slice(0, 9), 16) * 1000 + index;
}

/** The GDELT rows (arrays of fields) for one analysis. */
export function gdeltRows(analysis: Analysis, options: GdeltOptions): Field[][] {
  const statuses = options.statuses ?? ['asserted'];
  const byId = new Map(analysis.entities.map((e) => [e.id, e]));
  // The lead: GDELT flags events of the lead paragraph; our Analysis keeps sentences, so the first one.
  const leadEnd = analysis.sentences[0]?.end ?? 0;
  const rows: Field[][] = [];
  analysis.events.forEach((event, i) => {
    if (!statuses.includes(event.status) || !event.cameo) return;
    const day = eventDay(event, analysis.article.published);
    const year = day ? Number(day.slice(0, 4)) : '';
    const fraction = day ? Math.round((Number(day.slice(0, 4)) + (Number(day.slice(4, 6)) * 30 + Number(day.slice(6, 8))) / 365) * 10000) / 10000 : '';
    const code = event.cameo;
    rows.push([
      globalId(analysis.article.id, i), day ?? '', day ? day.slice(0, 6) : '', year, fraction,
      ...actorFields(byId.get(event.source[0] ?? '')),
      ...actorFields(byId.get(event.target[0] ?? '')),
      event.trigger.start < leadEnd ? 1 : 0, code, code.slice(0, 3), cameoRoot(code), quadClass(code), '', 1, 1, 1, '',
      // Actor geography is not something we resolve: blank, as GDELT leaves it when unknown.
      '', '', '', '', '', '', '', '',
      '', '', '', '', '', '', '', '',
      ...geoFields(event.location),
      stamp(options.dateAdded), analysis.article.url ?? '',
    ]);
  });
  return rows;
}

/** Tab-separated lines, as GDELT ships them (no header). Tabs and newlines inside fields become spaces. */
export function gdeltLines(analysis: Analysis, options: GdeltOptions): string {
  return gdeltRows(analysis, options)
    .map((row) => `${row.map((f) => String(f).replace(/[\t\r\n]+/g, ' ')).join('\t')}\n`)
    .join('');
}
