/**
 * Countries, their capitals and demonyms, from the world-countries package.
 * Used as NER gazetteers and, later, for actor country codes.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';

// Only the fields we read; the package is loaded on first use (its JSON is large and analysis rarely needs it).
const CountrySchema = z.object({
  name: z.object({ common: z.string(), official: z.string() }),
  cca3: z.string(),
  capital: z.array(z.string()).optional(),
  altSpellings: z.array(z.string()),
  region: z.string(),
  subregion: z.string(),
  demonyms: z.object({ eng: z.object({ f: z.string(), m: z.string() }).optional() }).partial().optional(),
});

export interface CountryEntry {
  /** ISO 3166-1 alpha-3 code. */
  code: string;
  /** Common English name ("Iran"). */
  name: string;
  /** Every English name we accept for it: common, official, English alternative spellings. */
  names: string[];
  demonyms: string[];
  capitals: string[];
  region: string;
  subregion: string;
}

// Names everyone uses that the package lacks or spells differently.
const EXTRA_NAMES: Record<string, string[]> = {
  USA: ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'the United States'],
  GBR: ['UK', 'U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales'],
  RUS: ['Russian Federation'],
  SYR: ['Syria'],
  KOR: ['South Korea'],
  PRK: ['North Korea'],
  PSE: ['Palestine', 'Gaza', 'West Bank'],
  ARE: ['UAE', 'Emirates'],
  COD: ['Congo', 'Zaire'],
  CZE: ['Czech Republic'],
  NLD: ['Holland'],
  VAT: ['Vatican'],
};

const EXTRA_DEMONYMS: Record<string, string[]> = {
  USA: ['American', 'Americans'],
  GBR: ['British', 'English', 'Scottish', 'Welsh', 'Briton', 'Britons'],
  ISR: ['Israeli', 'Israelis', 'Jewish'],
  NLD: ['Dutch'],
  CHE: ['Swiss'],
  FRA: ['French'],
  ESP: ['Spanish'],
  CHN: ['Chinese'],
  JPN: ['Japanese'],
  PSE: ['Palestinian', 'Palestinians'],
  SAU: ['Saudi', 'Saudis'],
  ARE: ['Emirati'],
  AFG: ['Afghan'],
  PHL: ['Filipino'],
  DNK: ['Danish'],
  SWE: ['Swedish'],
  FIN: ['Finnish'],
  POL: ['Polish'],
  TUR: ['Turkish', 'Turks'],
  IRL: ['Irish'],
  PRT: ['Portuguese'],
  KWT: ['Kuwaiti'],
};

let cache: CountryEntry[] | null = null;

function plural(demonym: string): string[] {
  if (/(ese|ish|ch|ss|i)$/.test(demonym)) return [demonym];
  return [demonym, `${demonym}s`];
}

export function countryEntries(): CountryEntry[] {
  if (cache) return cache;
  const require = createRequire(import.meta.url);
  const countries = z.array(CountrySchema).parse(require('world-countries'));
  const entries = countries.map((c): CountryEntry => {
    const names = new Set<string>([c.name.common, c.name.official, ...(EXTRA_NAMES[c.cca3] ?? [])]);
    // Alternative spellings mix codes, native names and inverted forms: keep plain English-looking ones.
    for (const alt of c.altSpellings) if (alt.length > 3 && /^[A-Za-z .'-]+$/.test(alt)) names.add(alt);
    const demonyms = new Set<string>(EXTRA_DEMONYMS[c.cca3] ?? []);
    const eng = c.demonyms?.eng;
    if (eng) for (const d of [eng.m, eng.f]) if (d) for (const p of plural(d)) demonyms.add(p);
    return {
      code: c.cca3,
      name: c.name.common,
      names: [...names],
      demonyms: [...demonyms],
      capitals: c.capital ?? [],
      region: c.region,
      subregion: c.subregion,
    };
  });
  cache = entries;
  return entries;
}
