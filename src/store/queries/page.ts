import { sql, type RawBuilder } from 'kysely';
import type { Engine } from '../schema.js';

/** Pagination shared by every corpus query: callers validate, queries clamp again so no caller can ask for the world. */
export interface Page {
  limit?: number;
  offset?: number;
}

export const MAX_LIMIT = 200;

export function clampPage(page: Page = {}, defaultLimit = 20): { limit: number; offset: number } {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(page.limit ?? defaultLimit)));
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  return { limit, offset };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally (escape char `\`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Newest first, undated last, in a form the (column, …) indexes can serve:
 * SQLite sorts NULL lowest already, PostgreSQL needs telling.
 */
export function newestFirst(engine: Engine, column: string): RawBuilder<unknown> {
  return sql`${sql.ref(column)} desc${sql.raw(engine === 'postgres' ? ' nulls last' : '')}`;
}
