/**
 * `fivew eval petr --data PETR2_GSR_validation.xml`: CAMEO event coding
 * against the PETRARCH-2 gold standard records.
 *
 * Each record is one sentence with its expected codings (event code, source
 * and target actor codes) or none. We run the pipeline on the sentence,
 * published on the record's date. When the dictionaries the file's
 * <Environment> names sit beside it (CAMEO verb patterns, Phoenix actors),
 * they are used, as PETRARCH users would: verb patterns refine or add event
 * codes, actor entries code actors. Metrics are in docs/EVAL-events.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { analyzeArticle, type Analysis } from '../analysis.js';
import { dictionaryEntities } from '../annotate/actors.js';
import { annotateEvents } from '../annotate/events.js';
import { cameoRoot } from '../knowledge/events/ontology.js';
import { loadActorDictionary, type ActorDictionary } from '../knowledge/events/petrarch-dict.js';
import { loadVerbDictionary, recodeWithVerbs, type VerbDictionary } from '../knowledge/events/petrarch-verbs.js';
import type { EvalOptions, EvalResult, EvalTask } from './tasks.js';

const codingSchema = z.object({ eventcode: z.string().regex(/^\d{2,4}$/), sourcecode: z.string().min(1), targetcode: z.string().min(1) });
export type GoldCoding = z.infer<typeof codingSchema>;

export interface GsrRecord {
  id: string;
  /** ISO date. */
  date: string | null;
  text: string;
  codings: GoldCoding[];
  evaluate: boolean;
}

export interface GsrFile {
  records: GsrRecord[];
  verbFile: string | null;
  actorFiles: string[];
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Parse the validation XML: <Sentence …/> then <EventCoding …/> lines, then <Text>. */
export function parseGsr(xml: string): GsrFile {
  const records: GsrRecord[] = [];
  const re = /<Sentence\b([^>]*)>([\s\S]*?)<Text>([\s\S]*?)<\/Text>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const head = m[1]!;
    const id = attr(head, 'id');
    const text = m[3]!.replace(/\s+/g, ' ').trim();
    if (!id || !text) continue;
    const codings: GoldCoding[] = [];
    for (const tag of m[2]!.match(/<EventCoding\b[^>]*>/g) ?? []) {
      const parsed = codingSchema.safeParse({ eventcode: attr(tag, 'eventcode'), sourcecode: attr(tag, 'sourcecode'), targetcode: attr(tag, 'targetcode') });
      if (parsed.success) codings.push(parsed.data);
    }
    const d = attr(head, 'date');
    const date = d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : null;
    records.push({ id, date, text, codings, evaluate: attr(head, 'evaluate') !== 'false' });
  }
  const verbFile = /<Verbfile>\s*([^<\s]+)\s*<\/Verbfile>/.exec(xml)?.[1] ?? null;
  const actorFiles = (/<Actorfile>\s*([^<]+?)\s*<\/Actorfile>/.exec(xml)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return { records, verbFile, actorFiles };
}

/** One predicted event, as codes. */
export interface PredictedCoding {
  code: string;
  sources: string[];
  targets: string[];
}

/** Country part of an actor code: "USAGOV" → USA, "IGOUNO" → IGO, "---REB" → null. */
export function countryOfCode(code: string): string | null {
  const head = code.slice(0, 3).toUpperCase();
  return head === '---' || head.length < 3 ? null : head;
}

export interface PetrScores {
  records: number;
  recordsWithEvents: number;
  goldEvents: number;
  rootAccuracy: number;
  codeAccuracy: number;
  sourceCountryAccuracy: number;
  targetCountryAccuracy: number;
  /** Records without gold events where we coded at least one. */
  falseAlarmRate: number;
}

function matchesCountry(gold: string, predicted: string[]): boolean {
  const want = countryOfCode(gold);
  const have = predicted.map(countryOfCode);
  if (want === null) return have.length === 0 || have.includes(null);
  return have.includes(want);
}

/**
 * Score codings. Each gold event is paired with the predicted event of its
 * record that agrees best (same root first, then same source country); the
 * four accuracies are over gold events of records that have events, so a
 * record we code nothing for counts wrong on all four.
 */
export function scorePetr(gold: GsrRecord[], predicted: Map<string, PredictedCoding[]>): PetrScores {
  let goldEvents = 0;
  let root = 0;
  let code = 0;
  let src = 0;
  let tgt = 0;
  let withEvents = 0;
  let quiet = 0;
  let alarms = 0;
  for (const r of gold) {
    const preds = predicted.get(r.id) ?? [];
    if (r.codings.length === 0) {
      quiet++;
      if (preds.length > 0) alarms++;
      continue;
    }
    withEvents++;
    for (const g of r.codings) {
      goldEvents++;
      const ranked = [...preds].sort((a, b) => rank(g, b) - rank(g, a));
      const best = ranked[0];
      if (!best) continue;
      if (cameoRoot(best.code) === cameoRoot(g.eventcode)) root++;
      if (best.code === g.eventcode) code++;
      if (matchesCountry(g.sourcecode, best.sources)) src++;
      if (matchesCountry(g.targetcode, best.targets)) tgt++;
    }
  }
  const ratio = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000);
  return {
    records: gold.length,
    recordsWithEvents: withEvents,
    goldEvents,
    rootAccuracy: ratio(root, goldEvents),
    codeAccuracy: ratio(code, goldEvents),
    sourceCountryAccuracy: ratio(src, goldEvents),
    targetCountryAccuracy: ratio(tgt, goldEvents),
    falseAlarmRate: ratio(alarms, quiet),
  };
}

function rank(g: GoldCoding, p: PredictedCoding): number {
  return (cameoRoot(p.code) === cameoRoot(g.eventcode) ? 4 : 0) + (matchesCountry(g.sourcecode, p.sources) ? 2 : 0) + (matchesCountry(g.targetcode, p.targets) ? 1 : 0);
}

/** Actor code of an entity: its country, else an IGO/NGO sector, else unknown. */
function entityCode(analysis: Analysis, id: string): string {
  const e = analysis.entities.find((x) => x.id === id);
  if (!e) return '---';
  if (e.country) return e.country + (e.sector && e.sector.length === 3 ? e.sector : '');
  return e.sector === 'IGO' || e.sector === 'NGO' ? e.sector : '---';
}

/** Our codings for one sentence: the pipeline's events, refined by verb patterns when given. */
export function codeRecord(record: GsrRecord, verbs: VerbDictionary | null, actors: ActorDictionary | null): PredictedCoding[] {
  const { analysis, doc } = analyzeArticle({ url: null, title: null, byline: null, source: null, published: record.date, language: 'en', text: record.text });
  if (actors) {
    for (const e of analysis.entities) {
      const hit = [e.name, ...e.mentions.map((m) => m.text)].map((n) => actors.lookup(n, record.date)).find((c) => c !== null);
      if (hit) {
        e.country = countryOfCode(hit) === 'IGO' ? null : countryOfCode(hit);
        e.sector = countryOfCode(hit) === 'IGO' ? 'IGO' : hit.slice(3, 6) || e.sector;
      }
    }
  }
  if (actors) {
    // The user's dictionary also finds actors NER missed; events are then coded again with them.
    const extra = dictionaryEntities(doc, analysis.entities, actors, record.date);
    if (extra.length > 0) {
      analysis.entities = [...analysis.entities, ...extra];
      analysis.events = annotateEvents(doc, analysis.entities, analysis.attributions, { published: record.date });
    }
  }
  const events = verbs ? recodeWithVerbs(doc, analysis, verbs) : analysis.events;
  const out: PredictedCoding[] = [];
  for (const e of events) {
    if (!e.cameo || e.status === 'negated') continue;
    const sources = e.source.map((id) => entityCode(analysis, id));
    const targets = e.target.map((id) => entityCode(analysis, id));
    // PLOVER lists joint actors as sources with no target ("X, Y and Z met"); PETRARCH codes each pair.
    if (targets.length === 0 && sources.length > 1) {
      for (const a of sources) for (const b of sources) if (a !== b) out.push({ code: e.cameo, sources: [a], targets: [b] });
    } else out.push({ code: e.cameo, sources, targets });
  }
  return out;
}

export const petrTask: EvalTask = {
  name: 'petr',
  description: 'CAMEO event coding against the PETRARCH-2 gold standard records (root and full code, source and target country)',
  async run(options: EvalOptions): Promise<EvalResult> {
    if (!existsSync(options.data)) throw new Error(`no such file: ${options.data}`);
    const gsr = parseGsr(readFileSync(options.data, 'utf8'));
    const dir = dirname(options.data);
    const useDicts = options.flags.baseline !== 'nodict';
    const verbPath = gsr.verbFile ? join(dir, gsr.verbFile) : null;
    const verbs = useDicts && verbPath && existsSync(verbPath) ? loadVerbDictionary(verbPath) : null;
    const actorPaths = gsr.actorFiles.map((f) => join(dir, f)).filter((p) => existsSync(p));
    const actors = useDicts && actorPaths.length > 0 ? loadActorDictionary(actorPaths) : null;
    const limit = Number(options.flags.limit ?? Infinity);
    const records = gsr.records.filter((r) => r.evaluate).slice(0, limit);
    const predicted = new Map<string, PredictedCoding[]>();
    records.forEach((r, i) => {
      predicted.set(r.id, codeRecord(r, verbs, actors));
      options.progress(i + 1, records.length);
    });
    const scores = scorePetr(records, predicted);
    const report = { task: 'petr', verbDictionary: verbs !== null, actorDictionary: actors !== null, ...scores };
    const text = [
      `PETR2 GSR: ${scores.records} records, ${scores.recordsWithEvents} with ${scores.goldEvents} gold events (dictionaries: verbs ${verbs ? 'yes' : 'no'}, actors ${actors ? 'yes' : 'no'})`,
      `CAMEO root accuracy   ${scores.rootAccuracy.toFixed(3)}`,
      `CAMEO code accuracy   ${scores.codeAccuracy.toFixed(3)}`,
      `source country acc.   ${scores.sourceCountryAccuracy.toFixed(3)}`,
      `target country acc.   ${scores.targetCountryAccuracy.toFixed(3)}`,
      `false alarms (no-event records) ${scores.falseAlarmRate.toFixed(3)}`,
    ].join('\n');
    return { report, text };
  },
};
