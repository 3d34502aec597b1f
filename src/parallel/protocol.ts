/** Messages between the analysis pool and its worker threads (structured-cloned plain records). */
import type { Analysis } from '../analysis.js';
import type { Article } from '../ingest/article.js';
import type { SharedModel } from '../models/model-file.js';

/** What a worker starts with (its workerData). */
export interface WorkerSetup {
  /** User actor dictionaries (`--actors FILE`). */
  actorFiles?: string[];
  /** Model files decoded once by the pool into SharedArrayBuffers, by path. */
  models: Record<string, SharedModel>;
}

export interface AnalyzeTask {
  id: number;
  article: Article;
  published?: string;
  syntax?: boolean;
  /** Ask the worker to return per-stage milliseconds (the pipeline bench). */
  timings?: boolean;
}

export type AnalyzeReply =
  | { id: number; ok: true; analysis: Analysis; timings?: Record<string, number> }
  | { id: number; ok: false; error: string };
