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
    if (weight < 0 && st.text < 500 && st.commas < 10) return true;
    return ld > 0.6 && st.commas < 5 && st.text < 1000;
  }
  return false;
}

export function renderText(nodes: HElement[], options: RenderOptions): string {
  const paragraphs: string[] = [];
  let line: string[] = [];
  const flush = (): void => {
    const text = line
      .join('')
      .split('\n')
      .map((l) => l.replace(/[ \t\r\f\v\u00a0]+/g, ' ').trim())
      .filter((l) => l.length > 0)
      .join('\n');
    if (text) paragraphs.push(text);
    line = [];
  };
  const walk = (el: HElement): void => {
    if (options.skip.has(el)) return;
    if (isLinkFarm(el, options.stats)) return;
    const block = BLOCK_TAGS.has(el.tag);
    if (block) flush();
    if (el.tag === 'br') {
      line.push('\n');
      return;
    }
    for (const c of el.children) {
      if (typeof c === 'string') line.push(c);
      else walk(c);
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
