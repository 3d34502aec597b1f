/**
 * Main-content selection on the lightweight tree: prune what is never body
 * (navigation, hidden and boilerplate-classed blocks), score paragraph-like
 * blocks by text length and commas, propagate scores to ancestors, pick the
 * best container (discounting link-heavy ones), add its strong siblings, and
 * return it for rendering.
 */
import { textOf, type HElement } from './tree.js';

export interface NodeStats {
  /** Visible characters (whitespace collapsed). */
  text: number;
  /** Of which inside <a>. */
  link: number;
  commas: number;
  paragraphs: number;
}

export type StatsMap = Map<HElement, NodeStats>;

const NEVER_BODY = new Set(['nav', 'footer', 'aside', 'form', 'button', 'input', 'head', 'dialog', 'menu', 'label', 'fieldset']);

const UNLIKELY =
  /-ad-|\bads?\b|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|cookie|consent|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|sharing|newsletter|subscribe|signup|sign-up|promo|recommend|read-?more|more-?stories|trending|popular|toolbar|navbar|\bnav\b|masthead|outbrain|taboola|author-?bio|about-?the-?author|tags\b|tag-?list|print|modal|overlay|breaking|alert-bar|skip-link|visually-hidden|sr-only|screen-reader/i;
const COMMENTS = /^(?:comments?(?:[-_](?:area|list|section|wrapper|container|block|form|respond|thread|wrap))?|commentlist|respond|disqus_thread|disqus|reader-interactions|wpdiscuz.*|fb-comments|discussion)$/i;
const MAYBE = /\band\b|article|body|column|content|main|shadow|post|entry|story|text|blog/i;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose|rich-?text/i;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|newsletter|subscribe|cookie|social|recirc/i;
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog', 'banner', 'contentinfo', 'search']);

const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'blockquote']);
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul', 'summary', 'caption', 'center', 'body', 'html',
]);

function classId(el: HElement): string {
  return `${el.attrs.class ?? ''} ${el.attrs.id ?? ''}`;
}

export function isHidden(el: HElement): boolean {
  if ('hidden' in el.attrs || el.attrs['aria-hidden'] === 'true') return true;
  const style = el.attrs.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/**
 * Whether an element is page furniture rather than article, judged from its tag,
 * role and class/id. Class names lie (a "share-container" or "newsletter" section
 * wrapping the whole story), so with stats a text-rich, link-poor block is kept.
 */
export function isBoilerplate(el: HElement, stats?: StatsMap): boolean {
  if (NEVER_BODY.has(el.tag)) return true;
  const role = el.attrs.role;
  if (role && UNLIKELY_ROLES.has(role)) return true;
  // Hidden is soft too: streamed server rendering (React's <div hidden id="S:0">) parks the story there.
  if (isHidden(el)) return !(stats && isTextRich(el, stats));
  if (el.tag === 'body' || el.tag === 'article' || el.tag === 'main' || el.tag === 'html') return false;
  const ci = classId(el);
  // Reader comments are prose-rich and link-poor, so only their container's name gives them away.
  if (ci.split(/\s+/).some((token) => COMMENTS.test(token))) return true;
  const soft = (el.tag === 'header' && !/article|entry|post/i.test(ci)) || (ci.length > 1 && UNLIKELY.test(ci) && !MAYBE.test(ci));
  if (!soft) return false;
  return !(stats && isTextRich(el, stats));
}

function isTextRich(el: HElement, stats: StatsMap): boolean {
  const st = stats.get(el);
  if (!st) return false;
  return (st.paragraphs >= 5 || st.text >= 2000) && st.link / Math.max(1, st.text) < 0.3 && st.commas >= 5;
}

/** Removes boilerplate subtrees in place; `stats` are those of the unpruned tree. */
export function prune(node: HElement, stats?: StatsMap): void {
  node.children = node.children.filter((c) => typeof c === 'string' || !isBoilerplate(c, stats));
  for (const c of node.children) if (typeof c !== 'string') prune(c, stats);
}

export function computeStats(root: HElement): StatsMap {
  const stats: StatsMap = new Map();
  const visit = (el: HElement, inLink: boolean): NodeStats => {
    const s: NodeStats = { text: 0, link: 0, commas: 0, paragraphs: el.tag === 'p' ? 1 : 0 };
    const linky = inLink || el.tag === 'a';
    for (const c of el.children) {
      if (typeof c === 'string') {
        // Length with whitespace runs collapsed and trimmed, and commas, in one pass without allocating.
        let n = 0;
        let pendingSpace = false;
        for (let i = 0; i < c.length; i++) {
          const code = c.charCodeAt(i);
          if (code === 32 || (code >= 9 && code <= 13) || code === 160) {
            pendingSpace = n > 0;
          } else {
            if (pendingSpace) n++;
            pendingSpace = false;
            n++;
            if (code === 44) s.commas++;
          }
        }
        s.text += n;
        if (linky) s.link += n;
      } else {
        const cs = visit(c, linky);
        s.text += cs.text;
        s.link += cs.link;
        s.commas += cs.commas;
        s.paragraphs += cs.paragraphs;
      }
    }
    stats.set(el, s);
    return s;
  };
  visit(root, false);
  return stats;
}

export function linkDensity(stats: StatsMap, el: HElement): number {
  const s = stats.get(el);
  return s && s.text > 0 ? s.link / s.text : 0;
}

export function classWeight(el: HElement): number {
  let w = 0;
  for (const v of [el.attrs.class, el.attrs.id]) {
    if (!v) continue;
    if (NEGATIVE.test(v)) w -= 25;
    if (POSITIVE.test(v)) w += 25;
  }
  return w;
}

function tagWeight(tag: string): number {
  switch (tag) {
    case 'div':
    case 'article':
    case 'main':
    case 'section':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

/** Share of the page's prose the chosen container must hold. */
const CLIMB_SHARE = 0.4;

function hasBlockChild(el: HElement): boolean {
  return el.children.some((c) => typeof c !== 'string' && BLOCK_TAGS.has(c.tag));
}

export interface Selection {
  /** The containers whose content is the body, in document order. */
  nodes: HElement[];
  top: HElement;
  topScore: number;
}

/** Picks the main-content container(s); null when the page has no paragraph text at all. */
export function selectContent(root: HElement, stats: StatsMap): Selection | null {
  const scores = new Map<HElement, number>();
  const scoreOf = (el: HElement): number => {
    let s = scores.get(el);
    if (s === undefined) {
      s = tagWeight(el.tag) + classWeight(el);
      scores.set(el, s);
    }
    return s;
  };
  // Good paragraph text under each element, undecayed: how much of the page's prose it holds.
  const mass = new Map<HElement, number>();
  const seen = new Set<string>();
  const walk = (el: HElement): void => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      const isPara = PARAGRAPH_TAGS.has(c.tag) || ((c.tag === 'div' || c.tag === 'section' || c.tag === 'li') && !hasBlockChild(c));
      if (isPara) {
        const st = stats.get(c);
        if (st && st.text >= 25) {
          // Responsive builders (Framer) render the story once per breakpoint; count prose once.
          const key = st.text > 60 ? textOf(c).replace(/\s+/g, ' ') : '';
          const repeated = key !== '' && seen.has(key);
          if (key) seen.add(key);
          if (st.link < st.text * 0.5 && !repeated) {
            for (let a: HElement | null = c; a; a = a.parent) mass.set(a, (mass.get(a) ?? 0) + st.text - st.link);
          }
          const contentScore = 1 + st.commas + Math.min(Math.floor(st.text / 100), 3);
          let ancestor: HElement | null = c.parent;
          for (let level = 0; ancestor && ancestor.tag !== '#root' && level < 5; level++) {
            const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
            scores.set(ancestor, scoreOf(ancestor) + contentScore / divider);
            ancestor = ancestor.parent;
          }
        }
        if (c.tag !== 'div' && c.tag !== 'section' && c.tag !== 'li') continue;
      }
      walk(c);
    }
  };
  walk(root);
  let top: HElement | null = null;
  let best = -Infinity;
  for (const [el, s] of scores) {
    const adjusted = s * (1 - linkDensity(stats, el));
    scores.set(el, adjusted);
    if (adjusted > best) {
      best = adjusted;
      top = el;
    }
  }
  if (!top) return null;
  // Builders (Elementor, Webflow…) split one story into many sibling widgets, and the best
  // single widget then holds a fraction of it: climb until the container holds most of the prose.
  const total = mass.get(root) ?? 0;
  const chosenText = stats.get(top)!.text;
  while (top.parent && top.parent.tag !== '#root' && top.parent.tag !== 'html' && top.tag !== 'body') {
    const ps = stats.get(top.parent)!;
    if (chosenText >= ps.text * 0.9 || (mass.get(top) ?? 0) < total * CLIMB_SHARE) top = top.parent;
    else break;
  }
  const nodes = siblingsToMerge(top, best, scores, stats);
  return { nodes, top, topScore: best };
}

function siblingsToMerge(top: HElement, topScore: number, scores: Map<HElement, number>, stats: StatsMap): HElement[] {
  const parent = top.parent;
  if (!parent) return [top];
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attrs.class ?? '';
  const out: HElement[] = [];
  for (const c of parent.children) {
    if (typeof c === 'string') continue;
    if (c === top) {
      out.push(c);
      continue;
    }
    let bonus = 0;
    if (topClass && c.attrs.class === topClass) bonus += topScore * 0.2;
    const s = scores.get(c);
    if (s !== undefined && s + bonus >= threshold) {
      out.push(c);
      continue;
    }
    if (c.tag === 'p') {
      const st = stats.get(c)!;
      const ld = linkDensity(stats, c);
      if ((st.text > 80 && ld < 0.25) || (st.text > 0 && st.text <= 80 && ld === 0 && st.commas + 1 > 1)) out.push(c);
    }
  }
  return out;
}
