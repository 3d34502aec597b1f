/**
 * The Doc model: one text, and every layer as character-offset spans into it.
 *
 * Modelled on spaCy's Doc/Span: the text is immutable once the Doc exists,
 * tokens and sentences are computed once, and annotators only add layers.
 */
import { normalizeText, type NormalizedText } from './normalize.js';
import { splitParagraphs, type Paragraph } from './paragraphs.js';
import { tokenize } from './tokenize.js';

/** Half-open character range [start, end) into Doc.text. */
export interface Span {
  start: number;
  end: number;
}

export interface Token extends Span {
  text: string;
  /** Whitespace follows the token in the text (needed to rebuild surface strings). */
  spaceAfter: boolean;
  /** Index of the sentence this token belongs to. */
  sentence: number;
}

export interface Sentence extends Span {
  /** Index of the first token and one past the last token. */
  tokenStart: number;
  tokenEnd: number;
  /** Index of the paragraph holding this sentence. */
  paragraph: number;
}

/** Per-token morphosyntax, filled by the tagger and parser (see src/models). */
export interface SyntaxLayer {
  upos: string[];
  xpos: string[];
  lemma: string[];
  /** Head token index per token, -1 for the root. */
  head?: Int32Array;
  /** UD relation per token; '_' (with head -1) in sentences the parser skipped (see annotate/parse-needs.ts). */
  deprel?: string[];
}

export interface Doc {
  /** Normalised text: every span indexes into this string. */
  readonly text: string;
  /** Map from offsets in `text` back to offsets in the text we were given. */
  readonly normalization: NormalizedText;
  readonly paragraphs: Paragraph[];
  readonly sentences: Sentence[];
  readonly tokens: Token[];
  /** Optional layers added by annotators. */
  syntax?: SyntaxLayer;
}

export type { Paragraph, ParagraphKind } from './paragraphs.js';

/** Build a Doc from raw body text: normalise, then paragraphs, sentences and tokens. */
export function createDoc(rawText: string): Doc {
  const normalization = normalizeText(rawText);
  const text = normalization.text;
  const paragraphs = splitParagraphs(text);
  const { tokens, sentences } = tokenize(text, paragraphs);
  return { text, normalization, paragraphs, sentences, tokens };
}

export function spanText(doc: Doc, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

/** Tokens of a sentence, as a slice of doc.tokens. */
export function sentenceTokens(doc: Doc, sentence: Sentence): Token[] {
  return doc.tokens.slice(sentence.tokenStart, sentence.tokenEnd);
}

/** Index of the token covering a character offset, or -1 (binary search). */
export function tokenAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = doc.tokens[mid]!;
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
