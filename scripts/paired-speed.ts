/**
 * Paired speed comparison of two builds in ONE process: both builds' modules (and models) are loaded side
 * by side and timed in alternating rounds (A B, B A, A B, ...), and the median of the per-round ratios B/A
 * is reported with each build's median CPU time. On a shared machine this is the measurement to trust:
 * separate processes run one after the other drift with the neighbours' load, and a fixed order (old build
 * always first) biased session 6's first figures by 5-8 % (f65f501 and 070a3f2, both reverted once
 * measured this way). It also checks that both builds give identical output.
 *
 *   npx tsx scripts/paired-speed.ts pipeline /tmp/old /work/main [--texts 150] [--rounds 10]
 *   npx tsx scripts/paired-speed.ts syntax /tmp/old /work/main [--rounds 11]
 *   npx tsx scripts/paired-speed.ts attribution /tmp/old /work/main [--rounds 14]
 *
 * A build is a folder holding dist/ (and models/ or a symlink to it). A baseline of the same snapshot with
 * some files at an older commit: copy src/ to /tmp/old/src, overwrite those files with `git show BASE:path`,
 * compile with a tsconfig extending ours (rootDir src, outDir dist), and symlink node_modules, models and
 * package.json beside it. Needs ../shared (PolNeAR train/dev texts, EWT dev).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SHARED = resolve(import.meta.dirname, '../../shared/data');

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

function texts(dir: string, limit: number): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, limit)
    .map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
}

function article(text: string) {
  return { url: null, title: null, byline: null, source: null, published: null, language: 'en', text };
}

async function load<T>(build: string, module: string): Promise<T> {
  return (await import(pathToFileURL(resolve(build, 'dist', module)).href)) as T;
}

/** One build's timed work; returns its output (compared between builds). */
type Work = () => string;

async function pipeline(build: string): Promise<Work> {
  const { analyzeArticle } = await load<typeof import('../src/analysis.js')>(build, 'analysis.js');
  const articles = texts(`${SHARED}/polnear/train/text`, arg('texts', 150)).map(article);
  return () => articles.map((a) => JSON.stringify(analyzeArticle(a).analysis)).join('\n');
}

async function syntax(build: string): Promise<Work> {
  const { defaultSyntaxModels, parseWords } = await load<typeof import('../src/annotate/syntax.js')>(build, 'annotate/syntax.js');
  const { readConllu } = await load<typeof import('../src/models/conllu.js')>(build, 'models/conllu.js');
  const models = defaultSyntaxModels();
  const sentences = readConllu(`${SHARED}/ud-ewt/en_ewt-ud-dev.conllu`).map((s) => s.words.map((w) => w.form));
  return () =>
    sentences
      .map((s) => {
        const p = parseWords(s, models);
        return `${Array.from(p.tags).join(',')} ${Array.from(p.heads).join(',')} ${p.deprels.join(',')}`;
      })
      .join('\n');
}

async function attribution(build: string): Promise<Work> {
  const { analyzeArticle } = await load<typeof import('../src/analysis.js')>(build, 'analysis.js');
  const { annotateAttributions } = await load<typeof import('../src/annotate/attribution.js')>(build, 'annotate/attribution.js');
  const docs = texts(`${SHARED}/polnear/dev/text`, arg('texts', 1000)).map((text) => {
    const { analysis, doc } = analyzeArticle(article(text));
    return { doc, entities: analysis.entities };
  });
  return () => docs.map((d) => JSON.stringify(annotateAttributions(d.doc, d.entities))).join('\n');
}

const STAGES: Record<string, (build: string) => Promise<Work>> = { pipeline, syntax, attribution };

function cpuMs(work: () => void): number {
  const t0 = process.cpuUsage();
  work();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function main(): Promise<void> {
  const [stage, a, b] = process.argv.slice(2);
  const make = stage ? STAGES[stage] : undefined;
  if (!make || !a || !b) {
    console.error(`usage: paired-speed.ts ${Object.keys(STAGES).join('|')} BUILD_A BUILD_B [--rounds N] [--texts N]`);
    process.exit(2);
  }
  const workA = await make(a);
  const workB = await make(b);
  // First runs warm both builds up (model loading, JIT) and give the outputs to compare.
  const same = workA() === workB();
  const rounds = arg('rounds', 10);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const order: Array<[Work, number[]]> = r % 2 ? [[workB, tb], [workA, ta]] : [[workA, ta], [workB, tb]];
    for (const [work, times] of order) times.push(cpuMs(work));
  }
  const ratios = tb.map((t, i) => t / ta[i]!);
  console.log(`${stage}: outputs identical: ${same}; ${rounds} alternating rounds`);
  console.log(`A ${a}: median ${median(ta).toFixed(0)} CPU ms (${ta.map(Math.round).join(' ')})`);
  console.log(`B ${b}: median ${median(tb).toFixed(0)} CPU ms (${tb.map(Math.round).join(' ')})`);
  console.log(`paired B/A: median ${median(ratios).toFixed(3)} (${ratios.map((x) => x.toFixed(3)).join(' ')})`);
}

await main();
