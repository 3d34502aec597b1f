/** Where the built web UI lives: dist/web next to the compiled server, or the repo's dist/web when running from source. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function findWebRoot(): string | null {
  const candidates = [new URL('../web/', import.meta.url), new URL('../../dist/web/', import.meta.url)];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    // From source, ../web/ is the unbuilt UI (index.html but no assets/): only a build counts.
    if (existsSync(`${dir}index.html`) && existsSync(`${dir}assets`)) return dir;
  }
  return null;
}
