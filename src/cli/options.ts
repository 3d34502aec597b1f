import { existsSync, statSync } from 'node:fs';
import { UsageError } from './errors.js';

/** Accept YYYY, YYYY-MM, YYYY-MM-DD or a full ISO date-time; return it unchanged. */
export function parseDateOption(value: string, flag: string): string {
  if (!/^\d{4}(-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`${flag} expects a date like 2017-11-03, got "${value}"`);
  }
  return value;
}

/** Commander collector for a repeatable option (`--actors a.txt --actors b.txt`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** --actors files must exist before any worker starts; a typo is a usage error, not 10,000 failed articles. */
export function checkActorFiles(files: string[] | undefined): string[] {
  for (const file of files ?? []) {
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`--actors: no such file ${file}`);
  }
  return files ?? [];
}
