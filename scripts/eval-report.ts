/**
 * Regenerates docs/EVAL.md: runs every evaluation and benchmark through the
 * built CLI, exactly as a user would, and writes each figure beside the
 * command that produced it.
 *
 *   npm run build && npx tsx scripts/eval-report.ts          (writes docs/EVAL.md)
 *   npx tsx scripts/eval-report.ts --only petr,bench-ner     (prints those sections only)
 *   npx tsx scripts/eval-report.ts --only bench-api --write  (reruns those sections in docs/EVAL.md)
 *
 * Needs ../shared (the corpora). Sections whose task is not registered are
 * listed as not yet available rather than silently dropped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const shared = resolve(root, '../shared');
const cli = join(root, 'dist/cli/main.js');

interface Section {
  key: string;
  title: string;
  /** Arguments to `fivew`, relative to the repository root. */
  args: string[];
  targets: string;
}

const BENCH_TARGETS: Record<string, string> = {
  html: '≥ 50 pages/s on one core',
  ingest: '≥ 200 articles/s into SQLite without analysis',
  syntax: 'tagger + parser ≥ 100,000 tokens/s on one core',
  ner: '≥ 150,000 tokens/s on one core',
  attribution: '≤ 20 % of pipeline time',
  events: 'events + actors + places + dates ≤ 25 % of pipeline time',
  pipeline: 'full analysis ≥ 40,000 words/s on one core, ≥ 1.7× that with 2 jobs, peak memory ≤ 1 GB',
  api: 'actor page and search median < 20 ms, p99 < 100 ms; article fetch ≥ 1,000 requests/s with p99 < 100 ms at 50 connections; 10,000-article store',
};

const SECTIONS: Section[] = [
  {
    key: 'extraction',
    title: 'Article extraction (WCXB dev, 793 article pages)',
    args: ['eval', 'extraction', '--data', '../shared/data/wcxb-dev-articles', '--baseline', 'readability', '--json'],
    targets: 'body F1 ≥ 0.95, title ≥ 95 %, date ≥ 90 %, author ≥ 85 %',
  },
  {
    key: 'ud',
    title: 'POS tagging and dependency parsing (UD EWT dev)',
    args: ['eval', 'ud', '--data', '../shared/data/ud-ewt/en_ewt-ud-dev.conllu', '--json'],
    targets: 'UPOS ≥ 95.5 %, UAS ≥ 88 %, LAS ≥ 85.5 %, raw-text LAS F1 ≥ 80 %',
  },
  {
    key: 'conll',
    title: 'Named entities (CoNLL-2003 eng.testa)',
    args: ['eval', 'conll', '--data', '../shared/data/conll2003/eng.testa.gz', '--json'],
    targets: 'F1 ≥ 0.92',
  },
  {
    key: 'polnear',
    title: 'Attribution (PolNeAR dev)',
    args: ['eval', 'polnear', '--data', '../shared/data/polnear/dev', '--json'],
    targets: 'source exact F1 ≥ 0.80, cue ≥ 0.78, content ≥ 0.70',
  },
  {
    key: 'petr',
    title: 'Event coding (PETRARCH-2 gold validation records, our dev set)',
    args: ['eval', 'petr', '--data', '../shared/data/events/petrarch/PETR2_GSR_validation.xml', '--json'],
    targets: 'CAMEO root-code accuracy ≥ 0.75, source/target country accuracy ≥ 0.80',
  },
  {
    key: 'plover',
    title: 'PLOVER event typing (our own invented labelled sentences)',
    args: ['eval', 'plover', '--data', 'test/fixtures/events/plover-dev.json', '--json'],
    targets: 'none set; written with the rules, so it shows they work rather than how they generalise',
  },
  {
    key: 'corpus',
    title: 'Story and claim clusters (our own labelled fixture corpus)',
    args: ['eval', 'corpus', '--data', 'test/fixtures/corpus', '--json'],
    targets: 'story pairwise F1 ≥ 0.90, claim pairwise F1 ≥ 0.85',
  },
  ...['html', 'ingest', 'syntax', 'ner', 'attribution', 'events', 'pipeline', 'api'].map((stage) => ({
    key: `bench-${stage}`,
    title: `Throughput: \`${stage}\` stage`,
    args: ['bench', '--stage', stage, '--json'],
    targets: BENCH_TARGETS[stage] ?? 'none set',
  })),
];

function run(args: string[]): { ok: true; json: unknown } | { ok: false; error: string } {
  try {
    const out = execFileSync('node', [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, json: JSON.parse(out) };
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const line = (e.stderr ?? e.message).trim().split('\n').pop() ?? 'failed';
    return { ok: false, error: line };
  }
}

/** Flatten nested figures into `a.b.c: value` rows so any report shape prints as a table. */
function rows(value: unknown, prefix = ''): Array<[string, string]> {
  if (value === null || typeof value !== 'object') return [[prefix || 'value', formatValue(value)]];
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return [[prefix, value.map(formatValue).join(', ')]];
    return value.flatMap((v, i) => {
      const label = typeof v === 'object' && v && 'stage' in v ? String((v as { stage: unknown }).stage) : String(i);
      return rows(v, prefix ? `${prefix}.${label}` : label);
    });
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => rows(v, prefix ? `${prefix}.${k}` : k));
}

function formatValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return String(v);
}

function main(): void {
  if (!existsSync(shared)) {
    process.stderr.write('eval-report: ../shared is absent; the figures need the corpora\n');
    process.exit(2);
  }
  if (!existsSync(cli)) {
    process.stderr.write('eval-report: dist/ is missing; run npm run build first\n');
    process.exit(2);
  }
  const onlyIdx = process.argv.indexOf('--only');
  const only = onlyIdx > 0 ? new Set(process.argv[onlyIdx + 1]!.split(',')) : null;
  const lines: string[] = [
    '# fivew: evaluation figures',
    '',
    `Generated by \`npx tsx scripts/eval-report.ts\` (after \`npm run build\`) on this machine (${cpus().length} cores);`,
    'each section says when it was measured and the load average then',
    '(a loaded machine lowers wall-clock rates; the benches also report rates per CPU-second, which load affects far less).',
    'Every figure below comes from the command printed above its table;',
    'field meanings are documented in the per-task pages (docs/EVAL-*.md) and in `fivew eval --help`.',
    '',
  ];
  for (const section of SECTIONS) {
    if (only && !only.has(section.key)) continue;
    process.stderr.write(`eval-report: ${section.key}…\n`);
    const command = `fivew ${section.args.join(' ')}`;
    const when = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average ${loadavg()[0]!.toFixed(1)} at the start.`;
    lines.push(`## ${section.title}`, '', `Targets: ${section.targets}.`, '', when, '', '```sh', command, '```', '');
    const result = run(section.args);
    if (!result.ok) {
      lines.push(`Not available: ${result.error}`, '');
      continue;
    }
    lines.push('| figure | value |', '| --- | --- |');
    for (const [k, v] of rows(result.json)) lines.push(`| ${k} | ${v} |`);
    lines.push('');
  }
  const target = join(root, 'docs/EVAL.md');
  // A partial run (--only) prints, or with --write replaces just its sections in the report.
  if (only && !process.argv.includes('--write')) {
    process.stdout.write(`${lines.join('\n')}\n`);
    return;
  }
  const text = only && existsSync(target) ? mergeSections(readFileSync(target, 'utf8'), lines.join('\n')) : `${lines.join('\n')}\n`;
  writeFileSync(target, text);
  process.stderr.write('eval-report: wrote docs/EVAL.md\n');
}

/** The report with each `## ` section of `fresh` put in place of the section of the same title. */
function mergeSections(report: string, fresh: string): string {
  const split = (text: string) => text.split(/\n(?=## )/);
  const replacements = new Map(split(fresh).filter((b) => b.startsWith('## ')).map((b) => [b.split('\n', 1)[0]!, b.trimEnd()]));
  const blocks = split(report).map((b) => replacements.get(b.split('\n', 1)[0]!) ?? b.trimEnd());
  return `${blocks.join('\n\n')}\n`;
}

main();
