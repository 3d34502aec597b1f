/**
 * Per-word hashed properties shared by the tagger and parser feature
 * templates: computed once per distinct string and cached.
 */
import { hashString } from './hash.js';
import { WordCache } from './word-cache.js';

export interface WordInfo {
  /** Normalised form (lower case, digits collapsed). */
  norm: number;
  /** Exact surface form. */
  form: number;
  suf1: number;
  suf2: number;
  suf3: number;
  suf4: number;
  suf5: number;
  pre1: number;
  pre3: number;
  shape: number;
  /** Normalised part after the last inner hyphen ("Iranian-backed" → "backed"), 0 without one: the head of a compound decides its tag. */
  hyphenTail: number;
  /** Normalised form as a string (for tag-dictionary look-ups). */
  normText: string;
}

/** Bounded (see word-cache.ts): news streams have an open vocabulary. */
const cache = new WordCache<WordInfo>();

export function normalizeWord(word: string): string {
  if (/^\d{4}$/.test(word)) return '!YEAR';
  if (/^[+-]?[\d.,:/]*\d[\d.,:/]*$/.test(word)) return '!NUM';
  if (/^(https?:|www\.)/i.test(word)) return '!URL';
  if (/^[^@\s]+@[^@\s]+\.\w+$/.test(word)) return '!EMAIL';
  return word.toLowerCase();
}

/** Capitalisation/digit/punctuation pattern with runs shortened: "Velayati" → "Xxx", "1990s" → "ddx". */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of word) {
    let c: string;
    if (ch >= 'a' && ch <= 'z') c = 'x';
    else if (ch >= 'A' && ch <= 'Z') c = 'X';
    else if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch.toLowerCase() !== ch.toUpperCase()) c = ch === ch.toLowerCase() ? 'x' : 'X';
    else c = ch;
    if (c === last) {
      run++;
      if (run >= 2) continue;
    } else {
      run = 0;
      last = c;
    }
    out += c;
  }
  return out;
}

function hyphenTail(lower: string): number {
  const at = lower.lastIndexOf('-');
  if (at <= 0 || at === lower.length - 1) return 0;
  return hashString(normalizeWord(lower.slice(at + 1)), 1) | 1;
}

export function wordInfo(word: string): WordInfo {
  let info = cache.get(word);
  if (info) return info;
  const norm = normalizeWord(word);
  const lower = word.toLowerCase();
  info = {
    norm: hashString(norm, 1),
    form: hashString(word, 2),
    suf1: hashString(lower.slice(-1), 3),
    suf2: hashString(lower.slice(-2), 4),
    suf3: hashString(lower.slice(-3), 5),
    suf4: hashString(lower.slice(-4), 6),
    suf5: hashString(lower.slice(-5), 10),
    pre1: hashString(word.slice(0, 1), 7),
    pre3: hashString(lower.slice(0, 3), 8),
    shape: hashString(wordShape(word), 9),
    hyphenTail: hyphenTail(lower),
    normText: norm,
  };
  cache.set(word, info);
  return info;
}

/** Placeholder for positions outside the sentence. */
export const NONE: WordInfo = {
  norm: hashString('<none>', 1),
  form: hashString('<none>', 2),
  suf1: 0,
  suf2: 0,
  suf3: hashString('<none>', 5),
  suf4: 0,
  suf5: 0,
  pre1: 0,
  pre3: 0,
  shape: hashString('<none>', 9),
  hyphenTail: 0,
  normText: '<none>',
};
