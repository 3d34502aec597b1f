import type { Command } from 'commander';
import { TRAIN_TASKS } from '../../models/train-tasks.js';
import { UsageError } from '../errors.js';

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(`train a model: ${TRAIN_TASKS.map((t) => t.name).join(', ') || '(none yet)'}`)
    .argument('<task>', 'which model')
    .option('--data <path>', 'training data (default: the corpus under ../shared)')
    .option('--dev <path>', 'tuning data')
    .option('--out <file>', 'model file to write')
    .option('--seed <n>', 'random seed', '1')
    .option('--epochs <n>', 'training epochs (default: the task\'s own)')
    .option('--tagger <file>', 'parser: the tagger whose tags score the parser on --dev (default: models/tagger.bin.gz)')
    .option('--members <n>', 'parser and attribution-cues: train this many seeds and average their weights (defaults 3 and 5, as shipped)')
    .option('--tag-sets <n>', 'parser: jack-knife the training tags this many times (seeds --seed, --seed+1...) and train --members seeds on each, all averaged (default 1)')
    .action(async (taskName: string, opts: { data?: string; dev?: string; out?: string; seed: string; epochs?: string; tagger?: string; members?: string; tagSets?: string }) => {
      const task = TRAIN_TASKS.find((t) => t.name === taskName);
      if (!task) throw new UsageError(`unknown train task "${taskName}" (known: ${TRAIN_TASKS.map((t) => t.name).join(', ')})`);
      const data = opts.data ?? task.defaults.data;
      if (!data) throw new UsageError('--data is required');
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new UsageError('--seed expects an integer');
      await task.run({
        data,
        dev: opts.dev ?? task.defaults.dev,
        out: opts.out ?? task.defaults.out,
        seed,
        flags: { epochs: opts.epochs, tagger: opts.tagger, members: opts.members, 'tag-sets': opts.tagSets },
        log: (line) => process.stderr.write(`${line}\n`),
      });
    });
}
