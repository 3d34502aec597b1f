/**
 * `fivew actors`: bring curated actor dictionaries along. `import-dict`
 * reads PETRARCH/Phoenix actor files or CountryInfo.txt and writes our
 * compact JSON; `lookup` codes names with any of those files.
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { actorDictionary, readActorEntries, toCompactJson } from '../../knowledge/events/petrarch-dict.js';
import { UsageError } from '../errors.js';
import { registerActorCorpusCommands } from './claims.js';

function paths(values: string[]): string[] {
  const out = values.flatMap((v) => v.split(',')).map((p) => p.trim()).filter(Boolean);
  if (out.length === 0) throw new UsageError('--data needs at least one dictionary file');
  for (const p of out) if (!existsSync(p)) throw new UsageError(`no such file: ${p}`);
  return out;
}

export function registerActors(program: Command): void {
  const actors = program.command('actors').description('actors linked across stored articles (list, show, merge, split); import and query actor dictionaries');
  registerActorCorpusCommands(actors);
  actors
    .command('import-dict')
    .description('read actor dictionaries and write them as one fivew JSON file')
    .requiredOption('--data <files...>', 'actor files (Phoenix *.actors.txt, CountryInfo.txt, or fivew JSON), comma- or space-separated')
    .requiredOption('--out <file>', 'where to write the JSON')
    .action((opts: { data: string[]; out: string }) => {
      const files = paths(opts.data);
      const entries = readActorEntries(files);
      writeFileSync(opts.out, toCompactJson(entries));
      process.stdout.write(`${entries.size} phrases from ${files.length} file(s) → ${opts.out}\n`);
    });
  actors
    .command('lookup')
    .description('print the actor code of each name (tab-separated; "-" when unknown)')
    .argument('<names...>')
    .requiredOption('--data <files...>', 'actor files, as for import-dict')
    .option('--date <date>', 'ISO date for dated roles (a leader in office)')
    .action((names: string[], opts: { data: string[]; date?: string }) => {
      if (opts.date && !/^\d{4}-\d{2}-\d{2}$/.test(opts.date)) throw new UsageError(`--date wants YYYY-MM-DD, not ${opts.date}`);
      const dict = actorDictionary(readActorEntries(paths(opts.data)));
      for (const n of names) process.stdout.write(`${n}\t${dict.lookup(n, opts.date ?? null) ?? '-'}\n`);
    });
}
