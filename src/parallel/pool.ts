/**
 * A pool of worker threads running the analysis pipeline. Each worker loads
 * the models once and takes one article at a time; callers bound how many
 * articles they hand over at once (see orderedMap), so nothing queues without
 * limit. With jobs ≤ 1 the pipeline runs in this thread: no copying, no threads.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyzeArticle, type Analysis, type StageTimings } from '../analysis.js';
import type { Article } from '../ingest/article.js';
import { loadActorDictionary, type ActorDictionary } from '../knowledge/events/petrarch-dict.js';
import type { AnalyzeReply, AnalyzeTask, WorkerSetup } from './protocol.js';
import type { SharedModel } from '../models/model-file.js';
import { pipelineModelFiles } from './shared-models.js';

export interface PoolAnalyzeOptions {
  published?: string;
  syntax?: boolean;
  /** Collect per-stage milliseconds for this article. */
  timings?: boolean;
}

/** What every worker loads once at start. */
export interface PoolSettings {
  /** User actor dictionaries (PETRARCH/Phoenix, CountryInfo or our JSON): `--actors FILE`. */
  actorFiles?: readonly string[];
}

/** The dictionary the settings name, or undefined when none. */
export function settingsDictionary(settings: PoolSettings): ActorDictionary | undefined {
  return settings.actorFiles && settings.actorFiles.length > 0 ? loadActorDictionary(settings.actorFiles) : undefined;
}

export interface PoolResult {
  analysis: Analysis;
  timings?: StageTimings;
}

export interface AnalysisPool {
  /** Threads analysing (0: this thread). */
  readonly workers: number;
  analyze(article: Article, options?: PoolAnalyzeOptions): Promise<PoolResult>;
  close(): Promise<void>;
}

/** Default --jobs: every core. */
export function defaultJobs(): number {
  return availableParallelism();
}

/** Parse a --jobs value: a positive integer. */
export function parseJobs(value: string | undefined): number | null {
  if (value === undefined) return defaultJobs();
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 512 ? n : null;
}

function inline(settings: PoolSettings): AnalysisPool {
  const actors = settingsDictionary(settings);
  return {
    workers: 0,
    async analyze(article, options = {}) {
      const timings: StageTimings | undefined = options.timings ? {} : undefined;
      const { analysis } = analyzeArticle(article, { published: options.published, syntax: options.syntax, timings, actors });
      return timings ? { analysis, timings } : { analysis };
    },
    async close() {},
  };
}

/**
 * Old-generation heap cap of each analysis worker, in MB. A worker's live heap is about 200 MB (models'
 * lexicons, gazetteers and bounded per-word caches), but on a 24 GB machine V8 lets the heap grow to
 * 500 MB and more before collecting it, which took two workers' peak RSS past 1.3 GB. With this cap V8
 * collects sooner at no measurable cost (PolNeAR train, one thread: 36.8 CPU-s and 817 MB peak
 * without it, 36.7 CPU-s and 571 MB with it).
 */
export const WORKER_OLD_SPACE_MB = 512;

/** From sources (vitest, tsx) a worker is TypeScript and needs tsx's loader; from dist it is plain JS. */
function spawnThread(name: 'worker' | 'share-worker', workerData: unknown, resourceLimits?: { maxOldGenerationSizeMb: number }): Worker {
  if (!fileURLToPath(import.meta.url).endsWith('.ts')) return new Worker(new URL(`./${name}.js`, import.meta.url), { workerData, resourceLimits });
  const script = new URL(`./${name}.ts`, import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}

function spawnWorker(setup: WorkerSetup): Worker {
  return spawnThread('worker', setup, { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB });
}

/**
 * The pipeline's model files decoded into shared memory by a thread of their own (see share-worker.ts);
 * none when that fails: each worker then reads the files itself, as before sharing.
 */
export function shareModelsInThread(): { models: Promise<Record<string, SharedModel>>; stop: () => Promise<void> } {
  const thread = spawnThread('share-worker', { files: pipelineModelFiles() });
  const models = new Promise<Record<string, SharedModel>>((resolve) => {
    thread.once('message', (models: Record<string, SharedModel>) => resolve(models));
    thread.once('error', () => resolve({}));
    thread.once('exit', () => resolve({}));
  });
  return { models, stop: async () => void (await thread.terminate()) };
}

interface Pending {
  task: AnalyzeTask;
  resolve(result: PoolResult): void;
  reject(err: Error): void;
}

export function createAnalysisPool(jobs: number = defaultJobs(), settings: PoolSettings = {}): AnalysisPool {
  return jobs <= 1 ? inline(settings) : createWorkerPool(jobs, settings);
}

/**
 * `jobs` worker threads, even for one: the bench uses this so that no models
 * stay loaded in the calling thread, and a closed pool gives their memory back.
 */
export function createWorkerPool(jobs: number, settings: PoolSettings = {}): AnalysisPool {
  // One copy of the model weights for all workers (and for the replacements of dead ones); it is freed
  // with the pool, once the workers are gone. Workers start once it is ready; articles queue meanwhile.
  const setup: WorkerSetup = { actorFiles: settings.actorFiles ? [...settings.actorFiles] : undefined, models: {} };
  const sharing = shareModelsInThread();
  const queue: Pending[] = [];
  const busy = new Map<Worker, Pending>();
  const idle: Worker[] = [];
  let nextId = 0;
  let closed = false;

  function dispatch(): void {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage(job.task);
    }
  }

  function add(): void {
    const worker = spawnWorker(setup);
    worker.on('message', (reply: AnalyzeReply) => {
      const job = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      if (job) {
        if (reply.ok) job.resolve(reply.timings ? { analysis: reply.analysis, timings: reply.timings } : { analysis: reply.analysis });
        else job.reject(new Error(reply.error));
      }
      dispatch();
    });
    let failure: Error | null = null;
    worker.on('error', (err) => {
      failure = err instanceof Error ? err : new Error(String(err));
    });
    worker.on('exit', () => {
      if (closed) return;
      // A dead worker fails only its own article; a fresh one takes its place.
      const job = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      job?.reject(failure ?? new Error('analysis worker exited'));
      add();
    });
    idle.push(worker);
    dispatch();
  }

  const started = sharing.models.then((models) => {
    if (closed) return;
    setup.models = models;
    for (let i = 0; i < jobs; i++) add();
  });

  return {
    workers: jobs,
    analyze(article, options = {}) {
      if (closed) return Promise.reject(new Error('analysis pool is closed'));
      return new Promise<PoolResult>((resolve, reject) => {
        const task: AnalyzeTask = { id: nextId++, article, published: options.published, syntax: options.syntax, timings: options.timings };
        queue.push({ task, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await sharing.stop();
      await started;
      for (const job of queue.splice(0)) job.reject(new Error('analysis pool is closed'));
      const all = [...idle, ...busy.keys()];
      idle.length = 0;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
