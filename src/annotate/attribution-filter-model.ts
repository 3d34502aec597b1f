/**
 * The last word on each attribution: an averaged perceptron that reads a
 * whole proposed attribution (how sure the cue detector was, what the content
 * looks like, whether a source was found and what it is) and keeps it or drops
 * it. The cue detector decides token by token and cannot see that a "made" or
 * "offered" it half-believed got no quotation, no clause and no person as
 * source; on PolNeAR dev about one prediction in eight matches no gold
 * attribution and costs every field its precision.
 *
 * Trained on PolNeAR train with `npx tsx train/attribution-filter.ts`, on
 * attributions found with cue detectors jack-knifed over train (the shipped
 * detector has seen every train article and would look surer there than on new
 * text); the keep threshold is picked on dev. Card: models/attribution-filter.md.
 */
import { fileURLToPath } from 'node:url';
import type { EntityRecord } from '../analysis.js';
import { tokenAt, type Doc, type Span } from '../doc/doc.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import { cueFeatures, cueMargin, isCueCandidate, type CueModel } from './attribution-cue-model.js';
import { hashFeatures, loadShippedModel } from './attribution-ranker.js';
import type { TokenTags } from './attribution-tags.js';
import type { Quote } from './quotes.js';

export const FILTER_MODEL_KIND = 'fivew-attribution-filter';
export const FILTER_MODEL_VERSION = 1;
export const FILTER_MODEL_PATH = fileURLToPath(new URL('../../models/attribution-filter.bin.gz', import.meta.url));

export interface FilterModel {
  perceptron: AveragedPerceptron;
  /** An attribution is kept when its margin (keep − drop) is above this; picked on dev. */
  threshold: number;
}

/** What the filter reads of one attribution (the fields of attribution.ts's Attribution it needs). */
export interface FilterTarget {
  kind: 'direct' | 'indirect' | 'mixed';
  cue: Span & { lemma: string; cls: string };
  content: Span[];
  source: Span | null;
  speaker: { person: boolean } | null;
}

export interface FilterInput {
  doc: Doc;
  tags: TokenTags;
  quotes: Quote[];
  /** The cue detector in use (null: the rules found the cues, and there is no margin to read). */
  cueModel: CueModel | null;
  /** Margins the detector already computed, by token (the rest are computed here). */
  cueMargins?: ReadonlyMap<number, number>;
  entities: EntityRecord[];
  /** Every attribution of the article, this one included. */
  all: readonly FilterTarget[];
}

/** Index of the first edge in `edges` above n: a coarse, ordered bucket. */
function bucket(n: number, edges: readonly number[]): number {
  let k = 0;
  while (k < edges.length && n >= edges[k]!) k++;
  return k;
}

/** Tokens [first, end) that a character span covers. */
function tokenRange(doc: Doc, span: Span): [number, number] {
  const first = tokenAt(doc, span.start);
  let end = first;
  while (end < doc.tokens.length && doc.tokens[end]!.start < span.end) end++;
  return [first, end];
}

/** The cue token the detector is surest of, and that margin (−∞ and −1 when no token is a candidate). */
function cueHead(input: FilterInput, t0: number, t1: number): { head: number; margin: number } {
  let head = -1;
  let margin = -Infinity;
  if (!input.cueModel) return { head, margin };
  for (let k = t0; k < t1; k++) {
    if (!isCueCandidate(input.doc, input.tags, k)) continue;
    const m = input.cueMargins?.get(k) ?? cueMargin(input.cueModel, cueFeatures(input.doc, input.tags, input.quotes, k));
    if (m > margin) {
      margin = m;
      head = k;
    }
  }
  return { head, margin };
}

/** The source phrase's shape: name, pronoun (which one), common noun or other; its length; its entity type. */
function sourceShape(input: FilterInput, source: Span | null): { shape: string; length: number; entity: string } {
  if (!source) return { shape: 'none', length: 0, entity: 'none' };
  const { doc, tags } = input;
  const [s0, s1] = tokenRange(doc, source);
  const pos = tags.upos.slice(s0, s1);
  const shape = pos.includes('PROPN') ? 'PROPN' : pos.includes('PRON') ? `PRON:${doc.tokens[s0]!.text.toLowerCase()}` : pos.includes('NOUN') ? 'NOUN' : 'other';
  const entity = input.entities.find((e) => e.mentions.some((m) => m.start < source.end && source.start < m.end))?.type ?? 'none';
  return { shape, length: bucket(s1 - s0, [2, 3, 5, 9, 16]), entity };
}

/** Hashed features of attribution `a`. */
export function filterFeatures(input: FilterInput, a: FilterTarget): Uint32Array {
  const { doc, tags, quotes } = input;
  const [t0, t1] = tokenRange(doc, a.cue);
  const { head, margin } = cueHead(input, t0, t1);
  const m = head < 0 ? 'none' : String(Math.max(-4, Math.min(8, Math.floor(margin))));
  const words = a.content.reduce((n, c) => n + (doc.text.slice(c.start, c.end).match(/[\p{L}\p{N}]+/gu)?.length ?? 0), 0);
  const length = bucket(words, [2, 4, 8, 16, 32, 64]);
  // How the content opens: a quotation mark, a complementiser or infinitive marker, else its first tag.
  const ft = tokenAt(doc, a.content[0]!.start);
  const fw = doc.tokens[ft]?.text.toLowerCase() ?? '-';
  const opens = /^["“”'‘]$/.test(fw) ? 'Q' : /^(that|to|whether|if|how|what|why)$/.test(fw) ? fw : (tags.upos[ft] ?? '-');
  const where = a.content[0]!.start >= a.cue.end ? 'after' : a.content[a.content.length - 1]!.end <= a.cue.start ? 'before' : 'around';
  const src = sourceShape(input, a.source);
  const speaker = a.speaker ? (a.speaker.person ? 'person' : 'other') : 'none';
  const lemma = a.cue.lemma.toLowerCase();
  const cls = a.cue.cls;
  const headPos = head >= 0 ? tags.upos[head]! : '-';
  const headRel = head >= 0 && tags.deprel ? (tags.deprel[head] ?? '_') : '_';
  const si = doc.tokens[t0]!.sentence;
  const sentence = doc.sentences[si]!;
  const sentenceOf = (b: FilterTarget): number => doc.tokens[tokenAt(doc, b.cue.start)]!.sentence;
  const others = input.all.filter((b) => b !== a && sentenceOf(b) === si).length;
  const insideOther = input.all.some((b) => b !== a && b.content.some((c) => c.start <= a.cue.start && a.cue.end <= c.end));
  const quoted = a.content.some((c) => quotes.some((q) => q.span.start < c.end && c.start < q.span.end));
  const toSentenceEnd = a.content[a.content.length - 1]!.end >= doc.tokens[Math.max(sentence.tokenStart, sentence.tokenEnd - 2)]!.end;
  // A capitalised cue inside its sentence is mostly a headline's Title Case ("Sanders Vows To …").
  const capitalised = /\p{Lu}/u.test(doc.text.charAt(a.cue.start)) && a.cue.start > sentence.start;
  return hashFeatures([
    'b',
    `m=${m}`,
    `l=${lemma}`,
    `c=${cls}`,
    `k=${a.kind}`,
    `cl=${length}`,
    `fw=${opens}`,
    `pos=${where}`,
    `src=${src.shape}`,
    `se=${src.entity}`,
    `sl=${src.length}`,
    `spk=${speaker}`,
    `cuelen=${bucket(t1 - t0, [2, 3, 5])}`,
    `st=${t0 === sentence.tokenStart ? 'start' : '-'}`,
    `hp=${headPos}`,
    `dep=${headRel}`,
    `n=${bucket(a.content.length, [2, 3])}`,
    `l+k=${lemma}|${a.kind}`,
    `l+src=${lemma}|${src.shape}`,
    `l+fw=${lemma}|${opens}`,
    `c+cl=${cls}|${length}`,
    `m+k=${m}|${a.kind}`,
    `m+src=${m}|${src.shape}`,
    `m+fw=${m}|${opens}`,
    `c+src=${cls}|${src.shape}`,
    `c+pos=${cls}|${where}`,
    `k+src=${a.kind}|${src.shape}`,
    `m+pos=${m}|${where}`,
    `se+c=${src.entity}|${cls}`,
    `hp+dep=${headPos}|${headRel}`,
    `l+pos=${lemma}|${where}`,
    `sidx=${Math.min(si, 3)}`,
    `others=${Math.min(others, 2)}`,
    `inother=${insideOther}`,
    `qin=${quoted}|${a.kind}`,
    `endsent=${toSentenceEnd}|${cls}`,
    `capcue=${capitalised ? 'cap' : '-'}`,
  ]);
}

/** Whether the filter keeps an attribution with these features. */
export function keeps(model: FilterModel, features: Uint32Array): boolean {
  const s = model.perceptron.scores(features);
  return s[1]! - s[0]! > model.threshold;
}

let current: FilterModel | null | undefined;

/** The shipped filter, loaded once; null when the file is absent (every attribution is kept then). */
export function defaultFilterModel(): FilterModel | null {
  if (current === undefined) {
    const model = loadShippedModel(FILTER_MODEL_PATH, FILTER_MODEL_KIND, FILTER_MODEL_VERSION);
    current = model?.perceptrons.keep ? { perceptron: model.perceptrons.keep, threshold: Number(model.header.extra?.threshold ?? 0) } : null;
  }
  return current;
}

/** Use this filter (null: keep everything) instead of the shipped file, for training and experiments; undefined restores it. */
export function setFilterModel(model: FilterModel | null | undefined): void {
  current = model;
}
