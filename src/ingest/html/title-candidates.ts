/**
 * Every title a page offers, for the title ranker: each metadata title as written,
 * without its site-name part and its first segment alone; each visible heading
 * (h1–h3 outside navigation and furniture) with the same variants. Candidates with
 * the same text (case, quotes and dashes folded) are merged, remembering every
 * source that gave them.
 *
 * The features say what a reader of the page would weigh: who offers the text
 * (JSON-LD, og:title, <title>, the h1…), how many sources agree on its words,
 * whether it is shown on the page and how early, whether it carries a site name
 * or a second segment, its case and length, and whether the rules chose it.
 *
 * Used only by the experiment in train/title-ranker.ts: the learned ranker scored below the rules
 * under cross-validation (docs/EVAL-extraction.md), so the extractor does not read this module.
 */
import type { HElement } from './tree.js';
import type { TitleInputs } from './title.js';
import { canon, cleanTitleText, collectHeadings, dropPipeSuffix, SEPARATOR, segmentsAsWritten, splitSiteName, squash } from './title-text.js';

/** The metadata title sources, in the order the title inputs list them. */
export const META_SOURCES = ['ld', 'og', 'tw', 'meta', 'title'] as const;

export interface TitleCandidate {
  /** The text as the first source that gave it wrote it. */
  text: string;
  /** The text as the scorer compares it. */
  key: string;
  /** Letters and digits only. */
  words: string;
  /** Every source and variant that gave this text ("og", "title-siteless", "h1-first"…). */
  from: Set<string>;
  /** The first heading showing the text (as a whole or with a variant's trimming). */
  element: HElement | null;
  /** Heading level of that element (0 when not shown). */
  level: number;
  /** Its index among the page's headings (-1 when not shown). */
  shownAt: number;
}


/** How many headings are read: the article's own comes early; later ones are related stories. */
const MAX_HEADINGS = 12;

export function collectCandidates(inputs: TitleInputs): TitleCandidate[] {
  const byKey = new Map<string, TitleCandidate>();
  const add = (text: string, tag: string, element: HElement | null, level: number, shownAt: number): void => {
    const key = canon(text);
    if (key.length < 3) return;
    let c = byKey.get(key);
    if (!c) {
      c = { text, key, words: squash(text), from: new Set(), element: null, level: 0, shownAt: -1 };
      byKey.set(key, c);
    }
    c.from.add(tag);
    if (element && !c.element) {
      c.element = element;
      c.level = level;
      c.shownAt = shownAt;
    }
  };
  const variants = (text: string, source: string, element: HElement | null, level: number, shownAt: number): void => {
    add(text, source, element, level, shownAt);
    const siteless = splitSiteName(text, inputs.siteNames, inputs.host).title;
    if (siteless !== text) add(siteless, `${source}-siteless`, element, level, shownAt);
    const parts = text.split(SEPARATOR);
    if (parts.length > 1) add(segmentsAsWritten(text, [parts[0]]), `${source}-first`, element, level, shownAt);
    const unpiped = dropPipeSuffix(text);
    if (unpiped !== text) add(unpiped, `${source}-unpiped`, element, level, shownAt);
  };
  inputs.metaTitles.forEach((t, i) => {
    if (t && t.trim()) variants(cleanTitleText(t), META_SOURCES[i] ?? 'meta', null, 0, -1);
  });
  const headings = collectHeadings(inputs.all).slice(0, MAX_HEADINGS);
  headings.forEach((h, i) => variants(h.text, `h${h.level}`, h.el, h.level, i));
  // A metadata text shown on the page with other punctuation: find its heading (metadata came first, without one).
  for (const c of byKey.values()) {
    if (c.element) continue;
    const i = headings.findIndex((h) => squash(h.text) === c.words);
    if (i >= 0) {
      c.element = headings[i].el;
      c.level = headings[i].level;
      c.shownAt = i;
    }
  }
  return [...byKey.values()];
}

function bucket(n: number, edges: number[]): string {
  for (const e of edges) if (n <= e) return `<=${e}`;
  return `>${edges[edges.length - 1]}`;
}

export interface RankingExample {
  candidates: TitleCandidate[];
  /** Feature names of each candidate. */
  features: string[][];
}

/** The page's title candidates with their features; the rules' choice is always among them. */
export function rankingExample(inputs: TitleInputs, rulesTitle: string | null): RankingExample {
  const candidates = collectCandidates(inputs);
  const rulesKey = rulesTitle ? canon(rulesTitle) : null;
  if (rulesTitle && !candidates.some((c) => c.key === rulesKey)) {
    candidates.push({ text: rulesTitle, key: rulesKey!, words: squash(rulesTitle), from: new Set(['rules']), element: null, level: 0, shownAt: -1 });
  }
  const siteWords = new Set([...inputs.siteNames, inputs.host ?? ''].map(squash).filter((w) => w.length > 0));
  return { candidates, features: candidates.map((c) => candidateFeatures(c, candidates, rulesKey, siteWords)) };
}

/**
 * Feature names of one candidate among the page's others. `rulesKey` is the
 * rules' choice (canon), so the ranker learns when to overrule them.
 */
function candidateFeatures(c: TitleCandidate, all: TitleCandidate[], rulesKey: string | null, siteWords: Set<string>): string[] {
  const f: string[] = ['bias'];
  const rules = rulesKey !== null && c.key === rulesKey;
  const rulesWords = rulesKey !== null && !rules && all.some((o) => o.key === rulesKey && o.words === c.words);
  f.push(rules ? 'rules' : rulesWords ? 'rules-words' : 'not-rules');
  const tags = [...c.from].sort();
  for (const t of tags) f.push(`src=${t}`);
  const metaSources = new Set(tags.map((t) => t.split('-')[0]).filter((s) => (META_SOURCES as readonly string[]).includes(s)));
  // Agreement: how many metadata sources and headings give the same words, in any variant and punctuation.
  const sameWords = all.filter((o) => o.words === c.words);
  const agreeing = new Set(sameWords.flatMap((o) => [...o.from].map((t) => t.split('-')[0])));
  f.push(`nmeta=${Math.min(metaSources.size, 3)}`, `agree=${Math.min(agreeing.size, 4)}`);
  f.push(`shown=${c.level}`, `shownAt=${bucket(c.shownAt, [-1, 0, 1, 3])}`, `shown=${c.level}|nmeta=${Math.min(metaSources.size, 2)}`);
  const letters = c.text.replace(/[^\p{L}]/gu, '');
  if (letters.length > 3 && letters === letters.toUpperCase()) f.push('allcaps');
  const nWords = c.text.split(/\s+/).length;
  f.push(`words=${bucket(nWords, [2, 4, 7, 11, 16])}`);
  if (SEPARATOR.test(c.text)) f.push('has-separator');
  if (/\s\|\s/.test(c.text)) f.push('has-pipe');
  if (c.text.split(SEPARATOR).some((seg) => siteWords.has(squash(seg)))) f.push('names-site');
  if (siteWords.has(c.words)) f.push('is-site');
  if (/\b(?:19|20)\d\d\b/.test(c.text)) f.push('year');
  // Shorter or longer than another candidate with the same start: a title and its subtitle or site part.
  if (all.some((o) => o !== c && o.words.length > c.words.length && o.words.startsWith(c.words))) f.push('prefix-of-other');
  if (all.some((o) => o !== c && c.words.length > o.words.length && c.words.startsWith(o.words) && o.words.length > 0)) f.push('extends-other');
  if (rulesWords) f.push(...tags.map((t) => `surface=${t}`));
  return f;
}
