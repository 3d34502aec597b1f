/**
 * The evaluation tasks `fivew eval TASK` knows. Each task module exports one
 * EvalTask; add yours to EVAL_TASKS.
 */
import { polnearTask } from './polnear.js';
import { CONLL_EVAL_TASK } from './conll.js';
import { udEvalTask } from './ud.js';
import { petrTask } from './petr.js';
import { ploverTask } from './plover.js';
import { extractionTask } from './extraction.js';
import { corpusTask } from './corpus.js';
export interface EvalOptions {
  /** --data: file or folder the task reads. */
  data: string;
  /** Extra flags, e.g. { baseline: 'readability' }. */
  flags: Record<string, string | boolean | undefined>;
  /** Report progress (to stderr) on long runs. */
  progress: (done: number, total: number) => void;
}

export interface EvalResult {
  /** The machine-readable figures (`--json` prints exactly this). Field names are documented in docs/EVAL.md. */
  report: Record<string, unknown>;
  /** Human-readable summary printed without --json. */
  text: string;
}

export interface EvalTask {
  name: string;
  description: string;
  run(options: EvalOptions): Promise<EvalResult>;
}

export const EVAL_TASKS: EvalTask[] = [polnearTask, CONLL_EVAL_TASK, udEvalTask, petrTask, ploverTask, extractionTask, corpusTask];
