import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../src/analysis.js';
import { parseText, parseTextArticle, tidySourceName } from '../src/ingest/text.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test/fixtures/readers');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('parseTextArticle', () => {
  it('reads headline, top byline with agency, dateline and closing credit line', () => {
    const { article, dateline } = parseText(fixture('wire.txt'));
    expect(article.title).toBe('Harbour talks in Port Ellis stall over fishing quotas');
    expect(article.byline).toBe('Jane Roe and John Doe');
    expect(article.source).toBe('Reuters');
    expect(dateline).toEqual({ place: 'PORT ELLIS', date: 'Nov 3', source: 'Reuters' });
    expect(article.text.startsWith('Talks between the harbour authorities')).toBe(true);
    expect(article.text).not.toMatch(/Reporting by|Editing by|PORT ELLIS|\(Reuters\)|^By /m);
    expect(article.text.split('\n\n')).toHaveLength(3);
  });

  it('takes a closing "By Outlet" line as the byline, out of the body', () => {
    const article = parseTextArticle(fixture('closing-byline.txt'));
    expect(article.title).toBe('Coastal governor rejects bridge toll: Varnia official');
    expect(article.byline).toBe('Varnia TV');
    expect(article.text).not.toContain('By Varnia TV');
    expect(article.text).not.toContain('rejects bridge toll');
    // Lines without blank lines between them are paragraphs of their own.
    expect(article.text).toContain('on Sunday.\n\nShe added');
  });

  it('takes a closing source tag and a dated dateline without agency', () => {
    const { article, dateline } = parseText(fixture('closing-tag.txt'));
    expect(article.title).toBeNull();
    expect(article.source).toBe('Harbour News');
    expect(dateline).toEqual({ place: 'WASHBURN', date: 'Oct 12', source: null });
    expect(article.text.startsWith('The mayor of the lake town')).toBe(true);
    expect(article.text).not.toContain('HARBOUR NEWS');
  });

  it('recognises the AP dateline form and a dash source tag', () => {
    const { article, dateline } = parseText('FAIRHAVEN, Maine (AP) — The harbour was closed on Friday.\nBoats stayed in port.\n— AP');
    expect(dateline).toEqual({ place: 'FAIRHAVEN, Maine', date: null, source: 'AP' });
    expect(article.source).toBe('AP');
    expect(article.text).toBe('The harbour was closed on Friday.\n\nBoats stayed in port.');
  });

  it('tells a list of reporters from an outlet after the comma', () => {
    const byline = (line: string) => {
      const a = parseTextArticle(`Headline\n\n${line}\n\nThe board met on Monday.`);
      return [a.byline, a.source];
    };
    expect(byline('By Jane Roe, John Doe and Ann Poe')).toEqual(['Jane Roe, John Doe and Ann Poe', null]);
    expect(byline('By Jane Roe, Associated Press')).toEqual(['Jane Roe', 'Associated Press']);
    expect(byline('By Jane Roe, AFP')).toEqual(['Jane Roe', 'AFP']);
    expect(byline('By Jane Roe | Staff Writer')).toEqual(['Jane Roe', null]);
  });

  it('reads shouted and parenthesised credit lines and drops a closing copyright line', () => {
    const top = parseTextArticle('Headline here\n\nBY JANE ROE AND JOHN DOE, ASSOCIATED PRESS\n\nThe council met on Monday.');
    expect(top).toMatchObject({ byline: 'Jane Roe and John Doe', source: 'Associated Press', text: 'The council met on Monday.' });
    const bottom = parseTextArticle(
      'The council met on Monday.\n\n(Reporting by Jane Roe in Kelmouth; Editing by Sam Poe)\n\nCopyright 2026 The Kelmouth Courier. All rights reserved.',
    );
    expect(bottom).toMatchObject({ byline: 'Jane Roe', text: 'The council met on Monday.' });
  });

  it('takes an inline closing tag off the last paragraph', () => {
    const article = parseTextArticle('Bridge reopens\n\nThe Tallow Bridge reopened on Friday after repairs. (Reuters)');
    expect(article.source).toBe('Reuters');
    expect(article.text).toBe('The Tallow Bridge reopened on Friday after repairs.');
  });

  it('does not take a sentence for a headline or a byline', () => {
    const a = parseTextArticle('By the end of the day, the city was calm.\n\nOfficials said nothing more.');
    expect(a.byline).toBeNull();
    expect(a.title).toBeNull();
    expect(a.text.startsWith('By the end of the day')).toBe(true);
    const b = parseTextArticle('The council met on Monday.\n\nIt adjourned at noon.');
    expect(b.title).toBeNull();
    expect(b.text).toBe('The council met on Monday.\n\nIt adjourned at noon.');
  });

  it('does not take capitalised words opening a sentence for a dateline', () => {
    const { dateline, article } = parseText('NATO officials met in Brussels on Monday - and agreed on nothing.');
    expect(dateline).toBeNull();
    expect(article.text.startsWith('NATO officials')).toBe(true);
  });

  it('joins hard-wrapped lines and keeps paragraphs apart', () => {
    const wrapped = [
      'Harbour fees rise',
      '',
      'The harbour board of Kelmouth raised its mooring fees by a fifth on',
      'Monday, saying the money would pay for dredging the inner basin and',
      'repairing the north breakwater before the winter storms arrive.',
      '',
      'Fishermen said the increase would drive small boats to other ports',
      'along the coast, where the fees have stayed the same for ten years.',
    ].join('\n');
    const article = parseTextArticle(wrapped);
    expect(article.title).toBe('Harbour fees rise');
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toContain('fifth on Monday');
  });

  it('reads a date line under the headline as the publication date', () => {
    const article = parseTextArticle('Harbour fees rise\n\nPublished: November 3, 2026\nBy Anna Lisle\n\nThe harbour board raised its fees on Monday.');
    expect(article.published).toBe('2026-11-03');
    expect(article.byline).toBe('Anna Lisle');
    expect(article.text).toBe('The harbour board raised its fees on Monday.');
    const sentence = parseTextArticle('Harbour fees rise\n\nNovember 3, 2026 was the day the harbour board raised its fees.\n\nFishermen protested.');
    expect(sentence.published).toBeNull();
    expect(sentence.text.startsWith('November 3, 2026 was the day')).toBe(true);
  });

  it('lets container hints win, and strips a first line repeating the known title', () => {
    const article = parseTextArticle('Dam inspection ordered\nInspectors will examine the dam.', { title: 'Dam Inspection Ordered', url: 'https://x.example/d' });
    expect(article.title).toBe('Dam Inspection Ordered');
    expect(article.url).toBe('https://x.example/d');
    expect(article.text).toBe('Inspectors will examine the dam.');
  });

  it('stays linear on long runs of spaces', () => {
    const started = performance.now();
    const article = parseTextArticle(`Harbour fees rise\n\n${' '.repeat(200_000)}The board raised its fees.${' '.repeat(200_000)}x\nNext line.`);
    expect(article.text).toBe('The board raised its fees. x\n\nNext line.');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('tidies shouted outlet names but keeps acronyms', () => {
    expect(tidySourceName('PRESS TV')).toBe('Press TV');
    expect(tidySourceName('REUTERS')).toBe('Reuters');
    expect(tidySourceName('IRNA')).toBe('IRNA');
    expect(tidySourceName('Agence France-Presse')).toBe('Agence France-Presse');
  });
});

const seeds = join(root, '../shared/seeds');
describe.skipIf(!existsSync(seeds))('seed articles (needs ../shared/seeds)', () => {
  const files = existsSync(seeds) ? readdirSync(seeds).filter((f) => f.endsWith('.txt')).sort() : [];

  it('finds both seeds', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it('000: headline as title, body without title or closing byline', () => {
    const file = files.find((f) => f.startsWith('000_'));
    expect(file).toBeDefined();
    const raw = readFileSync(join(seeds, file!), 'utf8');
    const article = parseTextArticle(raw);
    expect(article.title).toBe('Differentiating among terrorists ridiculous: Iran official');
    expect(article.byline).toBe('Press TV');
    expect(article.text).not.toContain('Differentiating among terrorists ridiculous');
    expect(article.text.trimEnd().endsWith('By Press TV')).toBe(false);
  });

  it.each(['000_', '003_'])('%s: closing credit out of the body, sentences never cross a paragraph', (prefix) => {
    const file = files.find((f) => f.startsWith(prefix));
    expect(file).toBeDefined();
    const article = parseTextArticle(readFileSync(join(seeds, file!), 'utf8'));
    expect(article.text).not.toMatch(/\n\s*(?:By Press TV|\(PRESS TV\))\s*$/i);
    expect(article.text.length).toBeGreaterThan(1000);
    const { analysis, doc } = analyzeArticle(article);
    expect(analysis.sentences.length).toBeGreaterThan(5);
    for (const s of analysis.sentences) {
      expect(doc.text.slice(s.start, s.end)).not.toMatch(/\n/);
      const inside = doc.paragraphs.filter((p) => p.start <= s.start && s.end <= p.end);
      expect(inside).toHaveLength(1);
    }
  });
});
