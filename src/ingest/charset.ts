/**
 * Bytes → string for HTML: the charset comes from a BOM, then the
 * Content-Type header, then a <meta charset> / http-equiv in the first bytes,
 * and when none is declared, UTF-8 if the bytes are valid UTF-8, else
 * windows-1252 (what browsers assume for legacy Western pages).
 */
import iconv from 'iconv-lite';

/** How far into the page browsers look for a <meta> charset declaration. */
const META_SNIFF_BYTES = 4096;

export function decodeHtml(bytes: Uint8Array, contentType?: string): string {
  const bom = bomEncoding(bytes);
  if (bom) return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), bom, { stripBOM: true });
  const declared = charsetFromContentType(contentType) ?? charsetFromMeta(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (declared && declared !== 'utf-8') {
    // Pages that say latin-1 but are UTF-8 are common (templates copied across servers);
    // valid multi-byte UTF-8 is vanishingly unlikely in genuine single-byte text.
    if (declared === 'windows-1252' && /[\x80-\xff]/.test(buffer.toString('latin1'))) {
      const utf8 = strictUtf8(buffer);
      if (utf8 !== null) return utf8;
    }
    return iconv.decode(buffer, declared);
  }
  if (declared === 'utf-8') return buffer.toString('utf8');
  return strictUtf8(buffer) ?? iconv.decode(buffer, 'windows-1252');
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m ? normaliseCharset(m[1]) : null;
}

function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_SNIFF_BYTES)).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct ? normaliseCharset(direct[1]) : null;
}

/**
 * Maps a declared label to one iconv-lite knows, following the WHATWG
 * Encoding Standard where it differs (latin1 and ASCII labels mean windows-1252;
 * a page cannot declare itself UTF-16 from inside its own bytes).
 */
export function normaliseCharset(label: string): string | null {
  const l = label.trim().toLowerCase();
  if (l === 'utf8' || l === 'utf-8' || l === 'unicode-1-1-utf-8' || l.startsWith('utf-16')) return 'utf-8';
  if (/^(iso-?8859-1|latin-?1|l1|us-ascii|ascii|iso_8859-1|cp1252|windows-1252|x-cp1252)$/.test(l)) return 'windows-1252';
  return iconv.encodingExists(l) ? l : null;
}

function strictUtf8(buffer: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return null;
  }
}
