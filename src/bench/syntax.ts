/**
 * Bench stage `syntax`: tagger + parser words/s on one core, over the EWT dev
 * sentences (gold words) by default or over .txt files given with --data
 * (tokenised into Docs first, outside the timing). One warm-up pass, then a
 * timed pass; CPU time is reported beside wall time as the machine may be
 * shared.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDoc } from '../doc/doc.js';
import { annotateSyntax, defaultSyntaxModels, parseWords, type SyntaxModels } from '../annotate/syntax.js';
import { readConllu } from '../models/conllu.js';
import { peakRssMB, type BenchOptions, type BenchResult, type BenchStage } from './stages.js';
import { cpuSecondsSince } from '../cpu-time.js';

const EWT_DEV = fileURLToPath(new URL('../../../shared/data/ud-ewt/en_ewt-ud-dev.conllu', import.meta.url));

/** Invented sentences for machines without ../shared. */
function generated(): string[][] {
  const names = ['Mirela Oskan', 'Pavel Renke', 'Ivo Brandt', 'Hanna Velic'];
  const out: string[][] = [];
  for (let i = 0; i < 3000; i++) {
    const who = names[i % names.length]!;
    out.push(`" We will not give up , " ${who} said on Tuesday in a meeting with the harbour council , which had asked for the talks .`.split(' '));
  }
  return out;
}

function textFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => join(path, f));
}

function timed(work: () => number): { items: number; seconds: number; cpuSeconds: number } {
  work();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const items = work();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { items, seconds, cpuSeconds: cpuSecondsSince(cpu0) };
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const loadStart = process.hrtime.bigint();
  const models: SyntaxModels = defaultSyntaxModels();
  const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
  let result: { items: number; seconds: number; cpuSeconds: number };
  let notes: string;
  const apart: Record<string, number> = {};
  if (options.data && !options.data.endsWith('.conllu')) {
    let files = textFiles(options.data);
    if (options.limit) files = files.slice(0, options.limit);
    const docs = files.map((f) => createDoc(readFileSync(f, 'utf8')));
    result = timed(() => docs.reduce((n, d) => n + (annotateSyntax(d, models), d.tokens.length), 0));
    notes = `${files.length} text files`;
  } else {
    const path = options.data ?? EWT_DEV;
    let sentences = existsSync(path) ? readConllu(path).map((s) => s.words.map((w) => w.form)) : generated();
    if (options.limit) sentences = sentences.slice(0, options.limit);
    result = timed(() => sentences.reduce((n, s) => n + (parseWords(s, models), s.length), 0));
    // Each model alone (the parser on the tagger's tags, computed outside its timing): which one to work on.
    const tagger = timed(() => sentences.reduce((n, s) => n + (models.tagger.tag(s), s.length), 0));
    const tagNames = sentences.map((s) => Array.from(models.tagger.tag(s), (c) => models.tagger.classes[c]!));
    const parser = timed(() => sentences.reduce((n, s, k) => n + (models.parser.parse(s, tagNames[k]!), s.length), 0));
    apart['tagger tokens/cpu-s'] = Math.round(tagger.items / tagger.cpuSeconds);
    apart['parser tokens/cpu-s'] = Math.round(parser.items / parser.cpuSeconds);
    notes = existsSync(path) ? `${sentences.length} sentences of ${path.split('/').pop()}` : 'generated text (../shared absent)';
  }
  return {
    stage: 'syntax',
    rates: { 'tokens/s': Math.round(result.items / result.seconds), 'tokens/cpu-s': Math.round(result.items / result.cpuSeconds), ...apart },
    items: result.items,
    seconds: result.seconds,
    peakRssMB: peakRssMB(),
    notes: `${notes}; models loaded in ${loadSeconds.toFixed(2)} s`,
  };
}

export const syntaxStage: BenchStage = {
  name: 'syntax',
  description: 'POS tagger + dependency parser, tokens/s on one core',
  run,
};
