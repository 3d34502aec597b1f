/**
 * JSONL: one article per line, `{"text"|"html", "url"?, "title"?, "published"?}`.
 * Streamed line by line; a bad line is one failure, the rest go on. A plain
 * JSON file holding one such object or an array of them is read the same way.
 */
import { z } from 'zod';
import { InputError, type RawArticle } from './article.js';
import { toIsoDate } from './dates.js';
import { decodeText } from './decode.js';
import { zodReason } from './feed.js';
import { formatSize, splitLines, type Chunks } from './stream.js';

const optionalString = z.string().nullish();

export const JsonlRecord = z
  .object({
    text: optionalString,
    html: optionalString,
    url: z.url({ protocol: /^https?$/ }).nullish(),
    title: optionalString,
    published: optionalString.refine((v) => v == null || v.trim() === '' || toIsoDate(v) !== null, 'not a date'),
    byline: optionalString,
    source: optionalString,
    language: optionalString,
  })
  .refine((r) => Boolean(r.text?.trim() || r.html?.trim()), 'needs a non-empty "text" or "html" field');

export type JsonlRecord = z.infer<typeof JsonlRecord>;

export type RecordResult = { ok: true; raw: RawArticle } | { ok: false; origin: string; error: string };

/** Validate one parsed JSON value as an article record. */
export function recordToRaw(value: unknown, origin: string): RecordResult {
  const parsed = JsonlRecord.safeParse(value);
  if (!parsed.success) return { ok: false, origin, error: zodReason(parsed.error) };
  const r = parsed.data;
  const hints: RawArticle['hints'] = {};
  if (r.url) hints.url = r.url;
  if (r.title?.trim()) hints.title = r.title.trim();
  if (r.published?.trim()) hints.published = toIsoDate(r.published);
  if (r.byline?.trim()) hints.byline = r.byline.trim();
  if (r.source?.trim()) hints.source = r.source.trim();
  if (r.language?.trim()) hints.language = r.language.trim();
  const raw: RawArticle = { origin, url: r.url ?? null, hints };
  if (r.html?.trim()) raw.html = r.html;
  else raw.text = r.text ?? '';
  return { ok: true, raw };
}

function parseLine(bytes: Buffer, origin: string): RecordResult {
  const line = decodeText(bytes).text.trim();
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, origin, error: `broken JSON: ${(err as Error).message.split('\n')[0]}` };
  }
  return recordToRaw(value, origin);
}

/** Stream a JSONL file's records; `maxLine` caps one line (one article). */
export async function* readJsonl(chunks: Chunks, origin: string, maxLine: number): AsyncGenerator<RecordResult> {
  for await (const { number, bytes } of splitLines(chunks, maxLine)) {
    const lineOrigin = `${origin}#${number}`;
    if (bytes === null) {
      yield { ok: false, origin: lineOrigin, error: `line too long (> ${formatSize(maxLine)} cap)` };
      continue;
    }
    if (bytes.toString('latin1').trim() === '') continue;
    yield parseLine(bytes, lineOrigin);
  }
}

/** A JSON document: one record object, or an array of them. */
export function readJsonDocument(json: string, origin: string): RecordResult[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new InputError(`broken JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  if (Array.isArray(value)) return value.map((v, i) => recordToRaw(v, `${origin}#${i + 1}`));
  return [recordToRaw(value, origin)];
}
