/**
 * The gazetteer the NER tagger and the entity annotator share. Its lists are
 * part of the model's input: changing them changes what the model sees, so
 * retrain after editing.
 */
import { cityEntries } from './cities.js';
import { countryEntries } from './countries.js';
import { Gazetteer } from './gazetteer.js';
import { ARMED_GROUPS, NORP_TERMS, ORG_KEYWORDS } from './groups.js';
import { ROLE_TITLES } from './roles.js';

export const LIST_COUNTRY = 0;
export const LIST_DEMONYM = 1;
export const LIST_CITY = 2;
export const LIST_REGION = 3;
export const LIST_ROLE = 4;
export const LIST_GROUP = 5;
export const LIST_NORP = 6;

const REGIONS = [
  'Middle East', 'Near East', 'Far East', 'Persian Gulf', 'Gulf', 'Levant', 'Balkans', 'Caucasus', 'Sahel',
  'Maghreb', 'Horn of Africa', 'Kashmir', 'Kurdistan', 'Euphrates', 'Tigris', 'Nile', 'Golan', 'Golan Heights',
  'Sinai', 'Mediterranean', 'Red Sea', 'Black Sea', 'Caspian', 'Atlantic', 'Pacific', 'Arctic', 'Antarctica',
  'Siberia', 'Scandinavia', 'Latin America', 'Central Asia', 'Southeast Asia', 'South Asia', 'East Asia',
  'West Africa', 'East Africa', 'North Africa', 'Sub-Saharan Africa', 'Eastern Europe', 'Western Europe',
  'Danube', 'Rhine', 'Volga', 'Dnieper', 'Jordan River', 'Amazon', 'Mississippi', 'Thames', 'Seine', 'Yangtze',
  'Mekong', 'Ganges', 'Indus', 'Oxus', 'Amu Darya', 'Shatt al-Arab', 'Strait of Hormuz', 'Bab el-Mandeb',
];

export interface GazetteerList {
  name: string;
  phrases: string[];
}

/**
 * The NER lists, built from the country and city packages and our own
 * tables, sorted. A trained model carries its copy, so analysis loads
 * neither package and always sees the lists the model was trained with.
 */
export function nerGazetteerLists(): GazetteerList[] {
  const countries = countryEntries();
  const regions = new Set<string>(REGIONS);
  for (const c of countries) {
    if (c.region) regions.add(c.region);
    if (c.subregion) regions.add(c.subregion);
  }
  const list = (name: string, phrases: Iterable<string>): GazetteerList => ({ name, phrases: [...new Set(phrases)].sort() });
  return [
    list('country', withFolded(countries.flatMap((c) => c.names))),
    list('demonym', countries.flatMap((c) => c.demonyms)),
    list('city', withFolded([...countries.flatMap((c) => c.capitals), ...cityEntries().map((c) => c.name)])),
    list('region', regions),
    list('role', ROLE_TITLES),
    list('group', ARMED_GROUPS.flat()),
    list('norp', NORP_TERMS),
  ];
}

/** Each phrase, plus its spelling without diacritics ("İzmir" → "Izmir", "Bogotá" → "Bogota"), as news copy often writes it. */
function withFolded(phrases: string[]): string[] {
  return phrases.flatMap((p) => {
    const folded = p.normalize('NFD').replace(/\p{M}/gu, '');
    return folded === p ? [p] : [p, folded];
  });
}

let cache: Gazetteer | null = null;

/** The gazetteer built from the packages (training, and models that carry no lists). */
export function nerGazetteer(): Gazetteer {
  cache ??= new Gazetteer(nerGazetteerLists());
  return cache;
}

const orgKeywords = new Set(ORG_KEYWORDS.map((k) => k.toLowerCase()));

export function isOrgKeyword(lower: string): boolean {
  return orgKeywords.has(lower);
}
