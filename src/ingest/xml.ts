/**
 * A small well-formedness-checking XML tree builder over htmlparser2's
 * tokenizer. htmlparser2 is forgiving by design; feeds need the opposite
 * answer for truncated or mangled files, so every close the parser had to
 * imply (an element left open, or a mismatched end tag) is reported.
 */
import { Parser } from 'htmlparser2';
import { InputError } from './article.js';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const lineAt = (source: string, index: number): number => {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) line++;
  return line;
};

/** Parse XML into a tree; throws InputError with a one-line reason when it is not well formed. */
export function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let problem: string | null = null;
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        const el: XmlElement = { name, attrs, children: [] };
        stack[stack.length - 1]!.children.push(el);
        stack.push(el);
      },
      onclosetag(name, implied) {
        if (implied && problem === null) {
          const token = source.slice(parser.startIndex, parser.endIndex + 1);
          // Self-closing tags (<link href="…"/>) are reported as implied closes too.
          if (!token.endsWith('/>')) {
            const atEnd = parser.startIndex >= source.length - 1 || token.length <= 1;
            problem = atEnd
              ? `broken XML: <${name}> is never closed (truncated file?)`
              : `broken XML: <${name}> not closed before ${token.slice(0, 40)} at line ${lineAt(source, parser.startIndex)}`;
          }
        }
        if (stack.length > 1) stack.pop();
      },
      ontext(text) {
        const parent = stack[stack.length - 1]!;
        const last = parent.children[parent.children.length - 1];
        if (typeof last === 'string') parent.children[parent.children.length - 1] = last + text;
        else parent.children.push(text);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(source);
  parser.end();
  if (problem) throw new InputError(problem);
  return root;
}

export function elementChildren(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}

/** First child element whose (case-insensitive) qualified name is one of `names`. */
export function child(el: XmlElement, ...names: string[]): XmlElement | null {
  for (const c of el.children) if (typeof c !== 'string' && names.includes(c.name.toLowerCase())) return c;
  return null;
}

export function childrenNamed(el: XmlElement, ...names: string[]): XmlElement[] {
  return elementChildren(el).filter((c) => names.includes(c.name.toLowerCase()));
}

/** Text content of an element, as written (for xhtml content: the markup re-serialised). */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Inner markup of an element (Atom type="xhtml" content). */
export function innerXml(el: XmlElement): string {
  return el.children
    .map((c) => {
      if (typeof c === 'string') return escapeText(c);
      const name = c.name.replace(/^[\w-]+:/, '');
      const attrs = Object.entries(c.attrs)
        .map(([k, v]) => ` ${k}="${escapeText(v).replace(/"/g, '&quot;')}"`)
        .join('');
      return `<${name}${attrs}>${innerXml(c)}</${name}>`;
    })
    .join('');
}

/** Depth-first search for elements by name, not descending into matches. */
export function findAll(el: XmlElement, ...names: string[]): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const c of elementChildren(node)) {
      if (names.includes(c.name.toLowerCase())) out.push(c);
      else walk(c);
    }
  };
  walk(el);
  return out;
}
