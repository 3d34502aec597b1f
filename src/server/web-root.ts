/** Where the built web UI lives: dist/web next to the compiled server, or the repo's dist/web when running from source. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function findWebRoot(): string | null {
  const candidates = [new URL('../web/', import.meta.url), new URL('../../dist/web/', import.meta.url)];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(`${dir}index.html`)) return dir;
  }
  return null;
}
