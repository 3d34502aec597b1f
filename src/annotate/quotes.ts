/**
 * Direct quotations: double-quote marks (straight and curly) paired into
 * spans. Single quotes are left inside (they nest in doubles and are mostly
 * apostrophes elsewhere).
 *
 * News conventions handled: a quote running over several paragraphs reopens
 * each paragraph without closing the previous one (each paragraph becomes a
 * segment, the later ones `continuesPrevious`); an opener left unclosed at the
 * end of its paragraph ends there (`closed: false`); a second opener while a
 * quote is open closes the first one just before it.
 */
import type { Doc, Span } from '../doc/doc.js';

export interface Quote {
  /** From the opening mark to the closing mark, both included. */
  span: Span;
  /** The quoted text, marks excluded. */
  inner: Span;
  closed: boolean;
  /** This segment continues a quotation from the previous paragraph. */
  continuesPrevious: boolean;
  /** Starts in lower case: a fragment woven into the reporter's sentence. */
  partial: boolean;
}

const OPEN = '“„«';
const CLOSE = '”»';

type MarkKind = 'open' | 'close';

/** Whether a straight mark at [i, i + width) opens or closes, from the characters around it. */
function straightKind(text: string, i: number, width: number, isOpen: boolean): MarkKind {
  const before = i > 0 ? text[i - 1]! : ' ';
  const after = i + width < text.length ? text[i + width]! : ' ';
  const spaceBefore = /[\s([{\u2014-]/.test(before);
  const spaceAfter = /[\s.,;:!?)\]}\u2014-]/.test(after);
  if (spaceBefore && !spaceAfter) return 'open';
  if (!spaceBefore && spaceAfter) return 'close';
  return isOpen ? 'close' : 'open';
}

/** Quotes of a text, paragraph by paragraph, in order. */
export function findQuotes(doc: Pick<Doc, 'text' | 'paragraphs'>): Quote[] {
  const { text } = doc;
  const quotes: Quote[] = [];
  const paragraphs = doc.paragraphs.length ? doc.paragraphs : [{ start: 0, end: text.length }];
  let carried = false;
  for (const para of paragraphs) {
    let openAt = -1;
    let continues = false;
    const push = (start: number, end: number, closed: boolean): void => {
      const openWidth = text.startsWith("''", start) || text.startsWith('``', start) ? 2 : 1;
      const closeWidth = closed && text.startsWith("''", end - 2) ? 2 : 1;
      const innerStart = start + openWidth;
      const innerEnd = closed ? end - closeWidth : end;
      const innerText = text.slice(innerStart, innerEnd);
      const first = /\p{L}/u.exec(innerText);
      quotes.push({
        span: { start, end },
        inner: { start: innerStart, end: Math.max(innerStart, innerEnd) },
        closed,
        continuesPrevious: continues,
        partial: !continues && first !== null && first[0] === first[0].toLowerCase(),
      });
      continues = false;
    };
    for (let i = para.start; i < para.end; i++) {
      const ch = text[i]!;
      let kind: MarkKind | null = null;
      // Some outlets (and typewriter-era copy) write a double quote as two apostrophes or backticks.
      const doubled = (ch === "'" && text[i + 1] === "'") || (ch === '`' && text[i + 1] === '`');
      if (OPEN.includes(ch)) kind = 'open';
      else if (CLOSE.includes(ch)) kind = 'close';
      else if (ch === '"') kind = straightKind(text, i, 1, openAt >= 0);
      else if (doubled) kind = ch === '`' ? 'open' : straightKind(text, i, 2, openAt >= 0);
      if (kind === null) continue;
      const width = doubled ? 2 : 1;
      if (kind === 'open') {
        if (openAt >= 0) {
          let end = i;
          while (end > openAt + 1 && /\s/.test(text[end - 1]!)) end--;
          push(openAt, end, false);
        }
        // The first opener of a paragraph continues a quote the previous paragraph left open.
        continues = carried && quotes.length > 0 && text.slice(para.start, i).trim() === '';
        carried = false;
        openAt = i;
      } else if (openAt >= 0) {
        push(openAt, i + width, true);
        openAt = -1;
      }
      i += width - 1;
      // A closer with no opener is a stray mark: nothing to pair it with.
    }
    carried = false;
    if (openAt >= 0) {
      let end = para.end;
      while (end > openAt + 1 && /\s/.test(text[end - 1]!)) end--;
      push(openAt, end, false);
      carried = true;
    }
  }
  return quotes;
}
