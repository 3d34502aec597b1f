/**
 * Lemmas from the word and its Penn tag: suffix rules for regular
 * inflection plus an exception table learned from the treebank (irregular
 * verbs and plurals, and any word the rules get wrong there). The table
 * travels inside the tagger model file.
 */

/** Key of the exception table: lower-cased form and XPOS. */
export function lemmaKey(form: string, xpos: string): string {
  return `${form.toLowerCase()}\t${xpos}`;
}

const VOWEL = /[aeiou]/;

function undouble(stem: string): string {
  // stopped → stop, planning → plan; but not "fall", "kiss", "add".
  const n = stem.length;
  if (n >= 3 && stem[n - 1] === stem[n - 2] && /[bdgmnprt]/.test(stem[n - 1]!) && VOWEL.test(stem[n - 3]!)) return stem.slice(0, -1);
  return stem;
}

/** Restore a dropped final "e" (making → make, used → use) for common stem endings. */
function restoreE(stem: string): string {
  if (/(?:[^aeiou][aeiou][cgsvz]|[^aeiou][aeiou][kt]|[aeiou][aeiou][cgsvz]|[^aeiou][cgsvz]|[dgl]g|u|[bcdfgkpt]l|at|it|ur|ar|or|ir|ut|ot)$/.test(stem) && !/(?:ss|ll|ck|[aeiou]st)$/.test(stem)) {
    return `${stem}e`;
  }
  return stem;
}

export function ruleLemma(form: string, upos: string, xpos: string): string {
  // Proper nouns keep their case; plural ones (Palestinians, States) lose the plural.
  if (xpos === 'NNPS' && /[^su]s$/.test(form)) return /[^aeiou]ies$/.test(form) ? `${form.slice(0, -3)}y` : form.slice(0, -1);
  if (upos === 'PROPN' || xpos === 'NNP' || xpos === 'NNPS') return form;
  if (form === 'I') return form;
  const w = form.toLowerCase();
  switch (xpos) {
    case 'NNS':
    case 'VBZ':
      if (/[^aeiou]ies$/.test(w)) return `${w.slice(0, -3)}y`;
      if (/(?:ch|sh|ss|x|z|o)es$/.test(w)) return w.slice(0, -2);
      if (/[^su]s$/.test(w) || /[aeiou]us$/.test(w) === false && /[^s]s$/.test(w)) return w.slice(0, -1);
      return w;
    case 'VBD':
    case 'VBN':
      if (/[^aeiou]ied$/.test(w)) return `${w.slice(0, -3)}y`;
      if (/eed$/.test(w)) return w.slice(0, -1);
      if (/ed$/.test(w) && w.length > 3) {
        const stem = w.slice(0, -2);
        const single = undouble(stem);
        return single !== stem ? single : restoreE(stem);
      }
      return w;
    case 'VBG':
      if (/ying$/.test(w) && w.length > 5) return w.slice(0, -3);
      if (/ing$/.test(w) && w.length > 4) {
        const stem = w.slice(0, -3);
        const single = undouble(stem);
        return single !== stem ? single : restoreE(stem);
      }
      return w;
    case 'JJR':
    case 'RBR':
      if (/[^aeiou]ier$/.test(w)) return `${w.slice(0, -3)}y`;
      if (/er$/.test(w) && w.length > 4) return undouble(w.slice(0, -2));
      return w;
    case 'JJS':
    case 'RBS':
      if (/[^aeiou]iest$/.test(w)) return `${w.slice(0, -4)}y`;
      if (/est$/.test(w) && w.length > 5) return undouble(w.slice(0, -3));
      return w;
    default:
      return w;
  }
}

export type LemmaTable = Map<string, string>;

/** Exceptions: (form, xpos) pairs whose treebank lemma the rules miss (majority lemma wins). */
export function learnLemmaTable(words: Array<{ form: string; upos: string; xpos: string; lemma: string }>): LemmaTable {
  const counts = new Map<string, Map<string, number>>();
  for (const w of words) {
    if (w.lemma === '_' || w.upos === 'PROPN' || w.xpos === 'NNP' || w.xpos === 'NNPS') continue;
    const key = lemmaKey(w.form, w.xpos);
    let m = counts.get(key);
    if (!m) counts.set(key, (m = new Map()));
    m.set(w.lemma, (m.get(w.lemma) ?? 0) + 1);
  }
  const table: LemmaTable = new Map();
  for (const key of [...counts.keys()].sort()) {
    const m = counts.get(key)!;
    const best = [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const [form, xpos] = key.split('\t') as [string, string];
    if (ruleLemma(form, 'X', xpos) !== best) table.set(key, best);
  }
  return table;
}

export function lemmatize(table: LemmaTable, form: string, upos: string, xpos: string): string {
  if (upos === 'PROPN' || xpos === 'NNP' || xpos === 'NNPS') return ruleLemma(form, upos, xpos);
  return table.get(lemmaKey(form, xpos)) ?? ruleLemma(form, upos, xpos);
}
