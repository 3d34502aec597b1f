/**
 * Byline cleaning: from "By Jane Doe and John Roe | Staff writers, June 3, 2025"
 * to "Jane Doe, John Roe". Rejects what is not a name (URLs, e-mail addresses,
 * handles, long sentences).
 */

const PREFIX = /^(?:(?:written|posted|published|reported|words|story|text|article|edited|reviewed)\s+by|by|authors?|written|posted by|from)\s*[:\-–—]?\s*/i;
const ON_BEHALF = /\s+on behalf of\b.*$/i;
const DATE_TAIL = /\s*(?:[-–—|•·,]|\bon\b|\bupdated\b|\bpublished\b)?\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s).*$/i;

const LEADING_DATE = /^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*[·•|,–—-]?\s*/i;

export function cleanByline(raw: string): string | null {
  let s = raw.replace(/\s+/g, ' ').trim();
  if (!s || /^https?:\/\//i.test(s) || /@\w+\.\w/.test(s) || /^@/.test(s)) return null;
  // A leading date ("Dec. 19, 2025 · Niko Matsakis") is the dateline of a combined byline.
  s = s.replace(LEADING_DATE, '');
  for (let i = 0; i < 2; i++) s = s.replace(PREFIX, '');
  s = s.replace(ON_BEHALF, '').replace(DATE_TAIL, '').replace(/\s+(?:page\s+|last\s+)?(?:updated|modified|reviewed|fact[- ]checked)\b.*$/i, '');
  s = s.replace(/\s*[-–—|•·]\s*$/, '').replace(/^[\s,;:|•·-]+|[\s,;:|•·-]+$/g, '').trim();
  if (!s || s.length > 150 || !/\p{L}/u.test(s)) return null;
  if (/^(?:by|admin|author|staff|unknown|anonymous|guest|full bio|bio|name|the author|about the author)$/i.test(s)) return null;
  // Comment headers ("Jane says:") and form labels ("Name *") are not bylines.
  if (/\bsays:?$|\*|^(?:name|email|website|comment)\b/i.test(s)) return null;
  // A sentence, not a name list.
  if (s.split(' ').length > 20) return null;
  return s;
}

/** "Jane Doe and John Roe" → ["Jane Doe", "John Roe"]; keeps "Smith, John"-free lists intact otherwise. */
export function splitAuthors(s: string): string[] {
  return s
    .split(/\s*(?:,|;|\s&\s|\band\b)\s*/i)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

/** A login handle ("andrew.keaveney", "jdoe_22") rather than a person's name. */
export function isHandle(s: string): boolean {
  return !/\s/.test(s.trim()) && /[._\d]/.test(s);
}
