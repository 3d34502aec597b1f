#!/usr/bin/env node
/**
 * fivew command line. Each command lives in src/cli/commands/ and registers
 * itself on the program; this file only wires them and maps errors to exit
 * codes (0 ok, 1 some inputs failed, 2 usage error).
 */
import { Command, CommanderError } from 'commander';
import { EXIT_USAGE, UsageError } from './errors.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerBench } from './commands/bench.js';
import { registerEval } from './commands/eval.js';
import { registerTrain } from './commands/train.js';
import { registerIngest } from './commands/ingest.js';
import { registerSearch } from './commands/search.js';
import { registerExport } from './commands/export.js';
import { registerActors } from './commands/actors.js';
import { registerServe } from './commands/serve.js';
import { registerWorker } from './commands/worker.js';
import { registerStatus } from './commands/status.js';
import { registerClaims } from './commands/claims.js';
import { registerCorpus, registerStories } from './commands/stories.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('fivew')
    .description('Who said what, who did what to whom, where and when: evidence-linked data from news articles.')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAnalyze(program);
  registerEval(program);
  registerBench(program);
  registerTrain(program);
  registerIngest(program);
  registerSearch(program);
  registerExport(program);
  registerActors(program);
  registerServe(program);
  registerWorker(program);
  registerStatus(program);
  registerClaims(program);
  registerStories(program);
  registerCorpus(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are "errors" to commander; they exit 0.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`fivew: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`fivew: ${message.split('\n')[0]}\n`);
    if (process.env.FIVEW_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

// `fivew analyze … | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
