/**
 * Training-data augmentation for news syntax the web treebank rarely shows:
 * subject–verb inversion after a quote ("“…,” said Mebric" — common in wire
 * copy, rare in EWT). Each training sentence with a fronted clausal
 * complement and a nominal subject right before a speech verb
 * ("“…,” Mebric said") gets an inverted copy; the tree is unchanged, only
 * the word order.
 */
import type { ConlluSentence } from './conllu.js';

export const SPEECH_LEMMAS = new Set([
  'say', 'add', 'tell', 'state', 'claim', 'note', 'insist', 'warn', 'explain', 'declare',
  'announce', 'stress', 'argue', 'continue', 'ask', 'reply', 'write', 'report', 'comment', 'conclude',
]);

function subtreeSpan(heads: number[], root: number): [number, number] | null {
  let lo = root;
  let hi = root;
  const inTree = (i: number): boolean => {
    for (let k = i, steps = 0; k >= 0 && steps <= heads.length; k = heads[k]!, steps++) if (k === root) return true;
    return false;
  };
  for (let i = 0; i < heads.length; i++) {
    if (inTree(i)) {
      lo = Math.min(lo, i);
      hi = Math.max(hi, i);
    }
  }
  for (let i = lo; i <= hi; i++) if (!inTree(i)) return null;
  return [lo, hi];
}

/** The inverted copy of a sentence, with the permutation applied (new position of each old word), or null. */
export function invertSpeechSubject(sentence: ConlluSentence): { sentence: ConlluSentence; order: number[] } | null {
  const words = sentence.words;
  const heads = words.map((w) => w.head);
  for (let v = 0; v < words.length; v++) {
    const verb = words[v]!;
    if (verb.upos !== 'VERB' || !SPEECH_LEMMAS.has(verb.lemma)) continue;
    const subject = words.findIndex((w, i) => w.head === v && w.deprel === 'nsubj' && (w.upos === 'PROPN' || w.upos === 'NOUN') && i < v);
    if (subject < 0) continue;
    const fronted = words.some((w, i) => w.head === v && (w.deprel === 'ccomp' || w.deprel === 'parataxis') && i < subject);
    if (!fronted) continue;
    const span = subtreeSpan(heads, subject);
    if (!span || span[1] + 1 !== v) continue;
    const [a, b] = span;
    // Old indices in their new order: before the subject, the verb, the subject phrase, the rest.
    const sequence = [...range(0, a), v, ...range(a, b + 1), ...range(v + 1, words.length)];
    const order = new Array<number>(words.length);
    sequence.forEach((old, pos) => (order[old] = pos));
    const moved = sequence.map((old) => {
      const w = words[old]!;
      return { ...w, head: w.head < 0 ? -1 : order[w.head]! };
    });
    return { sentence: { ...sentence, id: `${sentence.id}-inverted`, text: null, words: moved, multiwords: [] }, order };
  }
  return null;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
