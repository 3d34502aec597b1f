/**
 * `fivew eval polnear`: attribution (source, cue, content) against PolNeAR.
 *
 * Reads `DIR/text/ARTICLE.txt` and the lexically first `DIR/attributions/ARTICLE_*.ann`
 * (brat standoff), runs the pipeline on the article text and scores whole
 * documents. Metrics are defined in docs/EVAL-attribution.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { analyzeArticle } from '../analysis.js';
import { toOriginalOffset } from '../doc/normalize.js';
import type { Article } from '../ingest/article.js';
import { cueHeadLemma, isSpeechLemma } from '../knowledge/cues.js';
import type { EvalOptions, EvalResult, EvalTask } from './tasks.js';
import { precisionRecallF1 } from './metrics.js';

export interface CharSpan {
  start: number;
  end: number;
}

/** One attribution as span sets, in offsets of the original file text. */
export interface SpanAttribution {
  source: CharSpan[] | null;
  cue: CharSpan[];
  content: CharSpan[];
}

const spanSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).refine((s) => s.end >= s.start);
const textBoundSchema = z.object({ id: z.string().regex(/^T\d+$/), label: z.string().min(1), spans: z.array(spanSchema).min(1) });
const eventSchema = z.object({ id: z.string().regex(/^E\d+$/), roles: z.array(z.object({ role: z.string().min(1), ref: z.string() })) });
type TextBound = z.infer<typeof textBoundSchema>;

/**
 * Parse brat standoff into attributions. Lines that do not start a T/E/# record
 * continue the previous span text (span text may hold newlines). Attributions
 * without a cue or a content are dropped: there is nothing to align them on.
 */
export function parseBrat(ann: string): SpanAttribution[] {
  const bounds = new Map<string, TextBound>();
  const events: Array<z.infer<typeof eventSchema>> = [];
  for (const line of ann.split('\n')) {
    const t = /^(T\d+)\t(\S+) ([\d ;]+)\t/.exec(line);
    if (t) {
      const spans = t[3]!.split(';').map((part) => {
        const [s, e] = part.trim().split(/\s+/).map(Number);
        return { start: s!, end: e! };
      });
      const parsed = textBoundSchema.safeParse({ id: t[1], label: t[2], spans });
      if (parsed.success) bounds.set(parsed.data.id, parsed.data);
      continue;
    }
    const e = /^(E\d+)\t(.*)$/.exec(line);
    if (e) {
      const roles = e[2]!
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((pair) => {
          const [role, ref] = pair.split(':');
          return { role: role ?? '', ref: ref ?? '' };
        })
        .filter((r) => r.role && r.ref);
      const parsed = eventSchema.safeParse({ id: e[1], roles });
      if (parsed.success) events.push(parsed.data);
    }
  }
  const out: SpanAttribution[] = [];
  const spansOf = (ref: string): CharSpan[] => bounds.get(ref)?.spans ?? [];
  for (const ev of events) {
    const cue: CharSpan[] = [];
    const content: CharSpan[] = [];
    let source: CharSpan[] | null = null;
    for (const { role, ref } of ev.roles) {
      if (role === 'Cue') cue.push(...spansOf(ref));
      else if (role.startsWith('Content')) content.push(...spansOf(ref));
      else if (role === 'Source') source = [...(source ?? []), ...spansOf(ref)];
    }
    if (cue.length === 0 || content.length === 0) continue;
    out.push({ source: source && source.length ? source : null, cue, content });
  }
  return out;
}

/** Sort, trim whitespace off each span and merge touching spans, so equal extents compare equal. */
export function canonicalSpans(text: string, spans: CharSpan[]): CharSpan[] {
  const trimmed = spans
    .map(({ start, end }) => {
      let s = start;
      let e = end;
      while (s < e && /\s/.test(text[s]!)) s++;
      while (e > s && /\s/.test(text[e - 1]!)) e--;
      return { start: s, end: e };
    })
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: CharSpan[] = [];
  for (const s of trimmed) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

function sameSpans(a: CharSpan[], b: CharSpan[]): boolean {
  return a.length === b.length && a.every((s, i) => s.start === b[i]!.start && s.end === b[i]!.end);
}

function charOverlap(a: CharSpan[], b: CharSpan[]): number {
  let n = 0;
  for (const x of a) for (const y of b) n += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return n;
}

/** Start offsets of the word tokens (letters/digits runs) a span set covers. */
function wordTokens(text: string, spans: CharSpan[]): Set<number> {
  const out = new Set<number>();
  for (const s of spans) {
    const re = /[\p{L}\p{N}]+/gu;
    re.lastIndex = s.start;
    const slice = text.slice(0, s.end);
    for (let m = re.exec(slice); m; m = re.exec(slice)) out.add(m.index);
  }
  return out;
}

export interface Prf {
  tp: number;
  predicted: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}

function prf(tp: number, predicted: number, gold: number): Prf {
  const { precision, recall, f1 } = precisionRecallF1(tp, predicted, gold);
  return { tp, predicted, gold, precision: round(precision), recall: round(recall), f1: round(f1) };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export interface AttributionScores {
  attributions: { predicted: number; gold: number; aligned: number };
  source: Prf;
  cue: Prf;
  content: Prf;
  /** Token-overlap (soft) precision/recall/F1 of content; tp is overlapping tokens. */
  contentTokens: Prf;
  endToEnd: Prf;
}

/** Counts for one document; summed over documents then turned into scores. */
interface Tally {
  pred: number;
  gold: number;
  aligned: number;
  source: [number, number, number];
  cue: [number, number, number];
  content: [number, number, number];
  tokens: [number, number, number];
  e2e: [number, number, number];
}

function emptyTally(): Tally {
  return { pred: 0, gold: 0, aligned: 0, source: [0, 0, 0], cue: [0, 0, 0], content: [0, 0, 0], tokens: [0, 0, 0], e2e: [0, 0, 0] };
}

/**
 * Align predicted to gold attributions one-to-one, greedily by content
 * character overlap (largest first), and tally every metric.
 */
function tallyDocument(text: string, predRaw: SpanAttribution[], goldRaw: SpanAttribution[], into: Tally): void {
  const canon = (a: SpanAttribution): SpanAttribution => ({
    source: a.source ? canonicalSpans(text, a.source) : null,
    cue: canonicalSpans(text, a.cue),
    content: canonicalSpans(text, a.content),
  });
  const pred = predRaw.map(canon);
  const gold = goldRaw.map(canon);
  const pairs: Array<{ p: number; g: number; overlap: number }> = [];
  pred.forEach((p, pi) =>
    gold.forEach((g, gi) => {
      const overlap = charOverlap(p.content, g.content);
      if (overlap > 0) pairs.push({ p: pi, g: gi, overlap });
    }),
  );
  pairs.sort((a, b) => b.overlap - a.overlap || a.p - b.p || a.g - b.g);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const aligned: Array<[SpanAttribution, SpanAttribution]> = [];
  for (const pair of pairs) {
    if (usedP.has(pair.p) || usedG.has(pair.g)) continue;
    usedP.add(pair.p);
    usedG.add(pair.g);
    aligned.push([pred[pair.p]!, gold[pair.g]!]);
  }
  into.pred += pred.length;
  into.gold += gold.length;
  into.aligned += aligned.length;
  into.source[1] += pred.filter((p) => p.source).length;
  into.source[2] += gold.filter((g) => g.source).length;
  into.cue[1] += pred.length;
  into.cue[2] += gold.length;
  into.content[1] += pred.length;
  into.content[2] += gold.length;
  into.e2e[1] += pred.length;
  into.e2e[2] += gold.length;
  for (const p of pred) into.tokens[1] += wordTokens(text, p.content).size;
  for (const g of gold) into.tokens[2] += wordTokens(text, g.content).size;
  for (const [p, g] of aligned) {
    if (p.source && g.source && sameSpans(p.source, g.source)) into.source[0]++;
    if (sameSpans(p.cue, g.cue)) into.cue[0]++;
    if (sameSpans(p.content, g.content)) into.content[0]++;
    const pt = wordTokens(text, p.content);
    const gt = wordTokens(text, g.content);
    let common = 0;
    for (const t of pt) if (gt.has(t)) common++;
    into.tokens[0] += common;
    const dice = pt.size + gt.size ? (2 * common) / (pt.size + gt.size) : 0;
    const sourceOk = p.source && g.source ? charOverlap(p.source, g.source) > 0 : !p.source && !g.source;
    if (dice >= 0.5 && sourceOk) into.e2e[0]++;
  }
}

function scoresOf(t: Tally): AttributionScores {
  return {
    attributions: { predicted: t.pred, gold: t.gold, aligned: t.aligned },
    source: prf(...t.source),
    cue: prf(...t.cue),
    content: prf(...t.content),
    contentTokens: prf(...t.tokens),
    endToEnd: prf(...t.e2e),
  };
}

export interface ScoredDocument {
  text: string;
  predicted: SpanAttribution[];
  gold: SpanAttribution[];
}

export interface PolnearReport {
  documents: number;
  all: AttributionScores;
  /** The same figures restricted to attributions (gold and predicted) whose cue is a speech verb. */
  speechVerbs: AttributionScores;
}

function cueIsSpeech(text: string, a: SpanAttribution): boolean {
  const cueText = a.cue.map((s) => text.slice(s.start, s.end)).join(' ');
  const lemma = cueHeadLemma(cueText);
  return lemma !== null && isSpeechLemma(lemma);
}

export function scoreDocuments(docs: ScoredDocument[]): PolnearReport {
  const all = emptyTally();
  const speech = emptyTally();
  for (const d of docs) {
    tallyDocument(d.text, d.predicted, d.gold, all);
    tallyDocument(
      d.text,
      d.predicted.filter((a) => cueIsSpeech(d.text, a)),
      d.gold.filter((a) => cueIsSpeech(d.text, a)),
      speech,
    );
  }
  return { documents: docs.length, all: scoresOf(all), speechVerbs: scoresOf(speech) };
}

export interface PolnearArticle {
  name: string;
  text: string;
  gold: SpanAttribution[];
}

/** Articles of a PolNeAR split folder, with the lexically first annotation file of each. */
export function readPolnear(dir: string, limit?: number): PolnearArticle[] {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) throw new Error(`${dir}: expected text/ and attributions/ folders (a PolNeAR split)`);
  const anns = readdirSync(annDir)
    .filter((f) => f.endsWith('.ann'))
    .sort();
  const firstAnn = new Map<string, string>();
  for (const f of anns) {
    const name = f.replace(/_[^_]+\.ann$/, '');
    if (!firstAnn.has(name)) firstAnn.set(name, f);
  }
  const names = readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .filter((n) => firstAnn.has(n))
    .sort();
  const chosen = limit !== undefined ? names.slice(0, limit) : names;
  return chosen.map((name) => ({
    name,
    text: readFileSync(join(textDir, `${name}.txt`), 'utf8'),
    gold: parseBrat(readFileSync(join(annDir, firstAnn.get(name)!), 'utf8')),
  }));
}

/** Our attributions for a text, as span sets in the text's own offsets. */
export function predictAttributions(text: string): SpanAttribution[] {
  const article: Article = { url: null, title: null, byline: null, source: null, published: null, language: 'en', text };
  const { analysis, doc } = analyzeArticle(article);
  const back = (s: { start: number; end: number }): CharSpan => ({
    start: toOriginalOffset(doc.normalization, s.start),
    end: toOriginalOffset(doc.normalization, s.end),
  });
  return analysis.attributions.map((a) => ({
    source: a.speaker ? [back(a.speaker.mention)] : null,
    cue: [back(a.cue)],
    content: a.content.spans.map(back),
  }));
}

function fmt(name: string, p: Prf): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
  return `${name.padEnd(16)} P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}   (${p.tp}/${p.predicted} pred, ${p.gold} gold)`;
}

export function formatReport(r: PolnearReport): string {
  const block = (title: string, s: AttributionScores): string[] => [
    `${title}: ${s.attributions.gold} gold, ${s.attributions.predicted} predicted, ${s.attributions.aligned} aligned`,
    fmt('  source exact', s.source),
    fmt('  cue exact', s.cue),
    fmt('  content exact', s.content),
    fmt('  content tokens', s.contentTokens),
    fmt('  end-to-end', s.endToEnd),
  ];
  return [`PolNeAR, ${r.documents} documents`, ...block('all attributions', r.all), ...block('speech-verb cues', r.speechVerbs)].join('\n');
}

export const polnearTask: EvalTask = {
  name: 'polnear',
  description: 'attribution (source, cue, content) on a PolNeAR split',
  async run(options: EvalOptions): Promise<EvalResult> {
    const limitFlag = options.flags.limit;
    const limit = typeof limitFlag === 'string' ? Number(limitFlag) : undefined;
    if (limit !== undefined && !(limit > 0)) throw new Error('--limit expects a positive number');
    const articles = readPolnear(options.data, limit);
    const docs: ScoredDocument[] = [];
    articles.forEach((a, i) => {
      docs.push({ text: a.text, gold: a.gold, predicted: predictAttributions(a.text) });
      options.progress(i + 1, articles.length);
    });
    const report = scoreDocuments(docs);
    return { report: report as unknown as Record<string, unknown>, text: formatReport(report) };
  },
};
