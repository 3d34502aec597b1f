import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, utf8Damage } from '../src/ingest/decode.js';
import { toIsoDate } from '../src/ingest/dates.js';
import { htmlFragmentToText } from '../src/ingest/fragment.js';
import { detectLanguage, normalizeLanguageTag } from '../src/ingest/language.js';
import { sniffKind } from '../src/ingest/sniff.js';
import { splitLines } from '../src/ingest/stream.js';

const b = (s: string) => Buffer.from(s, 'utf8');

describe('sniffKind', () => {
  it('goes by content, not by extension', () => {
    expect(sniffKind(b('<!doctype html><html><body><p>Hi</p></body></html>'), 'notes.txt')).toBe('html');
    expect(sniffKind(b('<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>'), 'page.html')).toBe('feed');
    expect(sniffKind(b('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>'), 'x')).toBe('feed');
    expect(sniffKind(b('{"version": "https://jsonfeed.org/version/1.1", "items": []}'), 'feed.txt')).toBe('jsonfeed');
    expect(sniffKind(b('{"text": "a"}\n{"text": "b"}\n'), 'data.json')).toBe('jsonl');
    expect(sniffKind(b('{\n  "text": "a"\n}'), 'one.json', undefined, true)).toBe('json');
    expect(sniffKind(b('Harbour fees rise\n\nThe board raised fees.'), 'page.html')).toBe('text');
    expect(sniffKind(b('WARC/1.1\r\nWARC-Type: warcinfo\r\n'), 'x.txt')).toBe('warc');
    expect(sniffKind(Buffer.from([0x1f, 0x8b, 8, 0]), 'x.txt')).toBe('gzip');
    expect(sniffKind(b('<?xml version="1.0"?><catalog/>'), 'c.xml')).toBe('xml');
  });

  it('tells empty, whitespace-only and binary input apart from text', () => {
    expect(sniffKind(new Uint8Array(0))).toBe('empty');
    expect(sniffKind(b('  \n\t\n'))).toBe('empty');
    expect(sniffKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('binary');
    const controls = Buffer.from('abc\x01\x02\x03\x04\x05\x06def\x07\x08', 'latin1');
    expect(sniffKind(controls)).toBe('binary');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('The ferry sailed.', 'utf16le')]);
    expect(sniffKind(utf16, 'x.txt')).toBe('text');
  });
});

describe('decodeText', () => {
  it('keeps UTF-8 with a little damage, replacing only the bad byte', () => {
    const good = b('Zürich — “quoted” café');
    const bad = Buffer.concat([good.subarray(0, 5), Buffer.from([0xc3]), good.subarray(5)]);
    const decoded = decodeText(bad);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.replaced).toBe(1);
    expect(decoded.text.replace('\uFFFD', '')).toBe('Zürich — “quoted” café');
  });

  it('reads windows-1252 bytes as windows-1252', () => {
    const decoded = decodeText(iconv.encode('Café “Le Port” – 5 €', 'windows-1252'));
    expect(decoded).toEqual({ text: 'Café “Le Port” – 5 €', encoding: 'windows-1252', replaced: 0 });
  });

  it('honours a BOM and a declared charset', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b('Hi')])).text).toBe('Hi');
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from([0, 0x48, 0, 0x69])])).text).toBe('Hi');
    expect(decodeText(iconv.encode('Ďakujem', 'iso-8859-2'), 'ISO-8859-2').text).toBe('Ďakujem');
  });

  it('counts valid and invalid UTF-8 sequences', () => {
    expect(utf8Damage(b('aé€😀'))).toEqual({ valid: 3, invalid: 0 });
    expect(utf8Damage(Buffer.from([0xe9, 0x41, 0xc3, 0xa9, 0x80]))).toEqual({ valid: 1, invalid: 2 });
  });
});

describe('detectLanguage', () => {
  const english = 'The harbour board of Kelmouth raised its mooring fees on Monday, saying the money would pay for dredging the inner basin before winter.';
  const french = 'Le conseil municipal de la ville a voté lundi la fermeture du vieux port de commerce, a annoncé le maire dans un communiqué publié le soir même.';
  const german = 'Der Stadtrat hat am Montag beschlossen, den alten Kohlehafen bis Ende nächsten Jahres für Frachtschiffe zu schließen, teilte die Bürgermeisterin mit.';

  it('detects common languages as ISO 639-1', () => {
    expect(detectLanguage(english)).toBe('en');
    expect(detectLanguage(french)).toBe('fr');
    expect(detectLanguage(german)).toBe('de');
    expect(detectLanguage('Городской совет в понедельник проголосовал за закрытие старого угольного порта для грузовых судов.')).toBe('ru');
  });

  it('defaults short ASCII text to English, or to the declared language', () => {
    expect(detectLanguage('Ferry strike ends')).toBe('en');
    expect(detectLanguage('Ferry strike ends', 'de-DE')).toBe('de');
  });

  it('does not let a template-wide declared language override a clear text', () => {
    expect(detectLanguage(french, 'en')).toBe('fr');
  });

  it('normalises language tags', () => {
    expect(normalizeLanguageTag('en-GB')).toBe('en');
    expect(normalizeLanguageTag('FRA')).toBe('fr');
    expect(normalizeLanguageTag('x')).toBeNull();
    expect(normalizeLanguageTag(null)).toBeNull();
  });
});

describe('helpers', () => {
  it('dates: ISO passes through, RFC 822 becomes UTC, nonsense is null', () => {
    expect(toIsoDate('2026-11-05')).toBe('2026-11-05');
    expect(toIsoDate('2026-11-05T07:45:00+01:00')).toBe('2026-11-05T07:45:00+01:00');
    expect(toIsoDate('Thu, 05 Nov 2026 10:00:00 +0200')).toBe('2026-11-05T08:00:00Z');
    expect(toIsoDate('soon')).toBeNull();
    expect(toIsoDate('2026-13-45')).toBeNull();
  });

  it('fragments: blocks become paragraphs, scripts vanish, entities decode', () => {
    expect(htmlFragmentToText('<p>One &amp; two</p><script>x()</script><ul><li>Three</li><li>Four</li></ul>Five<br>Six')).toBe(
      'One & two\n\nThree\n\nFour\n\nFive\n\nSix',
    );
  });

  it('splitLines: CRLF, a missing final newline and an over-long line', async () => {
    async function* chunks() {
      yield b('one\r\ntw');
      yield b('o\n' + 'x'.repeat(50) + '\nthree');
    }
    const lines: Array<string | null> = [];
    for await (const l of splitLines(chunks(), 20)) lines.push(l.bytes === null ? null : l.bytes.toString());
    expect(lines).toEqual(['one', 'two', null, 'three']);
  });
});
