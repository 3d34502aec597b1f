/**
 * A lightweight element tree built from htmlparser2's streaming callbacks: just
 * tags, attributes, children and text, with no DOM API. Extraction only walks
 * it, so this costs a fraction of a full DOM (linkedom) and is what makes the
 * fast path fast.
 */
import { Parser } from 'htmlparser2';

export interface HElement {
  tag: string;
  attrs: Record<string, string>;
  children: HNode[];
  parent: HElement | null;
}

export type HNode = HElement | string;

export interface ParsedPage {
  root: HElement;
  /** Raw text of each <script type="application/ld+json">. */
  jsonLd: string[];
  /** The <title> text. */
  title: string;
  /** Every element in document order, as parsed (before any pruning). */
  all: HElement[];
}

/** Elements whose content is never page text. */
const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'textarea', 'select', 'option']);

export function parseTree(html: string): ParsedPage {
  const root: HElement = { tag: '#root', attrs: {}, children: [], parent: null };
  const jsonLd: string[] = [];
  const all: HElement[] = [];
  let title = '';
  let current = root;
  // Inside a skipped element we still track nesting so the close tag pops the right node.
  let skipDepth = 0;
  let scriptBuffer: string[] | null = null;
  let inTitle = false;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (skipDepth > 0) {
          skipDepth++;
          return;
        }
        if (SKIP_CONTENT.has(name)) {
          skipDepth = 1;
          if (name === 'script' && /ld\+json/i.test(attrs.type ?? '')) scriptBuffer = [];
          return;
        }
        if (name === 'title' && !title) inTitle = true;
        const el: HElement = { tag: name, attrs, children: [], parent: current };
        current.children.push(el);
        all.push(el);
        current = el;
      },
      ontext(text) {
        if (skipDepth > 0) {
          if (scriptBuffer) scriptBuffer.push(text);
          return;
        }
        if (inTitle) title += text;
        const last = current.children[current.children.length - 1];
        if (typeof last === 'string') current.children[current.children.length - 1] = last + text;
        else current.children.push(text);
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          if (skipDepth === 0 && scriptBuffer) {
            jsonLd.push(scriptBuffer.join(''));
            scriptBuffer = null;
          }
          return;
        }
        if (name === 'title') inTitle = false;
        if (current.parent) current = current.parent;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { root, jsonLd, title, all };
}

export function isElement(node: HNode): node is HElement {
  return typeof node !== 'string';
}

/** All text under a node, whitespace kept as is. */
export function textOf(node: HNode): string {
  if (typeof node === 'string') return node;
  const out: string[] = [];
  const walk = (n: HElement): void => {
    for (const c of n.children) {
      if (typeof c === 'string') out.push(c);
      else walk(c);
    }
  };
  walk(node);
  return out.join('');
}

/** Elements that start a new line when rendered; in a heading they separate words ("WEEKEND<br>CODING"). */
const LINE_BREAKING = new Set(['br', 'p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'dd', 'dt']);

/** An inline element its class or style shows as a block (Tailwind's "block", Bootstrap's "d-block", display:block). */
function styledAsBlock(el: HElement): boolean {
  return /(?:^|\s)(?:block|d-block)(?:\s|$)/.test(el.attrs.class ?? '') || /display\s*:\s*block/i.test(el.attrs.style ?? '');
}

/** A heading's text as read: line breaks and block children become spaces, inline tags join. */
export function headingText(node: HElement): string {
  const out: string[] = [];
  const walk = (n: HElement): void => {
    for (const c of n.children) {
      if (typeof c === 'string') out.push(c);
      else if (LINE_BREAKING.has(c.tag) || styledAsBlock(c)) {
        out.push(' ');
        walk(c);
        out.push(' ');
      } else walk(c);
    }
  };
  walk(node);
  return out.join('');
}

/** Descendant elements, depth-first in document order. */
export function elements(node: HElement): HElement[] {
  const out: HElement[] = [];
  const walk = (n: HElement): void => {
    for (const c of n.children) {
      if (typeof c !== 'string') {
        out.push(c);
        walk(c);
      }
    }
  };
  walk(node);
  return out;
}

/** Whether el sits inside an element with the given tag. */
export function insideTag(el: HElement, tag: string): boolean {
  for (let a = el.parent; a; a = a.parent) if (a.tag === tag) return true;
  return false;
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The references double-encoded titles and attributes carry: markup, quotes, dashes and the separators sites put before their name. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '\u2013', mdash: '\u2014', rsquo: '\u2019', lsquo: '\u2018', rdquo: '\u201d', ldquo: '\u201c',
  sbquo: '\u201a', bdquo: '\u201e', laquo: '\u00ab', raquo: '\u00bb', hellip: '\u2026', bull: '\u2022', middot: '\u00b7', copy: '\u00a9', reg: '\u00ae', trade: '\u2122', times: '\u00d7', deg: '\u00b0',
};

/** Decodes character references left in already-parsed text (double-encoded attributes). */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = dec ? Number(dec) : hex ? parseInt(hex, 16) : -1;
    if (code >= 0) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    return NAMED_ENTITIES[name!.toLowerCase()] ?? m;
  });
}

/** UTF-8 bytes read as Latin-1 and encoded again ("Investorâ\u0080\u0099s"), as some pages serve their titles. */
const MOJIBAKE = /[\u00c2-\u00f4][\u0080-\u00bf]+/g;

/** Undoes double UTF-8 encoding where it reads back as valid UTF-8; leaves real Latin-1 text ("Café") alone. */
export function repairMojibake(s: string): string {
  if (s.search(MOJIBAKE) < 0) return s;
  return s.replace(MOJIBAKE, (m) => {
    const bytes = Uint8Array.from(m, (ch) => ch.charCodeAt(0));
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return m;
    }
  });
}

/**
 * Visible text with spaces at element boundaries ("By<a>Jane</a>" reads "By Jane"),
 * whitespace collapsed; null as soon as the raw text passes `max` characters, so
 * probing big containers for a short byline or date costs little.
 */
export function shortText(el: HElement, max: number): string | null {
  const out: string[] = [];
  let raw = 0;
  const walk = (n: HElement): boolean => {
    for (const c of n.children) {
      if (typeof c === 'string') {
        raw += c.length;
        if (raw > max) return false;
        out.push(c);
      } else {
        out.push(' ');
        if (!walk(c)) return false;
        out.push(' ');
      }
    }
    return true;
  };
  return walk(el) ? collapse(out.join('')) : null;
}
