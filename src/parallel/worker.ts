/**
 * Worker-thread entry of the analysis pool: models load once per worker (the
 * annotators cache them on first use), then every task is one analyzeArticle.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeArticle, type StageTimings } from '../analysis.js';
import { settingsDictionary, type PoolSettings } from './pool.js';
import type { AnalyzeReply, AnalyzeTask } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('src/parallel/worker.ts runs only as a worker thread');
const actors = settingsDictionary((workerData ?? {}) as PoolSettings);

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
