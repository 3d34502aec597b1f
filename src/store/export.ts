/**
 * Export formats over stored records: JSONL (one Analysis per line) and CSV
 * (one row per article, RFC 4180).
 */
import type { Analysis } from '../analysis.js';
import type { StoredRecord } from './store.js';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The Analysis contract for a record; articles stored without analysis get empty layers. */
export function recordAnalysis(record: StoredRecord): Analysis {
  if (record.analysis) return record.analysis;
  const { id, url, title, byline, source, published, language, text } = record.article;
  return { article: { id, url, title, byline, source, published, language, text }, sentences: [], entities: [], attributions: [], events: [] };
}

export const CSV_COLUMNS = [
  'id',
  'url',
  'title',
  'byline',
  'source',
  'published',
  'language',
  'duplicate_of',
  'status',
  'sentences',
  'entities',
  'attributions',
  'events',
] as const;

/** RFC 4180: quote fields holding a comma, quote, CR or LF; double inner quotes. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Records end with CRLF as RFC 4180 asks. */
export function csvLine(fields: Array<string | number | null>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function csvHeader(): string {
  return csvLine([...CSV_COLUMNS]);
}

/** Counts are empty, not 0, for articles that were never analysed. */
export function csvRecord({ article: a, analysis }: StoredRecord): string {
  return csvLine([
    a.id,
    a.url,
    a.title,
    a.byline,
    a.source,
    a.published,
    a.language,
    a.duplicateOf,
    a.status,
    analysis ? analysis.sentences.length : null,
    analysis ? analysis.entities.length : null,
    analysis ? analysis.attributions.length : null,
    analysis ? analysis.events.length : null,
  ]);
}

export function jsonlRecord(record: StoredRecord): string {
  return `${JSON.stringify(recordAnalysis(record))}\n`;
}
