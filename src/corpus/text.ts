/**
 * Content-word vectors for comparing articles and statements: lower-cased
 * words without stop words, crudely stemmed, weighted by TF-IDF over the set
 * being clustered, compared by cosine.
 */
import { words } from '../ingest/dedupe.js';

const STOP: ReadonlySet<string> = new Set(
  ('a about above after again against all also am an and any are as at be been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your said says say told tell according ' +
    'monday tuesday wednesday thursday friday saturday sunday day days week weeks year years month months one two three four five six seven eight nine ten mr ms per cent percent since yet still again new')
    .split(/\s+/),
);

/**
 * A few general equivalences of news wording (arming ≈ weapons, funding ≈ money):
 * the words a paraphrase swaps most, mapped to one stem.
 */
const EQUIV: ReadonlyMap<string, string> = new Map([
  ['arm', 'weapon'], ['arms', 'weapon'], ['armed', 'weapon'], ['arming', 'weapon'], ['weapons', 'weapon'], ['rifle', 'weapon'], ['rifles', 'weapon'], ['gun', 'weapon'], ['guns', 'weapon'],
  ['finance', 'money'], ['finances', 'money'], ['financing', 'money'], ['financed', 'money'], ['fund', 'money'], ['funds', 'money'], ['funding', 'money'], ['funded', 'money'], ['cash', 'money'],
  ['backed', 'back'], ['backing', 'back'], ['backs', 'back'], ['support', 'back'], ['supports', 'back'], ['supported', 'back'],
  ['shut', 'close'], ['closed', 'close'], ['closes', 'close'], ['stay', 'remain'], ['stays', 'remain'], ['remains', 'remain'],
  ['ends', 'stop'], ['end', 'stop'], ['ended', 'stop'], ['stops', 'stop'], ['stopped', 'stop'],
  ['drop', 'fall'], ['drops', 'fall'], ['falls', 'fall'], ['under', 'below'],
  ['gave', 'give'], ['given', 'give'], ['gives', 'give'], ['supplied', 'give'], ['supply', 'give'], ['supplying', 'give'], ['provide', 'give'], ['provided', 'give'],
  ['ruler', 'government'], ['rulers', 'government'], ['puppets', 'puppet'], ['isis', 'daesh'], ['isil', 'daesh'],
]);

/** A light suffix stripper: enough to meet "attacks"/"attack", "killed"/"kill", not a linguist's stemmer. */
export function stem(word: string): string {
  const eq = EQUIV.get(word);
  if (eq) return eq;
  // terrorism/terrorist, extremism/extremist: the doctrine and its follower assert the same thing.
  if (word.length > 6 && /(ism|ist|ists)$/.test(word)) return word.replace(/(ism|ist|ists)$/, '');
  if (word.length > 5 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function contentTerms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP.has(w) && !/^\d+$/.test(w) && w.length > 1)
    .map(stem);
}

export type TermVector = Map<string, number>;

/** Document frequencies over a set of term lists, to weight by IDF. */
export class DocumentFrequencies {
  private df = new Map<string, number>();
  private n = 0;
  /** Counts kept elsewhere (a store's corpus_terms): the number of documents, and one term's document count. */
  seed(documents: number, counts: Iterable<readonly [string, number]>): void {
    this.n = documents;
    for (const [t, c] of counts) this.df.set(t, c);
  }
  has(term: string): boolean {
    return this.df.has(term);
  }
  entries(): IterableIterator<[string, number]> {
    return this.df.entries();
  }
  get documents(): number {
    return this.n;
  }
  add(terms: Iterable<string>): void {
    this.n++;
    for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }
  idf(term: string): number {
    return Math.log((1 + this.n) / (1 + (this.df.get(term) ?? 0))) + 1;
  }
  /** Unit-length TF-IDF vector (sublinear tf). */
  vector(terms: string[]): TermVector {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: TermVector = new Map();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * this.idf(t);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) {
    const o = large.get(t);
    if (o !== undefined) dot += w * o;
  }
  return dot;
}

/** The n heaviest terms of a vector (ties by term), used as blocking keys. */
export function topTerms(v: TermVector, n: number): string[] {
  return [...v].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([t]) => t);
}

/** Jaccard similarity of two sets. */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** An ISO date as days since 1970 (fractional for a time of day is dropped), or null when missing or not a date. */
export function dayNumber(value: string | null): number | null {
  if (!value) return null;
  const t = Date.parse(value.slice(0, 10));
  return Number.isNaN(t) ? null : t / 86_400_000;
}

/** Whole days between two ISO dates (absolute), or null when either is missing. */
export function daysApart(a: string | null, b: string | null): number | null {
  const da = dayNumber(a);
  const db = dayNumber(b);
  return da === null || db === null ? null : Math.abs(da - db);
}
