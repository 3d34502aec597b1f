/**
 * Worker-thread entry of the analysis pool: models load once per worker (the
 * annotators cache them on first use) over the weights the pool shares with
 * every worker, then every task is one analyzeArticle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeArticle, type StageTimings } from '../analysis.js';
import { useSharedModels } from '../models/model-file.js';
import { settingsDictionary } from './pool.js';
import type { AnalyzeReply, AnalyzeTask, WorkerSetup } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('src/parallel/worker.ts runs only as a worker thread');
const setup = (workerData ?? { models: {} }) as WorkerSetup;
// Before any annotator loads a model: they then build theirs over the pool's shared weights.
useSharedModels(setup.models);
const actors = settingsDictionary(setup);

port.on('message', (task: AnalyzeTask) => {
  let reply: AnalyzeReply;
  try {
    const timings: StageTimings | undefined = task.timings ? {} : undefined;
    const { analysis } = analyzeArticle(task.article, { published: task.published, syntax: task.syntax, timings, actors });
    reply = { id: task.id, ok: true, analysis, ...(timings ? { timings } : {}) };
  } catch (err) {
    reply = { id: task.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
