/**
 * Bench stage `ner`: tokens/s of the NER tagger alone over CoNLL documents
 * (eng.testa by default), one warm-up pass then the median of five timed passes on one core.
 * CPU time is reported beside wall time because the machine may be shared.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readConllFile } from '../models/ner-conll.js';
import { sharedNerTagger } from '../models/ner.js';
import { peakRssMB, type BenchOptions, type BenchResult, type BenchStage } from './stages.js';
import { cpuSecondsSince } from '../cpu-time.js';

const DEFAULT_DATA = fileURLToPath(new URL('../../../shared/data/conll2003/eng.testa.gz', import.meta.url));

const TIMED_PASSES = 5;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Invented sentences for machines without ../shared. */
function generated(): string[][][] {
  const names = ['Mirela Oskan', 'Pavel Renke', 'Ivo Brandt', 'Hanna Velic'];
  const places = ['Orsen Bay', 'Velmar', 'Tessin', 'Kessa'];
  const docs: string[][][] = [];
  for (let d = 0; d < 200; d++) {
    const sentences: string[][] = [];
    for (let s = 0; s < 15; s++) {
      const who = names[(d + s) % names.length]!;
      const where = places[(d * 3 + s) % places.length]!;
      sentences.push(`${who} told reporters in ${where} on Tuesday that the Harbour Council would meet again .`.split(' '));
    }
    docs.push(sentences);
  }
  return docs;
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const path = options.data ?? DEFAULT_DATA;
  let docs: string[][][];
  let notes = '';
  if (options.data || existsSync(path)) {
    docs = readConllFile(path).map((d) => d.sentences.map((s) => s.words));
  } else {
    docs = generated();
    notes = 'generated text (../shared absent)';
  }
  if (options.limit) docs = docs.slice(0, options.limit);
  const tagger = sharedNerTagger();
  const tokens = docs.reduce((n, d) => n + d.reduce((m, s) => m + s.length, 0), 0);
  for (const d of docs) tagger.tagDocument(d);
  // One pass over eng.testa takes a fraction of a second, so a single pass measures the neighbours and
  // the garbage collector as much as the tagger: the median of several passes is reported.
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let pass = 0; pass < TIMED_PASSES; pass++) {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (const d of docs) tagger.tagDocument(d);
    wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
    cpu.push(cpuSecondsSince(cpu0));
  }
  const seconds = median(wall);
  const cpuSeconds = median(cpu);
  return {
    stage: 'ner',
    rates: { 'tokens/s': Math.round(tokens / seconds), 'tokens/cpu-s': Math.round(tokens / cpuSeconds) },
    items: tokens,
    seconds,
    peakRssMB: peakRssMB(),
    notes: notes || undefined,
  };
}

export const nerStage: BenchStage = {
  name: 'ner',
  description: 'NER tagger tokens/s (CoNLL eng.testa by default)',
  run,
};
