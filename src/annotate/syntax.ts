/**
 * Fills doc.syntax (UPOS, XPOS, lemma, head, deprel per Doc token) with the
 * shipped tagger and parser.
 *
 * The models were trained on UD English tokens, which differ a little from
 * wink-nlp's: UD splits "I'm", "gonna", "cannot" into two words and keeps
 * URLs and e-mail addresses whole. Each sentence is therefore turned into
 * UD-like words first, and the results are folded back onto Doc tokens by
 * character offsets: a token split into several words takes the arc of its
 * first word whose head lies outside the token; tokens merged into one word
 * attach to that word's first token as `goeswith`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Doc, Sentence, SyntaxLayer } from '../doc/doc.js';
import { loadParser, type Parser } from '../models/parser.js';
import { loadTagger, type Tagger } from '../models/tagger.js';
import { parseEverySentence, type ParsePredicate } from './parse-needs.js';

/** deprel of the tokens of a sentence the parser skipped. */
export const UNPARSED = '_';

export interface SyntaxModels {
  tagger: Tagger;
  parser: Parser;
}

/** A syntactic word over one or more Doc tokens (or part of one). */
export interface SyntaxWord {
  /** Form as the models see it (typographic quotes made plain). */
  form: string;
  start: number;
  end: number;
  /** First and one-past-last Doc token it covers. */
  tokenStart: number;
  tokenEnd: number;
}

export interface ParsedWords {
  tags: Int32Array;
  heads: Int32Array;
  deprels: string[];
}

const MODEL_DIR = fileURLToPath(new URL('../../models/', import.meta.url));
let cached: SyntaxModels | null = null;

/** The shipped models, loaded on first use and kept (they are immutable). */
export function defaultSyntaxModels(): SyntaxModels {
  if (!cached) {
    const taggerPath = `${MODEL_DIR}tagger.bin.gz`;
    const parserPath = `${MODEL_DIR}parser.bin.gz`;
    if (!existsSync(taggerPath) || !existsSync(parserPath)) throw new Error(`syntax models missing in ${MODEL_DIR} (run fivew train tagger|parser)`);
    cached = { tagger: loadTagger(taggerPath), parser: loadParser(parserPath) };
  }
  return cached;
}

/** Models from other files (--tagger/--parser of `eval ud` and `bench`), the shipped ones where a path is missing. */
export function syntaxModelsFrom(paths: { tagger?: string; parser?: string }): SyntaxModels {
  if (!paths.tagger && !paths.parser) return defaultSyntaxModels();
  return { tagger: paths.tagger ? loadTagger(paths.tagger) : defaultSyntaxModels().tagger, parser: paths.parser ? loadParser(paths.parser) : defaultSyntaxModels().parser };
}

/** UD splits these whole words in two (EWT: "gon|na", "can|not"). */
const FUSED: Record<string, [number]> = { gonna: [3], wanna: [3], gotta: [3], cannot: [3] };
const CLITIC = /^(.*[A-Za-z])(n['’]t|['’](?:m|re|ve|ll|d|s))$/i;
const URLISH = /^(?:(?:https?|ftp):\/\/|www\.)\S+$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$|^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|io|example|pdf|html?|docx?|txt|xlsx?|pptx?|jpe?g|gif|png|zip)(?:\/\S*)?$/;
const PUNCT_RUN = /^(?:[!?]{2,}|([^\p{L}\p{N}\s])\1+)$/u;
const TRAILING_PUNCT = /^[.,;:!?)\]'"”’]+$/;

export function modelForm(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
}

/** UD-like words for the tokens of one sentence. */
export function sentenceWords(doc: Doc, sentence: Sentence): SyntaxWord[] {
  const words: SyntaxWord[] = [];
  const tokens = doc.tokens;
  for (let i = sentence.tokenStart; i < sentence.tokenEnd; i++) {
    const t = tokens[i]!;
    // A run of tokens with no space between them that spells a URL or address is one word.
    let j = i;
    while (j + 1 < sentence.tokenEnd && tokens[j + 1]!.start === tokens[j]!.end) j++;
    while (j > i && TRAILING_PUNCT.test(tokens[j]!.text)) j--;
    if (j > i) {
      const text = doc.text.slice(t.start, tokens[j]!.end);
      if (URLISH.test(text)) {
        words.push({ form: text, start: t.start, end: tokens[j]!.end, tokenStart: i, tokenEnd: j + 1 });
        i = j;
        continue;
      }
    }
    // Runs of repeated punctuation ("!!", "...", "=====") are one UD word; wink splits them.
    let r = i;
    while (r + 1 < sentence.tokenEnd && tokens[r + 1]!.start === tokens[r]!.end && PUNCT_RUN.test(doc.text.slice(t.start, tokens[r + 1]!.end))) r++;
    if (r > i) {
      words.push({ form: modelForm(doc.text.slice(t.start, tokens[r]!.end)), start: t.start, end: tokens[r]!.end, tokenStart: i, tokenEnd: r + 1 });
      i = r;
      continue;
    }
    const lower = t.text.toLowerCase();
    const fused = FUSED[lower];
    const clitic = fused ? null : CLITIC.exec(t.text);
    const cut = fused ? fused[0] : clitic ? clitic[1]!.length : 0;
    if (cut > 0 && cut < t.text.length) {
      words.push({ form: modelForm(t.text.slice(0, cut)), start: t.start, end: t.start + cut, tokenStart: i, tokenEnd: i + 1 });
      words.push({ form: modelForm(t.text.slice(cut)), start: t.start + cut, end: t.end, tokenStart: i, tokenEnd: i + 1 });
      continue;
    }
    words.push({ form: modelForm(t.text), start: t.start, end: t.end, tokenStart: i, tokenEnd: i + 1 });
  }
  return words;
}

/** Tag and parse one sentence of word forms. */
export function parseWords(forms: string[], models: SyntaxModels): ParsedWords {
  const tags = models.tagger.tag(forms);
  const tagNames = Array.from(tags, (c) => models.tagger.classes[c]!);
  const { heads, deprels } = models.parser.parse(forms, tagNames);
  return { tags, heads, deprels };
}

/**
 * Tags every sentence; parses those `needsParse` accepts (all by default). Tokens
 * of sentences left unparsed keep head -1 and deprel '_', and a token split into
 * several words takes its first word's tag (parsed, it takes that of the first
 * word whose head lies outside the token; the same tag on every PolNeAR token).
 *
 * All sentences are tagged before any is parsed: each model's tables then stay
 * in the CPU caches through its own phase instead of evicting each other at
 * every sentence.
 */
export function annotateSyntax(doc: Doc, models: SyntaxModels = defaultSyntaxModels(), needsParse: ParsePredicate = parseEverySentence): SyntaxLayer {
  const n = doc.tokens.length;
  const layer: SyntaxLayer = {
    upos: new Array<string>(n).fill('X'),
    xpos: new Array<string>(n).fill('_'),
    lemma: doc.tokens.map((t) => t.text),
    head: new Int32Array(n).fill(-1),
    deprel: new Array<string>(n).fill(UNPARSED),
  };
  const { tagger } = models;
  const tagged = doc.sentences.map((sentence) => {
    const words = sentenceWords(doc, sentence);
    const forms = words.map((w) => w.form);
    return { sentence, words, forms, tags: tagger.tag(forms) };
  });
  for (const { sentence, words, forms, tags } of tagged) {
    if (words.length === 0) continue;
    const upos = Array.from(tags, (c) => tagger.upos[c]!);
    const parsed = needsParse(forms, upos) ? models.parser.parse(forms, Array.from(tags, (c) => tagger.classes[c]!)) : null;
    const done = new Uint8Array(sentence.tokenEnd - sentence.tokenStart);
    words.forEach((w, k) => {
      const local = w.tokenStart - sentence.tokenStart;
      const h = parsed ? parsed.heads[k]! : -1;
      const external = h < 0 || words[h]!.tokenStart !== w.tokenStart || words[h]!.tokenEnd !== w.tokenEnd;
      // For a split token, the first word whose head is outside the token speaks for it.
      if (done[local] || (!external && words.some((o, m) => m > k && o.tokenStart === w.tokenStart))) return;
      done[local] = 1;
      const tag = tags[k]!;
      const t = w.tokenStart;
      layer.upos[t] = upos[k]!;
      layer.xpos[t] = tagger.xpos[tag]!;
      layer.lemma[t] = w.tokenEnd - w.tokenStart > 1 ? w.form : tagger.lemma(w.form, tag);
      if (parsed) {
        layer.head![t] = h < 0 ? -1 : words[h]!.tokenStart;
        layer.deprel![t] = parsed.deprels[k]!;
      }
      for (let extra = t + 1; extra < w.tokenEnd; extra++) {
        done[extra - sentence.tokenStart] = 1;
        layer.upos[extra] = layer.upos[t]!;
        layer.xpos[extra] = layer.xpos[t]!;
        if (parsed) {
          layer.head![extra] = t;
          layer.deprel![extra] = 'goeswith';
        }
      }
    });
  }
  return layer;
}
