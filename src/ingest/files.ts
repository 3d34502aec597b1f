/**
 * Local inputs: a path is a file or a folder walked recursively, in sorted
 * order so runs are reproducible, skipping dotfiles and dot-folders.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Chunks } from './stream.js';

export type WalkEntry = { path: string } | { path: string; error: string };

/** One-line reason for a filesystem error. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return (e.message ?? String(err)).split('\n')[0]!;
  }
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Files under `dir`, depth first in code-point order of names. Symlinked folders are not followed (cycles). */
export async function* walkFolder(dir: string): AsyncGenerator<WalkEntry> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield { path: dir, error: describeFsError(err) };
    return;
  }
  entries.sort(byName);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFolder(path);
    else if (entry.isFile()) yield { path };
    else if (entry.isSymbolicLink()) {
      try {
        if ((await stat(path)).isFile()) yield { path };
      } catch (err) {
        yield { path, error: describeFsError(err) };
      }
    }
  }
}

export function fileChunks(path: string): Chunks {
  return createReadStream(path, { highWaterMark: 64 * 1024 });
}
