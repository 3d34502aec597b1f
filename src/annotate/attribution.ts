/**
 * Attribution: who said (wrote, thinks, wants) what. Rules over tokens, POS
 * tags and quote spans find, per sentence, each cue, its content (a quote, a
 * clause, an infinitive or a noun phrase; possibly several pieces) and its
 * source phrase; speakers are then resolved within the article.
 *
 * Span conventions follow PolNeAR, which we are scored on: content keeps its
 * complementiser ("that …") and quote marks but not the sentence's final
 * full stop; the source is the whole subject phrase, appositions included.
 */
import type { AttributionRecord, EntityRecord } from '../analysis.js';
import { tokenAt, type Doc, type Sentence, type Span } from '../doc/doc.js';
import { CONTENT_REQUIRED, cueClass, NOUN_CUES, PARTICLE_REQUIRED, PHRASAL_CUES, verbCueLemma, type CueClass } from '../knowledge/cues.js';
import { bestEnd, defaultContentModel, endCandidates, type EndCandidate } from './attribution-content-model.js';
import { bestStart, defaultStartModel, startCandidates, type StartCandidate } from './attribution-start-model.js';
import { bestCueEnd, cueEndCandidates, defaultCueEndModel, type CueEndCandidate } from './attribution-cue-end-model.js';
import { bestCueStart, cueStartCandidates, defaultCueStartModel, type CueStartCandidate } from './attribution-cue-start-model.js';
import { bestLead, defaultLeadModel, leadCandidates, type LeadCandidate } from './attribution-lead-model.js';
import { bestSourceEdge, defaultSourceModel, sourceEndCandidates, sourceStartCandidates, type SourceInput, type SourceModel } from './attribution-source-model.js';
import { cueFeatures, cueMargin, defaultCueModel, isCueCandidate, type CueModel } from './attribution-cue-model.js';
import { defaultFilterModel, filterFeatures, keeps } from './attribution-filter-model.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import { subtreeExtent, tokenTags, type TokenTags } from './attribution-tags.js';
import { findQuotes, type Quote } from './quotes.js';
import { buildSpeakerIndex, resolveSpeaker, type ResolvedSpeaker } from './speakers.js';
import { cueForm } from './cue-form.js';

export interface Attribution {
  kind: 'direct' | 'indirect' | 'mixed';
  cue: Span & { lemma: string; cls: CueClass | 'phrase' };
  content: Span[];
  source: Span | null;
  speaker: ResolvedSpeaker | null;
}

const SUBORDINATORS = new Set(['that', 'because', 'while', 'although', 'though', 'if', 'when', 'whether', 'as', 'after', 'before', 'since', 'unless', 'where']);
const CLOSE_QUOTE = /^[”"»]$/;
const FINAL_PUNCT = /^[.!?]+$/;
const TIME_WORDS = new Set(
  `monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week weekend month year morning
 afternoon evening night january february march april may june july august september october november december
 ago earlier later last recently`.split(/\s+/),
);
const NP_START = new Set(['DET', 'PROPN', 'NOUN', 'PRON', 'ADJ', 'NUM']);

interface Ctx {
  doc: Doc;
  tags: TokenTags;
  quotes: Quote[];
  /** The learned cue detector, when its model file is present. */
  model: CueModel | null;
  /** The detector's margin for each token it scored, kept for the filter (which reads the cue's surest token). */
  cueMargins?: Map<number, number>;
  /** The learned content-end ranker, when its model file is present. */
  contentModel: AveragedPerceptron | null;
  /** Training hook: sees every content-end decision. */
  recordEnd?: (decision: ContentEndDecision) => void;
  /** The learned content-start ranker, when its model file is present. */
  startModel: AveragedPerceptron | null;
  /** Training hook: sees every content-start decision. */
  recordStart?: (decision: ContentStartDecision) => void;
  /** The learned cue-end ranker, when its model file is present. */
  cueEndModel: AveragedPerceptron | null;
  /** Training hook: sees every cue-end decision. */
  recordCueEnd?: (decision: CueEndDecision) => void;
  /** The learned ranker of starts of contents before their cue, when its model file is present. */
  leadModel: AveragedPerceptron | null;
  /** Training hook: sees every such start decision. */
  recordLead?: (decision: LeadDecision) => void;
  /** The learned cue-start ranker, when its model file is present. */
  cueStartModel: AveragedPerceptron | null;
  /** Training hook: sees every cue-start decision. */
  recordCueStart?: (decision: CueStartDecision) => void;
  /** The learned source-boundary rankers, when their model file is present. */
  sourceModel: SourceModel | null;
  /** Training hook: sees every source-boundary decision. */
  recordSource?: (decision: SourceInput) => void;
}

/** One decision on where a content before its cue starts: the cue's head is token `head`. */
export interface LeadDecision {
  head: number;
  ruleStart: number;
  candidates: LeadCandidate[];
}

/** One cue-start decision, for training the cue-start ranker: the cue's head starts at token `head`. */
export interface CueStartDecision {
  head: number;
  ruleStart: number;
  candidates: CueStartCandidate[];
}

/** One cue-end decision, for training the cue-end ranker: the cue's head spans tokens [cueStart, cueEnd). */
export interface CueEndDecision {
  cueStart: number;
  cueEnd: number;
  ruleEnd: number;
  candidates: CueEndCandidate[];
}

/** One content-start decision, for training the start ranker: the cue spans tokens [cueStart, cueEnd). */
export interface ContentStartDecision {
  cueStart: number;
  cueEnd: number;
  ruleStart: number;
  candidates: StartCandidate[];
}

/** One content-end decision, for training the ranker: the content starts at token `from`. */
export interface ContentEndDecision {
  from: number;
  ruleEnd: number;
  candidates: EndCandidate[];
}

export interface AttributionOptions {
  recordContentEnd?: (decision: ContentEndDecision) => void;
  recordContentStart?: (decision: ContentStartDecision) => void;
  recordCueEnd?: (decision: CueEndDecision) => void;
  recordSource?: (decision: SourceInput) => void;
  recordCueStart?: (decision: CueStartDecision) => void;
  recordLead?: (decision: LeadDecision) => void;
}

interface CueHit {
  t0: number;
  t1: number;
  lemma: string;
  cls: CueClass | 'phrase';
}

/** A token that is (part of) a quotation mark: by its text, or because a quote starts or ends on it. */
function isQuoteMark(ctx: Ctx, i: number): boolean {
  const t = ctx.doc.tokens[i];
  if (!t) return false;
  if (/^["“”«»„]$/.test(t.text)) return true;
  if (t.text !== "'" && t.text !== '`') return false;
  return ctx.quotes.some((q) => q.span.end === t.end || q.span.start === t.start || q.span.end === t.end + 1 || q.span.start === t.start - 1);
}

function closesQuote(ctx: Ctx, i: number): Quote | undefined {
  const t = ctx.doc.tokens[i];
  return t ? quoteEndingAt(ctx, t.end) : undefined;
}

function lower(ctx: Ctx, i: number): string {
  return ctx.doc.tokens[i]?.text.toLowerCase().replace(/’/g, "'") ?? '';
}

function findCues(ctx: Ctx, s: Sentence): CueHit[] {
  const hits: CueHit[] = [];
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const w = lower(ctx, i);
    if (w === 'according' && lower(ctx, i + 1) === 'to' && i + 1 < s.tokenEnd) {
      hits.push({ t0: i, t1: i + 2, lemma: 'according to', cls: 'phrase' });
      i++;
      continue;
    }
    // The learned detector when its model ships; the lexicon rules otherwise (tried together, union and
    // intersection only trade precision for recall on PolNeAR dev).
    const hit = ctx.model ? learnedCue(ctx, s, i, hits) : ruleCue(ctx, s, i);
    if (hit && !(hits.length && hits[hits.length - 1]!.t1 > hit.t0)) {
      hits.push(withCatenativeVerb(ctx, s, hit));
      i = Math.max(i, hits[hits.length - 1]!.t1 - 1);
    }
  }
  return hits;
}

/** Verbs that take the report as an infinitive and share its cue: "is trying to show", "went on to say". */
/** Raising verbs ("The plan seems reckless", "seemed to reflect"): their subject is part of what is reported. */
const RAISING_FORMS = /^(seem|seems|seemed|appear|appears|appeared)$/;

const CATENATIVE = new Set(['try', 'continue', 'seem', 'appear', 'begin', 'start', 'go', 'struggle', 'attempt', 'proceed', 'dare']);

/**
 * PolNeAR's cue runs through the infinitive after a catenative verb ("trying to show", "continued to
 * insist", "went on to say"), and the content starts after it; on PolNeAR train these verbs' content starts
 * with "to" in only about a tenth of their attributions.
 */
function withCatenativeVerb(ctx: Ctx, s: Sentence, hit: CueHit): CueHit {
  // The detector may have taken the infinitive alone ("trying to [show]").
  let k = hit.t0 - 1;
  while (k > s.tokenStart && ctx.tags.upos[k] === 'ADV') k--;
  if (k > s.tokenStart && lower(ctx, k) === 'to') {
    let v = k - 1;
    if (lower(ctx, v) === 'on' && v > s.tokenStart) v--;
    const before = verbCueLemma(lower(ctx, v)) ?? ctx.tags.lemma[v] ?? lower(ctx, v);
    if (ctx.tags.upos[v] === 'VERB' && CATENATIVE.has(before) && (before === 'go') === (v === k - 2)) return { ...hit, t0: v };
  }
  const lemma = verbCueLemma(lower(ctx, hit.t0)) ?? ctx.tags.lemma[hit.t0] ?? lower(ctx, hit.t0);
  if (!CATENATIVE.has(lemma) || hit.t1 !== hit.t0 + 1) return hit;
  let j = hit.t1;
  if (lemma === 'go' && lower(ctx, j) === 'on') j++;
  else if (lemma === 'go') return hit;
  if (lower(ctx, j) !== 'to') return hit;
  j++;
  while (j < s.tokenEnd && ctx.tags.upos[j] === 'ADV') j++;
  if (j >= s.tokenEnd || ctx.tags.upos[j] !== 'VERB') return hit;
  const verbLemma = verbCueLemma(lower(ctx, j)) ?? ctx.tags.lemma[j] ?? lower(ctx, j);
  let t1 = j + 1;
  if ((PHRASAL_CUES[verbLemma] ?? []).includes(lower(ctx, t1))) t1++;
  return { t0: hit.t0, t1, lemma: verbLemma, cls: cueClass(verbLemma) ?? hit.cls };
}

/**
 * "In a statement Friday, Holt said: …": a statement noun in a prepositional phrase names the occasion of
 * a later verb cue in the sentence, not a report of its own.
 */
function withoutOccasionNouns(ctx: Ctx, cues: CueHit[]): CueHit[] {
  return cues.filter((c, k) => {
    if (!NOUN_CUES.has(lower(ctx, c.t0)) || ctx.tags.upos[c.t0] !== 'NOUN') return true;
    let j = c.t0 - 1;
    while (j >= 0 && (ctx.tags.upos[j] === 'ADJ' || ctx.tags.upos[j] === 'DET' || ctx.tags.upos[j] === 'PRON' || /^['’]s$/.test(lower(ctx, j)))) j--;
    const inPhrase = j >= 0 && /^(in|during)$/.test(lower(ctx, j));
    return !(inPhrase && cues.slice(k + 1).some((later) => verbCueLemma(lower(ctx, later.t0)) !== null));
  });
}

/** The lexicon-and-rules call on token i. */
function ruleCue(ctx: Ctx, s: Sentence, i: number): CueHit | null {
  const w = lower(ctx, i);
  const lemma = verbCueLemma(w);
  if (!lemma) return null;
  const pos = ctx.tags.upos[i];
  const sayForm = lemma === 'say' || lemma === 'tell';
  const next = lower(ctx, i + 1);
  const contentFollows = next === 'that' || next === ':' || (next === ',' && isQuoteMark(ctx, i + 2)) || isQuoteMark(ctx, i + 1);
  // Taggers read "The Times reports that …" as a plural noun; the complementiser says otherwise.
  const nounButReports = pos === 'NOUN' && /s$/.test(w) && (next === 'that' || next === ':') && ['PROPN', 'NOUN', 'PRON'].includes(ctx.tags.upos[i - 1] ?? '');
  if (pos !== 'VERB' && !nounButReports && !(sayForm && pos !== 'NOUN' && pos !== 'PROPN')) return null;
  if (CONTENT_REQUIRED.has(lemma) && !contentFollows) return null;
  let t1 = i + 1;
  const particles = PHRASAL_CUES[lemma];
  if (particles && t1 < s.tokenEnd && particles.includes(lower(ctx, t1))) t1++;
  else if (PARTICLE_REQUIRED.has(lemma)) return null;
  const cls = cueClass(lemma) ?? 'speech';
  const prev = lower(ctx, i - 1);
  // "backed by", "US-backed", "which is backed": a passive participle of a stance verb describes, it does not report.
  const passiveAux = /^(is|are|was|were|be|been|being|get|got|'s|’s)$/.test(prev);
  if (cls !== 'speech' && /ed$/.test(w) && (passiveAux || prev === '-' || /-$/.test(prev) || lower(ctx, i + 1) === 'by')) return null;
  // "Speaking after the meeting, X said": the participle only frames the real cue.
  if (i === s.tokenStart && /ing$/.test(w)) return null;
  if (insideQuote(ctx, ctx.doc.tokens[i]!.start)) return null;
  return { t0: i, t1, lemma, cls };
}

/** The learned detector's call on token i; a cue token right after another extends it ("took shots"). */
function learnedCue(ctx: Ctx, s: Sentence, i: number, hits: CueHit[]): CueHit | null {
  const model = ctx.model!;
  if (!isCueCandidate(ctx.doc, ctx.tags, i) || insideQuote(ctx, ctx.doc.tokens[i]!.start)) return null;
  const margin = cueMargin(model, cueFeatures(ctx.doc, ctx.tags, ctx.quotes, i));
  ctx.cueMargins?.set(i, margin);
  if (margin <= model.threshold) return null;
  const w = lower(ctx, i);
  const last = hits[hits.length - 1];
  // ("mentioned disparaging comments": a modifier of the next noun does not extend the cue.)
  const modifier = ctx.tags.upos[i] === 'ADJ' || (ctx.tags.upos[i] === 'VERB' && /ing$/.test(w) && ctx.tags.upos[i + 1] === 'NOUN');
  if (last && last.t1 === i && !modifier) {
    last.t1 = i + 1;
    return null;
  }
  const lemma = verbCueLemma(w) ?? ctx.tags.lemma[i] ?? w;
  let t1 = i + 1;
  const particles = PHRASAL_CUES[lemma];
  if (particles && t1 < s.tokenEnd && particles.includes(lower(ctx, t1))) t1++;
  // "complained about", "laid out", "apologized for", "said of": the particle belongs to the cue.
  // ("said of Clinton, …", "said about": PolNeAR leaves the preposition out of "say".)
  else if (lemma !== 'say' && (/^(about|out|for|against)$/.test(lower(ctx, t1)) || (lower(ctx, t1) === 'of' && /^(speak|think|warn|write|boast|brag|accuse|convict|suspect)$/.test(lemma)))) t1++;
  return { t0: i, t1, lemma, cls: cueClass(lemma) ?? 'evaluation' };
}

/** Speech inside a quotation belongs to the quoted speaker's own words: PolNeAR annotates no nested attributions. */
function insideQuote(ctx: Ctx, offset: number): boolean {
  return ctx.quotes.some((q) => q.inner.start <= offset && offset < q.inner.end);
}

function quoteStartingAt(ctx: Ctx, offset: number): Quote | undefined {
  return ctx.quotes.find((q) => q.span.start === offset);
}

function quoteEndingAt(ctx: Ctx, offset: number): Quote | undefined {
  return ctx.quotes.find((q) => q.span.end === offset);
}

/** Token span → character span. */
function chars(ctx: Ctx, t0: number, t1: number): Span {
  return { start: ctx.doc.tokens[t0]!.start, end: ctx.doc.tokens[t1 - 1]!.end };
}

/** Drop trailing sentence punctuation (not a closing quote) and commas from a token range end. */
function trimEnd(ctx: Ctx, t0: number, t1: number): number {
  while (t1 > t0 && (FINAL_PUNCT.test(lower(ctx, t1 - 1)) || lower(ctx, t1 - 1) === ',' || lower(ctx, t1 - 1) === ':' || lower(ctx, t1 - 1) === ';')) t1--;
  return t1;
}

function hasWord(ctx: Ctx, t0: number, t1: number): boolean {
  for (let i = t0; i < t1; i++) if (/\p{L}|\p{N}/u.test(ctx.doc.tokens[i]!.text)) return true;
  return false;
}

/**
 * The subject phrase left of a cue: from the nearest clause boundary to the
 * cue, with introductory adverbials ("However,", "On Monday,") dropped.
 * Returns the token range or null.
 */
function sourceBefore(ctx: Ctx, s: Sentence, cueStart: number): [number, number] | null {
  let end = cueStart;
  // Auxiliaries, negation and adverbs belong between source and cue, not in the source.
  while (end > s.tokenStart && (ctx.tags.upos[end - 1] === 'AUX' || ctx.tags.upos[end - 1] === 'ADV' || ctx.tags.upos[end - 1] === 'PART')) end--;
  // "The envoy provided a report … and stressed …": the cue shares the subject of the first verb.
  if (end > s.tokenStart && /^(and|but|or|yet)$/.test(lower(ctx, end - 1)) && ctx.tags.upos[end - 1] === 'CCONJ') {
    let v = s.tokenStart;
    while (v < end - 1 && ctx.tags.upos[v] !== 'VERB' && ctx.tags.upos[v] !== 'AUX') v++;
    return v < end - 1 && v > s.tokenStart ? sourceBefore(ctx, s, v) : null;
  }
  let start = end;
  let boundary = false;
  while (start > s.tokenStart) {
    const k = start - 1;
    const w = lower(ctx, k);
    const pos = ctx.tags.upos[k];
    if (w === ')') {
      // "Rep. Jason Chaffetz (R-Utah) said": a parenthesis is part of the name phrase.
      let open = k - 1;
      while (open > s.tokenStart && lower(ctx, open) !== '(' && k - open < 12) open--;
      if (lower(ctx, open) === '(') {
        start = open;
        continue;
      }
    }
    if (isQuoteMark(ctx, k) || w === ';' || w === ':' || w === '—' || w === '―' || w === '(' || spacedHyphen(ctx, k)) break;
    if (pos === 'SCONJ' || SUBORDINATORS.has(w) || (pos === 'CCONJ' && lower(ctx, k - 1) === ',') || ((pos === 'VERB' || pos === 'AUX') && !isInsideRelative(ctx, s, k) && !insideApposition(ctx, s, k, end) && !modifiesNoun(ctx, s, k, start, end))) {
      boundary = pos !== 'CCONJ';
      break;
    }
    if (end - k > 30) return null;
    start = k;
  }
  // After an adverbial clause ("Speaking after the meeting with Berri, the advisor said") the subject follows its comma.
  if (boundary) {
    const comma = indexOfWord(ctx, start, end, ',');
    if (comma >= 0 && comma + 1 < end && NP_START.has(ctx.tags.upos[comma + 1]!)) start = comma + 1;
  }
  // Leading comma-delimited introductions are not the subject.
  while (start < end) {
    const first = ctx.tags.upos[start];
    const w = lower(ctx, start);
    if (w === ',' || first === 'ADV' || first === 'ADP' || first === 'SCONJ' || first === 'CCONJ' || first === 'INTJ' || first === 'PUNCT') {
      const comma = indexOfWord(ctx, start, end, ',');
      if (w === ',' || first === 'PUNCT' || first === 'CCONJ') {
        start++;
        continue;
      }
      if (comma < 0) break;
      start = comma + 1;
      continue;
    }
    break;
  }
  // "Last month, the FBI", "In Tampa, Florida, Clinton": a time or a lone place before the comma is scenery.
  for (let guard = 0; guard < 3; guard++) {
    const comma = indexOfWord(ctx, start, end, ',');
    if (comma < 0 || comma + 1 >= end) break;
    const lead = ctx.doc.tokens.slice(start, comma).map((t) => t.text.toLowerCase());
    const timeLead = lead.some((x) => TIME_WORDS.has(x)) && lead.length <= 4;
    const placeLead = lead.length === 1 && ctx.tags.upos[start] === 'PROPN' && ctx.tags.upos[comma + 1] === 'PROPN' && !commaClosesApposition(ctx, comma + 1, end);
    if (!timeLead && !placeLead) break;
    start = comma + 1;
  }
  // "In a Bloomberg interview Trump declared", "in which he said": the subject is the last word.
  // Not "Not everyone", "my siblings and I", "Those close to him", "many of whom".
  const subjectPronoun = /^(i|he|she|we|they|you|it)$/.test(lower(ctx, end - 1)) && !/^(and|or|of|to)$/.test(lower(ctx, end - 2));
  if (end - start > 1 && (subjectPronoun || (ctx.tags.upos[start] === 'ADP' && ctx.tags.upos[end - 1] === 'PROPN' && ctx.tags.upos[end - 2] !== 'PROPN'))) {
    if (ctx.tags.upos[end - 2] !== 'DET') start = end - 1;
  }
  // "Mr. Obama, who understood that …": in a relative clause the relative pronoun is the source.
  if (end - start > 1 && /^(who|which)$/.test(lower(ctx, end - 1))) start = end - 1;
  [start, end] = trimSourceAdjuncts(ctx, start, end);
  while (end > start && lower(ctx, end - 1) === ',' && !commaClosesApposition(ctx, start, end - 1)) end--;
  // "Trump, speaking to a veterans group, said": a participle clause is not part of the name phrase.
  const comma = indexOfWord(ctx, start, end, ',');
  if (comma > start && lower(ctx, end - 1) === ',' && ctx.tags.upos[comma + 1] === 'VERB' && /ing$/.test(lower(ctx, comma + 1))) end = comma;
  if (start >= end) return null;
  let nominal = false;
  for (let i = start; i < end; i++) if (['NOUN', 'PROPN', 'PRON', 'NUM'].includes(ctx.tags.upos[i]!)) nominal = true;
  // "Both said …", "Most agreed …": a quantifier standing alone is the subject, whatever its tag.
  if (end - start === 1 && /^(some|many|most|both|all|few|several|none|each|either|neither|half)$/.test(lower(ctx, start))) nominal = true;
  return nominal ? [start, end] : null;
}

/** A hyphen standing alone ("PORT ALDEN, March 4 (Wire) - The minister …") is a dash, not part of a word. */
function spacedHyphen(ctx: Ctx, k: number): boolean {
  const t = ctx.doc.tokens[k]!;
  return (t.text === '-' || t.text === '--') && /\s/.test(ctx.doc.text[t.start - 1] ?? ' ') && /\s/.test(ctx.doc.text[t.end] ?? ' ');
}

const SOURCE_TIME_LEAD = new Set(['on', 'this', 'last', 'next', 'early', 'late', 'in', 'earlier', 'later']);

/**
 * What is scenery, not speaker, at the edges of a source phrase: a trailing time ("The Times on Saturday",
 * "the Supreme Court this month"), a trailing comma-set adjunct ("Clinton, at Monday's debate,", "Reid, in
 * particular,", "Cummings, the top Democrat, in a statement"), a leading relative or adverb ("which RT",
 * "Perhaps the moderators"), a fronted description before the name ("A defender of RT, Mr. Schultz").
 */
function trimSourceAdjuncts(ctx: Ctx, start: number, end: number): [number, number] {
  const pos = (k: number): string => ctx.tags.upos[k]!;
  for (let guard = 0; guard < 3 && end - start > 1; guard++) {
    if (TIME_WORDS.has(lower(ctx, end - 1)) && /^(PROPN|NOUN|ADV)$/.test(pos(end - 1)) && end - 2 >= start) {
      let k = end - 1;
      while (k > start && (TIME_WORDS.has(lower(ctx, k - 1)) || SOURCE_TIME_LEAD.has(lower(ctx, k - 1)))) k--;
      if (k > start && /^(NOUN|PROPN|PRON|PUNCT)$/.test(pos(k - 1))) {
        end = k;
        continue;
      }
    }
    // The comma that opens a final adjunct: ", at …,", ", in particular,", ", like Obama,", ", in a statement".
    const closing = lower(ctx, end - 1) === ',' ? end - 1 : end;
    let open = closing - 1;
    while (open > start && lower(ctx, open) !== ',') open--;
    if (open > start && open + 1 < closing && (pos(open + 1) === 'ADP' || (pos(open + 1) === 'ADV' && closing - open <= 3))) {
      end = commaClosesApposition(ctx, start, open) ? open + 1 : open;
      continue;
    }
    break;
  }
  if (end - start > 1 && /^(which|what|how)$/.test(lower(ctx, start))) start++;
  while (end - start > 1 && (lower(ctx, start) === ',' || (pos(start) === 'ADV' && !/^(not|only|nearly|almost|about|also)$/.test(lower(ctx, start))))) start++;
  // A description fronted before the name ("A passionate defender of RT America, Mr. Schultz likened …").
  const comma = lastIndexOfWord(ctx, start, end, ',');
  if (comma > start && comma + 1 < end && lower(ctx, end - 1) !== ',' && !/^(and|or)$/.test(lower(ctx, comma + 1))) {
    let names = true;
    for (let k = comma + 1; k < end; k++) if (!/^(PROPN|PRON)$/.test(pos(k)) && !/^(mr\.|mrs\.|ms\.|dr\.)$/.test(lower(ctx, k))) names = false;
    if (names && pos(comma - 1) !== 'PROPN') start = comma + 1;
  }
  return [start, end];
}

function lastIndexOfWord(ctx: Ctx, t0: number, t1: number, word: string): number {
  for (let i = t1 - 1; i >= t0; i--) if (lower(ctx, i) === word) return i;
  return -1;
}

/** PolNeAR keeps the comma that closes an apposition ("His manager, Jeff Weaver,"). */
function commaClosesApposition(ctx: Ctx, start: number, commaAt: number): boolean {
  return indexOfWord(ctx, start, commaAt, ',') >= 0;
}

/**
 * "Trump, speaking to a veterans group, said", "Megan Hester, senior associate for education organizing at
 * …, said": a verb between a name's comma and the comma closing before the cue belongs to the apposition.
 */
function insideApposition(ctx: Ctx, s: Sentence, k: number, end: number): boolean {
  if (lower(ctx, end - 1) !== ',') return false;
  for (let i = k - 1; i > s.tokenStart && k - i < 20; i--) {
    const w = lower(ctx, i);
    if (w === ',') return ['PROPN', 'NOUN'].includes(ctx.tags.upos[i - 1]!) && indexOfWord(ctx, k, end - 1, ',') < 0;
    if (isQuoteMark(ctx, i) || ctx.tags.upos[i] === 'VERB' || ctx.tags.upos[i] === 'AUX' || SUBORDINATORS.has(w)) return false;
  }
  return false;
}

/**
 * A verb form that only modifies a noun of the source: "A GAO report released last year found", "research
 * conducted by the center found", "restructuring experts say", "Retired Lt. Gen. Michael Flynn said".
 */
function modifiesNoun(ctx: Ctx, s: Sentence, k: number, start: number, end: number): boolean {
  if (indexOfWord(ctx, k, end, ',') >= 0) return false;
  const w = lower(ctx, k);
  const prev = k > s.tokenStart ? ctx.tags.upos[k - 1]! : 'START';
  const next = ctx.tags.upos[k + 1] ?? '';
  // Participle before the noun it describes.
  if (/(ed|ing)$/.test(w) && k + 1 === start && (next === 'NOUN' || next === 'PROPN') && /^(START|DET|ADJ|NUM)$/.test(prev)) return true;
  // Reduced relative after its noun, followed by a by-agent, a preposition or a time.
  return /(ed|en|wn)$/.test(w) && (prev === 'NOUN' || prev === 'PROPN') && (next === 'ADP' || TIME_WORDS.has(lower(ctx, k + 1)));
}

function isInsideRelative(ctx: Ctx, s: Sentence, k: number): boolean {
  // A verb between ", who|which" and the next comma belongs to a relative clause of the subject.
  for (let i = k - 1; i >= s.tokenStart && k - i < 15; i--) {
    const w = lower(ctx, i);
    if (/^(who|which|whose)$/.test(w)) return true;
    if (w === ',' || CLOSE_QUOTE.test(w)) return false;
  }
  return false;
}

function indexOfWord(ctx: Ctx, t0: number, t1: number, word: string): number {
  for (let i = t0; i < t1; i++) if (lower(ctx, i) === word) return i;
  return -1;
}

/** "…,” said Velayati, who …" — the source after the cue runs to the end of the clause. */
function sourceAfter(ctx: Ctx, s: Sentence, cueEnd: number, nounPhraseOnly = false): [number, number] | null {
  const first = ctx.tags.upos[cueEnd];
  // "by far fewer publications": an adverb may lead the noun phrase.
  const adverbLed = first === 'ADV' && NP_START.has(ctx.tags.upos[cueEnd + 1] ?? '');
  // After "according to" only a noun phrase can follow, whatever the tagger made of its first word ("exit polls").
  const verbLed = nounPhraseOnly && first === 'VERB' && NP_START.has(ctx.tags.upos[cueEnd + 1] ?? '');
  if (cueEnd >= s.tokenEnd || !first || (!NP_START.has(first) && !adverbLed && !verbLed)) return null;
  let end = cueEnd;
  while (end < s.tokenEnd) {
    const w = lower(ctx, end);
    if (isQuoteMark(ctx, end) || w === ':' || w === ';') break;
    if (ctx.tags.upos[end] === 'VERB' && !isInsideRelative(ctx, s, end) && !(verbLed && end === cueEnd)) break;
    // "according to their attorneys, and …": a coordinated clause is not part of the source.
    if (w === ',' && /^(and|but|while|whereas)$/.test(lower(ctx, end + 1))) break;
    // "…,” said Reyes, on what was her first day": an adjunct after the name is not part of it.
    if (w === ',' && (ctx.tags.upos[end + 1] === 'SCONJ' || (ctx.tags.upos[end + 1] === 'ADP' && lower(ctx, end + 1) !== 'of'))) break;
    end++;
  }
  end = trimEnd(ctx, cueEnd, end);
  // "…, R-Ky., said Tuesday.": a time after the cue is not who spoke.
  let allTime = true;
  for (let k = cueEnd; k < end; k++) if (!TIME_WORDS.has(lower(ctx, k)) && !SOURCE_TIME_LEAD.has(lower(ctx, k))) allTime = false;
  return end > cueEnd && !allTime ? [cueEnd, end] : null;
}

/** The end of a cue-first content starting at token from: the rules' end, re-ranked by the learned model when it ships. */
function forwardContentEnd(ctx: Ctx, s: Sentence, from: number, cue: CueHit, cues: CueHit[]): { end: number; ruleEnd: number } {
  const ruleEnd = trimEnd(ctx, from, forwardEnd(ctx, s, from, cues));
  if (ruleEnd <= from || (!ctx.contentModel && !ctx.recordEnd)) return { end: ruleEnd, ruleEnd };
  const candidates = endCandidates({ doc: ctx.doc, tags: ctx.tags, quotes: ctx.quotes, sentence: s, from, ruleEnd, cueLemma: cue.lemma, clausal: cue.lemma === 'say' || cue.lemma === 'tell' });
  ctx.recordEnd?.({ from, ruleEnd, candidates });
  return { end: ctx.contentModel ? bestEnd(ctx.contentModel, candidates) : ruleEnd, ruleEnd };
}

/** Where the content of a forward (cue-first) attribution ends: before ", according to …", ", saying …", ", X said". */
function forwardEnd(ctx: Ctx, s: Sentence, from: number, cues: CueHit[]): number {
  for (let i = from; i < s.tokenEnd; i++) {
    // "… and encouraged Americans to …": a second predicate of the speaker ends the content.
    if ((lower(ctx, i) === 'and' || lower(ctx, i) === 'but') && i > from + 2 && ctx.tags.upos[i + 1] === 'VERB' && /ed$/.test(lower(ctx, i + 1)) && !insideQuote(ctx, ctx.doc.tokens[i]!.start) && (lower(ctx, from) !== 'that' || verbCueLemma(lower(ctx, i + 1)) !== null)) return i;
    if (lower(ctx, i) !== ',' && lower(ctx, i) !== '—' && lower(ctx, i) !== '―') continue;
    if (insideQuote(ctx, ctx.doc.tokens[i]!.start)) continue;
    // ", but …", ", focusing on …", "— a metaphor for …": the reporter's own continuation.
    const next = lower(ctx, i + 1);
    if (i > from + 2 && (next === 'but' || (ctx.tags.upos[i + 1] === 'VERB' && /ing$/.test(next)) || lower(ctx, i) !== ',')) return i;
    const later = cues.find((c) => c.t0 > i && c.t0 - i <= 8);
    if (!later) continue;
    const between = ctx.tags.upos.slice(i + 1, later.t0);
    if (between.every((p) => p !== 'VERB')) return i;
  }
  return s.tokenEnd;
}

function overlapsQuote(ctx: Ctx, span: Span): boolean {
  return ctx.quotes.some((q) => q.span.start < span.end && span.start < q.span.end);
}

/** Quote segments chained to q by paragraph continuation. */
function quoteChain(ctx: Ctx, q: Quote): Span[] {
  const out: Span[] = [q.span];
  let i = ctx.quotes.indexOf(q);
  while (i + 1 < ctx.quotes.length && ctx.quotes[i + 1]!.continuesPrevious) {
    i++;
    out.push(ctx.quotes[i]!.span);
  }
  return out;
}

/** A heading paragraph, or a text's first line written in title case ("Pence: Flowers Won't Be at Debate."). */
function isHeadline(ctx: Ctx, s: Sentence): boolean {
  if (ctx.doc.paragraphs[s.paragraph]?.kind === 'heading') return true;
  if (s.paragraph !== 0 || ctx.doc.sentences[0] !== s) return false;
  let words = 0;
  let capitalised = 0;
  for (let i = s.tokenStart; i < s.tokenEnd; i++) {
    const w = ctx.doc.tokens[i]!.text;
    if (!/^\p{L}/u.test(w) || w.length < 4) continue;
    words++;
    if (/^\p{Lu}/u.test(w)) capitalised++;
  }
  return words >= 3 && capitalised >= 0.8 * words;
}

/** "Clinton Hid Past Health Problems, Former White House Doctor Says.": a headline's claim, its source and cue. */
function saysHeadline(ctx: Ctx, s: Sentence): Attribution | null {
  if (!isHeadline(ctx, s)) return null;
  let last = s.tokenEnd - 1;
  while (last > s.tokenStart && /^[.!?'’"”]$/.test(lower(ctx, last))) last--;
  const lemma = verbCueLemma(lower(ctx, last));
  if (!lemma || !/^(say|warn|claim|argue|insist|admit|tell|predict|suggest|charge|allege|contend|report|write)$/.test(lemma)) return null;
  let comma = -1;
  for (let i = last - 1; i > s.tokenStart && last - i <= 8; i--) {
    if (lower(ctx, i) === ',') {
      comma = i;
      break;
    }
  }
  if (comma < 0 || comma + 1 >= last || !hasWord(ctx, s.tokenStart, comma)) return null;
  const content = chars(ctx, s.tokenStart, trimEnd(ctx, s.tokenStart, comma));
  return { kind: 'indirect', cue: { ...chars(ctx, last, last + 1), lemma, cls: 'speech' }, content: [content], source: chars(ctx, comma + 1, last), speaker: null };
}

/** Headline attribution "Graham: Trump’s Rhetoric Destroying GOP’s Chance": a short name, a colon, the claim. */
function colonHeadline(ctx: Ctx, s: Sentence): Attribution | null {
  const isFirst = ctx.doc.sentences.findIndex((x) => x.paragraph === s.paragraph) === ctx.doc.sentences.indexOf(s);
  if (!isFirst) return null;
  let colon = -1;
  for (let i = s.tokenStart + 1; i < s.tokenEnd && i - s.tokenStart <= 6; i++) {
    if (lower(ctx, i) === ':') {
      colon = i;
      break;
    }
    const pos = ctx.tags.upos[i - 1]!;
    if (pos === 'VERB' || pos === 'AUX' || pos === 'PUNCT' && lower(ctx, i - 1) !== '.') return null;
  }
  if (colon < 0 || !/^\p{Lu}/u.test(ctx.doc.tokens[s.tokenStart]!.text)) return null;
  // A speaker's name is capitalised throughout; "Rights Trumped by National Interests:" is a section title.
  for (let i = s.tokenStart; i < colon; i++) if (/^\p{Ll}/u.test(ctx.doc.tokens[i]!.text) && !/^['’]s$/.test(lower(ctx, i))) return null;
  // "Editor's note:", "Correction:", "Update:" label the outlet's own text.
  if (/\b(note|correction|update|clarification|disclosure|related|watch|photo|video|read more|editor)$/i.test(ctx.doc.text.slice(ctx.doc.tokens[s.tokenStart]!.start, ctx.doc.tokens[colon]!.start).trim())) return null;
  const end = trimEnd(ctx, colon + 1, s.tokenEnd);
  // Title case defeats the tagger, so a headline's claim needs only some length; body text needs a verb.
  if (end - colon - 1 < 3 || (!isHeadline(ctx, s) && !hasVerb(ctx, colon + 1, end))) return null;
  const content = chars(ctx, colon + 1, end);
  const cue = chars(ctx, colon, colon + 1);
  const quote = ctx.quotes.find((q) => q.span.start === content.start && q.span.end >= content.end);
  return { kind: quote ? 'direct' : 'indirect', cue: { ...cue, lemma: ':', cls: 'speech' }, content: [content], source: chars(ctx, s.tokenStart, colon), speaker: null };
}

/**
 * "In a CNN/ORC poll released Monday, 38 percent of voters said …": PolNeAR makes the fronted "In" the cue, the
 * poll its source and the clause after the comma its content (14 of 18 such sentences on train), with no
 * attribution nested inside.
 */
function pollLead(ctx: Ctx, s: Sentence): Attribution | null {
  const first = afterDateline(ctx, s);
  if (ctx.doc.tokens[first]?.text !== 'In') return null;
  const comma = indexOfWord(ctx, first + 1, Math.min(s.tokenEnd, first + 16), ',');
  if (comma < 0) return null;
  let poll = false;
  for (let i = first + 1; i < comma; i++) if (/^(poll|polls|survey|surveys)$/.test(lower(ctx, i))) poll = true;
  const end = trimEnd(ctx, comma + 1, s.tokenEnd);
  if (!poll || end <= comma + 1 || !hasVerb(ctx, comma + 1, end)) return null;
  return { kind: 'indirect', cue: { ...chars(ctx, first, first + 1), lemma: 'in', cls: 'phrase' }, content: [chars(ctx, comma + 1, end)], source: chars(ctx, first + 1, comma), speaker: null };
}

function attributeSentence(ctx: Ctx, s: Sentence, out: Attribution[]): void {
  const poll = pollLead(ctx, s);
  if (poll) {
    out.push(poll);
    return;
  }
  const cues = withoutOccasionNouns(ctx, findCues(ctx, s));
  let lastSource: Span | null = null;
  const mine: Attribution[] = [];
  // "Pence: Flowers Won't Be at Debate, Trump Was 'Mocking' …": a "Name: claim" heading is one attribution,
  // whatever verbs its claim holds (title case makes the cue detector see cues in it); in body text
  // ("WASHINGTON: The president said …") the cues come first.
  if (cues.length === 0 || isHeadline(ctx, s)) {
    const headline = colonHeadline(ctx, s) ?? saysHeadline(ctx, s);
    if (headline) {
      out.push(headline);
      return;
    }
  }
  for (const found0 of cues) {
    // "His stare seemed to reflect sadness": a raising verb is the cue by itself, and what follows it, "to"
    // included, is the second piece of what is reported.
    const raisingHead = RAISING_FORMS.test(lower(ctx, found0.t0)) && lower(ctx, found0.t0 + 1) === 'to' && cueClass(found0.lemma) === null;
    const cue: CueHit = raisingHead ? { t0: found0.t0, t1: found0.t0 + 1, lemma: verbCueLemma(lower(ctx, found0.t0)) ?? 'seem', cls: 'cognition' } : found0;
    const cueSpan = chars(ctx, cue.t0, cue.t1);
    // A cue inside an earlier attribution's content: PolNeAR never nests, so it ends that content.
    // (Also a cue between an earlier cue and the content it skipped to: "drew criticism after he appeared to
    // suggest [that …]" keeps "appeared to suggest" out of the report.)
    let host = mine.find((a) => a.content.some((c) => c.start <= cueSpan.start && cueSpan.end <= c.end) || (a.cue.start < cueSpan.start && cueSpan.end <= (a.content[0]?.start ?? -1)));
    if (host && host.kind === 'direct') continue;
    let content: Span[] = [];
    let source: Span | null = null;
    let kind: Attribution['kind'] = 'indirect';

    const echo = cue.lemma === 'according to' ? null : echoedClaim(ctx, s, cue, mine);
    if (echo) {
      content = echo.content;
      source = echo.source;
    } else if (cue.lemma === 'according to') {
      const after = sourceAfter(ctx, s, cue.t1, true);
      let srcEnd = after ? after[1] : cue.t1;
      const comma = indexOfWord(ctx, cue.t1, s.tokenEnd, ',');
      const beforeEnd = trimEnd(ctx, s.tokenStart, cue.t0);
      // Sentence-final "…, according to X, the engineer." keeps its apposition; a fronted one ends at its comma.
      if (comma >= 0 && !hasWord(ctx, s.tokenStart, beforeEnd)) srcEnd = Math.min(srcEnd, comma);
      if (srcEnd > cue.t1) source = chars(ctx, cue.t1, srcEnd);
      if (hasWord(ctx, s.tokenStart, beforeEnd)) {
        content = [chars(ctx, s.tokenStart, beforeEnd)];
        // "“…,” Hewitt said, according to a transcript.": PolNeAR never nests, so the report before "according
        // to" is its content whole, quotation and "Hewitt said" together, and is no attribution of its own.
        const inner = mine.find((a) => a.cue.start >= content[0]!.start && a.cue.end <= content[0]!.end);
        if (inner) {
          const reported = content[0]!;
          const start = Math.min(reported.start, ...inner.content.filter((c) => c.end <= reported.end).map((c) => c.start));
          content = [{ start, end: reported.end }, ...inner.content.filter((c) => c.start >= reported.end)];
          out.splice(out.indexOf(inner), 1);
          mine.splice(mine.indexOf(inner), 1);
          if (host === inner) host = undefined;
        }
      } else if (comma >= 0) {
        const end = trimEnd(ctx, comma + 1, s.tokenEnd);
        if (end > comma + 1) content = [chars(ctx, comma + 1, end)];
      }
    } else {
      // Direct: a quote closing just before the cue ("“…,” he said") or opening just after it ("said: “…”").
      // "…, the losses would outstrip the gains, said Batchelder.": a comma before the cue and a bare
      // name after it make the cue inverted, whatever noun phrase precedes the comma.
      // "“…,” Mr. King, 82, told me": what follows "told" is the addressee, never the speaker.
      const inverts = cue.lemma !== 'tell';
      // ("Maren Holt, director of the union, called for …": with no clause before the comma there is nothing
      // to have said, and the phrase before it is the subject.)
      const after0 = inverts && cue.t0 > s.tokenStart && lower(ctx, cue.t0 - 1) === ',' && hasVerb(ctx, s.tokenStart, cue.t0 - 1) ? sourceAfter(ctx, s, cue.t1) : null;
      const pre = after0 && reachesEnd(ctx, s, after0[1]) ? null : sourceBefore(ctx, s, cue.t0);
      let quote: Quote | undefined;
      let k = cue.t0 - 1;
      const between: number[] = [];
      while (k >= s.tokenStart && !closesQuote(ctx, k) && cue.t0 - k <= 25) {
        between.push(k);
        k--;
      }
      // The splitter may leave a quotation as a sentence of its own: "“…?”" + "Graham asked."
      if (k >= s.tokenStart - 1 && k >= 0 && closesQuote(ctx, k) && (k >= s.tokenStart || ctx.doc.sentences[ctx.doc.tokens[k]!.sentence]!.paragraph === s.paragraph)) {
        let q = closesQuote(ctx, k);
        // Across the sentence boundary only a quotation that is the whole previous sentence counts, not a
        // fragment quoted inside someone else's statement ("… of “fanatic recklessness.” Park said …").
        if (q && k < s.tokenStart) {
          const prev = ctx.doc.sentences[ctx.doc.tokens[k]!.sentence]!;
          if (q.partial || q.span.start > ctx.doc.tokens[afterDateline(ctx, prev)]!.start) q = undefined;
        }
        // ("… a “quiet role” in the talks, and she thanked …": a clause coordinated after the quote is not its frame.)
        const onlySource = between.every((b) => (ctx.tags.upos[b] !== 'VERB' || isInsideRelative(ctx, s, b)) && !(/^(and|but|or)$/.test(lower(ctx, b)) && lower(ctx, b - 1) === ','));
        // A quoted title mid-sentence ("On “Fox News Sunday,” Pence said he …") is not what was said.
        const titleOnly = q !== undefined && q.span.start > afterDatelineOffset(ctx, s) && !reachesEnd(ctx, s, cue.t1) && hasVerb(ctx, cue.t1, s.tokenEnd);
        if (q && onlySource && !titleOnly) quote = q;
      }
      if (quote) {
        const qStart = quoteChainStart(ctx, quote);
        content = [...qStart, quote.span];
        kind = 'direct';
        const srcRange = pre ?? (inverts ? sourceAfter(ctx, s, cue.t1) : null);
        if (srcRange) source = chars(ctx, srcRange[0], srcRange[1]);
        // "“A,” she said, “B.”": a quotation split around its cue.
        const after = srcRange && srcRange[0] >= cue.t1 ? srcRange[1] : cue.t1;
        const rest = resumedQuote(ctx, s, after, cues);
        if (rest) content.push(...quoteChain(ctx, rest));
        // "“A,” he said. “B.”": the next sentences of the paragraph that are pure quotes continue it.
        content.push(...followingQuotes(ctx, s));
      } else {
        let from = cue.t1;
        if (lower(ctx, from) === ':' || lower(ctx, from) === ',') from++;
        let opener = from < s.tokenEnd ? quoteStartingAt(ctx, ctx.doc.tokens[from]!.start) : undefined;
        for (let i = from; !opener && i < s.tokenEnd && i - from <= 8; i++) {
          // "says of Clinton, “…”", "told reporters: “…”": a short complement before the quotation.
          const pos = ctx.tags.upos[i]!;
          if (!['ADP', 'DET', 'NOUN', 'PROPN', 'PRON', 'NUM', 'ADJ', 'PUNCT'].includes(pos)) break;
          const q = quoteStartingAt(ctx, ctx.doc.tokens[i]!.start);
          if (q && i > from && /^[,:]$/.test(lower(ctx, i - 1))) opener = q;
          if (q) break;
        }
        if (!opener && from >= s.tokenEnd && lower(ctx, cue.t1) === ':') {
          // "He said:" closing a paragraph introduces the quotation that opens the next one.
          const next = ctx.doc.sentences[ctx.doc.sentences.indexOf(s) + 1];
          if (next) opener = quoteStartingAt(ctx, next.start);
        }
        const inside = opener && !opener.partial ? null : parenthetical(ctx, s, cue, pre, cues);
        if (opener && !opener.partial) {
          content = quoteChain(ctx, opener);
          kind = 'direct';
          // "Said Ellis: “…”": a sentence-initial cue has its speaker after it.
          const after = !pre && cue.t0 === afterDateline(ctx, s) && inverts ? sourceAfter(ctx, s, cue.t1) : null;
          if (after) source = chars(ctx, after[0], after[1]);
        } else if (inside) {
          content = inside.content;
          source = inside.source;
        } else {
          const ruleFrom = raisingHead ? from : contentStart(ctx, s, cue, from);
          if (!raisingHead) from = forwardContentStart(ctx, s, cue, from, ruleFrom);
          const { end, ruleEnd } = forwardContentEnd(ctx, s, from, cue, cues);
          const forward = end > from && hasWord(ctx, from, end) ? ([from, end] as const) : null;
          // "…, said Mr. Burman." — nothing but the source follows the cue.
          const afterCue = inverts && pre === null && cue.t0 > s.tokenStart && (lower(ctx, cue.t0 - 1) === ',' || isQuoteMark(ctx, cue.t0 - 1)) ? sourceAfter(ctx, s, cue.t1) : null;
          const inverted = afterCue && reachesEnd(ctx, s, afterCue[1]) ? afterCue : null;
          // Post-posed cue: "Those talks are continuing, he said." — the clause before the comma.
          // "…, as police have said.": the clause before the comma is what the "as" clause reports.
          const asClause = pre !== null && lower(ctx, pre[0] - 1) === 'as' && lower(ctx, pre[0] - 2) === ',';
          const clauseEnd = pre ? (asClause ? pre[0] - 1 : pre[0]) : cue.t0;
          const bStart = afterDateline(ctx, s);
          const bEnd = trimEnd(ctx, bStart, clauseEnd);
          const commaBefore = clauseEnd > s.tokenStart && (lower(ctx, clauseEnd - 1) === ',' || isQuoteMark(ctx, clauseEnd - 1));
          // ("People like Scott, he said.": a verbless fragment ending in "…, X said." is still what was said.)
          const fragment = cue.lemma === 'say' && pre !== null && reachesEnd(ctx, s, cue.t1) && hasWord(ctx, bStart, bEnd);
          const backward = commaBefore && bEnd > bStart && (hasVerb(ctx, bStart, bEnd) || fragment) ? ([bStart, bEnd] as const) : null;
          // "…, lawmakers said Friday, as they …": an adverbial clause after the cue is not what was said.
          // (Read at the rules' start: the start ranker may skip the words these look for.)
          const adverbial = /^(as|while|when|because|after|before|since|although|though)$/.test(lower(ctx, ruleFrom));
          // "…, accusing the delegation of bad faith": a participle after the clause reports what follows it.
          const participle = /ing$/.test(lower(ctx, cue.t0)) && cue.lemma !== 'according to' && lower(ctx, cue.t0 - 1) === ',';
          if (inverted && backward && !participle) {
            content = [chars(ctx, backward[0], backward[1])];
            source = chars(ctx, inverted[0], inverted[1]);
          } else if (backward && !(participle && forward) && (!forward || !hasVerb(ctx, Math.min(from, ruleFrom), ruleEnd) || lower(ctx, cue.t1) === ',' || adverbial)) {
            content = [chars(ctx, backward[0], backward[1])];
          } else if (forward) {
            content = [chars(ctx, forward[0], forward[1])];
          }
        }
        if (content.length === 0 && pre && lower(ctx, cue.t1) === ',') {
          // "However, he said, some states …": a bare clause after the parenthetical cue.
          const end = trimEnd(ctx, cue.t1 + 1, s.tokenEnd);
          if (end > cue.t1 + 1) content = [chars(ctx, cue.t1 + 1, end)];
        }
        if (kind === 'indirect' && content.some((c) => overlapsQuote(ctx, c))) kind = 'mixed';
        // "Trump said that “ethanol people” “do a fantastic job. And it’s so important.”": a quotation that opens
        // inside the content runs on to its close, past the sentence ends the splitter found inside it.
        const lastPiece = content[content.length - 1];
        const runOn = lastPiece ? ctx.quotes.find((q) => q.span.start >= lastPiece.start && q.span.start < lastPiece.end && q.span.end > s.end) : undefined;
        if (lastPiece && runOn) content[content.length - 1] = { start: lastPiece.start, end: runOn.span.end };
        const srcRange = pre ?? (inverts && content.length && content[0]!.end <= cueSpan.start ? sourceAfter(ctx, s, cue.t1) : null);
        // ", saying …" / ", stressing …": the participle shares the subject of the main clause.
        if (/ing$/.test(lower(ctx, cue.t0)) && lower(ctx, cue.t0 - 1) === ',') source = lastSource ?? mainSubject(ctx, s);
        else if (source === null && srcRange) source = chars(ctx, srcRange[0], srcRange[1]);
        // "… during the debate, accusing her of …" without a subject of its own: the clause's subject speaks.
        if (source === null && /ing$/.test(lower(ctx, cue.t0)) && cue.t0 > s.tokenStart) {
          const subject: Span | null = lastSource ?? mainSubject(ctx, s);
          if (subject && subject.end <= cueSpan.start) source = subject;
        }
        // "Claiming the criticism is unfair, Trump told …": a fronted participle's subject follows its clause.
        if (source === null && /ing$/.test(lower(ctx, cue.t0)) && cue.t0 === afterDateline(ctx, s)) source = subjectAfterComma(ctx, s, cue.t1);
      }
    }
    // PolNeAR cues carry their auxiliaries, negation, adverbs and infinitive marker: "has also said", "did
    // not respond", "to endorse"; not the "when" of "when asked" (train annotations, both counted).
    let t0 = cue.t0;
    while (t0 > s.tokenStart && ['AUX', 'PART', 'ADV'].includes(ctx.tags.upos[t0 - 1]!) && !/^(however|when|'s|’s)$/.test(lower(ctx, t0 - 1))) t0--;
    // Passive cues ("Quiros was accused of …", "one in nine voters is expected to …"): the subject is
    // what is reported, and the source is the by-agent if there is one.
    let agentBy = false;
    // "The plan seems reckless": a raising verb reports no speaker; its subject is part of what is reported.
    const raising = /^(seem|appear)$/.test(cue.lemma) || RAISING_FORMS.test(lower(ctx, cue.t0));
    const passiveSubject = kind === 'indirect' && cue.lemma !== 'according to' && (isPassive(ctx, t0, cue.t0) || raising) && source !== null;
    if (passiveSubject && source) {
      const subject = source;
      const agent = lower(ctx, cue.t1) === 'by' ? sourceAfter(ctx, s, cue.t1 + 1) : null;
      agentBy = agent !== null;
      source = agent ? chars(ctx, agent[0], agent[1]) : null;
      content = agent ? [subject] : [subject, ...content];
      // "The talks were described as hopeless by an observer": the by-agent after the complement is the source.
      const last = content[content.length - 1]!;
      const from = tokenAt(ctx.doc, last.start);
      const by = agent || raising ? -1 : agentAfterComplement(ctx, s, from, last);
      const late = by >= 0 ? sourceAfter(ctx, s, by + 1) : null;
      if (late) {
        source = chars(ctx, late[0], late[1]);
        const end = trimEnd(ctx, from, by);
        content = [...content.slice(0, -1), ...(end > from ? [chars(ctx, from, end)] : [])];
      }
    }
    if (content.length === 0) continue;
    if (!passiveSubject && (ctx.leadModel || ctx.recordLead)) content = withLead(ctx, s, cue, kind === 'direct', content);
    if (source && overlapsSpan(source, content)) source = null;
    // No subject phrase the rules know, but the parse gives the cue one ("Protesters marched … and chanted").
    if (!source && !passiveSubject && cue.lemma !== 'according to') source = parsedSubject(ctx, s, cue, content);
    if (source) source = refinedSource(ctx, s, source, cue, t0, content);
    // "… the mine, which Mr. Clarke says he keeps open": the relative word is the first piece of what is said.
    if (source && kind !== 'direct' && content[0]!.start >= cueSpan.end) {
      const before = tokenAt(ctx.doc, source.start) - 1;
      // Not "in which he says …" (PolNeAR leaves a preposition's "which" out: 5 of 34 on train keep it), and not
      // a source far from its cue ("with whom he clashed at the debate, calling him …": a shared subject).
      const afterPreposition = lower(ctx, before) === 'which' && ctx.tags.upos[before - 1] === 'ADP';
      const nearCue = tokenAt(ctx.doc, source.end - 1) + 2 >= t0;
      if (before >= s.tokenStart && /^(which|what|whom|who)$/.test(lower(ctx, before)) && !afterPreposition && nearCue) content = [chars(ctx, before, before + 1), ...content];
    }
    const cueStart = source && source.end > ctx.doc.tokens[t0]!.start && source.start < cueSpan.start ? cueSpan.start : ctx.doc.tokens[t0]!.start;
    const fullCue = { start: cueStart, end: cueSpan.end };
    if (overlapsSpan(fullCue, content)) fullCue.start = cueSpan.start;
    if (ctx.cueStartModel || ctx.recordCueStart) {
      const ruleStart = tokenAt(ctx.doc, fullCue.start);
      const candidates = cueStartCandidates({ doc: ctx.doc, tags: ctx.tags, quotes: ctx.quotes, sentence: s, head: cue.t0, ruleStart, content, source, cueLemma: cue.lemma });
      ctx.recordCueStart?.({ head: cue.t0, ruleStart, candidates });
      if (ctx.cueStartModel) fullCue.start = ctx.doc.tokens[bestCueStart(ctx.cueStartModel, candidates)]!.start;
    }
    // PolNeAR cues keep a colon that introduces their content ("said:", "added:"), and the occasion
    // named between cue and content ("said in a statement that").
    let tail = cueTail(ctx, s, cue.t1, content);
    if (!agentBy && !raisingHead && (ctx.cueEndModel || ctx.recordCueEnd)) {
      const candidates = cueEndCandidates({ doc: ctx.doc, tags: ctx.tags, quotes: ctx.quotes, sentence: s, cueStart: cue.t0, cueEnd: cue.t1, ruleEnd: tail, content, source, cueLemma: cue.lemma });
      ctx.recordCueEnd?.({ cueStart: cue.t0, cueEnd: cue.t1, ruleEnd: tail, candidates });
      if (ctx.cueEndModel) tail = bestCueEnd(ctx.cueEndModel, candidates);
    }
    if (tail !== cue.t1) fullCue.end = ctx.doc.tokens[tail - 1]!.end;
    // PolNeAR's passive cue keeps its "by": "is supported by".
    if (agentBy) fullCue.end = ctx.doc.tokens[cue.t1]!.end;
    const found: Attribution = { kind, cue: { ...fullCue, lemma: cue.lemma, cls: cue.cls }, content, source, speaker: null };
    if (host && !truncateHost(ctx, host, found)) continue;
    out.push(found);
    mine.push(found);
    // ", saying …" shares the subject of a clause, not the possessor of a statement noun ("last month's remark").
    if (source && ctx.tags.upos[cue.t0] !== 'NOUN') lastSource = source;
  }
}

/**
 * The quotation that resumes after a split cue: "“A,” she said, “B.”", also past a short adjunct ("“A,”
 * Tester said, referring to the excuse, “B.”", "told Capital Download on Wednesday, “but …”"). It must
 * open right after a comma, with no other quotation or cue in between.
 */
function resumedQuote(ctx: Ctx, s: Sentence, after: number, cues: CueHit[]): Quote | undefined {
  for (let k = after; k < s.tokenEnd && k - after <= 16; k++) {
    if (k > after && (cues.some((c) => c.t0 === k) || closesQuote(ctx, k))) return undefined;
    if (lower(ctx, k) !== ',' || k + 1 >= s.tokenEnd) continue;
    const q = quoteStartingAt(ctx, ctx.doc.tokens[k + 1]!.start);
    if (q) return q;
  }
  return undefined;
}

/** The cue's nominal subject with everything that hangs on it, where the sentence was parsed; null otherwise. */
function parsedSubject(ctx: Ctx, s: Sentence, cue: CueHit, content: Span[]): Span | null {
  const head = ctx.tags.head;
  const rel = ctx.tags.deprel;
  if (!head || !rel) return null;
  let subj = -1;
  for (let k = s.tokenStart; k < s.tokenEnd && subj < 0; k++) if (head[k]! >= cue.t0 && head[k]! < cue.t1 && rel[k]!.startsWith('nsubj') && !rel[k]!.endsWith(':pass')) subj = k;
  if (subj < 0) return null;
  const { start: lo, end } = subtreeExtent(head, s, subj);
  const hi = end - 1;
  const span = chars(ctx, lo, end);
  return overlapsSpan(span, content) || (lo < cue.t1 && hi >= cue.t0) ? null : span;
}

/**
 * A source phrase before its cue, with its edges as the learned rankers place them (start first, then the
 * end); the rules' span when no model ships or the ranked span would overlap the content.
 */
function refinedSource(ctx: Ctx, s: Sentence, source: Span, cue: CueHit, cueFirst: number, content: Span[]): Span {
  const head = cue.t0;
  if (!ctx.sourceModel && !ctx.recordSource) return source;
  const start = tokenAt(ctx.doc, source.start);
  const last = tokenAt(ctx.doc, source.end - 1);
  // Only on the pipeline's syntax layer, whose tags the rankers were trained on (not wink-nlp's).
  if (start < s.tokenStart || last < start || last >= s.tokenEnd || !ctx.tags.head) return source;
  const afterCue = start >= cue.t1;
  // Only a subject next to its cue ("X, a spokesman, has said", "said X, a spokesman"), not one shared from
  // afar (", saying …").
  if (afterCue ? start - head > 5 : last >= cueFirst || cueFirst - last > 5) return source;
  let limit = s.tokenEnd;
  while (afterCue && limit > last + 1 && /^[.!?"”]$/.test(ctx.doc.tokens[limit - 1]!.text)) limit--;
  const input: SourceInput = { doc: ctx.doc, tags: ctx.tags, sentence: s, start, end: last + 1, cue: head, floor: afterCue ? cue.t1 : s.tokenStart, limit: afterCue ? limit : cueFirst, after: afterCue };
  ctx.recordSource?.(input);
  if (!ctx.sourceModel) return source;
  const from = bestSourceEdge(ctx.sourceModel.start, sourceStartCandidates(input));
  const to = bestSourceEdge(ctx.sourceModel.end, sourceEndCandidates(input, from));
  const span = chars(ctx, from, to);
  return overlapsSpan(span, content) ? source : span;
}

/**
 * The first piece of a content that lies before its cue, in the cue's sentence, starting where the learned
 * ranker puts it (it may take in a lead-in before a quotation or drop a leading conjunction).
 */
function withLead(ctx: Ctx, s: Sentence, cue: CueHit, direct: boolean, content: Span[]): Span[] {
  const piece = content[0]!;
  if (piece.end > ctx.doc.tokens[cue.t0]!.start || piece.start < s.start) return content;
  const ruleStart = tokenAt(ctx.doc, piece.start);
  const end = tokenAt(ctx.doc, piece.end - 1) + 1;
  const first = afterDateline(ctx, s);
  // A reported clause that starts the sentence, or a quotation; not a content taken from another report
  // (", a charge Holt denied").
  if (ruleStart < s.tokenStart || end <= ruleStart || (!direct && ruleStart !== first)) return content;
  const candidates = leadCandidates({ doc: ctx.doc, tags: ctx.tags, quotes: ctx.quotes, sentence: s, first, ruleStart, end, direct, cueLemma: cue.lemma });
  ctx.recordLead?.({ head: cue.t0, ruleStart, candidates });
  if (!ctx.leadModel) return content;
  const start = bestLead(ctx.leadModel, candidates);
  return start === ruleStart ? content : [{ start: ctx.doc.tokens[start]!.start, end: piece.end }, ...content.slice(1)];
}

/** The "by" that opens a passive's agent inside a content piece after its complement ("as hopeless by …"), or -1. */
function agentAfterComplement(ctx: Ctx, s: Sentence, first: number, piece: Span): number {
  const last = tokenAt(ctx.doc, piece.end - 1);
  // (The agent may also follow a quoted complement the content ends with: 'as "reckless" by …'.)
  for (let k = first + 1; k <= last + 1 && k < s.tokenEnd && k - first <= 8; k++) {
    if (ctx.tags.upos[k] === 'VERB' || lower(ctx, k) === 'that') return -1;
    if (lower(ctx, k) === 'by') return k;
  }
  return -1;
}

/** Token index just past the cue's tail: a colon, or "in a statement" / "in an interview", when content follows it. */
function cueTail(ctx: Ctx, s: Sentence, t1: number, content: Span[]): number {
  const contentStart = content[0]?.start ?? -1;
  const startsContent = (k: number): boolean => k < s.tokenEnd && ctx.doc.tokens[k]!.start >= contentStart;
  let k = t1;
  if (lower(ctx, k) === 'in' && /^(a|an|the|his|her|their|its)$/.test(lower(ctx, k + 1))) {
    let j = k + 2;
    while (j < s.tokenEnd && j - k < 6 && (ctx.tags.upos[j] === 'ADJ' || ctx.tags.upos[j] === 'NOUN') && !/^(statement|interview|email|letter|post|tweet|speech|remarks)$/.test(lower(ctx, j))) j++;
    if (/^(statement|interview|email|letter|post|tweet|speech|remarks)$/.test(lower(ctx, j))) k = j + 1;
  }
  if (lower(ctx, k) === ':' && startsContent(k + 1)) return k + 1;
  return startsContent(k) || (lower(ctx, k) === ',' && startsContent(k + 1)) ? k : t1;
}

/** Cut a host's content before a nested attribution (its source, or its cue); false when nothing would remain. */
function truncateHost(ctx: Ctx, host: Attribution, inner: Attribution): boolean {
  if (!inner.source || inner.source.start > inner.cue.start) return false;
  let innerStart = Math.min(inner.cue.start, inner.source.start, ...inner.content.map((c) => c.start));
  // "X promised to stay and said she would …": a shared subject lies before the host; the cue splits it.
  if (host.content.every((c) => innerStart < c.start)) innerStart = Math.min(inner.cue.start, ...inner.content.map((c) => c.start));
  // Only a new clause with its own subject splits the host: "…, but they could not resist pointing out …".
  if (!/(?:[,;—]\s*(?:and|but|while|although|though|whereas)?|\b(?:and|but))\s*$/i.test(ctx.doc.text.slice(Math.max(0, innerStart - 12), innerStart))) return false;
  const piece = host.content.findIndex((c) => c.start <= innerStart && innerStart < c.end);
  if (piece < 0) return false;
  const c = host.content[piece]!;
  let end = innerStart;
  // Drop the connective left dangling: ", but", "and", "that", "as".
  for (;;) {
    const before = ctx.doc.text.slice(c.start, end).trimEnd();
    const m = /(?:,|;|—|\b(?:and|but|while|as|because|that|so|or|after|when|which|who))$/i.exec(before);
    end = c.start + before.length;
    if (!m) break;
    end -= m[0].length;
  }
  const text = ctx.doc.text.slice(c.start, end);
  if (!/[\p{L}\p{N}]/u.test(text)) return false;
  host.content = [...host.content.slice(0, piece), { start: c.start, end: c.start + text.trimEnd().length }];
  return true;
}

/**
 * Participles that say how their subject feels or stands ("They are focused on", "Voters are divided on",
 * "She is assured of"): the subject holds the view, so it is the source (on PolNeAR train 28 of 30 such
 * subjects are sources).
 */
const STANCE_PARTICIPLES = new Set(
  `worried concerned convinced persuaded focused fixated obsessed divided split torn alarmed assured reassured opposed
 pleased displeased outraged angered mystified puzzled confused rattled miffed agitated pumped glued frustrated upset
 disappointed excited thrilled delighted relieved dismayed disturbed troubled bothered annoyed shocked horrified
 impressed encouraged offended surprised satisfied determined committed inclined resigned intrigued interested`.split(/\s+/),
);

/** A be-auxiliary before a past participle: "was accused", "are expected", "has been mentioned". */
function isPassive(ctx: Ctx, auxStart: number, verb: number): boolean {
  const w = lower(ctx, verb);
  if (!/(ed|en|wn|ld|ght)$/.test(w)) return false;
  // ("had been assured …", "was persuaded to support …", "is worried by …" stay passive.)
  const infinitive = lower(ctx, verb + 1) === 'to' && ctx.tags.upos[verb + 2] === 'VERB';
  if (STANCE_PARTICIPLES.has(w) && lower(ctx, verb - 1) !== 'been' && lower(ctx, verb + 1) !== 'by' && !infinitive) return false;
  for (let i = auxStart; i < verb; i++) if (/^(is|are|was|were|be|been|being|'s|’s)$/.test(lower(ctx, i))) return true;
  return false;
}

/**
 * A cue set in commas inside its content: "The truth, the senator said then, was that …" gives
 * two pieces; "However, he said, some states …" only the clause after it.
 */
function parenthetical(ctx: Ctx, s: Sentence, cue: CueHit, pre: [number, number] | null, cues: CueHit[]): { content: Span[]; source: Span } | null {
  if (!pre) return null;
  let j = cue.t1;
  while (j < s.tokenEnd && ctx.tags.upos[j] === 'ADV') j++;
  if (lower(ctx, j) !== ',' || j + 1 >= s.tokenEnd) return null;
  // "The harbour, Talia Renquist said, will reopen": a predicate with no subject after the cue means
  // the phrase before the first comma is its subject, not part of the source.
  if (pre[0] === s.tokenStart || lower(ctx, pre[0] - 1) !== ',') {
    const comma = indexOfWord(ctx, pre[0], pre[1], ',');
    const predicate = ctx.tags.upos[j + 1] === 'AUX' || ctx.tags.upos[j + 1] === 'VERB';
    if (comma < 0 || !predicate) return null;
    pre = [comma + 1, pre[1]];
  }
  const afterEnd = forwardContentEnd(ctx, s, j + 1, cue, cues).end;
  if (afterEnd <= j + 1 || !hasWord(ctx, j + 1, afterEnd)) return null;
  const after = chars(ctx, j + 1, afterEnd);
  const bStart = afterDateline(ctx, s);
  const bEnd = pre[0] - 1;
  let nominal = false;
  for (let i = bStart; i < bEnd; i++) if (['NOUN', 'PROPN', 'PRON', 'NUM'].includes(ctx.tags.upos[i]!)) nominal = true;
  const source = chars(ctx, pre[0], pre[1]);
  return { content: nominal && bEnd > bStart ? [chars(ctx, bStart, bEnd), after] : [after], source };
}

/** Only punctuation, a quotation or a closing comma follows token range end in the sentence. */
function reachesEnd(ctx: Ctx, s: Sentence, end: number): boolean {
  for (let i = end; i < s.tokenEnd; i++) {
    const w = lower(ctx, i);
    if (w === ',' && isQuoteMark(ctx, i + 1)) return true;
    if (!FINAL_PUNCT.test(w) && !isQuoteMark(ctx, i) && w !== ',') return false;
  }
  return true;
}

function afterDatelineOffset(ctx: Ctx, s: Sentence): number {
  return ctx.doc.tokens[afterDateline(ctx, s)]!.start;
}

function hasVerb(ctx: Ctx, t0: number, t1: number): boolean {
  for (let i = t0; i < t1; i++) if (ctx.tags.upos[i] === 'VERB' || ctx.tags.upos[i] === 'AUX') return true;
  return false;
}

/** First token after a dateline ("WASHINGTON ― …"), or the sentence start. */
function afterDateline(ctx: Ctx, s: Sentence): number {
  for (let i = s.tokenStart; i < s.tokenEnd && i - s.tokenStart <= 12; i++) {
    const w = ctx.doc.tokens[i]!.text;
    if (w === '―' || w === '—' || w === '--' || spacedHyphen(ctx, i)) return i + 1;
    if (/\p{Ll}/u.test(w)) break;
  }
  return s.tokenStart;
}

function overlapsSpan(a: Span, list: Span[]): boolean {
  return list.some((b) => a.start < b.end && b.start < a.end);
}

/** Earlier segments of a quotation that ran over several paragraphs. */
function quoteChainStart(ctx: Ctx, q: Quote): Span[] {
  const out: Span[] = [];
  let i = ctx.quotes.indexOf(q);
  while (i > 0 && ctx.quotes[i]!.continuesPrevious) {
    i--;
    out.unshift(ctx.quotes[i]!.span);
  }
  return out;
}

/** Sentences right after s, in the same paragraph, that consist of one quote and no cue. */
function followingQuotes(ctx: Ctx, s: Sentence): Span[] {
  const out: Span[] = [];
  const sentences = ctx.doc.sentences;
  let i = sentences.indexOf(s) + 1;
  while (i < sentences.length && sentences[i]!.paragraph === s.paragraph) {
    const next = sentences[i]!;
    const q = quoteStartingAt(ctx, next.start);
    if (!q || q.span.end < next.end - 1 || findCues(ctx, next).length > 0) break;
    out.push(q.span);
    i++;
  }
  return out;
}

/** Skip an object before "that" ("told reporters that", "said in a statement that"). */
/** The start of a cue-first content: the rules' choice, or the learned ranker's among the tokens after the cue. */
function forwardContentStart(ctx: Ctx, s: Sentence, cue: CueHit, from: number, ruleStart: number): number {
  if (ruleStart >= s.tokenEnd || (!ctx.startModel && !ctx.recordStart)) return ruleStart;
  const candidates = startCandidates({ doc: ctx.doc, tags: ctx.tags, quotes: ctx.quotes, sentence: s, cueStart: cue.t0, cueEnd: cue.t1, from, ruleStart, cueLemma: cue.lemma });
  ctx.recordStart?.({ cueStart: cue.t0, cueEnd: cue.t1, ruleStart, candidates });
  return ctx.startModel ? bestStart(ctx.startModel, candidates) : ruleStart;
}

function contentStart(ctx: Ctx, s: Sentence, cue: CueHit, from: number): number {
  // Only an addressee ("told reporters that"), a time ("said Friday that") or a prepositional adjunct
  // ("said in a statement that") stands between a cue and its "that"; after a plain noun phrase, "that"
  // opens a relative clause inside the content ("loves the school that her daughter attends").
  const skippable = ADDRESSEE_CUES.has(cue.lemma) || TIME_WORDS.has(lower(ctx, from)) || ctx.tags.upos[from] === 'ADP' || ctx.tags.upos[from] === 'ADV' || lower(ctx, from) === ',';
  for (let i = from; i < s.tokenEnd && i - from <= 11 && (skippable || i === from); i++) {
    const w = lower(ctx, i);
    if (w === 'that' || (i > from && /^(how|why|what|whether|who)$/.test(w))) return i;
    const pos = ctx.tags.upos[i]!;
    if (!['ADP', 'DET', 'NOUN', 'PROPN', 'NUM', 'ADJ', 'PRON', 'ADV'].includes(pos) && w !== ',') break;
  }
  // "said Friday afternoon, as they …": a time phrase and its comma are not content.
  {
    let i = from;
    while (i < s.tokenEnd && i - from < 3 && TIME_WORDS.has(lower(ctx, i))) i++;
    if (i > from && lower(ctx, i) === ',') from = i + 1;
  }
  // "decided after a long inquiry not to …", "said on Thursday …": a leading adjunct is not content.
  if (ctx.tags.upos[from] === 'ADP' && lower(ctx, from) !== 'of' && lower(ctx, from) !== 'about') {
    for (let i = from + 1; i < s.tokenEnd && i - from <= 8; i++) {
      const w = lower(ctx, i);
      const pos = ctx.tags.upos[i]!;
      if (w === ',' || w === 'to' || w === 'not' || pos === 'PRON' && i > from + 1) return w === ',' ? i + 1 : i;
      if (!['ADP', 'DET', 'NOUN', 'PROPN', 'NUM', 'ADJ'].includes(pos)) break;
    }
  }
  if (cue.lemma === 'tell') {
    // "told reporters the route would reopen": the addressee is one noun phrase; a determiner or a
    // second name after it starts the content.
    const i = addresseeEnd(ctx, s, from);
    return i < s.tokenEnd && lower(ctx, i) === ',' ? i + 1 : i;
  }
  return from;
}

/** Cues that take an addressee before their content ("told reporters that", "reminded voters that"). */
const ADDRESSEE_CUES = new Set(['tell', 'remind', 'warn', 'inform', 'assure', 'reassure', 'notify', 'convince', 'persuade', 'promise', 'ask', 'advise', 'caution', 'urge', 'teach', 'show']);

/** End of the addressee noun phrase at token i ("reporters", "the Associated Press", "CNN's Jake Tapper", "him"). */
function addresseeEnd(ctx: Ctx, s: Sentence, i: number): number {
  const pos = (k: number): string => (k < s.tokenEnd ? ctx.tags.upos[k]! : '');
  if (pos(i) === 'PRON') return i + 1;
  if (pos(i) === 'DET') i++;
  while (pos(i) === 'ADJ') i++;
  for (;;) {
    while (pos(i) === 'NOUN' || pos(i) === 'PROPN') i++;
    if (!/^['’]s$/.test(lower(ctx, i)) || (pos(i + 1) !== 'PROPN' && pos(i + 1) !== 'NOUN')) return i;
    i++;
  }
}

/**
 * ", a charge Holt denied": an object noun phrase, then the speaker and the cue, after a comma. What is
 * denied is the claim of the clause before the comma (the earlier attribution's content when there is one).
 */
function echoedClaim(ctx: Ctx, s: Sentence, cue: CueHit, mine: Attribution[]): { content: Span[]; source: Span } | null {
  const pos = (k: number): string => (k >= s.tokenStart ? ctx.tags.upos[k]! : '');
  let k = cue.t0 - 1;
  while (pos(k) === 'AUX' || pos(k) === 'ADV' || pos(k) === 'PART') k--;
  const nameEnd = k + 1;
  if (pos(k) === 'PRON') k--;
  else while (pos(k) === 'PROPN') k--;
  const nameStart = k + 1;
  if (nameStart === nameEnd || pos(k) !== 'NOUN') return null;
  while (pos(k) === 'NOUN' || pos(k) === 'ADJ') k--;
  if (pos(k) !== 'DET' || lower(ctx, k - 1) !== ',') return null;
  const comma = k - 1;
  const commaStart = ctx.doc.tokens[comma]!.start;
  const claim = [...mine].reverse().find((a) => a.content.every((c) => c.end <= commaStart));
  const start = afterDateline(ctx, s);
  const content = claim ? claim.content.map((c) => ({ ...c })) : comma > start ? [chars(ctx, start, comma)] : [];
  return content.length ? { content, source: chars(ctx, nameStart, nameEnd) } : null;
}

/** The noun phrase between the first comma after token t and the next verb ("…, Trump told"). */
function subjectAfterComma(ctx: Ctx, s: Sentence, t: number): Span | null {
  const comma = indexOfWord(ctx, t, s.tokenEnd, ',');
  if (comma < 0) return null;
  let v = comma + 1;
  while (v < s.tokenEnd && v - comma <= 8 && ctx.tags.upos[v] !== 'VERB' && ctx.tags.upos[v] !== 'AUX' && lower(ctx, v) !== ',') v++;
  if (v >= s.tokenEnd || lower(ctx, v) === ',' || v - comma > 8) return null;
  let end = v;
  while (end > comma + 1 && (ctx.tags.upos[end - 1] === 'ADV' || ctx.tags.upos[end - 1] === 'PART')) end--;
  for (let k = comma + 1; k < end; k++) if (['NOUN', 'PROPN', 'PRON'].includes(ctx.tags.upos[k]!)) return chars(ctx, comma + 1, end);
  return null;
}

function mainSubject(ctx: Ctx, s: Sentence): Span | null {
  let i = s.tokenStart;
  while (i < s.tokenEnd && ctx.tags.upos[i] !== 'VERB' && ctx.tags.upos[i] !== 'AUX') i++;
  const range = sourceBefore(ctx, s, i);
  return range ? chars(ctx, range[0], range[1]) : null;
}

/** Quotes no cue claimed, continuing the previous direct attribution in the same or next paragraph. */
function attachOrphanQuotes(ctx: Ctx, found: Attribution[]): void {
  for (const q of ctx.quotes) {
    if (found.some((a) => overlapsSpan(q.span, a.content))) continue;
    const prev = [...found].reverse().find((a) => a.content[0]!.start < q.span.start);
    if (!prev || prev.kind === 'indirect') continue;
    const sentence = ctx.doc.sentences.find((s) => s.start <= q.span.start && q.span.start < s.end);
    if (!sentence || sentence.start !== q.span.start || q.partial) continue;
    const prevPara = ctx.doc.sentences.find((s) => s.start <= prev.content[0]!.start && prev.content[0]!.start < s.end)?.paragraph ?? -9;
    if (sentence.paragraph - prevPara > 1) continue;
    prev.content.push(q.span);
  }
}

const SIGNATURE_DASH = /^(―|—|--)$/;

/**
 * Vox-pop signatures: "“…” ― Ana Reyes" (a quotation, a dash, a short name closing the line). The dash is
 * the cue and the whole quotation, however many sentences it runs, the content.
 */
function signedQuotes(ctx: Ctx): Attribution[] {
  const out: Attribution[] = [];
  const { tokens } = ctx.doc;
  for (let i = 1; i < tokens.length - 1; i++) {
    if (!SIGNATURE_DASH.test(tokens[i]!.text)) continue;
    const quote = quoteEndingAt(ctx, tokens[i - 1]!.end) ?? signedQuoteBefore(ctx, i);
    if (!quote) continue;
    // The name: capitalised words (initials, particles) up to the end of the line or the next quotation.
    let end = i + 1;
    while (end < tokens.length && end - i <= 6 && !/\n/.test(ctx.doc.text.slice(tokens[end - 1]!.end, tokens[end]!.start)) && /^(\p{Lu}[\p{L}.'’-]*|de|del|la|van|von)$/u.test(tokens[end]!.text)) end++;
    const closesLine = end >= tokens.length || /\n/.test(ctx.doc.text.slice(tokens[end - 1]!.end, tokens[end]!.start)) || isQuoteMark(ctx, end) || FINAL_PUNCT.test(tokens[end]!.text);
    if (end === i + 1 || !closesLine) continue;
    out.push({
      kind: 'direct',
      cue: { ...chars(ctx, i, i + 1), lemma: tokens[i]!.text, cls: 'speech' },
      content: [...quoteChainStart(ctx, quote), quote.span],
      source: chars(ctx, i + 1, end),
      speaker: null,
    });
  }
  return out;
}

/**
 * Transcript turns: a paragraph opening with a speaker label in capitals ("WALLACE: …", "“PENCE: …") is that
 * speaker's; the colon is the cue and the rest of the paragraph the content.
 */
function transcriptTurns(ctx: Ctx): Attribution[] {
  const out: Attribution[] = [];
  const { tokens, text } = ctx.doc;
  for (const para of ctx.doc.paragraphs) {
    let i = tokenAt(ctx.doc, para.start);
    while (i >= 0 && i < tokens.length && tokens[i]!.start < para.start) i++;
    if (i < 0 || i >= tokens.length || tokens[i]!.start >= para.end) continue;
    if (isQuoteMark(ctx, i)) i++;
    let colon = i;
    while (colon < tokens.length && colon - i < 3 && /^\p{Lu}[\p{Lu}.'’-]+$/u.test(tokens[colon]!.text)) colon++;
    if (colon === i || tokens[colon]?.text !== ':' || tokens[colon]!.end >= para.end) continue;
    let end = para.end;
    while (end > tokens[colon]!.end && /\s/.test(text[end - 1]!)) end--;
    let start = tokens[colon]!.end;
    while (start < end && /\s/.test(text[start]!)) start++;
    if (end <= start) continue;
    out.push({
      kind: 'direct',
      cue: { ...chars(ctx, colon, colon + 1), lemma: ':', cls: 'speech' },
      content: [{ start, end }],
      source: chars(ctx, i, colon),
      speaker: null,
    });
  }
  return out;
}

/** A quotation the quote finder missed because it opens with a closing mark (”…”): from that mark to the dash. */
function signedQuoteBefore(ctx: Ctx, dash: number): Quote | undefined {
  const prev = ctx.doc.tokens[dash - 1]!;
  if (!/^[”"]$/.test(prev.text)) return undefined;
  const para = ctx.doc.paragraphs.find((p) => p.start <= prev.start && prev.start < p.end);
  if (!para || !/^[”"“]/.test(ctx.doc.text.slice(para.start, para.start + 1))) return undefined;
  const span = { start: para.start, end: prev.end };
  return { span, inner: { start: span.start + 1, end: span.end - 1 }, closed: true, continuesPrevious: false, partial: false };
}

/** Every cue the detector finds, with or without a content the rules can attach (for diagnostics). */
export function findCueSpans(doc: Doc): Array<Span & { lemma: string }> {
  const ctx: Ctx = { doc, tags: tokenTags(doc), quotes: findQuotes(doc), model: defaultCueModel(), contentModel: defaultContentModel(), startModel: null, cueEndModel: null, sourceModel: null, cueStartModel: null, leadModel: null };
  return doc.sentences.flatMap((s) => findCues(ctx, s).map((c) => ({ ...chars(ctx, c.t0, c.t1), lemma: c.lemma })));
}

/** For a source that is "who"/"which", the noun phrase right before it (and its comma); otherwise null. */
function relativeAntecedent(ctx: Ctx, source: Span): Span | null {
  if (!/^(who|which)$/i.test(ctx.doc.text.slice(source.start, source.end))) return null;
  let k = tokenAt(ctx.doc, source.start) - 1;
  if (lower(ctx, k) === ',') k--;
  const end = k + 1;
  while (k >= 0 && (ctx.tags.upos[k] === 'PROPN' || ctx.tags.upos[k] === 'NOUN' || (ctx.tags.upos[k] === 'ADJ' && k < end - 1))) k--;
  return k + 1 < end ? chars(ctx, k + 1, end) : null;
}

/** Every attribution in a Doc, speakers resolved, in text order. */
export function findAttributions(doc: Doc, entities: EntityRecord[] = [], options: AttributionOptions = {}): Attribution[] {
  const tags = tokenTags(doc);
  const ctx: Ctx = {
    doc,
    tags,
    quotes: findQuotes(doc),
    model: defaultCueModel(),
    cueMargins: new Map(),
    contentModel: defaultContentModel(),
    recordEnd: options.recordContentEnd,
    startModel: defaultStartModel(),
    recordStart: options.recordContentStart,
    cueEndModel: defaultCueEndModel(),
    recordCueEnd: options.recordCueEnd,
    sourceModel: defaultSourceModel(),
    recordSource: options.recordSource,
    cueStartModel: defaultCueStartModel(),
    recordCueStart: options.recordCueStart,
    leadModel: defaultLeadModel(),
    recordLead: options.recordLead,
  };
  const found: Attribution[] = [];
  for (const s of doc.sentences) attributeSentence(ctx, s, found);
  const signed = [...signedQuotes(ctx), ...transcriptTurns(ctx)];
  if (signed.length) {
    // A signed quotation or a transcript turn is that person's: drop what the sentence rules made of its pieces.
    const kept = found.filter((a) => !signed.some((b) => overlapsSpan(a.cue, b.content) || a.content.some((c) => overlapsSpan(c, b.content))));
    found.splice(0, found.length, ...[...kept, ...signed].sort((a, b) => a.cue.start - b.cue.start));
  }
  attachOrphanQuotes(ctx, found);
  dropDetachedCueTails(doc, found);
  const index = buildSpeakerIndex(doc, tags, entities);
  const recent: ResolvedSpeaker[] = [];
  for (const a of found) {
    if (!a.source) continue;
    // A relative pronoun speaks for the noun phrase it follows ("Maren Holt, who warned …").
    const said = relativeAntecedent(ctx, a.source) ?? a.source;
    const text = doc.text.slice(said.start, said.end);
    a.speaker = resolveSpeaker(index, said, text.replace(/,\s*for (his|her|its|their) part,?/i, ''), { at: said.start, recent });
    if (a.speaker) {
      recent.push(a.speaker);
      index.said.set(a.speaker.key, (index.said.get(a.speaker.key) ?? 0) + 1);
    }
  }
  return kept(ctx, entities, found);
}

/**
 * '"…," said Lenna Strom, head of the union, in a statement': "in a statement" ends the frame of "said",
 * whose source runs up to it; it is not a cue of its own whose content swallows the quote and "said".
 */
function dropDetachedCueTails(doc: Doc, found: Attribution[]): void {
  const detached = (a: Attribution): boolean =>
    found.some((b) => {
      if (b === a || !b.source || !a.content.some((c) => c.start <= b.cue.start && b.cue.end <= c.end)) return false;
      return b.source.end <= a.cue.start && /^[\s,]*$/.test(doc.text.slice(b.source.end, a.cue.start));
    });
  const kept = found.filter((a) => !detached(a));
  found.splice(0, found.length, ...kept);
}

/** The attributions the learned filter keeps (all of them without its model file). */
function kept(ctx: Ctx, entities: EntityRecord[], found: Attribution[]): Attribution[] {
  const filter = defaultFilterModel();
  if (!filter) return found;
  // Its features read the other attributions of the sentence, so every verdict comes before any is dropped.
  const input = { doc: ctx.doc, tags: ctx.tags, quotes: ctx.quotes, cueModel: ctx.model, cueMargins: ctx.cueMargins, entities, all: found };
  const verdicts = found.map((a) => keeps(filter, filterFeatures(input, a)));
  return found.filter((_, i) => verdicts[i]);
}

/** The Analysis `attributions` layer. */
export function annotateAttributions(doc: Doc, entities: EntityRecord[]): AttributionRecord[] {
  return findAttributions(doc, entities).map((a, i) => {
    const mention = a.source ? { start: a.source.start, end: a.source.end, text: doc.text.slice(a.source.start, a.source.end) } : null;
    return {
      id: `a${i + 1}`,
      kind: a.kind,
      speaker: mention ? { entity: a.speaker?.entityId ?? null, mention } : null,
      cue: { start: a.cue.start, end: a.cue.end, text: doc.text.slice(a.cue.start, a.cue.end), lemma: a.cue.lemma, ...cueForm(doc, a.cue) },
      content: {
        spans: a.content.map((c) => ({ start: c.start, end: c.end })),
        text: a.content.map((c) => doc.text.slice(c.start, c.end)).join(' … '),
      },
    };
  });
}

