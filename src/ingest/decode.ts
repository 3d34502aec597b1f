/**
 * Bytes → string for plain text, JSON and feeds, which (unlike HTML) have no
 * in-band charset besides a BOM or an XML declaration.
 *
 * Invalid UTF-8 is common in scraped text: a few damaged bytes in a UTF-8 file
 * (keep UTF-8, replacement characters for the damage) or a whole file in a
 * legacy single-byte encoding (windows-1252, where almost no high byte forms a
 * valid UTF-8 sequence). Counting valid multi-byte sequences against invalid
 * bytes tells the two apart.
 */
import iconv from 'iconv-lite';
import { normaliseCharset } from './charset.js';

export interface DecodedText {
  text: string;
  encoding: string;
  /** Bytes that could not be decoded and became U+FFFD. */
  replaced: number;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Count well-formed multi-byte UTF-8 sequences and bytes that belong to none. */
export function utf8Damage(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= n;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Decode text bytes; `declared` is a charset label from a header or XML declaration. */
export function decodeText(bytes: Uint8Array, declared?: string | null): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) {
    const text = iconv.decode(asBuffer(bytes.subarray(bom.length)), bom.encoding);
    return { text, encoding: bom.encoding, replaced: 0 };
  }
  const charset = declared ? normaliseCharset(declared) : null;
  if (charset && charset !== 'utf-8') return { text: iconv.decode(asBuffer(bytes), charset), encoding: charset, replaced: 0 };
  const { valid, invalid } = utf8Damage(bytes);
  if (invalid === 0) return { text: asBuffer(bytes).toString('utf8'), encoding: 'utf-8', replaced: 0 };
  // More broken bytes than good sequences: not UTF-8 with a few scratches but a single-byte encoding.
  if (charset !== 'utf-8' && invalid > valid) {
    return { text: iconv.decode(asBuffer(bytes), 'windows-1252'), encoding: 'windows-1252', replaced: 0 };
  }
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', replaced: invalid };
}
