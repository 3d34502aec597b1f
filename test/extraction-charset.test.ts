import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeHtml, normaliseCharset } from '../src/ingest/charset.js';

const page = (head: string, body: string): string => `<html><head>${head}</head><body><p>${body}</p></body></html>`;

describe('decodeHtml', () => {
  it('honours a UTF-8 BOM and drops it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page('', 'Zürich café'), 'utf8')]);
    const text = decodeHtml(bytes);
    expect(text.startsWith('<html>')).toBe(true);
    expect(text).toContain('Zürich café');
  });

  it('honours a UTF-16LE BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page('', 'Kraków talks'), 'utf-16le')]);
    expect(decodeHtml(bytes)).toContain('Kraków talks');
  });

  it('uses the Content-Type header charset', () => {
    const bytes = iconv.encode(page('', 'señor Muñoz'), 'windows-1252');
    expect(decodeHtml(bytes, 'text/html; charset=ISO-8859-1')).toContain('señor Muñoz');
  });

  it('uses <meta charset> and http-equiv declarations', () => {
    const greek = iconv.encode(page('<meta charset="iso-8859-7">', 'Αθήνα'), 'iso-8859-7');
    expect(decodeHtml(greek)).toContain('Αθήνα');
    const cyrillic = iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', 'Москва'), 'windows-1251');
    expect(decodeHtml(cyrillic)).toContain('Москва');
  });

  it('reads undeclared bytes as UTF-8 when valid, else windows-1252', () => {
    expect(decodeHtml(Buffer.from(page('', 'naïve — “quoted”'), 'utf8'))).toContain('naïve — “quoted”');
    expect(decodeHtml(iconv.encode(page('', 'naïve — “quoted”'), 'windows-1252'))).toContain('naïve — “quoted”');
  });

  it('reads a page that declares latin-1 but is valid UTF-8 as UTF-8', () => {
    const bytes = Buffer.from(page('<meta charset="iso-8859-1">', 'Johnson’s® café'), 'utf8');
    expect(decodeHtml(bytes)).toContain('Johnson’s® café');
  });

  it('does not throw on invalid UTF-8 declared as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from(page('<meta charset="utf-8">', 'ok '), 'utf8'), Buffer.from([0xc3, 0x28, 0xff])]);
    expect(decodeHtml(bytes)).toContain('ok');
  });
});

describe('charset labels', () => {
  it('maps labels as browsers do', () => {
    expect(normaliseCharset('ISO-8859-1')).toBe('windows-1252');
    expect(normaliseCharset('us-ascii')).toBe('windows-1252');
    expect(normaliseCharset('UTF8')).toBe('utf-8');
    expect(normaliseCharset('no-such-charset')).toBeNull();
    expect(charsetFromContentType('text/html; charset="Shift_JIS"')).toBe('shift_jis');
    expect(charsetFromContentType('text/html')).toBeNull();
  });
});
