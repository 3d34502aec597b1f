/**
 * Cross-article actor grouping. For now one actor is one normalised name of
 * one entity type; issue 9 replaces this with real linking. Everything that
 * groups mentions across articles goes through actorKey, so swapping the rule
 * means changing this file and re-filling the layer tables.
 */

/** Lowercase, no diacritics, no possessive, no leading article, single spaces. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** The grouping key of an entity: `TYPE:normalised name`, safe in a URL path once encoded. */
export function actorKey(name: string, type: string): string {
  return `${type.toUpperCase()}:${normaliseName(name)}`;
}
