/**
 * The models `fivew train TASK` can train. Each model module exports one
 * TrainTask; add yours to TRAIN_TASKS.
 */
import { parserTrainTask, taggerTrainTask } from './ud-train.js';
import { NER_TRAIN_TASK } from './ner-train.js';
import { attributionCuesTrainTask } from '../annotate/attribution-cue-model.js';

export interface TrainOptions {
  /** --data: training file or folder. */
  data: string;
  /** --dev: tuning file or folder (optional). */
  dev?: string;
  /** --out: model file to write. */
  out: string;
  /** --seed: for deterministic training. */
  seed: number;
  /** Extra flags, e.g. { epochs: '10' }. */
  flags: Record<string, string | boolean | undefined>;
  log: (line: string) => void;
}

export interface TrainTask {
  name: string;
  description: string;
  /** Default --data/--dev/--out, relative to the project root. */
  defaults: { data?: string; dev?: string; out: string };
  run(options: TrainOptions): Promise<void>;
}

export const TRAIN_TASKS: TrainTask[] = [taggerTrainTask, parserTrainTask, NER_TRAIN_TASK, attributionCuesTrainTask];
