import type { Command } from 'commander';
import { BENCH_STAGES, type BenchResult } from '../../bench/stages.js';
import { UsageError } from '../errors.js';

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(`measure throughput and peak memory per stage: ${BENCH_STAGES.map((s) => s.name).join(', ') || '(none yet)'}`)
    .option('--data <path>', 'corpus to run over (default: each stage picks one under ../shared)')
    .option('--stage <names>', 'comma-separated stages to run (default: all)')
    .option('--limit <n>', 'cap on items per stage')
    .option('--json', 'print results as JSON')
    .action(async (opts: { data?: string; stage?: string; limit?: string; json?: boolean }) => {
      const wanted = opts.stage ? opts.stage.split(',').map((s) => s.trim()) : BENCH_STAGES.map((s) => s.name);
      for (const name of wanted) {
        if (!BENCH_STAGES.some((s) => s.name === name)) {
          throw new UsageError(`unknown bench stage "${name}" (known: ${BENCH_STAGES.map((s) => s.name).join(', ')})`);
        }
      }
      const limit = opts.limit ? Number(opts.limit) : undefined;
      if (limit !== undefined && !(limit > 0)) throw new UsageError('--limit expects a positive number');
      const results: BenchResult[] = [];
      for (const stage of BENCH_STAGES.filter((s) => wanted.includes(s.name))) {
        process.stderr.write(`bench: ${stage.name}…\n`);
        const result = await stage.run({ data: opts.data, limit });
        results.push(result);
        if (!opts.json) process.stdout.write(`${formatBench(result)}\n`);
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    });
}

function formatBench(r: BenchResult): string {
  const rates = Object.entries(r.rates)
    .map(([unit, value]) => `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`)
    .join(', ');
  return `${r.stage.padEnd(18)} ${rates}  (${r.items} items in ${r.seconds.toFixed(2)} s, peak RSS ${r.peakRssMB} MB)${r.notes ? `  ${r.notes}` : ''}`;
}
