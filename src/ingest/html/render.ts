/**
 * Selected containers → body text: one paragraph per block element (headings
 * and list items included), blank lines between paragraphs, <br> as a line
 * break; link-heavy blocks inside the article (related links, tag lists,
 * share bars that escaped pruning) are dropped.
 */
import { BLOCK_TAGS, linkDensity, classWeight, type StatsMap } from './body.js';
import { type HElement } from './tree.js';

export interface RenderOptions {
  stats: StatsMap;
  /** Elements to leave out (the title heading, the byline). */
  skip: Set<HElement>;
}

/** Whether a block inside the chosen content is a link farm rather than text. */
function isLinkFarm(el: HElement, stats: StatsMap): boolean {
  const st = stats.get(el);
  if (!st || st.text === 0) return false;
  const ld = linkDensity(stats, el);
  const weight = classWeight(el);
  if (el.tag === 'ul' || el.tag === 'ol') return ld > 0.7 && st.commas < 3;
  if (el.tag === 'div' || el.tag === 'section' || el.tag === 'table' || el.tag === 'p' || el.tag === 'aside') {
    if (weight < 0 && st.text < 500 && st.commas < 10 && ld > 0.3) return true;
    return ld > 0.6 && st.commas < 5 && st.text < 1000;
  }
  return false;
}

/** Byline, dateline and post-meta blocks inside the article: not body text. */
const META_CLASS = /\b(?:by-?line|author|date|time|timestamp|posted-?on|post-?meta|entry-?meta|article-?meta|meta-?info|published|updated|read-?time|reading-?time|breadcrumbs?|tags?|categories|share|social|caption-credit|credit)\b/i;

function isMetaBlock(el: HElement, stats: StatsMap): boolean {
  const ci = `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`;
  if (el.tag === 'time' || el.attrs.itemprop === 'author' || el.attrs.rel === 'author' || el.attrs.itemprop === 'datePublished') return true;
  if (!META_CLASS.test(ci.replace(/[_-]+/g, '-'))) return false;
  return (stats.get(el)?.text ?? 0) < 200;
}

/** Whole paragraphs that are page furniture whatever their markup. */
const FURNITURE = new RegExp(
  [
    '^skip to (?:main )?(?:content|navigation|main)',
    '^(?:related|recommended|similar|popular|trending|latest|more)(?: \\w+)?(?: posts?| articles?| stories| reading| reads| news| content)?:?$',
    '^(?:tags?|categories|topics|share(?: this)?(?: article| post| story)?|print|email|comments?|\\d+ comments?|leave a (?:reply|comment)|subscribe|sign up|log ?in|sign in|advertisement|ad|sponsored|back to top|reader interactions|table of contents|contents|in this article)[:.!]?$',
    '^(?:you (?:may|might) also (?:like|enjoy)|read (?:more|next|also)|see also|further reading|about the author)\\b.{0,40}$',
    '^(?:by|written by|posted by|published by)\\b.{0,60}$',
    '^(?:published|updated|posted|last updated|last modified|modified)(?: on)?:?\\s.{0,40}$',
  ].join('|'),
  'i',
);
const DATE_ONLY = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})(?:\s*(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s*[|•·-]\s*\d+\s*min(?:ute)?s?\s*read)?$/i;

export function isFurniture(paragraph: string): boolean {
  const p = paragraph.trim();
  return p.length < 120 && (FURNITURE.test(p) || DATE_ONLY.test(p) || /^\d+\s*min(?:ute)?s?\s*read$/i.test(p));
}

export function renderText(nodes: HElement[], options: RenderOptions): string {
  const paragraphs: string[] = [];
  let line: string[] = [];
  // Responsive layouts repeat whole blocks per breakpoint; say each once.
  const emitted = new Set<string>();
  const flush = (): void => {
    const joined = line.join('');
    const text = joined.includes('\n')
      ? joined
          .split('\n')
          .map((l) => l.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
          .filter((l) => l.length > 0)
          .join('\n')
      : joined.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim();
    if (text && !isFurniture(text) && !(text.length > 20 && emitted.has(text))) {
      paragraphs.push(text);
      emitted.add(text);
    }
    line = [];
  };
  const walk = (el: HElement, inPre = false): void => {
    if (options.skip.has(el)) return;
    // Captions and photo credits are not part of the story's text.
    if (el.tag === 'figcaption') return;
    if (isLinkFarm(el, options.stats) || isMetaBlock(el, options.stats)) return;
    const block = BLOCK_TAGS.has(el.tag);
    if (block) flush();
    if (el.tag === 'br') {
      line.push('\n');
      return;
    }
    // Source line breaks are spaces in HTML; only <br> and <pre> break lines.
    const pre = inPre || el.tag === 'pre';
    for (const c of el.children) {
      if (typeof c === 'string') line.push(pre ? c : c.replace(/[\r\n]+/g, ' '));
      else walk(c, pre);
    }
    if (el.tag === 'td' || el.tag === 'th') line.push(' ');
    if (block) flush();
  };
  for (const n of nodes) {
    flush();
    walk(n);
  }
  flush();
  return paragraphs.join('\n\n');
}
