/**
 * Title choice: the visible headline when it agrees with what the page's metadata
 * calls its title, else the metadata title with its " | Site" part removed, unless
 * the page shows no such title and has a headline of its own.
 */
import { insideTag, shortText, type HElement } from './tree.js';
import { canon, cleanTitleText, collectHeadings, dropPipeSuffix, SEPARATOR, splitSiteName, squash, type Heading } from './title-text.js';

export { stripSiteName } from './title-text.js';

export interface TitleInputs {
  /** JSON-LD headline, og:title, twitter:title, other meta, <title>: best first. */
  metaTitles: (string | null)[];
  /** Names the page gives itself (publisher, og:site_name…), best first. */
  siteNames: string[];
  host: string | null;
  /** Every element of the page in document order. */
  all: HElement[];
}

export interface ChosenTitle {
  title: string | null;
  /** The element showing the title, when the page shows it: where the article's header is. */
  headline: HElement | null;
}

/** Shorter h1s than this are usually logos or section names ("Menu", "Our Blog"). */
const MIN_H1_TITLE = 15;
/** Longer h1s are a page's blurb or lead sentence rather than its title. */
const MAX_H1_TITLE = 150;

/** "Blog: Headline", "News | Headline": a section name before the headline. */
const SECTION_LABEL = /^\p{L}[\p{L}&' ]{0,20}(?::|\s+\|)\s+/u;

/** A date written before or after a headline ("Dec 18 2025 Preparing a …", "… January 1, 2025"). */
const EDGE_DATE = /^(?:\w{3,9}\.? \d{1,2},? \d{4}|\d{1,2} \w{3,9},? \d{4})\s+|\s+(?:\w{3,9}\.? \d{1,2},? \d{4}|\d{1,2} \w{3,9},? \d{4})$/;

export function chooseTitle(inputs: TitleInputs): ChosenTitle {
  // Meta titles are often entity-encoded twice ("&amp;amp;") or double UTF-8 encoded, so repair what the parser left.
  const metas = inputs.metaTitles.filter((t): t is string => !!t && t.trim().length > 0).map(cleanTitleText);
  const split = metas.map((t) => splitSiteName(t, inputs.siteNames, inputs.host));
  const stripped = split.map((s) => s.title);
  const metaKeys = new Set([...metas, ...stripped].map(squash));
  metaKeys.delete('');
  // What the page calls itself: a headline equal to it is a logo, not the article's title.
  const siteKeys = new Set([...inputs.siteNames, ...split.flatMap((s) => s.removed), inputs.host ?? ''].map(squash));
  siteKeys.delete('');

  const headings = collectHeadings(inputs.all).filter((h) => !siteKeys.has(squash(h.text)));
  const h1s = headings.filter((h) => h.level === 1);
  // The article's header is around its h1 even when the title is taken from a lower heading.
  const header = h1s.find((h) => h.text.length >= MIN_H1_TITLE);
  const chosen = (h: Heading, title = dropPipeSuffix(h.text)): ChosenTitle => ({ title, headline: h.level === 1 ? h.el : (header?.el ?? h.el) });

  // An h1 that is a metadata title, perhaps with the site's name, a date or a section label attached.
  for (const h of h1s) {
    for (const variant of [siteless(h.text, inputs), h.text, h.text.replace(EDGE_DATE, ''), h.text.replace(SECTION_LABEL, '')]) {
      if (metaKeys.has(squash(variant))) return chosen(h, dropPipeSuffix(variant));
    }
    const repaired = undamaged(h.text, [...stripped, ...metas]);
    if (repaired) return chosen(h, repaired);
  }
  // An h1 that a metadata title starts with, the rest being " | Site" or a subtitle.
  for (const h of h1s) {
    const q = squash(h.text);
    if (q.length < 10) continue;
    for (const m of metas) {
      if (!squash(m).startsWith(q) || isSiteLabel(h.text, m)) continue;
      // The meta's own first segment keeps the publisher's punctuation ("How Much is Pet Insurance | …").
      const segment = m.split(SEPARATOR)[0];
      return chosen(h, squash(segment) === q ? segment : undefined);
    }
  }
  // The metadata title shown as a lower heading: the h1 is then a site, section or kicker.
  const shown = headings.find((h) => h.level > 1 && metaKeys.has(squash(h.text)));
  if (shown) return chosen(shown);
  // Metadata titles are written for search results and shares; the visible headline is the title.
  const visible = h1s.find((h) => h.text.length >= MIN_H1_TITLE && h.text.length <= MAX_H1_TITLE && h.text.includes(' '));
  if (visible) return chosen(visible);
  if (stripped.length > 0) return { title: stripped[0], headline: showing(inputs.all, stripped[0]) ?? h1s[0]?.el ?? null };
  return h1s[0] ? chosen(h1s[0]) : { title: null, headline: null };
}

function siteless(text: string, inputs: TitleInputs): string {
  return splitSiteName(text, inputs.siteNames, inputs.host).title;
}

/** "Engora Data Blog: Small adventures…": the h1 is the prefix label of a longer title, not its headline. */
function isSiteLabel(h1: string, meta: string): boolean {
  const at = meta.toLowerCase().indexOf(h1.toLowerCase());
  if (at < 0) return false;
  const rest = meta.slice(at + h1.length);
  return /^\s*:/.test(rest) && rest.length > h1.length;
}

/** Not page text, or too often a list of other articles' titles. */
const NOT_HEADLINE = new Set(['#root', 'html', 'head', 'title', 'meta', 'link', 'body', 'a', 'li', 'option']);

/** The first element outside navigation whose text is the title (a <legend>, a styled <div>…). */
function showing(all: HElement[], title: string): HElement | null {
  const want = squash(title);
  if (!want) return null;
  for (const el of all) {
    if (NOT_HEADLINE.has(el.tag) || insideTag(el, 'nav')) continue;
    const text = shortText(el, 300);
    if (text && squash(text) === want) return el;
  }
  return null;
}

/** A '?' or U+FFFD inside a text, not at its end: where a page that lost its encoding put a character it could not show. */
const LOST_CHARACTER = /[?\uFFFD](?=.)/;

/**
 * The metadata title that a headline damaged by encoding loss stands for ("Beginner? Guide" showing
 * "Beginner's Guide"): each '?' or U+FFFD of the headline may stand for up to three characters.
 */
function undamaged(headline: string, metas: string[]): string | null {
  if (!LOST_CHARACTER.test(headline.trim())) return null;
  const escaped = canon(headline)
    .split(/[?\uFFFD]/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`^${escaped.join('\\S{0,3}')}$`, 'u');
  return metas.find((m) => canon(m) !== canon(headline) && pattern.test(canon(m))) ?? null;
}
