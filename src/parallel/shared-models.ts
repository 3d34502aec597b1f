/**
 * Model weights shared by the analysis workers: the pool decodes every model file the pipeline loads
 * once, into SharedArrayBuffers, and each worker builds its model objects over those buffers instead of
 * reading the files. N workers then hold one copy of the weights and look-up tables (about 120 MB)
 * instead of N, and their scoring reads the same cache lines.
 *
 * The files are found by place, not by name: every `*.bin.gz` in models/ (all of them are the pipeline's)
 * and the NER model FIVEW_NER_MODEL names. A worker loading any other file reads it as before; a file
 * that fails to decode here is left for the worker to fail on, as without sharing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shareModelFile, type SharedModel } from '../models/model-file.js';

const MODEL_DIR = fileURLToPath(new URL('../../models/', import.meta.url));

/** The model files an analysis worker may load. */
export function pipelineModelFiles(): string[] {
  const files = existsSync(MODEL_DIR) ? readdirSync(MODEL_DIR).filter((f) => f.endsWith('.bin.gz')).sort().map((f) => join(MODEL_DIR, f)) : [];
  const ner = process.env.FIVEW_NER_MODEL;
  if (ner && existsSync(ner)) files.push(ner);
  return files;
}

/** Each file decoded into shared memory, by path (see useSharedModels in models/model-file.ts). */
export function shareModelFiles(files: readonly string[] = pipelineModelFiles()): Record<string, SharedModel> {
  const out: Record<string, SharedModel> = {};
  for (const path of files) {
    try {
      out[path] = shareModelFile(path);
    } catch {
      // Not a model file we can read: the worker that loads it reports the error, as it would unshared.
    }
  }
  return out;
}
