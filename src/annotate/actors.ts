/**
 * Actor codes: each entity gets a country (ISO 3166 alpha-3) and a sector
 * (GOV, MIL, LEG, JUD, OPP, REB, IGO, NGO, MED, BUS, CVL, REL, or a named
 * group's own code) from what the article says about it: its roles and
 * title phrase, appositions, how speakers describe it ("a senior Iranian
 * official"), demonyms, and the group table. A user dictionary (PETRARCH /
 * Phoenix actor files) is consulted first when given.
 */
import type { Doc } from '../doc/doc.js';
import type { AttributionRecord, EntityRecord } from '../analysis.js';
import { countryEntries } from '../knowledge/countries.js';
import { cityEntries } from '../knowledge/cities.js';
import type { ActorDictionary } from '../knowledge/events/petrarch-dict.js';
import { groupOf } from '../knowledge/events/actor-groups.js';
import { HONORIFICS } from '../knowledge/roles.js';
import countriesModule, { type Countries } from 'world-countries';

export interface ActorCode {
  country: string | null;
  sector: string | null;
}

interface CountryIndex {
  /** lowercase country name or demonym → alpha-3 */
  names: Map<string, string>;
  demonyms: Map<string, string>;
  /** lowercase city name → alpha-3 of the most populous city so named */
  cities: Map<string, string>;
  alpha2: Map<string, string>;
}

let index: CountryIndex | null = null;

// Names and adjectives for a state that the country lists do not carry.
const STATE_ALIASES: Record<string, string> = {
  zionist: 'ISR', zionists: 'ISR', 'zionist regime': 'ISR', 'islamic revolution': 'IRN', 'islamic republic': 'IRN',
  'white house': 'USA', pentagon: 'USA', kremlin: 'RUS', 'élysée': 'FRA', elysee: 'FRA', 'downing street': 'GBR',
  persian: 'IRN', soviet: 'RUS',
  // Demonyms several countries share: the one a news report means.
  american: 'USA', americans: 'USA', korean: 'KOR', koreans: 'KOR', congolese: 'COD', dominican: 'DOM',
  guinean: 'GIN', chinese: 'CHN', british: 'GBR', french: 'FRA', irish: 'IRL', sudanese: 'SDN',
};

/** Country lookups by name, demonym and city, built once from the shared country and city lists. */
export function countryIndex(): CountryIndex {
  if (index) return index;
  const names = new Map<string, string>();
  const demonyms = new Map<string, string>();
  const alpha2 = new Map<string, string>();
  for (const c of countryEntries()) {
    for (const n of c.names) names.set(n.toLowerCase().replace(/^the /, ''), c.code);
    for (const d of c.demonyms) if (!demonyms.has(d.toLowerCase())) demonyms.set(d.toLowerCase(), c.code);
  }
  for (const [k, v] of Object.entries(STATE_ALIASES)) demonyms.set(k, v);
  // world-countries gives alpha-3; GeoNames cities give alpha-2.
  for (const c of countryEntriesWithAlpha2()) alpha2.set(c.alpha2, c.alpha3);
  const cities = new Map<string, string>();
  const best = new Map<string, number>();
  for (const c of countryEntries()) for (const cap of c.capitals) { cities.set(cap.toLowerCase(), c.code); best.set(cap.toLowerCase(), Number.MAX_SAFE_INTEGER); }
  for (const city of cityEntries()) {
    const key = city.name.toLowerCase();
    const code = alpha2.get(city.country);
    if (!code || (best.get(key) ?? -1) >= city.population) continue;
    best.set(key, city.population);
    cities.set(key, code);
  }
  index = { names, demonyms, cities, alpha2 };
  return index;
}

function countryEntriesWithAlpha2(): Array<{ alpha2: string; alpha3: string }> {
  return (countriesModule as unknown as Countries).map((c) => ({ alpha2: c.cca2, alpha3: c.cca3 }));
}

/** Country of a bare phrase: a country name, demonym or city ("Iranian", "the US", "Tehran"). */
export function countryOfPhrase(phrase: string): string | null {
  const idx = countryIndex();
  const key = phrase.trim().toLowerCase().replace(/^the /, '').replace(/['’]s$/, '');
  return idx.names.get(key) ?? idx.demonyms.get(key) ?? idx.cities.get(key) ?? null;
}

const SECTOR_WORDS: Array<[RegExp, string]> = [
  [/\b(?:army|military|armed forces|troops|soldiers?|general|commander|colonel|admiral|navy|air force|brigade|marines?|defen[cs]e forces|revolutionary guards?|irgc)\b/i, 'MIL'],
  [/\b(?:parliament|speaker|mp|lawmakers?|senators?|congress(?:man|woman)?|legislat\w+|assembly|deputies|majlis|knesset|duma)\b/i, 'LEG'],
  [/\b(?:judge|justice|court|prosecutor|attorney general|judiciary|tribunal)\b/i, 'JUD'],
  [/\b(?:rebels?|insurgents?|militants?|guerrillas?|terrorists?|takfiri|militias?)\b/i, 'REB'],
  [/\b(?:opposition|dissidents?)\b/i, 'OPP'],
  // Case matters here: "WHO" is an agency, "who" is not.
  [/\b(?:United Nations|UN|U\.N\.|NATO|European Union|EU|African Union|Arab League|OPEC|IMF|World Bank|IAEA|WHO|OSCE|ASEAN|Interpol|INTERPOL|Security Council)\b/, 'IGO'],
  [/\b(?:red cross|red crescent|amnesty|human rights watch|ngo|charity|médecins|doctors without borders)\b/i, 'NGO'],
  [/\b(?:news|tv|television|radio|newspaper|journalists?|reporters?|press|agency|times|post)\b/i, 'MED'],
  [/\b(?:company|corp\.?|corporation|inc\.?|ltd\.?|bank|firm|ceo|executive|business\w*|industries)\b/i, 'BUS'],
  [/\b(?:ayatollah|imam|cleric|cardinal|pope|bishop|archbishop|rabbi|mufti|church|mosque|priest|clergy)\b/i, 'REL'],
  [/\b(?:president|premier|prime minister|minister|ministry|ambassador|envoy|diplomat|embassy|consul|government|regime|official|king|queen|emir|sultan|crown prince|chancellor|secretary|spokes(?:man|woman|person)|governor|mayor|cabinet|administration|leader|advis[eo]r|police|council)\b/i, 'GOV'],
  [/\b(?:students?|workers?|protesters?|civilians?|residents?|people|citizens|activists?|villagers)\b/i, 'CVL'],
];

/** Sector of a description: the first sector whose words it holds, in order of specificity. */
export function sectorOfPhrase(phrase: string): string | null {
  for (const [re, sector] of SECTOR_WORDS) if (re.test(phrase)) return sector;
  return null;
}

/**
 * Country named in a description. Demonyms speak for the holder ("Russian
 * Ambassador"); names after "to" or "in" are where they serve ("to Tehran"),
 * so they count only when nothing else does.
 */
export function countryOfDescription(phrase: string): string | null {
  const idx = countryIndex();
  const words = phrase.split(/[\s,;()[\]“”"]+/).filter(Boolean);
  let fallback: string | null = null;
  for (let i = 0; i < words.length; i++) {
    const prev = i > 0 ? words[i - 1]!.toLowerCase() : '';
    const hosted = prev === 'to' || prev === 'in';
    for (const n of [3, 2, 1]) {
      if (i + n > words.length) continue;
      const raw = words.slice(i, i + n).join(' ').replace(/['’]s$/, '');
      if (!/^\p{Lu}/u.test(raw) && !/^zionist/i.test(raw)) continue;
      const key = raw.toLowerCase();
      const code = idx.demonyms.get(key) ?? idx.names.get(key) ?? idx.cities.get(key);
      if (!code) continue;
      if (!hosted) return code;
      fallback ??= code;
      break;
    }
  }
  return fallback;
}

/** Descriptions of an entity in the article: roles, speaker phrases, appositions, the words right after "the". */
function descriptions(doc: Doc, entity: EntityRecord, attributions: AttributionRecord[]): string[] {
  const out = [...entity.roles];
  for (const a of attributions) {
    if (a.speaker?.entity === entity.id && a.speaker.mention.text.length < 200) out.push(a.speaker.mention.text);
  }
  for (const m of entity.mentions) {
    // Apposition: "Velayati, who is the president of the Iranian Expediency Council," / "Hariri, the Lebanese premier,".
    const after = /^,\s+((?:who is |a |an |the )[^,.;“”"]{3,120})/.exec(doc.text.slice(m.end, m.end + 160));
    if (after) out.push(after[1]!);
    // Apposition before the name, opening its sentence: "The US commander in Iraq, General David Petraeus, …".
    const sentence = doc.sentences.find((x) => x.start <= m.start && m.start < x.end);
    if (sentence) {
      const before = /^((?:the|a|an)\s[^,.;“”"]{3,80}),\s*(?:\p{Lu}[\p{L}.'-]*\s+){0,3}$/iu.exec(doc.text.slice(sentence.start, m.start));
      if (before) out.push(before[1]!);
    }
    // A noun right after a demonym or group name: "Israeli regime", "Hezbollah resistance movement".
    const next = /^\s+(regime|government|forces|army|military|troops|officials?|authorities|leaders?|envoy|delegation|premier|president|police|rebels?|militants?|parliament|media)\b/i.exec(doc.text.slice(m.end, m.end + 30));
    if (next) out.push(`${m.text} ${next[1]}`);
  }
  return out;
}

/** Country and sector of one entity. */
export function codeEntity(doc: Doc, entity: EntityRecord, attributions: AttributionRecord[], dictionary?: ActorDictionary): ActorCode {
  if (dictionary) {
    for (const m of [entity.name, ...entity.mentions.map((x) => x.text)]) {
      const hit = dictionary.lookup(m, null);
      if (hit) return splitCode(hit);
    }
  }
  const group = groupOf(entity.name) ?? entity.mentions.map((m) => groupOf(m.text)).find((g) => g !== null) ?? null;
  if (group) return { country: group.country, sector: group.code };
  const descs = descriptions(doc, entity, attributions);
  const own = countryOfPhrase(entity.name);
  switch (entity.type) {
    case 'GPE': {
      const sector = descs.map(sectorOfPhrase).find((s) => s !== null) ?? null;
      return { country: own, sector: sector === 'GOV' ? 'GOV' : null };
    }
    case 'NORP': {
      const sector = sectorOfPhrase(entity.name) ?? descs.map(sectorOfPhrase).find((s) => s !== null) ?? (/zionist/i.test(entity.name) ? 'GOV' : null);
      return { country: own ?? countryOfDescription(entity.name), sector };
    }
    case 'PERSON': {
      let country: string | null = null;
      let sector: string | null = null;
      for (const d of descs) {
        const g = groupInPhrase(d);
        if (g) return { country: g.country, sector: g.code };
        country ??= countryOfDescription(d);
        // Honorifics ("Ayatollah") say less than an office; "advisor to X" is about the advisor, not X.
        if (!HONORIFICS.has(d)) sector ??= sectorOfPhrase(d.split(/\s(?:to|of|for)\s/)[0]!);
      }
      sector ??= descs.filter((d) => HONORIFICS.has(d)).map(sectorOfPhrase).find((x) => x !== null) ?? null;
      return { country, sector };
    }
    default: {
      const country = countryOfDescription(entity.name) ?? descs.map(countryOfDescription).find((c) => c !== null) ?? null;
      const sector = sectorOfPhrase(entity.name) ?? descs.map(sectorOfPhrase).find((s) => s !== null) ?? null;
      return { country, sector };
    }
  }
}

function groupInPhrase(phrase: string): { code: string; country: string | null } | null {
  for (const word of phrase.split(/[\s,]+/)) {
    const g = groupOf(word);
    if (g) return g;
  }
  return null;
}

/** "LBNGOV" → LBN, GOV; "IGOUNO" → no country, IGO. Phoenix codes start with a country or a sector. */
export function splitCode(code: string): ActorCode {
  const head = code.slice(0, 3);
  const rest = code.slice(3, 6) || null;
  if (countryIndex().alpha2.size > 0 && isAlpha3(head)) return { country: head, sector: rest };
  return { country: null, sector: head };
}

function isAlpha3(code: string): boolean {
  for (const c of countryEntries()) if (c.code === code) return true;
  return false;
}

/** Fill country and sector on every entity (a new array; records are copied). */
export function annotateActors(doc: Doc, entities: EntityRecord[], attributions: AttributionRecord[], dictionary?: ActorDictionary): EntityRecord[] {
  return entities.map((e) => {
    const code = codeEntity(doc, e, attributions, dictionary);
    return { ...e, country: e.country ?? code.country, sector: e.sector ?? code.sector };
  });
}

/**
 * Entities for the actors a user dictionary knows but NER missed ("Obama
 * wants…" at the start of a sentence): each capitalised dictionary phrase
 * outside existing mentions becomes an entity coded by the dictionary.
 */
export function dictionaryEntities(doc: Doc, entities: EntityRecord[], dictionary: ActorDictionary, date: string | null): EntityRecord[] {
  const taken = entities.flatMap((e) => e.mentions);
  const byName = new Map<string, EntityRecord>();
  for (const s of doc.sentences) {
    const toks = doc.tokens.slice(s.tokenStart, s.tokenEnd);
    for (const [i, j, code] of dictionary.findAll(toks.map((t) => t.text), date)) {
      const start = toks[i]!.start;
      const end = toks[j - 1]!.end;
      if (!/^\p{Lu}/u.test(toks[i]!.text) || taken.some((m) => m.start < end && start < m.end)) continue;
      const text = doc.text.slice(start, end);
      const { country, sector } = splitCode(code);
      const key = `${text.toLowerCase()}|${code}`;
      const existing = byName.get(key);
      if (existing) {
        existing.mentions.push({ start, end, text });
        continue;
      }
      const record: EntityRecord = { id: `d${byName.size + 1}`, type: country && !sector ? 'GPE' : 'ORG', name: text, country, sector, roles: [], mentions: [{ start, end, text }] };
      byName.set(key, record);
    }
  }
  return [...byName.values()];
}
