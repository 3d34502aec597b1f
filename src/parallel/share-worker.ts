/**
 * Worker-thread entry that decodes the model files into shared memory for the analysis pool and
 * exits: the transient buffers of decoding (each gunzipped file, ~85 MB in all) end with this thread
 * instead of waiting in the pool thread's heap for a garbage collection that may not come before
 * the analysis workers have added their own memory on top.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { shareModelFiles } from './shared-models.js';

const port = parentPort;
if (!port) throw new Error('src/parallel/share-worker.ts runs only as a worker thread');
port.postMessage(shareModelFiles((workerData as { files: string[] }).files));
