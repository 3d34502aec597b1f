/**
 * Benchmark stages `fivew bench` runs. Each stage measures one part of the
 * pipeline and reports throughput and peak memory; add yours to BENCH_STAGES.
 */
import { ingestStage } from './ingest.js';
import { nerStage } from './ner.js';
import { syntaxStage } from './syntax.js';
import { attributionStage } from './attribution.js';
import { eventsStage } from './events.js';
import { pipelineStage } from './pipeline.js';
import { htmlStage } from './html.js';
import { apiStage } from './api.js';
export interface BenchOptions {
  /** --data: corpus to run over; each stage picks a sensible default under ../shared when absent. */
  data?: string;
  /** --limit: cap on items, to keep a run short. */
  limit?: number;
}

export interface BenchResult {
  stage: string;
  /** e.g. { "pages/s": 61.2, "tokens/s": 120000 } */
  rates: Record<string, number>;
  items: number;
  seconds: number;
  peakRssMB: number;
  notes?: string;
}

export interface BenchStage {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

export const BENCH_STAGES: BenchStage[] = [htmlStage, ingestStage, syntaxStage, nerStage, attributionStage, eventsStage, pipelineStage, apiStage];

/** Resident memory high-water mark of this process, in MB. */
export function peakRssMB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}
