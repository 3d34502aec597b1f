/**
 * CoNLL-2003 NER data: reading the column files and converting between tag
 * schemes and typed token spans.
 *
 * The files are IOB1 (I-X opens a chunk unless it continues one of the same
 * type; B-X only separates two adjacent chunks of one type). Chunks are read
 * with conlleval's rules, so IOB2 input works as well.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../ingest/article.js';

export interface ConllSentence {
  words: string[];
  /** The gold chunk tags as written in the file (IOB1 or IOB2). */
  tags: string[];
}

/** One -DOCSTART- document: the unit non-local features see. */
export interface ConllDocument {
  sentences: ConllSentence[];
}

/** A typed chunk over token indexes [start, end). */
export interface TypedSpan {
  start: number;
  end: number;
  type: string;
}

const TAG = /^(?:O|[BI]-[A-Za-z_]+)$/;

/** Parse CoNLL column text: token first, NER tag last; blank lines end sentences. */
export function parseConll(text: string, origin = 'input'): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument = { sentences: [] };
  let sentence: ConllSentence = { words: [], tags: [] };
  const endSentence = (): void => {
    if (sentence.words.length > 0) doc.sentences.push(sentence);
    sentence = { words: [], tags: [] };
  };
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      endSentence();
      if (doc.sentences.length > 0) docs.push(doc);
      doc = { sentences: [] };
      continue;
    }
    const tag = cols[cols.length - 1]!;
    if (cols.length < 2 || !TAG.test(tag)) {
      throw new InputError(`${origin}:${n + 1}: expected "token … NER-tag", got "${line.slice(0, 60)}"`);
    }
    sentence.words.push(cols[0]!);
    sentence.tags.push(tag);
  }
  endSentence();
  if (doc.sentences.length > 0) docs.push(doc);
  return docs;
}

/** Read a CoNLL file, gunzipping when it is gzipped. */
export function readConllFile(path: string): ConllDocument[] {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    throw new InputError(`cannot read ${path}`);
  }
  const text = buf[0] === 0x1f && buf[1] === 0x8b ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return parseConll(text, path);
}

/** Chunks of an IOB1/IOB2 tag sequence, by conlleval's start/end rules. */
export function iobSpans(tags: readonly string[]): TypedSpan[] {
  const spans: TypedSpan[] = [];
  let open: TypedSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const prefix = tag[0];
    const type = tag === 'O' ? '' : tag.slice(2);
    const starts = prefix === 'B' || (prefix === 'I' && (open === null || open.type !== type));
    if (open && (tag === 'O' || starts)) {
      open.end = i;
      spans.push(open);
      open = null;
    }
    if (starts) open = { start: i, end: i + 1, type };
  }
  if (open) {
    open.end = tags.length;
    spans.push(open);
  }
  return spans;
}

/** BILOU tags for spans over n tokens. */
export function bilouTags(spans: readonly TypedSpan[], n: number): string[] {
  const tags = new Array<string>(n).fill('O');
  for (const s of spans) {
    if (s.end - s.start === 1) {
      tags[s.start] = `U-${s.type}`;
      continue;
    }
    tags[s.start] = `B-${s.type}`;
    for (let i = s.start + 1; i < s.end - 1; i++) tags[i] = `I-${s.type}`;
    tags[s.end - 1] = `L-${s.type}`;
  }
  return tags;
}

/**
 * Spans of a BILOU sequence. Ill-formed sequences are read leniently: a
 * chunk runs while the type stays the same and no B/U/O intervenes.
 */
export function bilouSpans(tags: readonly string[]): TypedSpan[] {
  const spans: TypedSpan[] = [];
  let open: TypedSpan | null = null;
  const close = (end: number): void => {
    if (open) {
      open.end = end;
      spans.push(open);
      open = null;
    }
  };
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    if (tag === 'O') {
      close(i);
      continue;
    }
    const prefix = tag[0];
    const type = tag.slice(2);
    if (prefix === 'B' || prefix === 'U' || open === null || (open as TypedSpan).type !== type) {
      close(i);
      open = { start: i, end: i + 1, type };
    }
    if (prefix === 'L' || prefix === 'U') close(i + 1);
  }
  close(tags.length);
  return spans;
}
