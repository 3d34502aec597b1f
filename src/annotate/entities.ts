/**
 * The entities layer: NER mentions turned into entities with our types,
 * clean names, roles, and all their mentions in the article.
 *
 * Steps: the tagger runs over a CoNLL-like token view of the Doc; each span
 * is cleaned (leading titles become roles, a person's role phrase just
 * before the name is recorded); types are refined with the gazetteers
 * (LOC→GPE/LOC, ORG→ORG/GROUP, MISC→NORP/MISC); names the tagger missed but
 * the group and NORP lists know are added; then mentions are joined into
 * entities: same name, a person's surname or shorter form of a full name,
 * a bracketed gloss ("Daesh [ISIL]"), or aliases of one group.
 *
 * Name policy: a person's name is the longest form the article gives with
 * every title and honorific removed ("Ayatollah Seyyed Ali Khamenei" →
 * "Ali Khamenei", roles "Ayatollah", "Seyyed"). Other entities are named by
 * their first full mention; a group known to the gazetteer by its first
 * mention in the article.
 */
import type { Doc } from '../doc/doc.js';
import type { EntityRecord, TextSpan } from '../analysis.js';
import type { TypedSpan } from '../models/ner-conll.js';
import { sharedNerTagger, type NerTagger } from '../models/ner.js';
import { ARMED_GROUPS, NORP_TERMS } from '../knowledge/groups.js';
import { COURTESY, HONORIFICS } from '../knowledge/roles.js';
import { GAZ_B, GAZ_L, GAZ_U } from '../knowledge/gazetteer.js';
import {
  LIST_CITY,
  LIST_COUNTRY,
  LIST_DEMONYM,
  LIST_GROUP,
  LIST_NORP,
  LIST_REGION,
  LIST_ROLE,
  isOrgKeyword,
} from '../knowledge/lexicon.js';

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'GROUP' | 'MISC';

/** One token of the tagger's view: Doc tokens joined across in-word hyphens ("al-Nusra"). */
interface ViewToken {
  start: number;
  end: number;
  /** The text as the model sees it (typographic quotes made plain). */
  text: string;
}

interface Mention {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  roles: string[];
  /** Token range in the view sentence (for alias and gloss checks). */
  sentence: number;
  tokStart: number;
  tokEnd: number;
}

/** Build the tagger's token view of each sentence. */
function tokenView(doc: Doc): ViewToken[][] {
  return doc.sentences.map((s) => {
    const out: ViewToken[] = [];
    for (let i = s.tokenStart; i < s.tokenEnd; i++) {
      const t = doc.tokens[i]!;
      const prev = out[out.length - 1];
      const hyphenJoin =
        prev !== undefined &&
        prev.end === t.start &&
        (t.text === '-' ? i + 1 < s.tokenEnd && doc.tokens[i + 1]!.start === t.end && /\w$/.test(prev.text) : prev.text.endsWith('-'));
      if (hyphenJoin) {
        prev.end = t.end;
        prev.text += t.text;
        continue;
      }
      out.push({ start: t.start, end: t.end, text: plain(t.text) });
    }
    return out;
  });
}

const TYPOGRAPHIC = /[’‘`“”„]/;

function plain(text: string): string {
  // Most tokens hold none of these: one test instead of four replacements.
  if (text === '[') return '(';
  if (text === ']') return ')';
  if (!TYPOGRAPHIC.test(text)) return text;
  return text
    .replace(/[’‘`]/g, "'")
    .replace(/[“”„]/g, '"')
    .replace(/^\[$/, '(')
    .replace(/^\]$/, ')');
}

const ADMIN_HEADS = /\b(?:Province|County|District|Governorate|Oblast|Prefecture|Municipality)$/;
const EVENT_HEADS = /\b(?:Revolution|War|Uprising|Intifada|Spring|Crisis|Summit|Games|Cup|Olympics|Conference)$/;
const GEO_WORDS = /\b(?:River|Sea|Ocean|Gulf|Lake|Mountains?|Mount|Valley|Desert|Heights|Islands?|Peninsula|Strait|Bay|Basin|Canal|Plateau|Coast|Hills?|Range|Delta|Forest|Region)\b/;

/** Heads of armed-group names: "… Brigades", "… Militia". */
const ARMED_HEADS = /\b(?:Brigades?|Battalions?|Militias?|Mujahideen|Mujahedin|Jihad)$/;
const ORG_HEAD = /\b(?:Brigades?|Battalions?|Militias?|Council|Ministry|Committee|Commission|Party|Movement|Front|Agency|Organi[sz]ation|Union|Association|Institute|Center|Centre|Bank|Army|Forces)$/;

const GROUP_ALIASES: Map<string, number> = new Map(ARMED_GROUPS.flatMap((row, i) => row.map((a) => [a.toLowerCase(), i] as [string, number])));
const NORP_SET = new Set(NORP_TERMS.map((t) => t.toLowerCase()));

/** Type of a span from the model's CoNLL type and the gazetteer masks of its tokens. */
function refineType(conll: string, name: string, masks: Uint32Array, from: number, to: number): EntityType {
  const whole = (list: number): boolean => {
    if (to - from === 1) return (masks[from]! >> (list * 4 + GAZ_U)) & 1 ? true : false;
    return ((masks[from]! >> (list * 4 + GAZ_B)) & 1) === 1 && ((masks[to - 1]! >> (list * 4 + GAZ_L)) & 1) === 1;
  };
  if (GROUP_ALIASES.has(name.toLowerCase())) return 'GROUP';
  if (conll !== 'PER' && (whole(LIST_DEMONYM) || whole(LIST_NORP))) return 'NORP';
  switch (conll) {
    case 'PER':
      // Nobody is called "… Council": the tagger slipped on an organisation.
      if (to - from > 1 && ORG_HEAD.test(name)) return ARMED_HEADS.test(name) ? 'GROUP' : 'ORG';
      return 'PERSON';
    case 'ORG':
      if (whole(LIST_GROUP) || ARMED_HEADS.test(name)) return 'GROUP';
      // A bare city or country name, an administrative area or a bay is a place, whatever the tagger thought.
      if (whole(LIST_CITY) || whole(LIST_COUNTRY) || ADMIN_HEADS.test(name)) return 'GPE';
      if (GEO_WORDS.test(name) && !ORG_HEAD.test(name)) return 'LOC';
      return 'ORG';
    case 'LOC':
      // "Black Reed Brigades", "Vienna Maritime Council": a place name with an organisation head is an organisation.
      if (ORG_HEAD.test(name) && !whole(LIST_COUNTRY) && !whole(LIST_CITY)) return ARMED_HEADS.test(name) ? 'GROUP' : 'ORG';
      if (whole(LIST_COUNTRY) || whole(LIST_CITY)) return 'GPE';
      if (ADMIN_HEADS.test(name)) return 'GPE';
      // "the Islamic Revolution", "the Gulf War": events the tagger read as places.
      if (EVENT_HEADS.test(name)) return 'MISC';
      if (whole(LIST_REGION) || GEO_WORDS.test(name)) return 'LOC';
      return 'GPE';
    default:
      if (whole(LIST_REGION)) return 'LOC';
      // One-word MISC with a nationality ending ("Castamari", "Velmarian") is nearly always a demonym.
      if (to - from === 1 && /^\p{Lu}\p{Ll}+(?:ans?|ese|ish|is?)$/u.test(name)) return 'NORP';
      return whole(LIST_DEMONYM) || whole(LIST_NORP) || NORP_SET.has(name.toLowerCase()) ? 'NORP' : 'MISC';
  }
}

const CONNECTORS = new Set(['of', 'to', 'for', 'the', 'and', 'on', 'in']);

function isRoleToken(masks: Uint32Array, i: number): boolean {
  return ((masks[i]! >> (LIST_ROLE * 4)) & 0xf) !== 0;
}

function isCapitalised(text: string): boolean {
  return /^\p{Lu}/u.test(text);
}

/**
 * Leading title tokens of a person span: they leave the name and become
 * roles. Returns how many tokens to drop.
 */
function leadingTitles(tokens: ViewToken[], masks: Uint32Array, from: number, to: number): number {
  let k = from;
  // Keep at least one token of the name.
  while (k < to - 1 && isRoleToken(masks, k)) k++;
  return k - from;
}

/**
 * The role phrase written just before a person's name ("Russian Ambassador
 * to Tehran", "Leader of the Islamic Revolution Ayatollah Seyyed"): the
 * capitalised run ending at the name that holds at least one title word.
 * Lowercase words other than connectors end it, so "advisor to" stays out.
 */
function rolePhraseStart(tokens: ViewToken[], masks: Uint32Array, nameStart: number, person: Uint8Array): number {
  let k = nameStart;
  let sawRole = false;
  let best = nameStart;
  while (k > 0) {
    const t = tokens[k - 1]!;
    // Another person's name ends the phrase ("Prime Minister A and President B").
    if (person[k - 1]) break;
    const role = isRoleToken(masks, k - 1);
    if (role && isCapitalised(t.text)) {
      sawRole = true;
      k--;
      best = k;
      continue;
    }
    if (isCapitalised(t.text) && /^\p{L}/u.test(t.text)) {
      k--;
      continue;
    }
    if (CONNECTORS.has(t.text)) {
      // "Leader of the Islamic Revolution": up to two connectors between capitalised words.
      let j = k - 1;
      while (j > 0 && j > k - 3 && CONNECTORS.has(tokens[j - 1]!.text)) j--;
      if (j > 0 && isCapitalised(tokens[j - 1]!.text)) {
        k = j;
        continue;
      }
    }
    break;
  }
  if (!sawRole) return nameStart;
  if (best === k && k > 0 && /^\p{Ll}/u.test(tokens[k - 1]!.text) && !CONNECTORS.has(tokens[k - 1]!.text)) {
    const office = officeOfStart(tokens, masks, k);
    if (office < k) return office;
  }
  // The phrase may start with a demonym or place before the first title word ("Lebanese Prime Minister").
  let start = best;
  while (start > k && start > 0) {
    const t = tokens[start - 1]!;
    if (!isCapitalised(t.text)) break;
    start--;
  }
  while (start < nameStart && CONNECTORS.has(tokens[start]!.text.toLowerCase())) start++;
  return start;
}

/**
 * "Secretary General of the Lebanese Hezbollah resistance movement Sayyed …":
 * an office "of" an organisation described with common nouns, ending just
 * before `start`. Returns where the office starts, or `start`.
 */
function officeOfStart(tokens: ViewToken[], masks: Uint32Array, start: number): number {
  let sawName = false;
  for (let j = start - 1; j >= Math.max(1, start - 7); j--) {
    const t = tokens[j]!.text;
    if (!/^\p{L}+$/u.test(t)) return start;
    if (t === 'of' && sawName && isRoleToken(masks, j - 1) && isCapitalised(tokens[j - 1]!.text)) {
      let k = j - 1;
      while (k > 0 && isCapitalised(tokens[k - 1]!.text) && (isRoleToken(masks, k - 1) || isDemonymAt(masks, k - 1))) k--;
      return k;
    }
    if (isCapitalised(t)) sawName = true;
  }
  return start;
}

/** Split a role phrase into roles: honorifics stand alone, the office keeps its words. */
function rolesOf(tokens: ViewToken[], masks: Uint32Array, text: string, from: number, to: number): string[] {
  const roles: string[] = [];
  let officeStart = -1;
  let officeEnd = -1;
  for (let k = from; k < to; k++) {
    const word = tokens[k]!.text;
    if (HONORIFICS.has(word)) {
      if (!COURTESY.has(word)) roles.push(word);
      continue;
    }
    if (officeStart < 0) officeStart = k;
    officeEnd = k + 1;
  }
  if (officeStart >= 0) {
    while (officeEnd > officeStart && CONNECTORS.has(tokens[officeEnd - 1]!.text.toLowerCase())) officeEnd--;
    const hasTitle = (() => {
      for (let k = officeStart; k < officeEnd; k++) if (isRoleToken(masks, k)) return true;
      return false;
    })();
    if (hasTitle && officeEnd > officeStart) roles.unshift(text.slice(tokens[officeStart]!.start, tokens[officeEnd - 1]!.end));
  }
  return roles;
}

/**
 * End of a place that opens a span right after "<Title> to|in|of", when two
 * or more capitalised words (a name) follow it inside the span; else 0.
 */
function placeThenName(tokens: ViewToken[], masks: Uint32Array, from: number, to: number): number {
  if (from < 2 || !['to', 'in', 'of'].includes(tokens[from - 1]!.text) || !isRoleToken(masks, from - 2)) return 0;
  for (const list of [LIST_CITY, LIST_COUNTRY]) {
    const bits = (masks[from]! >> (list * 4)) & 0xf;
    let end = 0;
    if (bits & (1 << GAZ_U)) end = from + 1;
    else if (bits & (1 << GAZ_B)) {
      end = from + 1;
      while (end < to && !((masks[end]! >> (list * 4 + GAZ_L)) & 1)) end++;
      end++;
    }
    if (end > from && to - end >= 2 && tokens.slice(end, to).every((t) => isCapitalised(t.text) && !isOrgKeywordToken(t.text))) return end;
  }
  return 0;
}

/**
 * Where the name starts after the last title inside a span, or `from` when
 * the span holds no title followed by a name. Outside person spans the name
 * must have two words and no organisation head ("General Motors" stays whole).
 */
function titledNameStart(tokens: ViewToken[], masks: Uint32Array, from: number, to: number, type: EntityType): number {
  if (type !== 'PERSON' && type !== 'ORG' && type !== 'MISC') return from;
  let last = -1;
  for (let k = from; k < to - 1; k++) if (isRoleToken(masks, k) && isCapitalised(tokens[k]!.text)) last = k;
  if (last < 0) return from;
  const rest = tokens.slice(last + 1, to);
  if (!rest.every((t) => isCapitalised(t.text))) return from;
  if (type !== 'PERSON' && (rest.length < 2 || rest.some((t) => isOrgKeywordToken(t.text)))) return from;
  return last + 1;
}

/**
 * Where a known armed group's name ends when the rest of the span is one NORP term ("ISIL Takfiris",
 * "Hezbollah Shiites"), else `from`. The mirror of the demonym-then-group split in sentenceMentions.
 */
function groupThenNorp(text: string, tokens: ViewToken[], from: number, to: number): number {
  if (to - from < 2) return from;
  const rest = text.slice(tokens[to - 1]!.start, tokens[to - 1]!.end).toLowerCase();
  if (!NORP_SET.has(rest)) return from;
  const group = text.slice(tokens[from]!.start, tokens[to - 2]!.end).toLowerCase();
  return GROUP_ALIASES.has(group) ? to - 1 : from;
}

function isDemonymAt(masks: Uint32Array, k: number): boolean {
  return ((masks[k]! >> (LIST_DEMONYM * 4 + GAZ_U)) & 1) === 1;
}

function isOrgKeywordToken(text: string): boolean {
  return isOrgKeyword(text.toLowerCase());
}

/** "Center for Strategic Research" when the tagger found only "Strategic Research". */
function extendOrgHead(tokens: ViewToken[], from: number): number {
  const connector = tokens[from - 1]?.text;
  const head = tokens[from - 2]?.text;
  if ((connector === 'for' || connector === 'of') && head !== undefined && isCapitalised(head) && isOrgKeywordToken(head)) return from - 2;
  return from;
}

/** Roles given in an apposition after the name: "Ali Khamenei, the Leader of the Islamic Revolution,". */
function appositiveRoles(tokens: ViewToken[], masks: Uint32Array, text: string, nameEnd: number): string[] {
  if (tokens[nameEnd]?.text !== ',') return [];
  let k = nameEnd + 1;
  if (tokens[k]?.text.toLowerCase() === 'the') k++;
  if (k >= tokens.length || !isRoleToken(masks, k) || !isCapitalised(tokens[k]!.text)) return [];
  let end = k;
  while (end < tokens.length && (isCapitalised(tokens[end]!.text) || CONNECTORS.has(tokens[end]!.text))) end++;
  while (end > k && CONNECTORS.has(tokens[end - 1]!.text)) end--;
  const closed = end >= tokens.length || /^[,.;:)]$/.test(tokens[end]!.text);
  return closed ? [text.slice(tokens[k]!.start, tokens[end - 1]!.end)] : [];
}

function surface(doc: Doc, start: number, end: number): TextSpan {
  return { start, end, text: doc.text.slice(start, end) };
}

/** Mentions of one sentence from the tagger's spans, cleaned and typed. */
function sentenceMentions(doc: Doc, s: number, tokens: ViewToken[], spans: TypedSpan[], masks: Uint32Array): Mention[] {
  const taken = new Uint8Array(tokens.length);
  const person = new Uint8Array(tokens.length);
  const out: Mention[] = [];
  const add = (from: number, to: number, type: EntityType, roles: string[]): void => {
    for (let k = from; k < to; k++) {
      taken[k] = 1;
      if (type === 'PERSON') person[k] = 1;
    }
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    out.push({ start, end, text: doc.text.slice(start, end), type, roles, sentence: s, tokStart: from, tokEnd: to });
  };
  for (const span of spans) {
    let from = span.start;
    let to = span.end;
    // Trim punctuation the tagger may have swallowed at the edges.
    while (from < to && !/[\p{L}\p{N}]/u.test(tokens[from]!.text)) from++;
    while (to > from && !/[\p{L}\p{N}]/u.test(tokens[to - 1]!.text)) to--;
    if (from >= to) continue;
    // Names hold no commas: a span running over one is a decoding slip, keep what precedes it.
    for (let k = from + 1; k < to; k++) if (tokens[k]!.text === ',') to = k;
    // Nor do they end in a common word ("Lebanese Hezbollah resistance").
    while (to - from > 1 && /^\p{Ll}+$/u.test(tokens[to - 1]!.text)) to--;
    // "Ambassador to Vienna Halvard Rustebakke" read as one span: the place, then the person.
    const placeEnd = placeThenName(tokens, masks, from, to);
    if (placeEnd > from) {
      add(from, placeEnd, 'GPE', []);
      from = placeEnd;
    }
    // "the fight against ISIL Takfiris" read as one span: the armed group, then the people it names.
    const groupEnd = groupThenNorp(doc.text, tokens, from, to);
    if (groupEnd > from) {
      add(from, groupEnd, 'GROUP', []);
      add(groupEnd, to, 'NORP', []);
      continue;
    }
    const name = doc.text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    let type = placeEnd > 0 ? 'PERSON' : refineType(span.type, name, masks, from, to);
    // "Islamic Revolution Ayatollah Seyyed Ali Khamenei", "Federal Reserve Governor Lawrence Lindsey":
    // a title inside the span followed by a name makes the name a person and the rest a role.
    const split = titledNameStart(tokens, masks, from, to, type);
    if (split > from) {
      type = 'PERSON';
      from = split;
    }
    const afterDemonym = doc.text.slice(tokens[Math.min(from + 1, to - 1)]!.start, tokens[to - 1]!.end).toLowerCase();
    if (
      (type === 'ORG' || type === 'GROUP') &&
      to - from >= 2 &&
      isDemonymAt(masks, from) &&
      ((to - from >= 3 && isOrgKeywordToken(tokens[to - 1]!.text)) || GROUP_ALIASES.has(afterDemonym))
    ) {
      // OntoNotes style: "the Iranian Expediency Council" is NORP "Iranian" + ORG "Expediency Council".
      add(from, from + 1, 'NORP', []);
      from++;
      if (GROUP_ALIASES.has(afterDemonym)) type = 'GROUP';
    }
    if (type === 'ORG') from = extendOrgHead(tokens, from);
    if (type === 'PERSON') {
      const titleStart = rolePhraseStart(tokens, masks, from, person);
      const nameFrom = from + leadingTitles(tokens, masks, from, to);
      const roles = rolesOf(tokens, masks, doc.text, titleStart, nameFrom);
      for (const r of appositiveRoles(tokens, masks, doc.text, to)) if (!roles.includes(r)) roles.push(r);
      add(nameFrom, to, 'PERSON', roles);
      // The words of the title are not names of their own to recover below.
      for (let k = titleStart; k < nameFrom; k++) taken[k] = 1;
      continue;
    }
    add(from, to, type, []);
  }
  // Known groups and NORP terms the tagger left out.
  for (let k = 0; k < tokens.length; k++) {
    if (taken[k]) continue;
    const m = masks[k]!;
    for (const [list, type] of [[LIST_GROUP, 'GROUP'], [LIST_NORP, 'NORP'], [LIST_DEMONYM, 'NORP']] as const) {
      const bits = (m >> (list * 4)) & 0xf;
      if (!(bits & ((1 << GAZ_U) | (1 << GAZ_B)))) continue;
      let end = k + 1;
      if (bits & (1 << GAZ_B)) while (end < tokens.length && !((masks[end]! >> (list * 4 + GAZ_L)) & 1)) end++;
      end = Math.min(end + (bits & (1 << GAZ_B) ? 1 : 0), tokens.length);
      let free = true;
      for (let j = k; j < end; j++) if (taken[j]) free = false;
      // Only names written as names: capitalised, not a shouted headline word.
      if (!free || !isCapitalised(tokens[k]!.text) || (tokens[k]!.text.length > 3 && tokens[k]!.text === tokens[k]!.text.toUpperCase())) continue;
      add(k, end, type, []);
      break;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function nameKey(text: string): string {
  return text.replace(/[’']s$/u, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Join mentions into entities. */
function groupMentions(doc: Doc, mentions: Mention[], view: ViewToken[][]): EntityRecord[] {
  interface Cluster {
    type: EntityType;
    names: Set<string>;
    mentions: Mention[];
    roles: string[];
    group: number;
  }
  const clusters: Cluster[] = [];
  const byName = new Map<string, Cluster>();
  const byGroup = new Map<number, Cluster>();
  const join = (c: Cluster, m: Mention): void => {
    c.mentions.push(m);
    c.names.add(nameKey(m.text));
    byName.set(`${broad(m.type)}:${nameKey(m.text)}`, c);
    for (const r of m.roles) if (!c.roles.includes(r)) c.roles.push(r);
  };
  const persons: Cluster[] = [];
  // Longer person names first so that "Velayati" finds "Ali Akbar Velayati" whichever comes first.
  const words = (m: Mention): number => m.text.split(/\s+/).length;
  const order = [
    ...mentions.filter((m) => m.type === 'PERSON').sort((a, b) => words(b) - words(a) || a.start - b.start),
    ...mentions.filter((m) => m.type !== 'PERSON'),
  ];
  for (const m of order) {
    const key = nameKey(m.text);
    let c = byName.get(`${broad(m.type)}:${key}`);
    const group = GROUP_ALIASES.get(key) ?? -1;
    if (!c && group >= 0) c = byGroup.get(group);
    if (!c && m.type === 'PERSON') {
      const words = key.split(' ');
      c = persons.find((p) => [...p.names].some((n) => containsWords(n.split(' '), words)));
    }
    if (!c) {
      c = { type: m.type, names: new Set(), mentions: [], roles: [], group };
      clusters.push(c);
      if (m.type === 'PERSON') persons.push(c);
      if (group >= 0) byGroup.set(group, c);
    }
    join(c, m);
  }
  // Bracketed glosses: "Daesh [ISIL]" makes the two names one entity.
  const clusterOf = new Map<Mention, Cluster>();
  for (const c of clusters) for (const m of c.mentions) clusterOf.set(m, c);
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (a.sentence !== b.sentence) continue;
    const toks = view[a.sentence]!;
    if (b.tokStart !== a.tokEnd + 1 || toks[a.tokEnd]!.text !== '(' || toks[b.tokEnd]?.text !== ')') continue;
    const ca = clusterOf.get(a)!;
    const cb = clusterOf.get(b)!;
    if (ca === cb || broad(ca.type) !== broad(cb.type)) continue;
    for (const m of cb.mentions) {
      ca.mentions.push(m);
      clusterOf.set(m, ca);
    }
    for (const r of cb.roles) if (!ca.roles.includes(r)) ca.roles.push(r);
    if (cb.type === 'GROUP') ca.type = 'GROUP';
    clusters.splice(clusters.indexOf(cb), 1);
  }
  const live = clusters
    .map((c) => ({ ...c, mentions: c.mentions.sort((a, b) => a.start - b.start) }))
    .sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);
  return live.map((c, i) => {
    const first = c.mentions[0]!;
    const name =
      c.type === 'PERSON'
        ? c.mentions.reduce((best, m) => (m.text.split(/\s+/).length > best.split(/\s+/).length ? m.text : best), first.text)
        : first.text;
    return {
      id: `e${i + 1}`,
      type: c.type,
      name: name.replace(/[’']s$/u, ''),
      country: null,
      sector: null,
      roles: c.roles,
      mentions: c.mentions.map((m) => surface(doc, m.start, m.end)),
    };
  });
}

/** Entity types that may share a name across tagger disagreements. */
function broad(type: EntityType): string {
  return type === 'GPE' || type === 'LOC' ? 'PLACE' : type === 'ORG' || type === 'GROUP' ? 'ORG' : type;
}

/** True when every word of `part` occurs in `whole`, in order (a surname, or first + last name). */
function containsWords(whole: string[], part: string[]): boolean {
  if (part.length >= whole.length) return false;
  let k = 0;
  for (const w of whole) if (k < part.length && w === part[k]) k++;
  return k === part.length;
}

/** The entities of a Doc. */
export function annotateEntities(doc: Doc, tagger: NerTagger = sharedNerTagger()): EntityRecord[] {
  const view = tokenView(doc);
  // The tagger's own matches of its gazetteer over the same tokens: what typing and roles read.
  const { spans, gazetteer } = tagger.tagDocumentWithMatches(view.map((s) => s.map((t) => t.text)));
  const mentions = view.flatMap((tokens, s) => sentenceMentions(doc, s, tokens, spans[s]!, gazetteer[s]!));
  return groupMentions(doc, mentions, view);
}
