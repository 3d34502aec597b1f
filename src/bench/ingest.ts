/**
 * Bench stage `ingest`: articles/s from .txt files into a fresh SQLite file,
 * without analysis — reading, language detection, hashing, near-dup lookup,
 * FTS indexing and one transaction per article, exactly as `fivew ingest
 * --no-analyze` does them.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSources } from '../ingest/index.js';
import { createRandom } from '../models/prng.js';
import { createIngester, type Settled } from '../store/ingest.js';
import { openStore } from '../store/open.js';
import { peakRssMB, type BenchOptions, type BenchResult, type BenchStage } from './stages.js';
import { cpuSecondsSince } from '../cpu-time.js';

const DEFAULT_DATA = fileURLToPath(new URL('../../../shared/data/polnear/train/text', import.meta.url));
const GENERATED_COUNT = 840;

const PLACES = ['Orsen Bay', 'Velmar', 'Tessin', 'Kessa', 'Lunden', 'Wrenford', 'Drumlin', 'Castor Vale'];
const PEOPLE = ['Mirela Oskan', 'Pavel Renke', 'Adaline Grove', 'Ivo Brandt', 'Hanna Velic', 'Lisbet Harrow', 'Omar Kestrel'];
const WORDS = (
  'minister council port union court budget harbour talks workers farmers river bridge school vote election ' +
  'agreement statement officials police report trade growers prices tax road hospital army rain festival museum ' +
  'said announced warned promised denied agreed rejected met visited signed urged opened closed delayed'
).split(' ');

/** Invented wire copy, for machines without ../shared: never real text. */
function generateArticles(dir: string, count: number): void {
  const random = createRandom(20261121);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  for (let i = 0; i < count; i++) {
    const paragraphs: string[] = [];
    for (let p = 0; p < 6; p++) {
      const sentences: string[] = [];
      for (let s = 0; s < 3; s++) {
        const words = Array.from({ length: 12 + Math.floor(random() * 12) }, () => pick(WORDS));
        sentences.push(`${pick(PEOPLE)} ${words.join(' ')} in ${pick(PLACES)}.`);
      }
      paragraphs.push(sentences.join(' '));
    }
    writeFileSync(join(dir, `generated-${i}.txt`), `${pick(PLACES)} ${pick(WORDS)} ${pick(WORDS)} ${i}\n\n${paragraphs.join('\n\n')}\n`);
  }
}

async function run(options: BenchOptions): Promise<BenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'fivew-bench-ingest-'));
  try {
    let dir = options.data ?? DEFAULT_DATA;
    let notes = '';
    if (!options.data && !existsSync(dir)) {
      dir = join(work, 'texts');
      mkdirSync(dir);
      generateArticles(dir, options.limit ?? GENERATED_COUNT);
      notes = 'generated text (../shared absent)';
    }
    let files = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => join(dir, f));
    if (options.limit) files = files.slice(0, options.limit);
    if (files.length === 0) throw new Error(`bench ingest: no .txt files in ${dir}`);

    const store = await openStore(join(work, 'bench.db'));
    const ingester = createIngester(store, { analyze: false });
    let items = 0;
    let failed = 0;
    let storeSeconds = 0;
    const count = (settled: Settled[]) => {
      for (const s of settled) {
        if (!s.ok) failed++;
        else if (s.result.outcome !== 'duplicate') items++;
      }
    };
    const started = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    try {
      for await (const item of readSources(files)) {
        if (!item.ok) {
          failed++;
          continue;
        }
        const t0 = process.hrtime.bigint();
        count(await ingester.add(item.origin, item.article));
        storeSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
      }
      const t0 = process.hrtime.bigint();
      count(await ingester.flush());
      storeSeconds += Number(process.hrtime.bigint() - t0) / 1e9;
    } finally {
      await store.close();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuSeconds = cpuSecondsSince(cpuStart);
    const detail = `${items} stored, ${files.length - items - failed} duplicates, ${failed} failed; store alone ${(items / storeSeconds).toFixed(0)} articles/s`;
    return {
      stage: 'ingest',
      // Per CPU-second too: on a shared machine wall-clock rates measure the neighbours as much as us.
      rates: { 'articles/s': Math.round((items / seconds) * 10) / 10, 'articles/cpu-s': Math.round((items / cpuSeconds) * 10) / 10 },
      items,
      seconds,
      peakRssMB: peakRssMB(),
      notes: notes ? `${notes}; ${detail}` : detail,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export const ingestStage: BenchStage = {
  name: 'ingest',
  description: 'articles/s from .txt files into a fresh SQLite file, without analysis (default ../shared/data/polnear/train/text)',
  run,
};
