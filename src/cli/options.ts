import { UsageError } from './errors.js';

/** Accept YYYY, YYYY-MM, YYYY-MM-DD or a full ISO date-time; return it unchanged. */
export function parseDateOption(value: string, flag: string): string {
  if (!/^\d{4}(-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`${flag} expects a date like 2017-11-03, got "${value}"`);
  }
  return value;
}
