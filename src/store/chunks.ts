/**
 * Rows in slices for multi-row statements (`insert … values`, `where x in (…)`):
 * a long article or a large corpus refresh must stay far below every engine's
 * bound-parameter limit (SQLite's 32,766; PostgreSQL's 65,535) at any row width.
 */
export function chunks<T>(rows: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
