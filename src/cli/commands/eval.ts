import type { Command } from 'commander';
import { EVAL_TASKS } from '../../eval/tasks.js';
import { UsageError } from '../errors.js';
import { progressReporter } from '../progress.js';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description(`score fivew on a benchmark: ${EVAL_TASKS.map((t) => t.name).join(', ') || '(none yet)'}`)
    .argument('<task>', 'which benchmark')
    .requiredOption('--data <path>', 'benchmark file or folder')
    .option('--json', 'print one JSON object (fields documented in docs/EVAL.md)')
    .option('--baseline <name>', 'also score a baseline in the same run (extraction: readability)')
    .option('--limit <n>', 'score only the first N items')
    .option('--tagger <file>', 'ud: score this tagger model file instead of the shipped one')
    .option('--parser <file>', 'ud: score this parser model file instead of the shipped one')
    .action(async (taskName: string, opts: { data: string; json?: boolean; baseline?: string; limit?: string; tagger?: string; parser?: string }) => {
      const task = EVAL_TASKS.find((t) => t.name === taskName);
      if (!task) throw new UsageError(`unknown eval task "${taskName}" (known: ${EVAL_TASKS.map((t) => t.name).join(', ')})`);
      const progress = progressReporter(`eval ${taskName}`);
      const result = await task.run({
        data: opts.data,
        flags: { baseline: opts.baseline, limit: opts.limit, tagger: opts.tagger, parser: opts.parser },
        progress: progress.update,
      });
      progress.stop();
      process.stdout.write(opts.json ? `${JSON.stringify(result.report, null, 2)}\n` : `${result.text.trimEnd()}\n`);
    });
}
