/**
 * `fivew eval plover --data FILE`: PLOVER event coding on a JSON array of
 * records {id, text, event, mode, source: [{actorText, code, sector}],
 * target: [...], eventLoc}. Older type names are read as today's
 * (DISAPPROVE→ACCUSE, DEMAND→REQUEST, FIGHT→ASSAULT); DOCUMENT records are
 * skipped. We run the pipeline on each text and score its main event (the
 * first one coded that is not negated). Metrics are in docs/EVAL-events.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { analyzeArticle } from '../analysis.js';
import { normalizePloverType } from '../knowledge/events/ontology.js';
import type { EvalOptions, EvalResult, EvalTask } from './tasks.js';
import { precisionRecallF1 } from './metrics.js';

const actorSchema = z.object({ actorText: z.string().nullish(), code: z.string().nullish(), sector: z.string().nullish() }).passthrough();
const recordSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    text: z.string().min(1),
    event: z.string().min(1),
    mode: z.string().nullish(),
    source: z.array(actorSchema).nullish(),
    target: z.array(actorSchema).nullish(),
    eventLoc: z.unknown().optional(),
  })
  .passthrough();

export interface PloverRecord {
  id: string;
  text: string;
  type: string;
  mode: string | null;
  sourceCountries: string[];
  targetCountries: string[];
}

/** Prediction for one record: the main event's type, mode and actor countries; type null when nothing was coded. */
export interface PloverPrediction {
  type: string | null;
  mode: string | null;
  sourceCountries: string[];
  targetCountries: string[];
}

function countries(actors: Array<z.infer<typeof actorSchema>> | null | undefined): string[] {
  const out = new Set<string>();
  for (const a of actors ?? []) {
    const code = (a.code ?? '').toUpperCase();
    if (/^[A-Z]{3}/.test(code)) out.add(code.slice(0, 3));
  }
  return [...out];
}

/** Parse and validate the file; DOCUMENT records and unknown types are skipped and counted. */
export function parsePloverFile(json: string): { records: PloverRecord[]; skipped: number } {
  const raw = z.array(z.unknown()).parse(JSON.parse(json));
  const records: PloverRecord[] = [];
  let skipped = 0;
  for (const item of raw) {
    const r = recordSchema.parse(item);
    const type = normalizePloverType(r.event);
    if (!type) {
      skipped++;
      continue;
    }
    records.push({ id: r.id, text: r.text, type, mode: r.mode?.trim() || null, sourceCountries: countries(r.source), targetCountries: countries(r.target) });
  }
  return { records, skipped };
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function f1({ tp, fp, fn }: Counts): number {
  return precisionRecallF1(tp, tp + fp, tp + fn).f1;
}

function addSets(c: Counts, gold: string[], pred: string[]): void {
  const g = new Set(gold);
  const p = new Set(pred);
  for (const x of p) (g.has(x) ? c.tp++ : c.fp++);
  for (const x of g) if (!p.has(x)) c.fn++;
}

export interface PloverScores {
  records: number;
  typeAccuracy: number;
  typeMacroF1: number;
  sourceCountryF1: number;
  targetCountryF1: number;
  tripleF1: number;
  /** Over records whose type we got right and whose gold mode is given. */
  modeAccuracy: number;
  modeRecords: number;
  perType: Record<string, { precision: number; recall: number; f1: number; support: number }>;
}

function triples(type: string | null, sources: string[], targets: string[]): string[] {
  if (!type) return [];
  const s = sources.length > 0 ? sources : ['-'];
  const t = targets.length > 0 ? targets : ['-'];
  return s.flatMap((a) => t.map((b) => `${a}|${type}|${b}`));
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

export function scorePlover(gold: PloverRecord[], predicted: PloverPrediction[]): PloverScores {
  let correct = 0;
  const perType = new Map<string, Counts>();
  const bump = (t: string, k: keyof Counts): void => {
    const c = perType.get(t) ?? { tp: 0, fp: 0, fn: 0 };
    c[k]++;
    perType.set(t, c);
  };
  const src: Counts = { tp: 0, fp: 0, fn: 0 };
  const tgt: Counts = { tp: 0, fp: 0, fn: 0 };
  const tri: Counts = { tp: 0, fp: 0, fn: 0 };
  let modeRight = 0;
  let modeTotal = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] ?? { type: null, mode: null, sourceCountries: [], targetCountries: [] };
    if (p.type === g.type) {
      correct++;
      bump(g.type, 'tp');
      if (g.mode) {
        modeTotal++;
        if (p.mode === g.mode) modeRight++;
      }
    } else {
      bump(g.type, 'fn');
      if (p.type) bump(p.type, 'fp');
    }
    addSets(src, g.sourceCountries, p.sourceCountries);
    addSets(tgt, g.targetCountries, p.targetCountries);
    addSets(tri, triples(g.type, g.sourceCountries, g.targetCountries), triples(p.type, p.sourceCountries, p.targetCountries));
  });
  const types: PloverScores['perType'] = {};
  let macro = 0;
  for (const [t, c] of [...perType.entries()].sort()) {
    const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
    const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
    types[t] = { precision: round(precision), recall: round(recall), f1: round(f1(c)), support: c.tp + c.fn };
    macro += f1(c);
  }
  return {
    records: gold.length,
    typeAccuracy: round(gold.length === 0 ? 0 : correct / gold.length),
    typeMacroF1: round(perType.size === 0 ? 0 : macro / perType.size),
    sourceCountryF1: round(f1(src)),
    targetCountryF1: round(f1(tgt)),
    tripleF1: round(f1(tri)),
    modeAccuracy: round(modeTotal === 0 ? 0 : modeRight / modeTotal),
    modeRecords: modeTotal,
    perType: types,
  };
}

/** Our main event for one text. */
export function predictPlover(text: string): PloverPrediction {
  const { analysis } = analyzeArticle({ url: null, title: null, byline: null, source: null, published: null, language: 'en', text });
  const main = analysis.events.find((e) => e.status !== 'negated');
  if (!main) return { type: null, mode: null, sourceCountries: [], targetCountries: [] };
  const country = (ids: string[]): string[] => [...new Set(ids.map((id) => analysis.entities.find((e) => e.id === id)?.country).filter((c): c is string => !!c))];
  return { type: main.type, mode: main.mode, sourceCountries: country(main.source), targetCountries: country(main.target) };
}

export const ploverTask: EvalTask = {
  name: 'plover',
  description: 'PLOVER event type, mode and actor countries on a JSON file of labelled sentences',
  async run(options: EvalOptions): Promise<EvalResult> {
    if (!existsSync(options.data)) throw new Error(`no such file: ${options.data}`);
    const { records: all, skipped } = parsePloverFile(readFileSync(options.data, 'utf8'));
    const records = all.slice(0, Number(options.flags.limit ?? Infinity));
    const predicted = records.map((r, i) => {
      const p = predictPlover(r.text);
      options.progress(i + 1, records.length);
      return p;
    });
    const s = scorePlover(records, predicted);
    const report = { task: 'plover', skipped, ...s };
    const text = [
      `PLOVER: ${s.records} records (${skipped} skipped: DOCUMENT or unknown type)`,
      `event type accuracy   ${s.typeAccuracy.toFixed(3)}   macro-F1 ${s.typeMacroF1.toFixed(3)}`,
      `source country F1     ${s.sourceCountryF1.toFixed(3)}`,
      `target country F1     ${s.targetCountryF1.toFixed(3)}`,
      `(src, type, tgt) F1   ${s.tripleF1.toFixed(3)}`,
      `mode accuracy         ${s.modeAccuracy.toFixed(3)} (${s.modeRecords} records)`,
    ].join('\n');
    return { report, text };
  },
};
