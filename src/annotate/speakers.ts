/**
 * Speaker resolution within one article: a source phrase ("he", "the Russian
 * envoy", "Velayati") to the person or organisation it names.
 *
 * Candidates come from the entities layer when NER has run, otherwise from
 * capitalised name runs found here. Each candidate collects role words from
 * its titles ("Russian Ambassador to Tehran Levan Dzhagaryan"), appositions
 * ("Velayati, a senior advisor to …") and relative clauses ("who is the
 * president of …"); descriptions are matched against those words.
 */
import countriesModule, { type Countries } from 'world-countries';
import type { EntityRecord } from '../analysis.js';
import type { Doc, Span } from '../doc/doc.js';
import type { TokenTags } from './attribution-tags.js';
import { verbCueLemma } from '../knowledge/cues.js';

export interface SpeakerCandidate {
  /** Stable key: the lower-cased last word of the fullest name. */
  key: string;
  name: string;
  entityId: string | null;
  person: boolean;
  /** Can speak: a person, organisation, group or government (not a place or nationality used as such). */
  speaker: boolean;
  roles: Set<string>;
  /** Start offsets of its name mentions, in text order. */
  mentions: number[];
  /** Evidence of a person's gender ("Mr.", "spokeswoman", "Holt said her …"), for "he" and "she". */
  male: number;
  female: number;
}

export interface ResolvedSpeaker {
  key: string;
  name: string;
  entityId: string | null;
  person: boolean;
}

export interface SpeakerIndex {
  candidates: SpeakerCandidate[];
  /** Candidate whose name mention lies inside [start, end), the last one when several. */
  nameIn(span: Span): SpeakerCandidate | null;
  /** Number of attributions already resolved to each key (salience). */
  said: Map<string, number>;
  /** Offset of the first name mention inside a span, or null. */
  firstNameStart(span: Span): number | null;
  /** The candidate with this key. */
  candidate(key: string): SpeakerCandidate | undefined;
}

// world-countries is CommonJS: its default export arrives wrapped or not depending on the loader.
const countries = ((countriesModule as unknown as { default?: Countries }).default ?? countriesModule) as unknown as Countries;

const DEMONYM_TO_COUNTRY = new Map<string, string>();
const PLACE_WORDS = new Set<string>();
countries.forEach((c) => {
  const country = c.name.common.toLowerCase();
  PLACE_WORDS.add(country);
  for (const cap of c.capital ?? []) PLACE_WORDS.add(cap.toLowerCase());
  const dem = c.demonyms?.eng;
  if (dem) {
    DEMONYM_TO_COUNTRY.set(dem.m.toLowerCase(), country);
    DEMONYM_TO_COUNTRY.set(dem.f.toLowerCase(), country);
  }
});
for (const [dem, country] of [
  ['american', 'united states'],
  ['british', 'united kingdom'],
  ['israeli', 'israel'],
  ['zionist', 'israel'],
  ['french', 'france'],
  ['chinese', 'china'],
  ['saudi', 'saudi arabia'],
  ['turkish', 'turkey'],
] as const) {
  DEMONYM_TO_COUNTRY.set(dem, country);
}

/** Words that are titles or offices, not names: stripped from name runs, kept as roles. */
const TITLE_WORDS = new Set(
  `president vice prime minister premier ambassador envoy advisor adviser secretary general speaker leader
 senator sen. gov. governor rep. representative chairman chairwoman chair spokesman spokeswoman spokesperson
 director king queen prince crown ayatollah sheikh dr. mr. mrs. ms. foreign defense defence deputy chief head
 commander mayor judge justice parliament official officials diplomat minister's sayyed seyyed emir sultan pope
 chancellor council lawmaker general's lt. col. gen. maj. capt. adm. sgt. professor prof. attorney candidate
 nominee manager analyst campaign founder executive ceo`
    .split(/\s+/)
    .filter(Boolean),
);

/** Role nouns that an "official" or "leader" description may stand for. */
const OFFICE_WORDS = new Set(
  `president minister premier ambassador envoy advisor adviser secretary speaker leader senator governor
 chairman spokesman spokeswoman director official diplomat commander mayor chancellor emir king`.split(/\s+/),
);

/** Description word → role words it matches. */
const SYNONYMS: Record<string, string[]> = {
  premier: ['premier', 'prime'],
  envoy: ['envoy', 'ambassador', 'diplomat'],
  ambassador: ['ambassador', 'envoy'],
  diplomat: ['diplomat', 'ambassador', 'envoy', 'foreign'],
  advisor: ['advisor', 'adviser'],
  adviser: ['advisor', 'adviser'],
  spokesperson: ['spokesman', 'spokeswoman', 'spokesperson'],
  chairwoman: ['chairwoman', 'chairman', 'chair'],
  chairman: ['chairwoman', 'chairman', 'chair'],
};

const PRONOUNS_PERSON = new Set(['he', 'she', 'him', 'her', 'his', 'hers']);
const PRONOUNS_OTHER = new Set(['they', 'we', 'it', 'i', 'you', 'them', 'who', 'which', 'that']);
const DESCRIPTION_SKIP = new Set(['the', 'a', 'an', 'this', 'that', 'also', 'both', 'his', 'her', 'its', 'their', "'s", '’s', 'for', 'part', ',']);

/** A demonym we may not know by name ("Marovian", "Pellish") before a title or noun. */
function looksDemonym(word: string, next: string | undefined): boolean {
  const w = word.toLowerCase();
  if (DEMONYM_TO_COUNTRY.has(w)) return true;
  return /(ian|ish|ese|ean)$/.test(w) && next !== undefined && TITLE_WORDS.has(next.toLowerCase());
}

function isCap(s: string): boolean {
  return /^\p{Lu}/u.test(s);
}

interface NameRun {
  start: number;
  end: number;
  /** Token range of the name proper (titles stripped). */
  t0: number;
  t1: number;
  place: boolean;
}

/** Capitalised name runs (PROPN-led), titles and leading place words stripped. */
function nameRuns(doc: Doc, tags: TokenTags): NameRun[] {
  const runs: NameRun[] = [];
  const toks = doc.tokens;
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    const propn = tags.upos[i] === 'PROPN' && isCap(t.text) && /\p{L}/u.test(t.text);
    if (!propn) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < toks.length && toks[j + 1]!.sentence === t.sentence) {
      const n = toks[j + 1]!;
      if (tags.upos[j + 1] === 'PROPN' && isCap(n.text)) j++;
      else if (/^(bin|al|ibn|de|van|von|da)$/i.test(n.text) && j + 2 < toks.length && isCap(toks[j + 2]!.text)) j++;
      else break;
    }
    let a = i;
    while (a <= j && (TITLE_WORDS.has(toks[a]!.text.toLowerCase()) || PLACE_WORDS.has(toks[a]!.text.toLowerCase()) || looksDemonym(toks[a]!.text, toks[a + 1]?.text))) a++;
    const before = (toks[i - 1]?.text ?? '').toLowerCase();
    // "Ambassador to Tehran Levan Dzhagaryan": after "to"/"of" a leading word is the place, the rest the name.
    if (j - a >= 2 && (before === 'to' || before === 'of') && TITLE_WORDS.has((toks[i - 2]?.text ?? '').toLowerCase())) a++;
    // A lone capitalised word after "of"/"in"/"to" names a place ("the minister of Marovia").
    const place = a === j && /^(of|in|to|from|at|for)$/.test(a === i ? before : toks[a - 1]!.text.toLowerCase());
    if (a <= j && !TITLE_WORDS.has(toks[j]!.text.toLowerCase())) runs.push({ start: toks[a]!.start, end: toks[j]!.end, t0: a, t1: j + 1, place });
    i = j + 1;
  }
  return runs;
}

/** Lower-cased role words around a name: its title before, its apposition or relative clause after. */
function roleWords(doc: Doc, tags: TokenTags, t0: number, t1: number): string[] {
  const toks = doc.tokens;
  const words: string[] = [];
  const sent = toks[t0]!.sentence;
  // Leftwards: the title run, crossing "to"/"of" only when what lies between holds no office of its own.
  let pending: string[] = [];
  for (let k = t0 - 1; k >= 0 && toks[k]!.sentence === sent && t0 - k <= 10; k--) {
    const w = toks[k]!.text.toLowerCase();
    const pos = tags.upos[k];
    if (w === 'to' || w === 'of') {
      if (pending.some((p) => OFFICE_WORDS.has(p) || p === 'ayatollah')) break;
      words.push(...pending);
      pending = [];
      continue;
    }
    if (pos === 'PROPN' || pos === 'NOUN' || pos === 'ADJ' || w === 'the') pending.push(w);
    else break;
  }
  words.push(...pending);
  // "The foreign minister of Marovia, Talia Renquist,": a description set before the name.
  if (toks[t0 - 1]?.text === ',') {
    for (let k = t0 - 2; k >= 0 && toks[k]!.sentence === sent && t0 - k <= 10; k--) {
      const pos = tags.upos[k];
      if (pos === 'VERB' || pos === 'AUX' || pos === 'PUNCT' || pos === 'PRON') break;
      words.push(toks[k]!.text.toLowerCase());
    }
  }
  // Rightwards: ", a senior advisor to …," or ", who is the president of …".
  if (toks[t1]?.text === ',' && toks[t1]!.sentence === sent) {
    let k = t1 + 1;
    if (/^(who|which)$/i.test(toks[k]?.text ?? '')) {
      k++;
      if (/^(is|was|has|had|serves|served)$/i.test(toks[k]?.text ?? '')) k++;
      else if (tags.upos[k] === 'VERB') {
        // "who chairs the Growers Council": the verb names the office.
        words.push(toks[k]!.text.toLowerCase().replace(/s$/, ''));
        k++;
      } else return words;
    }
    const first = tags.upos[k];
    if (first === 'DET' || first === 'ADJ' || first === 'NOUN' || first === 'PROPN' || first === 'VERB') {
      for (; k < toks.length && toks[k]!.sentence === sent && k < t1 + 20; k++) {
        const w = toks[k]!.text;
        if (w === ',' || tags.upos[k] === 'VERB' || tags.upos[k] === 'AUX' || /^["“”]$/.test(w)) break;
        words.push(w.toLowerCase());
      }
    }
  }
  return words.filter((w) => /\p{L}/u.test(w));
}

export function buildSpeakerIndex(doc: Doc, tags: TokenTags, entities: EntityRecord[]): SpeakerIndex {
  const byKey = new Map<string, SpeakerCandidate>();
  const spans: Array<{ start: number; end: number; cand: SpeakerCandidate }> = [];
  const lastWord = (name: string): string => name.split(/\s+/).pop()!.toLowerCase().replace(/[’']s$/, '');
  // Two people the entity layer tells apart ("Bill Clinton", "Hillary Clinton") keep apart here too.
  const personIds = new Map<string, Set<string>>();
  for (const e of entities) if (e.type === 'PERSON' || e.type === 'PER') personIds.set(lastWord(e.name), (personIds.get(lastWord(e.name)) ?? new Set()).add(e.id));
  const add = (name: string, start: number, end: number, t0: number, t1: number, entityId: string | null, person: boolean, roles: string[], speaker = person): void => {
    const surname = lastWord(name);
    const key = entityId && person && (personIds.get(surname)?.size ?? 0) > 1 ? `${surname}#${entityId}` : surname;
    let cand = byKey.get(key);
    if (!cand) {
      cand = { key, name, entityId, person, speaker, roles: new Set(), mentions: [], male: 0, female: 0 };
      byKey.set(key, cand);
    }
    if (name.length > cand.name.length) cand.name = name;
    cand.entityId ??= entityId;
    cand.mentions.push(start);
    if (t0 >= 0) for (const r of roleWords(doc, tags, t0, t1)) cand.roles.add(r);
    if (t0 >= 0 && person) {
      const g = genderAt(doc, tags, t0, t1);
      if (g === 'm') cand.male++;
      else if (g === 'f') cand.female++;
    }
    for (const r of roles) for (const w of r.toLowerCase().split(/\s+/)) cand.roles.add(w);
    spans.push({ start, end, cand });
  };
  const speakerTypes = new Set(['PERSON', 'PER', 'ORG', 'GROUP', 'NORP', 'GPE']);
  const usable = entities.filter((e) => speakerTypes.has(e.type));
  if (usable.length > 0) {
    for (const e of usable) {
      for (const m of e.mentions) {
        const t0 = doc.tokens.findIndex((t) => t.start >= m.start);
        let t1 = t0;
        while (t1 < doc.tokens.length && doc.tokens[t1]!.end <= m.end) t1++;
        const person = e.type === 'PERSON' || e.type === 'PER';
        add(e.name, m.start, m.end, t0, t1, e.id, person, e.roles, person || e.type === 'ORG' || e.type === 'GROUP' || e.type === 'GPE');
      }
    }
  } else {
    for (const r of nameRuns(doc, tags)) add(doc.text.slice(r.start, r.end), r.start, r.end, r.t0, r.t1, null, !r.place, []);
  }
  spans.sort((a, b) => a.start - b.start);
  // The first name in a source phrase is its head ("Velayati, a senior advisor to … Khamenei"), but a
  // person named after a place in a title ("the minister of Marovia, Talia Renquist") heads it.
  const headName = (span: Span): { start: number; cand: SpeakerCandidate } | null => {
    // A name modifying a noun ("the Marovian minister", "Pellish Ambassador to …") is not the head.
    const inside = spans.filter((s) => {
      if (s.start < span.start || s.end > span.end || !s.cand.speaker) return false;
      const after = doc.text.slice(s.end, span.end);
      return after.trim() === '' || /^\s*[,(]|^['’]s\b/.test(after);
    });
    const first = inside[0];
    if (!first || first.cand.person) return first ?? null;
    // "Veloria's Foreign Minister Maren Holt", "Estonia's Maritime Administration": the name that ends the
    // phrase heads it, not the possessor.
    const last = inside[inside.length - 1]!;
    if (last !== first && /^[\s,]*$/.test(doc.text.slice(last.end, span.end)) && /^['’]s\b/.test(doc.text.slice(first.end, span.end))) return last;
    const person = inside.find((s) => s.cand.person && s.start - first.end < 4);
    return person ?? first;
  };
  return {
    candidates: [...byKey.values()],
    said: new Map(),
    firstNameStart(span: Span): number | null {
      return headName(span)?.start ?? null;
    },
    nameIn(span: Span): SpeakerCandidate | null {
      return headName(span)?.cand ?? null;
    },
    candidate(key: string): SpeakerCandidate | undefined {
      return byKey.get(key);
    },
  };
}

const MALE_WORDS = /^(?:mr\.?|sir|spokesman|chairman|congressman|businessman|king|prince|father|son|brother|husband|actor)$/i;
const FEMALE_WORDS = /^(?:mrs\.?|ms\.?|miss|madam|dame|spokeswoman|chairwoman|congresswoman|businesswoman|queen|princess|mother|daughter|sister|wife|actress)$/i;
/** Cues after which a possessive is the speaker's own ("Holt said her party …"), unlike "warned her". */
const SAYING_LEMMAS = new Set(['say', 'tell', 'add', 'state', 'write', 'argue', 'note']);

/**
 * What one name mention tells of a person's gender: a title or gendered noun just before it ("Mr.",
 * "spokeswoman Lea Tamm"), or the first personal pronoun after it in its sentence, before any other name
 * ("Holt said her party …", "Kamala Lopez … as she called for …").
 */
function genderAt(doc: Doc, tags: TokenTags, t0: number, t1: number): 'm' | 'f' | null {
  const toks = doc.tokens;
  const sent = toks[t0]!.sentence;
  for (let k = t0 - 1; k >= 0 && k >= t0 - 2 && toks[k]!.sentence === sent; k--) {
    if (MALE_WORDS.test(toks[k]!.text)) return 'm';
    if (FEMALE_WORDS.test(toks[k]!.text)) return 'f';
  }
  for (let k = t1; k < toks.length && k <= t1 + 12 && toks[k]!.sentence === sent; k++) {
    if (tags.upos[k] === 'PROPN' || /^[“"‘]$/.test(toks[k]!.text)) break;
    // Subject pronouns mostly look back to the subject; an object "her" as often means someone else
    // ("Trump attacked her"), so a possessive counts only right after a saying verb ("Holt said her …").
    const w = toks[k]!.text.toLowerCase();
    const afterSaying = k > t1 && SAYING_LEMMAS.has(verbCueLemma(toks[k - 1]!.text.toLowerCase()) ?? '');
    if (w === 'he' || (w === 'his' && afterSaying)) return 'm';
    if (w === 'she' || (w === 'her' && afterSaying)) return 'f';
  }
  return null;
}

/** Whether a person candidate may be "he" (want 'm') or "she" ('f'): no more evidence against it than for it. */
function genderFits(c: SpeakerCandidate, want: 'm' | 'f'): boolean {
  return want === 'm' ? c.female <= c.male : c.male <= c.female;
}

/** Score a description ("the senior Iranian official") against a candidate's roles; -1 when incompatible. */
function describeScore(words: string[], cand: SpeakerCandidate): number {
  let score = 0;
  for (const w of words) {
    const country = DEMONYM_TO_COUNTRY.get(w);
    if (country || looksDemonym(w, 'official')) {
      const hasOwn = [...cand.roles].some((r) => r !== w && looksDemonym(r, 'official'));
      if ([...cand.roles].some((r) => sameNation(w, r))) score += 2;
      else if (hasOwn) return -1;
      continue;
    }
    const alts = SYNONYMS[w] ?? [w];
    if (alts.some((a) => cand.roles.has(a))) score += 2;
    else if ((w === 'official' || w === 'leader') && [...cand.roles].some((r) => OFFICE_WORDS.has(r))) score += 1;
    else if (OFFICE_WORDS.has(w) && !SYNONYMS[w]) score -= 1;
  }
  return score;
}

/** A demonym and a role word that name the same nation ("iranian"/"iran", "marovian"/"marovia"). */
function sameNation(demonym: string, role: string): boolean {
  if (role === demonym || DEMONYM_TO_COUNTRY.get(demonym) === role) return true;
  return role.length >= 4 && demonym.startsWith(role.replace(/[aeiou]$/, ''));
}

const ANONYMOUS = /\b(?:anonymity|not authori[sz]ed to|declined to be (?:named|identified)|asked not to be (?:named|identified))\b/i;

const SPOKESPERSON_FOR = /^(?:an?|the)?\s*(?:\w+\s+)?(?:spokesman|spokeswoman|spokesperson|representative)\s+(?:for|of)\s+(the\s+[^,]+?)\s*,?$/i;

/** Head nouns of organisation descriptions that an organisation's own name carries ("the ministry": "Foreign Ministry"). */
const ORGANISATION_HEADS = new Set(
  `ministry administration commission committee council agency department authority office board bureau
 government cabinet parliament assembly party union federation association league army navy police court
 bank company corporation group organisation organization embassy movement coalition alliance militia
 university institute foundation fund service airline club church campaign`.split(/\s+/),
);

/**
 * "The administration said", "the commission": a definite description headed by an organisation noun refers
 * to the organisation named before it whose name has that noun, the most recently mentioned when several.
 */
function organisationDescribed(index: SpeakerIndex, phrase: string, at: number): SpeakerCandidate | null {
  const m = /^(?:the|this)\s+((?:[\p{L}-]+\s+){0,2}?)([\p{L}-]+)\s*,?$/iu.exec(phrase.trim());
  if (!m) return null;
  const head = m[2]!.toLowerCase();
  if (!ORGANISATION_HEADS.has(head)) return null;
  const modifiers = m[1]!.toLowerCase().split(/\s+/).filter(Boolean);
  let best: SpeakerCandidate | null = null;
  let bestAt = -1;
  for (const c of index.candidates) {
    if (c.person || !c.speaker) continue;
    const words = c.name.toLowerCase().split(/[\s-]+/);
    if (!words.includes(head) || !modifiers.every((w) => words.includes(w))) continue;
    const before = c.mentions.filter((x) => x < at);
    const last = before.length ? before[before.length - 1]! : -1;
    if (last > bestAt) {
      bestAt = last;
      best = c;
    }
  }
  return best;
}

export interface ResolveContext {
  /** Offset of the source phrase. */
  at: number;
  /** Most recently resolved speakers, latest last. */
  recent: ResolvedSpeaker[];
}

/** Resolve a source phrase to a candidate, or null when nothing fits. */
export function resolveSpeaker(index: SpeakerIndex, source: Span, sourceText: string, ctx: ResolveContext): ResolvedSpeaker | null {
  const named = index.nameIn(source);
  const out = (c: SpeakerCandidate): ResolvedSpeaker => ({ key: c.key, name: c.name, entityId: c.entityId, person: c.person });
  if (named) {
    // "A senior advisor to Ayatollah … Khamenei" names Khamenei but is headed by "advisor".
    const first = index.firstNameStart(source) ?? source.start;
    const prefix = sourceText.slice(0, first - source.start).split(/[\s,]+/).filter((w) => w && !DESCRIPTION_SKIP.has(w.toLowerCase()));
    const titleLike = (w: string): boolean => isCap(w) || TITLE_WORDS.has(w.toLowerCase()) || w === 'to' || w === 'of';
    if (prefix.every(titleLike)) return out(named);
    // "The European fisheries commissioner, Marek Sorn,": a description with the person's name apposed after it.
    if (named.person && /,\s*$/.test(sourceText.slice(0, first - source.start))) return out(named);
  }
  // "A diplomat, who spoke on condition of anonymity,": the writer withholds the name, so we do not guess it.
  if (ANONYMOUS.test(sourceText)) return null;
  // "A spokesman for the commission" speaks for the commission.
  const spokesFor = SPOKESPERSON_FOR.exec(sourceText);
  if (spokesFor) {
    const org = organisationDescribed(index, spokesFor[1]!, ctx.at);
    if (org) return out(org);
  }
  const organisation = organisationDescribed(index, sourceText, ctx.at);
  if (organisation) return out(organisation);
  const headPhrase = sourceText.split(/\s(?:to|of|on|for|from|at|in)\s|,/)[0] ?? sourceText;
  const words = headPhrase
    .toLowerCase()
    .split(/[\s,]+/)
    .map((w) => w.replace(/[’']s$/, ''))
    .filter((w) => w && !DESCRIPTION_SKIP.has(w));
  if (words.length === 0) return null;
  if (words.length === 1 && PRONOUNS_PERSON.has(words[0]!)) {
    // The speaker we last heard from is the most salient person; else the last person named before.
    // Neither may be someone the text calls by the other gender's pronoun or title.
    const want = /^(she|her|hers)$/.test(words[0]!) ? 'f' : 'm';
    const fits = (key: string): boolean => {
      const c = index.candidate(key);
      return !c || genderFits(c, want);
    };
    const last = [...ctx.recent].reverse().find((r) => r.person && fits(r.key));
    if (last) return last;
    let best: SpeakerCandidate | null = null;
    let bestAt = -1;
    for (const c of index.candidates) {
      if (!c.person || !genderFits(c, want)) continue;
      const before = c.mentions.filter((m) => m < ctx.at);
      const at = before.length ? before[before.length - 1]! : -1;
      if (at > bestAt) {
        bestAt = at;
        best = c;
      }
    }
    return best ? out(best) : null;
  }
  if (words.some((w) => PRONOUNS_OTHER.has(w)) && words.length <= 2) return null;
  const head = words[words.length - 1]!;
  // Only descriptions headed by an office or role noun name a specific actor.
  const headIsRole = OFFICE_WORDS.has(head) || head in SYNONYMS || TITLE_WORDS.has(head);
  if (!headIsRole) return null;
  const indefinite = /^(a|an)\s/i.test(sourceText.trim());
  let best: SpeakerCandidate | null = null;
  let bestScore = 0;
  for (const c of index.candidates) {
    if (!c.person) continue;
    // A definite description refers back; an indefinite one introduces someone: at the top of a story it points
    // ahead to its protagonist, but it never means a person already named ("A senior official" after the envoy).
    const namedBefore = c.mentions.some((m) => m < ctx.at);
    if (indefinite ? namedBefore : !namedBefore) continue;
    const s = describeScore(words, c);
    // A definite description must fit something we know of the candidate; an indefinite one only must not clash.
    if (s < 0 || (!indefinite && s === 0)) continue;
    const salience = (index.said.get(c.key) ?? 0) * 0.5 + c.mentions.length * 0.25 + (ctx.recent.some((r) => r.key === c.key) ? 0.25 : 0);
    const total = s + salience;
    if (total > bestScore || (best === null && total >= bestScore)) {
      bestScore = total;
      best = c;
    }
  }
  if (best) for (const w of words) if (DEMONYM_TO_COUNTRY.has(w) || OFFICE_WORDS.has(w)) best.roles.add(w);
  return best ? out(best) : null;
}
