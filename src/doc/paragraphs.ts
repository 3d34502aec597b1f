/**
 * Paragraph segmentation of body text.
 *
 * News text reaches us either with blank lines between paragraphs or with one
 * paragraph per line; hard-wrapped text (every line ~70 characters) also
 * occurs, and there a single newline is only a wrap, not a break.
 */
import type { Span } from './doc.js';

/** body: running text; heading: a subhead or headline line; byline: "By …". */
export type ParagraphKind = 'body' | 'heading' | 'byline';

export interface Paragraph extends Span {
  kind: ParagraphKind;
}

const TERMINAL = /[.!?…:;"'”’»)\]]\s*$/;
const BYLINE = /^(?:by|from|written by|reporting by)\s+\p{Lu}/iu;

/** Classify one paragraph's text. */
export function paragraphKind(text: string): ParagraphKind {
  const trimmed = text.trim();
  const words = trimmed.split(/\s+/).length;
  if (words <= 12 && BYLINE.test(trimmed)) return 'byline';
  // Subheads are short lines that do not end like a sentence.
  if (words <= 14 && trimmed.length <= 100 && !TERMINAL.test(trimmed)) return 'heading';
  return 'body';
}

/** True when single newlines are line wraps inside paragraphs rather than breaks. */
function looksHardWrapped(lines: string[]): boolean {
  const content = lines.filter((l) => l.trim().length > 0);
  if (content.length < 4) return false;
  let wrapped = 0;
  for (const line of content) {
    const len = line.trimEnd().length;
    if (len >= 50 && len <= 100 && !TERMINAL.test(line)) wrapped++;
  }
  return wrapped / content.length >= 0.5;
}

export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const lines = text.split('\n');
  const joinWraps = looksHardWrapped(lines);
  let offset = 0;
  let current: Span | null = null;
  const flush = () => {
    if (current) {
      paragraphs.push({ ...current, kind: paragraphKind(text.slice(current.start, current.end)) });
      current = null;
    }
  };
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    const lead = line.length - line.trimStart().length;
    const trimmedEnd = line.trimEnd().length;
    if (trimmedEnd === 0 || lead === trimmedEnd) {
      flush();
      continue;
    }
    const span = { start: lineStart + lead, end: lineStart + trimmedEnd };
    if (current && joinWraps) {
      current.end = span.end;
    } else {
      flush();
      current = span;
    }
  }
  flush();
  return paragraphs;
}
