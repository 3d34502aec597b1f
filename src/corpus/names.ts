/**
 * Name keys for linking mentions across articles: a normal form (case,
 * diacritics, titles and Arabic articles dropped) and a transliteration
 * skeleton under which Sayyed/Seyyed, Qorbani/Ghorbani, Nasrallah/Nasrullah,
 * Dorofeyev/Dorofeev and Abdelkarim/Abdul-Karim meet.
 */
import { ROLE_TITLES } from '../knowledge/roles.js';

const TITLE_WORDS: ReadonlySet<string> = new Set(
  ROLE_TITLES.flatMap((t) => t.toLowerCase().replace(/\./g, '').split(/\s+/)).filter((w) => w.length > 1 || w === 'mp'),
);

/** Arabic/Persian particles written as separate words or with a hyphen ("al-Haddadi", "Abdul-Karim" keeps its join). */
const PARTICLES: ReadonlySet<string> = new Set(['al', 'el', ' al.', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'ibn', 'bin']);

export function foldAscii(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** Name words, lower-cased, ASCII-folded, without titles, particles or a leading "the". */
export function nameWords(name: string): string[] {
  const raw = foldAscii(name)
    .toLowerCase()
    .replace(/[’']s$/u, '')
    .replace(/[’'`]/g, '')
    .split(/[^a-z0-9-]+/)
    .filter(Boolean);
  const out: string[] = [];
  for (let w of raw) {
    // "al-Haddadi" → "haddadi"; "Abdul-Karim" → "abdulkarim" (a compound name, one word).
    const parts = w.split('-').filter(Boolean);
    if (parts.length > 1 && PARTICLES.has(parts[0]!)) parts.shift();
    w = parts.join('');
    if (!w || PARTICLES.has(w)) continue;
    out.push(w);
  }
  while (out.length > 1 && (TITLE_WORDS.has(out[0]!) || out[0] === 'the')) out.shift();
  return out;
}

const DIGRAPHS: ReadonlyArray<[RegExp, string]> = [
  [/gh/g, 'q'],
  [/qu/g, 'q'],
  [/qv/g, 'q'],
  [/kh/g, 'h'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/c/g, 'k'],
  [/w/g, 'v'],
  [/j/g, 'y'],
  [/z/g, 's'],
];

/**
 * Consonant skeleton of one word: transliteration differences live mostly in
 * vowels, doubled letters and a few digraphs. The first letter is kept whatever it is.
 */
export function skeleton(word: string): string {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (!w) return word;
  for (const [re, to] of DIGRAPHS) w = w.replace(re, to);
  const head = w[0]!;
  const rest = w.slice(1).replace(/[aeiouy]/g, '').replace(/h(?=[^aeiou]|$)/g, '');
  return (head + rest).replace(/(.)\1+/g, '$1');
}

/** Similarity of two spellings in [0, 1] (1 - normalised Levenshtein distance). */
export function spellingSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) return 0;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return 1 - prev[n]! / Math.max(m, n);
}

/** Initials of the capitalised words of a multi-word name ("Southern Liberation Front" → "SLF"). */
export function acronymOf(name: string): string | null {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  if (words.length < 2) return null;
  return words.map((w) => w[0]!).join('').toUpperCase();
}

/** A name written as an acronym: 2-6 capitals. */
export function isAcronym(name: string): boolean {
  return /^\p{Lu}{2,6}$/u.test(name.trim());
}
