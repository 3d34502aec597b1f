/**
 * The ingest token: given with --token, or generated on the first serve and
 * kept next to the database (mode 0600) so the next serve accepts the same one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDbUrl } from '../store/url.js';

/** Where the token of this database lives: `<db file>.token`, or `fivew-serve.token` in the working folder for PostgreSQL and :memory:. */
export function tokenPath(dbUrl: string): string {
  const location = parseDbUrl(dbUrl);
  if (location.engine === 'sqlite' && location.path !== ':memory:') return `${resolve(location.path)}.token`;
  return resolve('fivew-serve.token');
}

export function loadOrCreateToken(path: string): { token: string; created: boolean } {
  try {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length >= 16) return { token, created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return { token, created: true };
}

/** Constant-time check of an `Authorization: Bearer …` header. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}
