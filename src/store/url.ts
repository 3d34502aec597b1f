/**
 * The --db argument: a SQLite file path (the default, `fivew.db`), `sqlite:PATH`,
 * or a PostgreSQL URL. A `schema` query parameter on a PostgreSQL URL selects
 * the schema to work in, created when missing (tests use it to isolate themselves).
 */
export const DEFAULT_DB = 'fivew.db';

export type DbLocation =
  | { engine: 'sqlite'; path: string }
  | { engine: 'postgres'; connectionString: string; schema: string | null };

/** The --db value cannot name a database: the CLI reports it as a usage error. */
export class DbUrlError extends Error {
  override name = 'DbUrlError';
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export function parseDbUrl(url: string): DbLocation {
  const value = url.trim();
  if (value === '') throw new DbUrlError('--db is empty (give a SQLite file path or a postgres:// URL)');
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new DbUrlError(`--db: not a valid PostgreSQL URL: ${redactDbUrl(value)}`);
    }
    if (!parsed.hostname && !parsed.searchParams.get('host')) throw new DbUrlError(`--db: PostgreSQL URL has no host: ${redactDbUrl(value)}`);
    const schema = parsed.searchParams.get('schema');
    if (schema !== null && !SCHEMA_NAME.test(schema)) throw new DbUrlError(`--db: schema "${schema}" is not a plain SQL identifier`);
    parsed.searchParams.delete('schema');
    return { engine: 'postgres', connectionString: parsed.toString(), schema };
  }
  const sqlite = /^sqlite:(\/\/)?(.*)$/i.exec(value);
  if (sqlite) {
    if (!sqlite[2]) throw new DbUrlError('--db: sqlite: URL has no file path');
    return { engine: 'sqlite', path: sqlite[2] };
  }
  // Anything else that looks like a URL is a mistake, not a file name (mysql://, http://, …).
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value);
  if (scheme) throw new DbUrlError(`--db: unsupported database "${scheme[1]}://" (use a SQLite file path or postgres://…)`);
  return { engine: 'sqlite', path: value };
}

/** A URL fit for messages: the password replaced. */
export function redactDbUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
