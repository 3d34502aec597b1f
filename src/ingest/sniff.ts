/**
 * What kind of input a byte stream is, from its first bytes and, only to break
 * ties, its name. Extensions lie (".html" files that are feeds, ".txt" files
 * that are HTML), so content decides.
 */
import { bomEncoding } from './decode.js';

export type InputKind = 'empty' | 'binary' | 'gzip' | 'warc' | 'html' | 'feed' | 'xml' | 'jsonfeed' | 'jsonl' | 'json' | 'text';

/** How much of the start of an input sniffing looks at. */
export const SNIFF_BYTES = 64 * 1024;

const GZIP = [0x1f, 0x8b];
const HTML_START = /^<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|header|nav|table|span|h[1-6]|script|style|link|!--)[\s>/]/i;
const HTML_ANYWHERE = /<(?:html|body|head)[\s>]/i;
const FEED_ROOT = /<(?:rss|feed|rdf:RDF)[\s>]/;
const JSON_FEED_VERSION = /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//;

/** How much of the head the markup checks look at. */
const MARKUP_BYTES = 8192;
/** Share of control characters above which bytes are not text. */
const CONTROL_RATIO = 0.05;

export function looksBinary(head: Uint8Array): boolean {
  if (bomEncoding(head)?.encoding.startsWith('utf-16')) return false;
  if (head.indexOf(0) !== -1) return true;
  const n = Math.min(head.length, MARKUP_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    // Tab, LF, VT, FF, CR and ESC occur in real text files; other C0 controls do not.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return n > 0 && control / n > CONTROL_RATIO;
}

function extension(name: string): string {
  const base = name.toLowerCase().split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '';
}

/** Name without a trailing ".gz", to sniff what a compressed file holds. */
export function stripGzExtension(name: string): string {
  return name.replace(/\.(?:gz|gzip)$/i, '');
}

/**
 * Classify an input. `head` is its first bytes (up to SNIFF_BYTES); `complete`
 * says whether head is the whole input (a JSON document can then be parsed).
 */
export function sniffKind(head: Uint8Array, name = '', contentType?: string, complete = false): InputKind {
  if (head.length === 0) return 'empty';
  if (head[0] === GZIP[0] && head[1] === GZIP[1]) return 'gzip';
  if (looksBinary(head)) return 'binary';
  let start = headText(head, MARKUP_BYTES).trimStart();
  if (start.length === 0 && head.length > MARKUP_BYTES) start = headText(head, head.length).trimStart();
  if (start.length === 0) return 'empty';
  if (start.startsWith('WARC/1.')) return 'warc';
  const ext = extension(name);
  const type = (contentType ?? '').toLowerCase();

  if (start.startsWith('<')) {
    // Feeds may open with comments or stylesheet instructions; XHTML pages with an XML declaration.
    const early = start.slice(0, 2048);
    const feedRoot = FEED_ROOT.test(early);
    const htmlRoot = HTML_ANYWHERE.test(early) || /^<!doctype\s+html/i.test(start);
    if (feedRoot && !htmlRoot) return 'feed';
    if (start.startsWith('<?xml') && !htmlRoot) return FEED_ROOT.test(start) ? 'feed' : 'xml';
    if (htmlRoot || HTML_START.test(start) || HTML_ANYWHERE.test(start)) return 'html';
    if (['html', 'htm', 'xhtml', 'shtml', 'php', 'asp', 'aspx'].includes(ext) || type.includes('html')) return 'html';
    if (/^<[a-z][\w:-]*[\s>/]/i.test(start)) return 'html';
    return 'text';
  }

  if (start.startsWith('{')) {
    if (JSON_FEED_VERSION.test(start.slice(0, 4096))) return 'jsonfeed';
    const whole = headText(head, head.length).trimStart();
    const newline = whole.indexOf('\n');
    if (isJsonObject((newline === -1 ? whole : whole.slice(0, newline)).trim())) return 'jsonl';
    // A first line longer than the sniffing window: one big record per line, unless named .json.
    if (newline === -1 && !complete) return ext === 'json' ? 'json' : 'jsonl';
    // Pretty-printed or broken JSON: the JSON reader says which.
    return 'json';
  }
  if (start.startsWith('[') && (ext === 'json' || type.includes('json') || isJsonValue(headText(head, head.length)))) return 'json';
  return 'text';
}

/** The first `n` bytes as text: UTF-16 when a BOM says so, else byte-per-char (enough for ASCII markup). */
function headText(head: Uint8Array, n: number): string {
  const bom = bomEncoding(head);
  if (bom?.encoding.startsWith('utf-16')) return new TextDecoder(bom.encoding).decode(head.subarray(bom.length, n));
  const slice = head.subarray(bom ? bom.length : 0, n);
  return Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('latin1');
}

function isJsonObject(line: string): boolean {
  if (!line.startsWith('{') || !line.endsWith('}')) return false;
  return isJsonValue(line);
}

function isJsonValue(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
