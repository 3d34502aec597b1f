/**
 * Tokens and sentences from wink-nlp, turned into character spans.
 *
 * wink-nlp is run once over the whole text (it is fast, ~600k tokens/s here);
 * its sentence boundaries are then cut again at every paragraph boundary so
 * that no sentence crosses a paragraph, and heading/byline paragraphs are
 * kept whole as sentences of their own.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { createRequire } from 'node:module';
import type { Paragraph } from './paragraphs.js';
import type { Sentence, Token } from './doc.js';

type Wink = ReturnType<typeof winkNLP>;
let wink: Wink | null = null;

/** One of wink's feature tables (lexemes, shapes, suffixes…): value → index, index → value, next index. */
interface WinkFeature {
  hash?: Record<string, number>;
  list?: unknown[];
  index?: number;
}

/** The API object of wink's lexicon cache (src/cache.js): every part of wink calls it through this one object. */
type WinkCache = Record<string, unknown>;
type WinkCacheFactory = (model: unknown, featureFn: unknown) => WinkCache;

/**
 * wink-nlp adds every word form it has not met to its vocabulary (the lexeme
 * table, the tables of the forms' shapes and affixes, and its out-of-vocabulary
 * lexicon) and keeps it for good: a thread's memory grew with every new word of
 * a stream, and since wink keeps a form it has cached whole ("O’Reilly’s" met
 * before a comma) where it would otherwise split it, a document's tokens
 * depended on what the thread had read before. After each document we put the
 * vocabulary back as the model loaded it: its tables are cut back to their
 * loaded lengths, and the cache API object every part of wink holds gets the
 * methods of a fresh cache (an empty out-of-vocabulary lexicon) over them. Each
 * document is then tokenised as by a fresh wink instance, in constant memory.
 */
interface WinkVocabulary {
  /** The core model wink loaded (its feature tables are the ones it grows). */
  core: { features: Record<string, WinkFeature> } | null;
  /** wink's cache API object, known from the first new word on (wink hands it to the feature functions). */
  cache: WinkCache | null;
  /** Loaded length of every growable table. */
  loaded: Array<[WinkFeature, number]>;
}

const vocabulary: WinkVocabulary = { core: null, cache: null, loaded: [] };
const require = createRequire(import.meta.url);
const createWinkCache = require('wink-nlp/src/cache.js') as WinkCacheFactory;

type WinkModel = typeof model;
type FeatureFunctions = Record<string, (word: string, category: number, cache: WinkCache) => unknown>;

/** The wink-nlp instance, loaded on first use (loading costs ~100 ms). */
function getWink(): Wink {
  if (wink) return wink;
  const base = model as unknown as Record<string, unknown> & { core: () => WinkVocabulary['core']; featureFn: (config: unknown) => FeatureFunctions };
  const watched = {
    ...base,
    core: () => (vocabulary.core = base.core()),
    // Wrapped only in the first cache, to learn its API object; fresh caches get the model's own functions.
    featureFn: (config: unknown): FeatureFunctions => {
      const features = base.featureFn(config);
      const out: FeatureFunctions = Object.create(null) as FeatureFunctions;
      for (const [name, fn] of Object.entries(features)) {
        out[name] = (word, category, cache) => {
          vocabulary.cache ??= cache;
          return fn(word, category, cache);
        };
      }
      return out;
    },
  } as unknown as WinkModel;
  wink = winkNLP(watched, ['sbd']);
  const features = vocabulary.core?.features ?? {};
  for (const feature of Object.values(features)) {
    if (feature.hash && Array.isArray(feature.list)) vocabulary.loaded.push([feature, feature.list.length]);
  }
  return wink;
}

/** Put wink's vocabulary back as loaded (see WinkVocabulary); a no-op when the document added no word. */
function forgetNewWords(): void {
  const { core, cache, loaded } = vocabulary;
  if (!core || !cache) return;
  let grown = false;
  for (const [feature, length] of loaded) {
    const list = feature.list!;
    if (list.length === length) continue;
    grown = true;
    const hash = feature.hash!;
    for (let k = length; k < list.length; k++) delete hash[list[k] as string];
    list.length = length;
    feature.index = length;
  }
  if (grown) Object.assign(cache, createWinkCache(core, (model as unknown as { featureFn: unknown }).featureFn));
}

/** Word forms in wink's lexeme table beyond those of its model (0 between documents). */
export function winkAddedWords(): number {
  getWink();
  const lexeme = vocabulary.core?.features.lexeme;
  const loaded = vocabulary.loaded.find(([f]) => f === lexeme)?.[1] ?? 0;
  return (lexeme?.list?.length ?? 0) - loaded;
}

/** value.trim() === '', answered from the first character when it is printable ASCII (nearly always). */
function isBlank(value: string): boolean {
  const c = value.charCodeAt(0);
  if (c > 0x20 && c < 0x7f) return false;
  return value.trim() === '';
}

/** Words that take an abbreviating dot as a token of its own ("etc ." is rare, but wink splits some). */
const DOTTED_WORDS = new Set(['approx', 'etc', 'vs', 'cf', 'al', 'fig', 'figs', 'est', 'dept', 'ca', 'incl', 'esp', 'misc', 'no', 'nos', 'vol', 'pp', 'op', 'cit', 'ibid', 'viz', 'resp', 'e.g', 'i.e']);

/**
 * Whether the tokens before a lowercase word end a sentence all the same: a bare "?" or "!", or a bare
 * "." after an ordinary word or a number ("you. call them", "means? where"). An abbreviation's dot
 * ("(D-Md.) agreed", "etc. and") or a closing quote ('"Why?" he asked') does not.
 */
function endsSentenceBeforeLowercase(tokens: readonly Token[]): boolean {
  const end = markOnWord(tokens);
  if (!end) return false;
  if (/^[?!]+$/.test(end.mark)) return true;
  if (end.mark !== '.' || end.word.length < 2 || DOTTED_WORDS.has(end.word.toLowerCase())) return false;
  return /^[\p{Ll}\d][\p{L}\d'’-]*$/u.test(end.word);
}

/** The last token and the word it is written onto ("you" + "."), or null when a space parts them. */
function markOnWord(tokens: readonly Token[]): { word: string; mark: string } | null {
  const last = tokens[tokens.length - 1];
  const before = tokens[tokens.length - 2];
  return last && before && before.end === last.start ? { word: before.text, mark: last.text } : null;
}

/**
 * "It closed on Sunday... You voted": an ellipsis written onto the word before it ends a sentence when a
 * capitalised word follows; one standing apart marks words left out of a quotation ("ensure ... American").
 */
function afterTrailingEllipsis(tokens: readonly Token[], next: string): boolean {
  // (Asked at every token: the cheap test of the last token's text comes first.)
  const last = tokens[tokens.length - 1];
  return last !== undefined && /^(?:\.{2,}|…)$/.test(last.text) && /^\p{Lu}/u.test(next) && markOnWord(tokens) !== null;
}

/** /^\p{Ll}/u.test(value), answered from the first character when it is ASCII. */
function startsLowercase(value: string): boolean {
  const c = value.charCodeAt(0);
  if (c < 0x80) return c >= 0x61 && c <= 0x7a;
  return /^\p{Ll}/u.test(value);
}

/**
 * Length of an "'s" clitic (possessive, or "is"/"has") glued to a word ("Trump’s" → 2), else 0.
 *
 * Why: wink-nlp splits "Trump’s" into Trump + ’s only while the form is new to
 * its vocabulary; once it has met "Trump’s" before a comma ("Trump’s, …"), which
 * it keeps whole, it caches the form and keeps it whole everywhere after. Left
 * alone, a document's tokens would depend on what the same thread analysed
 * before it (118 of 200 news texts tokenised differently after a warm-up), and
 * the tagger, parser and NER, trained on UD's split "'s", would see an unknown word.
 */
export function sCliticLength(value: string): number {
  const last = value.charCodeAt(value.length - 1);
  if (value.length <= 2 || (last !== 0x73 && last !== 0x53)) return 0;
  return S_CLITIC.test(value) ? 2 : 0;
}

const S_CLITIC = /^[\p{L}\p{N}][\p{L}\p{N}.&-]*['’][sS]$/u;

export function tokenize(text: string, paragraphs: Paragraph[]): { tokens: Token[]; sentences: Sentence[] } {
  const nlp = getWink();
  const its = nlp.its;
  let values: string[];
  let spaces: string[];
  let types: string[];
  const winkSentenceStarts = new Set<number>();
  try {
    const wdoc = nlp.readDoc(text);
    values = wdoc.tokens().out(its.value) as string[];
    spaces = wdoc.tokens().out(its.precedingSpaces) as string[];
    types = wdoc.tokens().out(its.type) as string[];
    for (const span of wdoc.sentences().out(its.span) as unknown as Array<[number, number]>) winkSentenceStarts.add(span[0]);
  } finally {
    forgetNewWords();
  }

  const tokens: Token[] = [];
  const tokenParagraph: number[] = [];
  const startsSentence: boolean[] = [];
  let pos = 0;
  let para = 0;
  let pendingWinkStart = false;
  for (let i = 0; i < values.length; i++) {
    pos += spaces[i]!.length;
    const value = values[i]!;
    // wink reports the original surface; guard anyway so offsets never drift.
    let start = pos;
    if (text.startsWith(value, pos) === false) {
      const found = text.indexOf(value, pos);
      start = found >= 0 ? found : pos;
    }
    const end = start + value.length;
    pos = end;
    if (types[i] === 'tabCRLF' || isBlank(value)) {
      pendingWinkStart ||= winkSentenceStarts.has(i);
      continue;
    }
    // wink breaks "www.x.com" and "TEXT.htm" after the dot; a real sentence break has a space before it.
    const glued = tokens.length > 0 && tokens[tokens.length - 1]!.end === start;
    // "(D-Md.) agreed": an abbreviation's dot fooled the splitter when the next word is lowercase.
    const lowercaseNext = startsLowercase(value);
    const winkSays = pendingWinkStart || winkSentenceStarts.has(i);
    pendingWinkStart = false;
    // "I love her. :) She…": an emoticon closes the sentence before it, so wink's break moves past it.
    if (winkSays && types[i] === 'emoticon') pendingWinkStart = true;
    const winkStart =
      (winkSays && types[i] !== 'emoticon' && !glued && (!lowercaseNext || endsSentenceBeforeLowercase(tokens))) ||
      (!glued && afterTrailingEllipsis(tokens, value));
    while (para < paragraphs.length - 1 && start >= paragraphs[para]!.end) para++;
    const paragraphStarted = tokenParagraph.length === 0 || tokenParagraph[tokenParagraph.length - 1] !== para;
    const kind = paragraphs[para]?.kind ?? 'body';
    startsSentence.push(paragraphStarted || (kind === 'body' && winkStart));
    tokenParagraph.push(para);
    const clitic = sCliticLength(value);
    if (clitic === 0) {
      tokens.push({ start, end, text: value, spaceAfter: false, sentence: 0 });
    } else {
      tokens.push({ start, end: end - clitic, text: value.slice(0, -clitic), spaceAfter: false, sentence: 0 });
      startsSentence.push(false);
      tokenParagraph.push(para);
      tokens.push({ start: end - clitic, end, text: value.slice(-clitic), spaceAfter: false, sentence: 0 });
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    tokens[i]!.spaceAfter = next ? next.start > tokens[i]!.end : text.length > tokens[i]!.end;
  }

  const sentences: Sentence[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (startsSentence[i]) {
      sentences.push({ start: tokens[i]!.start, end: tokens[i]!.end, tokenStart: i, tokenEnd: i + 1, paragraph: tokenParagraph[i]! });
    } else {
      const s = sentences[sentences.length - 1]!;
      s.end = tokens[i]!.end;
      s.tokenEnd = i + 1;
    }
    tokens[i]!.sentence = sentences.length - 1;
  }
  return { tokens, sentences };
}
