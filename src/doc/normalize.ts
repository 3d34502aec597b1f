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
  const out: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === '\r') {
      out.push('\n');
      map.push(i);
      i += input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (LINE_BREAK.test(ch)) {
      out.push('\n');
      map.push(i);
      i++;
      continue;
    }
    if (INVISIBLE.test(ch)) {
      i++;
      continue;
    }
    if (ODD_SPACE.test(ch)) {
      out.push(' ');
      map.push(i);
      i++;
      continue;
    }
    // A base character with its combining marks is the unit NFC may compose.
    let j = i + 1;
    if (ch >= '\uD800' && ch <= '\uDBFF' && j < input.length) j++;
    while (j < input.length && COMBINING.test(input[j]!)) j++;
    const chunk = input.slice(i, j);
    const composed = chunk.normalize('NFC');
    for (let k = 0; k < composed.length; k++) {
      out.push(composed[k]!);
      // Composed characters point at the start of their source cluster.
      map.push(composed === chunk ? i + k : i);
    }
    i = j;
  }
  map.push(input.length);
  return { text: out.join(''), original: Int32Array.from(map) };
}

/** Offset in the original text of a normalised offset. */
export function toOriginalOffset(norm: NormalizedText, offset: number): number {
  return norm.original ? norm.original[offset]! : offset;
}
