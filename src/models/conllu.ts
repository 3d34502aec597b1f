/**
 * CoNLL-U reader (https://universaldependencies.org/format.html).
 *
 * Keeps what training and evaluation need: the syntactic words, the
 * multiword tokens that cover them (for rebuilding surface text), the
 * `# text` line and document/paragraph boundaries. Empty nodes (8.1) are
 * enhanced-graph only and skipped.
 */
import { readFileSync } from 'node:fs';

export interface ConlluWord {
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  /** 0-based head index within the sentence, -1 for the root. */
  head: number;
  deprel: string;
  /** No whitespace after this word in the text (MISC SpaceAfter=No). */
  noSpaceAfter: boolean;
}

export interface MultiwordToken {
  /** 0-based first and last word index it covers. */
  first: number;
  last: number;
  form: string;
  noSpaceAfter: boolean;
}

export interface ConlluSentence {
  id: string;
  text: string | null;
  newDoc: boolean;
  newPar: boolean;
  words: ConlluWord[];
  multiwords: MultiwordToken[];
}

export function readConllu(path: string): ConlluSentence[] {
  return parseConllu(readFileSync(path, 'utf8'));
}

export function parseConllu(source: string): ConlluSentence[] {
  const sentences: ConlluSentence[] = [];
  let current: ConlluSentence | null = null;
  const fresh = (): ConlluSentence => ({ id: '', text: null, newDoc: false, newPar: false, words: [], multiwords: [] });
  const lines = source.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') {
      if (current && current.words.length > 0) sentences.push(current);
      current = null;
      continue;
    }
    current ??= fresh();
    if (line.startsWith('#')) {
      const m = /^#\s*([^=]+?)\s*(?:=\s?(.*))?$/.exec(line);
      const key = m?.[1] ?? '';
      const value = m?.[2] ?? '';
      if (key === 'text') current.text = value;
      else if (key === 'sent_id') current.id = value;
      else if (key.startsWith('newdoc')) current.newDoc = true;
      else if (key.startsWith('newpar')) current.newPar = true;
      continue;
    }
    const cols = line.split('\t');
    if (cols.length !== 10) throw new Error(`CoNLL-U line ${n + 1}: expected 10 columns, got ${cols.length}`);
    const id = cols[0]!;
    const noSpaceAfter = /(^|\|)SpaceAfter=No(\||$)/.test(cols[9]!);
    if (id.includes('.')) continue;
    const range = /^(\d+)-(\d+)$/.exec(id);
    if (range) {
      current.multiwords.push({ first: Number(range[1]) - 1, last: Number(range[2]) - 1, form: cols[1]!, noSpaceAfter });
      continue;
    }
    if (!/^\d+$/.test(id)) throw new Error(`CoNLL-U line ${n + 1}: bad id ${id}`);
    const head = cols[6] === '_' ? 0 : Number(cols[6]);
    current.words.push({
      form: cols[1]!,
      lemma: cols[2]!,
      upos: cols[3]!,
      xpos: cols[4]!,
      feats: cols[5]!,
      head: head - 1,
      deprel: cols[7]!,
      noSpaceAfter,
    });
  }
  if (current && current.words.length > 0) sentences.push(current);
  return sentences;
}

/**
 * Character span of every word inside the sentence's surface text, rebuilt
 * from forms and SpaceAfter. Words of a multiword token get consecutive
 * sub-spans when their forms spell the token ("do"+"n't" = "don't"),
 * otherwise all share the token's span.
 */
export function wordSpans(sentence: ConlluSentence): { text: string; spans: Array<[number, number]> } {
  const spans: Array<[number, number]> = new Array(sentence.words.length);
  const mwtAt = new Map<number, MultiwordToken>();
  for (const m of sentence.multiwords) mwtAt.set(m.first, m);
  let text = '';
  for (let i = 0; i < sentence.words.length; ) {
    const m = mwtAt.get(i);
    if (m) {
      const start = text.length;
      text += m.form;
      const forms = sentence.words.slice(m.first, m.last + 1).map((w) => w.form);
      const spells = forms.join('') === m.form;
      let at = start;
      for (let k = m.first; k <= m.last; k++) {
        const len = sentence.words[k]!.form.length;
        spans[k] = spells ? [at, at + len] : [start, start + m.form.length];
        at += len;
      }
      if (!m.noSpaceAfter) text += ' ';
      i = m.last + 1;
      continue;
    }
    const w = sentence.words[i]!;
    spans[i] = [text.length, text.length + w.form.length];
    text += w.form;
    if (!w.noSpaceAfter) text += ' ';
    i++;
  }
  return { text: text.replace(/ $/, ''), spans };
}
