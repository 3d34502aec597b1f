/**
 * The events layer: meetings, speech acts that are events (accusations,
 * appeals, praise, threats, rejections), support claimed inside quotes, and
 * reported actions, each coded as a PLOVER type with mode, CAMEO code,
 * source and target entities, trigger, place, date and status.
 *
 * Status: an event inside a speaker's content is `claimed` by that
 * attribution (a speaker's claim is not a reported fact); otherwise the
 * words before the trigger make it `negated`, `hypothetical` or `future`,
 * else it is `asserted`. One meeting mentioned twice is one event.
 */
import type { Doc, Sentence } from '../doc/doc.js';
import type { AttributionRecord, EntityRecord, EventRecord, TextSpan } from '../analysis.js';
import { isSpeechLemma } from '../knowledge/cues.js';
import { ploverOfCameo } from '../knowledge/events/ontology.js';
import {
  ACCUSING_CONTENT,
  ACTIVE_SUPPORT,
  FUTURE,
  HYPOTHETICAL,
  MEETING,
  MEETING_WORDS,
  NEGATION,
  PASSIVE_SUPPORT,
  SPEECH_CUES,
  ACTION_PHRASES,
  THREAT_LEAD,
  actionSense,
  type TriggerSense,
} from './events-lexicon.js';
import { countryIndex } from './actors.js';
import { datelinePlace, findPlaces, type PlaceMention } from './places.js';
import { findTimes, type TimeExpression } from './time.js';

export interface EventOptions {
  /** Publication date (ISO): anchors weekdays and "last month". */
  published?: string | null;
}

interface MentionRef {
  entity: EntityRecord;
  start: number;
  end: number;
  text: string;
}

interface Ctx {
  doc: Doc;
  entities: EntityRecord[];
  attributions: AttributionRecord[];
  mentions: MentionRef[];
  published: string | null;
  countries: string[];
  dateline: PlaceMention | null;
  /** Per draft: its sentence index, and how far its date was written from its trigger (for merging). */
  sentenceOf: Map<Draft, number>;
  dateDistance: Map<Draft, number>;
}

type Draft = Omit<EventRecord, 'id'>;

const COOPERATIVE = new Set(['AGREE', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT', 'CONSULT']);

const ACTOR_TYPES = new Set(['PERSON', 'ORG', 'GROUP', 'GPE', 'NORP']);

function isActor(e: EntityRecord): boolean {
  if (!ACTOR_TYPES.has(e.type)) return false;
  // A region-only demonym ("Western", "African") is no actor; a country or group-coded one is.
  if (e.type === 'NORP') return e.country !== null || e.sector !== null;
  return true;
}

function allMentions(entities: EntityRecord[]): MentionRef[] {
  const out: MentionRef[] = [];
  for (const e of entities) if (isActor(e)) for (const m of e.mentions) out.push({ entity: e, start: m.start, end: m.end, text: m.text });
  return out.sort((a, b) => a.start - b.start);
}

function mentionsIn(ctx: Ctx, start: number, end: number): MentionRef[] {
  return ctx.mentions.filter((m) => m.start >= start && m.end <= end);
}

/** Countries the article is about, most mentioned first (place disambiguation context). */
function articleCountries(entities: EntityRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const e of entities) if (e.country) counts.set(e.country, (counts.get(e.country) ?? 0) + e.mentions.length);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

function span(doc: Doc, start: number, end: number): TextSpan {
  return { start, end, text: doc.text.slice(start, end) };
}

/** The attribution whose content holds this offset. */
function contentAt(ctx: Ctx, offset: number): AttributionRecord | null {
  for (const a of ctx.attributions) for (const s of a.content.spans) if (offset >= s.start && offset < s.end) return a;
  return null;
}

/** Words of the clause just before the trigger (back to the last comma, semicolon or quote, at most 8 words). */
function leftClause(doc: Doc, sentence: Sentence, at: number): string {
  const before = doc.text.slice(sentence.start, at);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf('“'), before.lastIndexOf('"'));
  return before.slice(cut + 1).split(/\s+/).slice(-8).join(' ');
}

function statusOf(ctx: Ctx, sentence: Sentence, trigger: { start: number; end: number }, speechAct: boolean): Pick<EventRecord, 'status' | 'claimedBy'> {
  const claim = contentAt(ctx, trigger.start);
  if (claim && !(speechAct && claim.cue.start === trigger.start)) return { status: 'claimed', claimedBy: claim.id };
  const left = leftClause(ctx.doc, sentence, trigger.start);
  if (NEGATION.test(left)) return { status: 'negated', claimedBy: null };
  if (HYPOTHETICAL.test(left)) return { status: 'hypothetical', claimedBy: null };
  if (FUTURE.test(left)) return { status: 'future', claimedBy: null };
  return { status: 'asserted', claimedBy: null };
}

/** The date of an event: the time expression of its sentence nearest the trigger, past or present only. */
function dateOf(times: TimeExpression[], trigger: { start: number; end: number }): EventRecord['date'] {
  let best: TimeExpression | null = null;
  let bestDist = Infinity;
  for (const t of times) {
    if (t.future || t.value.endsWith('_REF')) continue;
    // Expressions after the trigger belong to it more often than ones before ("met X on Friday").
    const dist = t.start >= trigger.end ? t.start - trigger.end : (trigger.start - t.end) * 1.5;
    if (dist < bestDist) {
      best = t;
      bestDist = dist;
    }
  }
  return best ? { value: best.value, precision: best.precision, text: best.text } : null;
}

function placeOf(places: PlaceMention[], trigger: { start: number; end: number }): EventRecord['location'] {
  let best: PlaceMention | null = null;
  let bestDist = Infinity;
  for (const p of places) {
    // Places far after the trigger belong to other clauses ("… the fight against terrorists in Lebanon").
    const dist = p.start >= trigger.end ? p.start - trigger.end : (trigger.start - p.end) * 0.8;
    if (p.start >= trigger.end && dist > 90) continue;
    if (dist < bestDist) {
      best = p;
      bestDist = dist;
    }
  }
  return best ? { name: best.name, country: best.country, lat: best.lat, lon: best.lon } : null;
}

/** Where the clause after a trigger ends: sentence end, semicolon, quote, a comma or a date/place phrase. */
function clauseEnd(doc: Doc, sentence: Sentence, from: number): number {
  const rest = doc.text.slice(from, sentence.end);
  const m = /[;:“”"]|,\s|\s(?:on|in|at|during|to\s+(?:discuss|talk)|about|and\s+(?:said|stressed|discussed))\s(?!the\s+\p{Lu})/u.exec(rest);
  return m ? from + m.index : sentence.end;
}

/** Where a list of agents after "by" ends: "backed by Veloria, the Castamari navy and some neighbouring states that …". */
function listEnd(doc: Doc, sentence: Sentence, from: number): number {
  const rest = doc.text.slice(from, sentence.end);
  const m = /[;:“”"]|\s(?:that|which|who|to|in|on|for|are|is|have|has)\s/.exec(rest);
  return m ? from + m.index : sentence.end;
}

/** Who a sentence is about when it names nobody: the speaker or source of the last event or attribution. */
interface Topic {
  entity: string | null;
}

function sourceBefore(ctx: Ctx, sentence: Sentence, at: number, topic: Topic): string[] {
  // The speaker of an attribution in this sentence whose content does not hold the trigger.
  for (const a of ctx.attributions) {
    if (a.cue.start < sentence.start || a.cue.start >= sentence.end || !a.speaker?.entity) continue;
    if (contentAt(ctx, at) === a) continue;
    return [a.speaker.entity];
  }
  const claim = contentAt(ctx, at);
  const from = claim?.content.spans.find((s) => at >= s.start && at < s.end)?.start ?? sentence.start;
  const before = mentionsIn(ctx, from, at).filter((m) => (!m.entity.type.match(/^(GPE|LOC)$/) || isSubjectPosition(ctx.doc, m)) && !(topic.entity && isDescriptor(ctx.doc, m)));
  const people = before.filter((m) => m.entity.type === 'PERSON');
  const pick = people[0] ?? before[0];
  if (pick) return [pick.entity.id];
  // "Obama said he would not …": a pronoun subject in reported speech is, most often, the speaker.
  if (claim?.speaker?.entity && /^(?:that\s+)?(?:he|she|they|we|I)\b/i.test(ctx.doc.text.slice(from, at).trim())) return [claim.speaker.entity];
  return topic.entity && !claim ? [topic.entity] : [];
}

/** A demonym inside a description of someone ("the senior Iranian official"): the person, not the nation, acts. */
function isDescriptor(doc: Doc, m: MentionRef): boolean {
  if (m.entity.type !== 'NORP') return false;
  return /^\s+(?:[\w-]+\s+)?(?:official|minister|president|premier|envoy|advis[eo]r|leader|diplomat|ambassador|spokes\w+|commander|general|lawmaker)\b/i.test(doc.text.slice(m.end, m.end + 40));
}

/** Actors coordinated right before a verb ("The US, Russia, and Switzerland met"). */
function coordinatedBefore(ctx: Ctx, sentence: Sentence, at: number): string[] {
  const before = mentionsIn(ctx, sentence.start, at);
  if (before.length === 0 || !/^\s*$/.test(ctx.doc.text.slice(before[before.length - 1]!.end, at))) return [];
  const run = [before[before.length - 1]!];
  for (let k = before.length - 2; k >= 0; k--) {
    const gap = ctx.doc.text.slice(before[k]!.end, run[0]!.start);
    if (gap.trim() === '' || !/^\s*,?\s*(?:(?:and|or)\s+)?(?:the\s+)?$/i.test(gap)) break;
    run.unshift(before[k]!);
  }
  return [...new Set(run.map((m) => m.entity.id))];
}

/** A place name that starts its clause acts as an actor ("Tehran and Beirut believe", "Iran condemned"). */
function isSubjectPosition(doc: Doc, m: MentionRef): boolean {
  const left = doc.text.slice(Math.max(0, m.start - 12), m.start);
  return !/\b(?:in|on|at|to|from|of|against|into|near|with|for|by)\s+(?:the\s+)?$/i.test(left);
}

function targetsIn(ctx: Ctx, from: number, to: number, exclude: readonly string[], placesAct = false): string[] {
  const found = mentionsIn(ctx, from, to).filter((m) => !exclude.includes(m.entity.id));
  const people = found.filter((m) => m.entity.type === 'PERSON');
  // A person's title holds organisations and places ("Secretary General of the Lebanese Hezbollah…"): the person is the target.
  const chosen = people.length > 0 ? people : found.filter((m) => placesAct || isSubjectPosition(ctx.doc, m) || m.entity.type !== 'GPE');
  return [...new Set(chosen.map((m) => m.entity.id))];
}

function finish(ctx: Ctx, sense: TriggerSense, source: string[], target: string[], trigger: { start: number; end: number }, sentence: Sentence, speechAct: boolean, times: TimeExpression[], places: PlaceMention[]): Draft {
  const status = statusOf(ctx, sentence, trigger, speechAct);
  if (status.status === 'claimed' && COOPERATIVE.has(sense.type) && NEGATION.test(leftClause(ctx.doc, sentence, trigger.start))) {
    // "He said he would not provide support": the speaker declines, CAMEO's rejection.
    const claim = ctx.attributions.find((x) => x.id === status.claimedBy);
    sense = { type: 'REJECT', mode: null, cameo: sense.type === 'AID' || sense.type === 'COOPERATE' || sense.type === 'SUPPORT' ? '121' : sense.type === 'CONSULT' ? '125' : sense.type === 'CONCEDE' || sense.type === 'RETREAT' ? '124' : '120' };
    if (claim?.speaker?.entity && source.length === 0) source = [claim.speaker.entity];
  }
  const mode = sense.mode ?? ploverOfCameo(sense.cameo)?.mode ?? null;
  if (status.claimedBy) {
    // A claim's time and place are the ones its content gives, not those of the speaking.
    const spans = ctx.attributions.find((a) => a.id === status.claimedBy)!.content.spans;
    const inside = (x: { start: number }): boolean => spans.some((s) => x.start >= s.start && x.start < s.end);
    times = times.filter(inside);
    places = places.filter(inside);
  }
  const date = status.status === 'future' ? null : dateOf(times, trigger);
  const draft: Draft = {
    type: sense.type,
    mode,
    cameo: sense.cameo,
    source,
    target,
    trigger: span(ctx.doc, trigger.start, trigger.end),
    location: placeOf(places, trigger),
    date,
    ...status,
  };
  ctx.sentenceOf.set(draft, ctx.doc.sentences.indexOf(sentence));
  const dt = date ? times.find((t) => t.text === date.text) : undefined;
  if (dt) ctx.dateDistance.set(draft, dt.start >= trigger.end ? dt.start - trigger.end : trigger.start - dt.end);
  return draft;
}

function meetings(ctx: Ctx, sentence: Sentence, topic: Topic, times: TimeExpression[], places: PlaceMention[]): Draft[] {
  const text = ctx.doc.text.slice(sentence.start, sentence.end);
  const out: Draft[] = [];
  if (!MEETING_WORDS.test(text)) return out;
  MEETING.lastIndex = 0;
  for (let m = MEETING.exec(text); m; m = MEETING.exec(text)) {
    const start = sentence.start + m.index;
    const end = start + m[0].length;
    const target = targetsIn(ctx, end, clauseEnd(ctx.doc, sentence, end), [], true);
    if (target.length === 0) {
      // "The US, Russia and Switzerland met": joint actors, no recipient (PLOVER's convention).
      const joint = coordinatedBefore(ctx, sentence, start);
      if (joint.length > 1 && /^(?:met|meet|meets)$/i.test(m[0])) out.push(finish(ctx, { type: 'CONSULT', mode: null, cameo: '040' }, joint, [], { start, end }, sentence, false, times, places));
      // Otherwise "met" or "received" without a person or body after it is no meeting ("received a report").
      continue;
    }
    const possessor = /(\S+)['’]s\s*$/.exec(ctx.doc.text.slice(sentence.start, start));
    let source: string[];
    if (possessor) {
      const pEnd = sentence.start + possessor.index + possessor[1]!.length;
      const owner = ctx.mentions.find((x) => x.end === pEnd);
      source = owner ? [owner.entity.id] : sourceBefore(ctx, sentence, start, topic);
    } else source = sourceBefore(ctx, sentence, start, topic);
    const src = source.filter((id) => !target.includes(id));
    const sense: TriggerSense = { type: 'CONSULT', mode: null, cameo: '040' };
    out.push(finish(ctx, sense, src, target, { start, end }, sentence, false, times, places));
  }
  return out;
}

/** Events a speaker performs by speaking: accusing, praising, urging, warning, rejecting. */
function speechEvents(ctx: Ctx, a: AttributionRecord, sentence: Sentence, times: TimeExpression[], places: PlaceMention[]): Draft[] {
  // An unresolved speaker phrase can still name an actor ("Ukrainian lawmakers").
  const speakerMention = a.speaker && !a.speaker.entity ? mentionsIn(ctx, a.speaker.mention.start, a.speaker.mention.end)[0] : undefined;
  const source = a.speaker?.entity ? [a.speaker.entity] : speakerMention ? [speakerMention.entity.id] : [];
  const lemma = a.cue.lemma.toLowerCase();
  const particle = /\s(for|on|upon)$/i.exec(a.cue.text)?.[1]?.toLowerCase();
  const sense = (particle ? SPEECH_CUES[`${lemma} ${particle}`] : undefined) ?? SPEECH_CUES[lemma];
  const out: Draft[] = [];
  const contentStart = a.content.spans[0]?.start ?? a.cue.end;
  const contentEnd = a.content.spans[a.content.spans.length - 1]?.end ?? a.cue.end;
  // "have been blamed": the blamed are the subject, and the accuser unknown.
  if (sense && /\b(?:been|was|were|is|are|be)\s/i.test(a.cue.text)) return out;
  if (sense) {
    // The object of the cue ("accused Washington of…") or the actors of the content.
    const objEnd = Math.min(contentStart > a.cue.end ? contentStart : contentEnd, sentence.end);
    const warm = sense.type === 'SUPPORT' || sense.type === 'REQUEST';
    // Praise and appeals are toward whoever the content names, places included ("relations with Russia", "Iran's role").
    let target = targetsIn(ctx, a.cue.end, Math.max(objEnd, contentEnd), source, warm);
    if (warm) target = target.slice(0, 2);
    else {
      // Hostile words aim abroad: "Ramos warned that Peru would not tolerate…" does not threaten Peru.
      const own = new Set(source.map((id) => ctx.entities.find((e) => e.id === id)?.country).filter((c): c is string => !!c));
      target = target.filter((id) => !own.has(ctx.entities.find((e) => e.id === id)?.country ?? ''));
    }
    // A rejection or a warning is an event even when its object is not an actor ("rejected the accusation").
    const standsAlone = sense.type === 'REJECT' || sense.type === 'THREATEN';
    if (source.length > 0 && (target.length > 0 || standsAlone)) out.push(finish(ctx, sense, source, target, a.cue, sentence, true, times, places));
    return out;
  }
  // Plain "said": the content can still be an accusation against whoever it blames.
  for (const piece of a.content.spans) {
    const text = ctx.doc.text.slice(piece.start, piece.end);
    const hit = ACCUSING_CONTENT.exec(text);
    if (!hit) continue;
    const at = piece.start + hit.index;
    const passive = PASSIVE_SUPPORT.test(hit[0]);
    const accused = passive
      ? mentionsIn(ctx, at, listEnd(ctx.doc, sentence, at + hit[0].length))
      : mentionsIn(ctx, piece.start, at).filter((m) => isSubjectPosition(ctx.doc, m));
    const target = [...new Set(accused.filter((m) => m.entity.country !== null || m.entity.type === 'GROUP').map((m) => m.entity.id))].filter((id) => !source.includes(id));
    if (target.length === 0) continue;
    out.push(finish(ctx, { type: 'ACCUSE', mode: 'allege', cameo: '112' }, source, target, a.cue, sentence, true, times, places));
    return out;
  }
  // A speaker who reports that another actor attacked or coerced is accusing it ("The US said Iraq had attacked …").
  for (const piece of a.content.spans) {
    const first = ctx.doc.tokens.findIndex((t) => t.start >= piece.start);
    for (let i = Math.max(0, first); i < ctx.doc.tokens.length && ctx.doc.tokens[i]!.end <= piece.end; i++) {
      const hostile = actionSense(ctx.doc.tokens[i]!.text);
      if (!hostile || !(hostile.type === 'ASSAULT' || hostile.type === 'COERCE') || ctx.doc.syntax?.upos[i] === 'NOUN') continue;
      // The doer is in the verb's own clause ("Raqqah, which US-backed militants seized": not Raqqah), and a city does not attack.
      const verbAt = ctx.doc.tokens[i]!.start;
      const clause = [...ctx.doc.text.slice(piece.start, verbAt).matchAll(/\b(?:which|who|whom|that)\s|[,;]\s/g)].pop();
      const from = clause ? piece.start + clause.index + clause[0].length : piece.start;
      const doers = mentionsIn(ctx, from, verbAt).filter(
        (m) => isSubjectPosition(ctx.doc, m) && (m.entity.type === 'GROUP' || (m.entity.country !== null && (m.entity.type !== 'GPE' || countryIndex().names.has(m.entity.name.toLowerCase().replace(/^the /, ''))))),
      );
      const target = [...new Set(doers.map((m) => m.entity.id))].filter((id) => !source.includes(id)).slice(-1);
      if (source.length === 0 || target.length === 0) continue;
      out.push(finish(ctx, { type: 'ACCUSE', mode: 'allege', cameo: '112' }, source, target, a.cue, sentence, true, times, places));
      return out;
    }
  }
  return out;
}

/** Support claimed inside content: "Daesh, which is backed by Israel, the US…", "the US … are supporting Takfiri terrorists". */
function supportClaims(ctx: Ctx, a: AttributionRecord, sentence: Sentence, times: TimeExpression[], places: PlaceMention[]): Draft[] {
  const out: Draft[] = [];
  for (const piece of a.content.spans) {
    const text = ctx.doc.text.slice(piece.start, piece.end);
    const passive = PASSIVE_SUPPORT.exec(text);
    if (passive) {
      const at = piece.start + passive.index;
      const trigEnd = at + passive[0].length;
      const sources = mentionsIn(ctx, trigEnd, listEnd(ctx.doc, sentence, trigEnd)).filter((m) => m.entity.country !== null || m.entity.type === 'GROUP');
      const before = mentionsIn(ctx, piece.start, at);
      const backed = before[before.length - 1];
      if (sources.length > 0) {
        out.push(finish(ctx, { type: 'SUPPORT', mode: null, cameo: '050' }, [...new Set(sources.map((m) => m.entity.id))], backed ? [backed.entity.id] : [], { start: at, end: at + passive[0].replace(/\s+by$/i, '').length }, sentence, false, times, places));
      }
      continue;
    }
    const active = ACTIVE_SUPPORT.exec(text);
    if (active && ACCUSING_CONTENT.test(text.slice(active.index))) {
      const at = piece.start + active.index;
      const sources = mentionsIn(ctx, piece.start, at).filter((m) => isSubjectPosition(ctx.doc, m) && (m.entity.country !== null || m.entity.type === 'GROUP'));
      const targets = mentionsIn(ctx, at, clauseEnd(ctx.doc, sentence, at + active[0].length));
      if (sources.length > 0) {
        out.push(finish(ctx, { type: 'SUPPORT', mode: null, cameo: '050' }, [...new Set(sources.map((m) => m.entity.id))], [...new Set(targets.map((m) => m.entity.id))], { start: at, end: at + active[0].length }, sentence, false, times, places));
      }
    }
  }
  return out;
}

/** The actor doing what a verb at `at` says: inside a relative clause its own subject ("Raqqah, which US-backed militants seized"), else the clause's. */
function subjectOf(ctx: Ctx, sentence: Sentence, at: number): string[] {
  const rel = [...ctx.doc.text.slice(sentence.start, at).matchAll(/\b(?:which|who|whom|that)\s/g)].pop();
  if (!rel) {
    // The clause holding the verb speaks first: "If Somalia attacks …, Kenya could expel …".
    const comma = Math.max(ctx.doc.text.lastIndexOf(', ', at), ctx.doc.text.lastIndexOf('; ', at));
    if (comma > sentence.start && !contentAt(ctx, at)) {
      const own = mentionsIn(ctx, comma, at).filter((m) => isSubjectPosition(ctx.doc, m) && !isDescriptor(ctx.doc, m));
      if (own.length > 0) return [own[0]!.entity.id];
    }
    return sourceBefore(ctx, sentence, at, { entity: null });
  }
  return mentionsIn(ctx, sentence.start + rel.index + rel[0].length, at)
    .filter((m) => isSubjectPosition(ctx.doc, m))
    .slice(0, 1)
    .map((m) => m.entity.id);
}

/** Reported actions outside speech cues: "troops attacked the village", "police arrested two activists". */
function actions(ctx: Ctx, sentence: Sentence, topic: Topic, times: TimeExpression[], places: PlaceMention[], taken: Array<{ start: number; end: number }>): Draft[] {
  const out: Draft[] = [];
  const text = ctx.doc.text.slice(sentence.start, sentence.end);
  for (const [re, sense] of ACTION_PHRASES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const trigger = { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length };
      if (taken.some((t) => trigger.start < t.end && t.start < trigger.end)) continue;
      const source = subjectOf(ctx, sentence, trigger.start);
      // The phrase ends with its preposition or object noun: what follows is the target, places included.
      const selfOk = (id: string): boolean => ctx.entities.find((e) => e.id === id)?.type === 'NORP';
      // Objects inside the phrase count ("engaged Filipino peacekeepers in a firefight").
      const target = targetsIn(ctx, trigger.start, clauseEnd(ctx.doc, sentence, trigger.end + 1), source.filter((id) => !selfOk(id)), true).slice(0, 2);
      if (source.length === 0) continue;
      taken.push(trigger);
      out.push(finish(ctx, sense, source, target, trigger, sentence, false, times, places));
    }
  }
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    const tok = ctx.doc.tokens[i]!;
    const sense0 = actionSense(tok.text);
    if (!sense0) continue;
    if (taken.some((t) => tok.start < t.end && t.start < tok.end)) continue;
    // Nouns and adjectives that look like verbs ("the attack", "US-backed") are left alone.
    const upos = ctx.doc.syntax?.upos[i];
    if (upos && upos !== 'VERB') continue;
    if (!upos && /^(?:the|a|an|this|that|its|their|his|her)$/i.test(ctx.doc.tokens[i - 1]?.text ?? '')) continue;
    if (ctx.doc.text[tok.start - 1] === '-') continue;
    // Passive "X was attacked by Y" swaps the roles.
    const passive = /\b(?:was|were|been|being|is|are)\s+$/i.test(ctx.doc.text.slice(Math.max(sentence.start, tok.start - 12), tok.start)) && /^\s+by\b/i.test(ctx.doc.text.slice(tok.end, tok.end + 4));
    const after = targetsIn(ctx, tok.end, clauseEnd(ctx.doc, sentence, tok.end), [], sense0.type === 'CONSULT');
    const before = subjectOf(ctx, sentence, tok.start);
    const sense = sense0.type === 'ASSAULT' && THREAT_LEAD.test(ctx.doc.text.slice(sentence.start, tok.start)) ? ({ type: 'THREATEN', mode: 'violence', cameo: '138' } as const) : sense0;
    const source = passive ? after.slice(0, 1) : before;
    let target = passive ? before : after;
    // "fired at Russia", "an attack on Iraq": the object of at/against/on is the target, not a place.
    if (target.length === 0 && !passive) {
      const pp = ctx.mentions.find((m) => m.start >= tok.end && m.end <= sentence.end && /\b(?:at|against|on|upon|toward|towards)\s+(?:the\s+)?$/i.test(ctx.doc.text.slice(tok.end, m.start)));
      if (pp) target = [pp.entity.id];
    }
    // One entity can act on itself through different mentions ("Georgian demonstrators … the Georgian government").
    target = target.filter((id) => !source.includes(id) || ctx.entities.find((e) => e.id === id)?.type === 'NORP');
    // An action with no actor is a fact about the target at best; we code who did what. A visit needs a host.
    if (source.length === 0 || (sense.type === 'CONSULT' && target.length === 0)) continue;
    out.push(finish(ctx, sense, source, target, tok, sentence, false, times, places));
  }
  return out;
}

function sameMeeting(ctx: Ctx, a: Draft, b: Draft): boolean {
  if (a.type !== 'CONSULT' || b.type !== 'CONSULT' || a.target.length === 0 || b.target.length === 0) return false;
  const pa = new Set([...a.source, ...a.target]);
  const pb = [...b.source, ...b.target];
  const common = pb.filter((id) => pa.has(id)).length;
  if (common < Math.min(2, pa.size, pb.length) || common === 0) return false;
  if (a.date && b.date && a.date.value !== b.date.value && !(ctx.sentenceOf.has(a) && ctx.sentenceOf.get(a) === ctx.sentenceOf.get(b))) return false;
  // Two participants in common: the same meeting, unless one side met more people.
  return common === Math.min(pa.size, pb.length);
}

/** Merge repeated mentions of one meeting: the first mention stays, later ones fill its gaps. */
function dedupe(ctx: Ctx, events: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const e of events) {
    const same = out.find((o) => sameMeeting(ctx, o, e) || (o.trigger.start === e.trigger.start && o.type === e.type));
    if (!same) {
      out.push(e);
      continue;
    }
    // Keep the date written closest to its own trigger ("held a meeting with … on Friday").
    if (!same.date || (e.date && (ctx.dateDistance.get(e) ?? Infinity) < (ctx.dateDistance.get(same) ?? Infinity))) {
      same.date = e.date;
      ctx.dateDistance.set(same, ctx.dateDistance.get(e) ?? Infinity);
    }
    same.location ??= e.location;
    for (const id of e.target) if (!same.target.includes(id) && !same.source.includes(id)) same.target.push(id);
  }
  return out;
}

export function annotateEvents(doc: Doc, entities: EntityRecord[], attributions: AttributionRecord[], options: EventOptions = {}): EventRecord[] {
  const countries = articleCountries(entities);
  const ctx: Ctx = {
    doc,
    entities,
    attributions,
    mentions: allMentions(entities),
    published: options.published ?? null,
    countries,
    dateline: datelinePlace(doc.text, countries),
    sentenceOf: new Map(),
    dateDistance: new Map(),
  };
  const drafts: Draft[] = [];
  const topic: Topic = { entity: null };
  let scene: EventRecord['location'] = ctx.dateline ? { name: ctx.dateline.name, country: ctx.dateline.country, lat: ctx.dateline.lat, lon: ctx.dateline.lon } : null;
  for (const sentence of doc.sentences) {
    const text = doc.text.slice(sentence.start, sentence.end);
    const times = findTimes(text, ctx.published, sentence.start);
    const places = findPlaces(text, sentence.start, countries);
    // An arrival or a visit sets the scene for the meetings reported after it.
    const arrival = /\b(?:arrived|arrives|arriving|visit(?:ed|ing|s)?|visit)\b/i.exec(text);
    const venue = arrival ? places.find((p) => p.start >= sentence.start + arrival.index && p.cue !== 'posting') : undefined;
    if (venue) scene = { name: venue.name, country: venue.country, lat: venue.lat, lon: venue.lon };
    const here: Draft[] = [];
    here.push(...meetings(ctx, sentence, topic, times, places));
    const taken: Array<{ start: number; end: number }> = here.map((e) => e.trigger);
    for (const a of attributions) {
      if (a.cue.start < sentence.start || a.cue.start >= sentence.end) continue;
      const spoken = speechEvents(ctx, a, sentence, times, places);
      here.push(...spoken);
      // "attacked" or "ratified" read as cues are still actions when the speech reading codes nothing.
      if (spoken.length > 0 || isSpeechLemma(a.cue.lemma)) taken.push(a.cue);
    }
    for (const a of attributions) {
      const first = a.content.spans[0];
      if (!first || first.start < sentence.start || first.start >= sentence.end) continue;
      const claims = supportClaims(ctx, a, sentence, times, places);
      here.push(...claims);
      taken.push(...claims.map((c) => c.trigger));
    }
    here.push(...actions(ctx, sentence, topic, times, places, taken));
    for (const e of here) {
      // Meetings without a stated place happen where the last one did: reports follow one visit.
      if (e.type === 'CONSULT') {
        if (e.location) scene = e.location;
        // Only reported meetings happen at the scene; a planned one names its own place or none.
        else if (e.status === 'asserted') e.location = scene;
      } else if (!e.location && e.status !== 'claimed' && e.trigger.start === attributions.find((a) => a.cue.start === e.trigger.start)?.cue.start) {
        e.location = scene;
      }
    }
    drafts.push(...here.sort((a, b) => a.trigger.start - b.trigger.start));
    const last = here.find((e) => e.status !== 'claimed' && e.source.length > 0);
    const speaker = attributions.find((a) => a.cue.start >= sentence.start && a.cue.start < sentence.end && a.speaker?.entity)?.speaker?.entity;
    topic.entity = speaker ?? last?.source[0] ?? topic.entity;
  }
  return dedupe(ctx, drafts).map((e, i) => ({ id: `v${i + 1}`, ...e }));
}
