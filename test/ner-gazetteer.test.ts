import { describe, expect, it } from 'vitest';
import { GAZ_B, GAZ_L, GAZ_U, Gazetteer } from '../src/knowledge/gazetteer.js';
import { LIST_CITY, LIST_COUNTRY, LIST_DEMONYM, LIST_GROUP, LIST_ROLE, nerGazetteer } from '../src/knowledge/lexicon.js';

const bit = (list: number, pos: number): number => 1 << (list * 4 + pos);

describe('gazetteer matching', () => {
  const gaz = new Gazetteer([
    { name: 'place', phrases: ['Orsen', 'Orsen Bay', 'Castor Vale'] },
    { name: 'title', phrases: ['Harbour Master'] },
  ]);

  it('marks the longest match of each list with B/I/L/U, case-insensitively', () => {
    const masks = gaz.match(['the', 'orsen', 'bay', 'harbour', 'master', 'left', 'orsen']);
    expect(masks[0]).toBe(0);
    expect(masks[1]).toBe(bit(0, GAZ_B));
    expect(masks[2]).toBe(bit(0, GAZ_L));
    expect(masks[3]).toBe(bit(1, GAZ_B));
    expect(masks[4]).toBe(bit(1, GAZ_L));
    expect(masks[6]).toBe(bit(0, GAZ_U));
  });

  it('knows countries, demonyms, cities, titles and armed groups', () => {
    const words = ['iran', 'lebanese', 'beirut', 'ambassador', 'hezbollah', 'raqqah'];
    const masks = nerGazetteer().match(words);
    expect(masks[0]! & bit(LIST_COUNTRY, GAZ_U)).not.toBe(0);
    expect(masks[1]! & bit(LIST_DEMONYM, GAZ_U)).not.toBe(0);
    expect(masks[2]! & bit(LIST_CITY, GAZ_U)).not.toBe(0);
    expect(masks[3]! & bit(LIST_ROLE, GAZ_U)).not.toBe(0);
    expect(masks[4]! & bit(LIST_GROUP, GAZ_U)).not.toBe(0);
    // "Ar Raqqah" is listed without its article too.
    expect(masks[5]! & bit(LIST_CITY, GAZ_U)).not.toBe(0);
  });
});
