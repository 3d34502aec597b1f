/**
 * Search queries. Users type web-search style queries (words, "quoted
 * phrases", OR, -excluded); PostgreSQL reads those natively
 * (websearch_to_tsquery), SQLite FTS5 gets the same meaning rebuilt in its own
 * syntax so that stray punctuation can never be a syntax error.
 */

interface Term {
  phrase: string;
  negated: boolean;
}

type Part = Term | 'OR';

const TERM_WORD = /[\p{L}\p{N}]+/gu;

function tokenizeQuery(query: string): Part[] {
  const parts: Part[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(query); m; m = re.exec(query)) {
    if (m[3] === 'OR') {
      parts.push('OR');
      continue;
    }
    const negated = m[1] === '-' || (m[3]?.startsWith('-') ?? false);
    const raw = m[2] ?? m[3] ?? '';
    const words = raw.match(TERM_WORD);
    if (words) parts.push({ phrase: words.join(' '), negated });
  }
  return parts;
}

/** Words of the query that can match anything; an empty list means nothing to search for. */
export function queryWords(query: string): string[] {
  return tokenizeQuery(query).flatMap((p) => (p === 'OR' || p.negated ? [] : p.phrase.split(' ')));
}

/** An FTS5 MATCH expression with websearch semantics: terms ANDed, OR between terms, -term excluded. */
export function toFts5Query(query: string): string | null {
  const parts = tokenizeQuery(query);
  const groups: string[][] = [];
  const excluded: string[] = [];
  let pendingOr = false;
  for (const p of parts) {
    if (p === 'OR') {
      pendingOr = groups.length > 0;
      continue;
    }
    const quoted = `"${p.phrase}"`;
    if (p.negated) excluded.push(quoted);
    else if (pendingOr) groups[groups.length - 1]!.push(quoted);
    else groups.push([quoted]);
    pendingOr = false;
  }
  if (groups.length === 0) return null;
  const positive = groups.map((g) => (g.length === 1 ? g[0]! : `(${g.join(' OR ')})`)).join(' AND ');
  return excluded.length ? `(${positive}) NOT (${excluded.join(' OR ')})` : positive;
}
