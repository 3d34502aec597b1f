/**
 * Error analysis for attribution on a PolNeAR split: runs the attribution
 * layer over the split (Docs built by the pipeline are cached, so reruns after
 * a rule change take seconds), scores it like `fivew eval polnear`, and sorts
 * the differences into buckets: missed gold by cue word, false positives by
 * cue, cue/content/source boundary differences. Usage:
 *   npx tsx train/attribution-errors.ts [--data ../shared/data/polnear/dev] [--examples N] [--bucket NAME]
 * Prints corpus snippets to the terminal only; never commit its output.
 */
import { findAttributions, findCueSpans } from '../src/annotate/attribution.js';
import type { Doc } from '../src/doc/doc.js';
import { loadSplit } from './attribution-docs.js';
import { toOriginalOffset } from '../src/doc/normalize.js';
import { canonicalSpans, scoreDocuments, type CharSpan, type SpanAttribution } from '../src/eval/polnear.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const dir = flag('data', '../shared/data/polnear/dev');
const exampleCount = Number(flag('examples', '4'));
const onlyBucket = flag('bucket', '');
const docs = loadSplit(dir, args.includes('--rebuild'));

function back(doc: Doc, s: CharSpan): CharSpan {
  return { start: toOriginalOffset(doc.normalization, s.start), end: toOriginalOffset(doc.normalization, s.end) };
}

const scored = docs.map((d) => {
  const predicted: SpanAttribution[] = findAttributions(d.doc, d.entities).map((a) => ({
    source: a.source ? [back(d.doc, a.source)] : null,
    cue: [back(d.doc, a.cue)],
    content: a.content.map((c) => back(d.doc, c)),
  }));
  return { ...d, predicted };
});
const report = scoreDocuments(scored);
const f = (x: { precision: number; recall: number; f1: number }): string => `${x.f1.toFixed(4)} (P ${x.precision.toFixed(3)} R ${x.recall.toFixed(3)})`;
console.log(`attributions ${JSON.stringify(report.all.attributions)}`);
console.log(`source ${f(report.all.source)}  cue ${f(report.all.cue)}  content ${f(report.all.content)}  tokens ${f(report.all.contentTokens)}`);
console.log(`speech: source ${report.speechVerbs.source.f1} cue ${report.speechVerbs.cue.f1} content ${report.speechVerbs.content.f1}`);
if (args.includes('--score')) process.exit(0);

const buckets = new Map<string, string[]>();
function add(bucket: string, example: string): void {
  const list = buckets.get(bucket) ?? [];
  list.push(example);
  buckets.set(bucket, list);
}

const show = (text: string, spans: CharSpan[] | null): string => (spans ? spans.map((s) => `[${text.slice(s.start, s.end).replace(/\s+/g, ' ')}]`).join('+') : '∅');
const overlap = (a: CharSpan[], b: CharSpan[]): number => a.reduce((n, x) => n + b.reduce((m, y) => m + Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start)), 0), 0);
const same = (a: CharSpan[], b: CharSpan[]): boolean => a.length === b.length && a.every((s, i) => s.start === b[i]!.start && s.end === b[i]!.end);

function context(text: string, at: CharSpan[], width = 160): string {
  const s = Math.max(0, at[0]!.start - width / 2);
  return text.slice(s, at[0]!.end + width / 2).replace(/\s+/g, ' ');
}

/** What differs between two content span sets, as a short label. */
function contentDiff(text: string, p: CharSpan[], g: CharSpan[]): string {
  if (p.length !== g.length) return `pieces ${p.length}→gold ${g.length}`;
  if (p.length > 1) return 'multi-piece boundary';
  const [a, b] = [p[0]!, g[0]!];
  const parts: string[] = [];
  if (a.start !== b.start) {
    const extra = a.start < b.start ? text.slice(a.start, b.start) : text.slice(b.start, a.start);
    const who = a.start < b.start ? 'pred starts earlier' : 'gold starts earlier';
    const word = extra.trim().split(/\s+/)[0]!.toLowerCase();
    parts.push(`${who}: ${/^["“”'‘’]+$/.test(extra.trim()) ? 'quote mark' : /^that$/i.test(extra.trim()) ? 'that' : extra.length > 30 ? 'long' : word}`);
  }
  if (a.end !== b.end) {
    const extra = a.end > b.end ? text.slice(b.end, a.end) : text.slice(a.end, b.end);
    const who = a.end > b.end ? 'pred ends later' : 'gold ends later';
    const t = extra.trim();
    parts.push(`${who}: ${/^[.,;:!?]+$/.test(t) ? `punct ${t}` : /^[.,]?["“”'‘’]+$/.test(t) ? 'quote mark' : t.length > 40 ? 'long' : `"${t.split(/\s+/).slice(0, 2).join(' ').toLowerCase()}"`}`);
  }
  return parts.join(' & ');
}

let missedProposed = 0;
for (const d of scored) {
  const text = d.text;
  const canon = (a: SpanAttribution): SpanAttribution => ({ source: a.source ? canonicalSpans(text, a.source) : null, cue: canonicalSpans(text, a.cue), content: canonicalSpans(text, a.content) });
  const pred = d.predicted.map(canon);
  const gold = d.gold.map(canon);
  const pairs: Array<[number, number, number]> = [];
  pred.forEach((p, pi) => gold.forEach((g, gi) => {
    const o = overlap(p.content, g.content);
    if (o > 0) pairs.push([pi, gi, o]);
  }));
  pairs.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const cueSpans = findCueSpans(d.doc).map((c) => back(d.doc, c));
  for (const [pi, gi] of pairs) {
    if (usedP.has(pi) || usedG.has(gi)) continue;
    usedP.add(pi);
    usedG.add(gi);
    const p = pred[pi]!;
    const g = gold[gi]!;
    const line = (what: string): string => `${what}\n      ctx: ${context(text, g.content.length ? [{ start: Math.min(g.cue[0]!.start, g.content[0]!.start), end: g.cue[0]!.end }] : g.cue)}`;
    if (!same(p.cue, g.cue)) {
      const pc = show(text, p.cue).toLowerCase();
      const gc = show(text, g.cue).toLowerCase();
      const o = overlap(p.cue, g.cue) > 0;
      add(`cue ${o ? 'boundary' : 'different cue'}`, line(`pred ${pc}  gold ${gc}`));
    }
    if (!same(p.content, g.content)) add(`content ${contentDiff(text, p.content, g.content)}`, line(`pred ${show(text, p.content)}\n      gold ${show(text, g.content)}`));
    const ps = p.source;
    const gs = g.source;
    if (!(ps && gs && same(ps, gs)) && (ps || gs)) {
      let kind: string;
      if (!ps) kind = 'source missing';
      else if (!gs) kind = 'source spurious';
      else if (overlap(ps, gs) === 0) kind = 'source different phrase';
      else kind = `source boundary ${ps[0]!.start < gs[0]!.start ? 'pred-start-earlier' : ps[0]!.start > gs[0]!.start ? 'pred-start-later' : ''} ${ps[ps.length - 1]!.end > gs[gs.length - 1]!.end ? 'pred-end-later' : ps[ps.length - 1]!.end < gs[gs.length - 1]!.end ? 'pred-end-earlier' : ''}`;
      add(kind, line(`pred ${show(text, ps)}  gold ${show(text, gs)}  cue ${show(text, g.cue)}`));
    }
  }
  gold.forEach((g, gi) => {
    if (usedG.has(gi)) return;
    const cueText = show(text, g.cue).toLowerCase();
    const proposed = cueSpans.some((c) => g.cue.some((x) => c.start < x.end && x.start < c.end));
    if (proposed) missedProposed++;
    const head = text.slice(g.cue[0]!.start, g.cue[g.cue.length - 1]!.end).toLowerCase().replace(/\s+/g, ' ');
    const overlapsPred = pred.some((p) => overlap(p.content, g.content) > 0);
    add(`missed ${proposed ? '(cue found)' : '(cue not found)'}${overlapsPred ? ' content taken' : ''}`, `${head}\n      ${cueText} ctx: ${context(text, [{ start: Math.min(g.cue[0]!.start, g.content[0]!.start), end: Math.max(g.cue[0]!.end, g.content[g.content.length - 1]!.end) }], 60)}`);
  });
  pred.forEach((p, pi) => {
    if (usedP.has(pi)) return;
    const overlapsGold = gold.some((g) => overlap(p.content, g.content) > 0);
    add(`false positive${overlapsGold ? ' (content taken)' : ''}`, `${show(text, p.cue).toLowerCase()} ctx: ${context(text, [{ start: Math.min(p.cue[0]!.start, p.content[0]!.start), end: Math.max(p.cue[0]!.end, p.content[p.content.length - 1]!.end) }], 40)}`);
  });
}

const sorted = [...buckets.entries()].sort((a, b) => b[1].length - a[1].length);
for (const [name, list] of sorted) {
  if (onlyBucket && !name.includes(onlyBucket)) continue;
  console.log(`\n${list.length}\t${name}`);
  // Cue words of the missed and false-positive buckets, most frequent first.
  if (name.startsWith('missed') || name.startsWith('false') || name.startsWith('cue')) {
    const counts = new Map<string, number>();
    for (const e of list) {
      const key = e.split('\n')[0]!.split(' ctx:')[0]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    console.log(`   ${[...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `${k}:${n}`).join(', ')}`);
  }
  for (const e of list.slice(0, onlyBucket ? 1000 : exampleCount)) console.log(`   - ${e}`);
}
console.log(`\nmissed gold whose cue the detector proposed: ${missedProposed}`);
