/**
 * Text normalisation with a map back to the original characters.
 *
 * Every span in fivew is an offset into the normalised text; the map lets a
 * caller point back into the bytes the user gave us (the original file), which
 * is what "evidence-linked" means.
 */

export interface NormalizedText {
  text: string;
  /**
   * original[i] is the offset in the original string of normalised char i;
   * original[text.length] is the original length. Null when the text was
   * already normal (identity map), which is the common case and costs nothing.
   */
  original: Int32Array | null;
}

// No-break and typographic spaces that should read as a plain space.
const ODD_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v\f]/;
// Invisible characters that carry no text: zero-width space/joiners, BOM, soft hyphen.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const LINE_BREAK = /[\r\u2028\u2029\u0085]/;
const NEEDS_WORK = /[\u00A0\u1680\u2000-\u200D\u202F\u205F\u3000\t\v\f\u2060\uFEFF\u00AD\r\u2028\u2029\u0085]|[^\x00-\x7F]/;
const COMBINING = /\p{M}/u;

/** Normalise to NFC, plain spaces and \n line endings, keeping an offset map. */
export function normalizeText(input: string): NormalizedText {
  if (!NEEDS_WORK.test(input)) return { text: input, original: null };
  if (input.normalize('NFC') === input && !/[\u00A0\u1680\u2000-\u200D\u202F\u205F\u3000\t\v\f\u2060\uFEFF\u00AD\r\u2028\u2029\u0085]/.test(input)) {
    return { text: input, original: null };
  }
  return normalizeSlow(input);
}

/** Below U+0300 no character changes under NFC alone, and no combining mark (they start at U+0300) can follow. */
const FIRST_COMBINING = 0x300;

/** True for the characters under U+0300 that normalisation replaces or drops (see the classes above). */
function isSpecialLatin(code: number): boolean {
  return code === 0x0d || code === 0x09 || code === 0x0b || code === 0x0c || code === 0xa0 || code === 0xad || code === 0x85;
}

function normalizeSlow(input: string): NormalizedText {
  const out: string[] = [];
  let map = new Int32Array(input.length + 1);
  let size = 0;
  const mapPush = (offset: number): void => {
    if (size === map.length) {
      const grown = new Int32Array(map.length * 2);
      grown.set(map);
      map = grown;
    }
    map[size++] = offset;
  };
  const n = input.length;
  let i = 0;
  while (i < n) {
    // A run of plain characters (under U+0300, none special, no combining mark after) is copied as it is.
    const runStart = i;
    while (i < n) {
      const code = input.charCodeAt(i);
      if (code >= FIRST_COMBINING || isSpecialLatin(code)) break;
      if (i + 1 < n && input.charCodeAt(i + 1) >= FIRST_COMBINING) break;
      i++;
    }
    if (i > runStart) {
      out.push(input.slice(runStart, i));
      for (let k = runStart; k < i; k++) mapPush(k);
      if (i >= n) break;
    }
    const ch = input[i]!;
    if (ch === '\r') {
      out.push('\n');
      mapPush(i);
      i += input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (LINE_BREAK.test(ch)) {
      out.push('\n');
      mapPush(i);
      i++;
      continue;
    }
    if (INVISIBLE.test(ch)) {
      i++;
      continue;
    }
    if (ODD_SPACE.test(ch)) {
      out.push(' ');
      mapPush(i);
      i++;
      continue;
    }
    // A base character with its combining marks is the unit NFC may compose.
    let j = i + 1;
    if (ch >= '\uD800' && ch <= '\uDBFF' && j < n) j++;
    while (j < n && COMBINING.test(input[j]!)) j++;
    const chunk = input.slice(i, j);
    const composed = chunk.normalize('NFC');
    out.push(composed);
    // Composed characters point at the start of their source cluster.
    for (let k = 0; k < composed.length; k++) mapPush(composed === chunk ? i + k : i);
    i = j;
  }
  mapPush(n);
  return { text: out.join(''), original: map.slice(0, size) };
}

/** Offset in the original text of a normalised offset. */
export function toOriginalOffset(norm: NormalizedText, offset: number): number {
  return norm.original ? norm.original[offset]! : offset;
}
