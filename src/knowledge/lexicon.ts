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

let cache: Gazetteer | null = null;

export function nerGazetteer(): Gazetteer {
  if (cache) return cache;
  const countries = countryEntries();
  const regions = new Set<string>(REGIONS);
  for (const c of countries) {
    if (c.region) regions.add(c.region);
    if (c.subregion) regions.add(c.subregion);
  }
  cache = new Gazetteer([
    { name: 'country', phrases: countries.flatMap((c) => c.names) },
    { name: 'demonym', phrases: countries.flatMap((c) => c.demonyms) },
    { name: 'city', phrases: [...countries.flatMap((c) => c.capitals), ...cityEntries().map((c) => c.name)] },
    { name: 'region', phrases: regions },
    { name: 'role', phrases: ROLE_TITLES },
    { name: 'group', phrases: ARMED_GROUPS.flat() },
    { name: 'norp', phrases: NORP_TERMS },
  ]);
  return cache;
}

const orgKeywords = new Set(ORG_KEYWORDS.map((k) => k.toLowerCase()));

export function isOrgKeyword(lower: string): boolean {
  return orgKeywords.has(lower);
}
