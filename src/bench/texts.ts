/**
 * Article texts for the stage benches: `--data` (a .txt file or a folder of
 * them), else a corpus under ../shared, else an invented story repeated, so a
 * bench runs on any machine and says nothing false about where its text came from.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const POLNEAR_DEV_TEXT = fileURLToPath(new URL('../../../shared/data/polnear/dev/text', import.meta.url));

export function benchTexts(path: string | undefined, options: { fallbackDir: string; invented: string; limit?: number }): string[] {
  let out: string[];
  if (path && existsSync(path)) {
    const files = statSync(path).isDirectory()
      ? readdirSync(path, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map((f) => join(path, f))
      : [path];
    out = files.map((f) => readFileSync(f, 'utf8'));
  } else if (!path && existsSync(options.fallbackDir)) {
    out = benchTexts(options.fallbackDir, { ...options, limit: undefined });
  } else {
    out = Array.from({ length: 200 }, () => options.invented);
  }
  return options.limit ? out.slice(0, options.limit) : out;
}

/** Seconds for the second of two runs of `work` (the first warms caches and loads models). */
export function warmSeconds(work: () => void): number {
  work();
  const t0 = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
