/**
 * Machine-written dates from containers (feed pubDate/updated, JSON Feed and
 * JSONL `published`) → ISO 8601. Written-out dates in page text are the HTML
 * extractor's business, not this.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** ISO dates pass through as given (their precision is information); RFC 822/2822 dates become UTC date-times. */
export function toIsoDate(raw: string | null | undefined): string | null {
  const s = raw?.trim();
  if (!s) return null;
  if (ISO_DATE.test(s)) return Number.isNaN(Date.parse(s.replace(' ', 'T'))) ? null : s.replace(' ', 'T');
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
