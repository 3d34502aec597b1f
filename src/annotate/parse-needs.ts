/**
 * Which sentences the dependency parser must run on during analysis.
 *
 * Why: parsing is the most expensive step of the pipeline, and the only
 * annotator that may read dependency arcs is attribution (who said what),
 * which needs them only where something can be reported: a quotation, a
 * reporting verb from the cue lexicon ("said", "denied"), a reporting noun
 * ("statement") or a phrase such as "according to". The tagger still runs on
 * every sentence, as entities and events read part-of-speech everywhere, and
 * this predicate reads its tags: "state" or "like" tagged as a noun or a
 * preposition does not report anything. Sentences it rejects keep head -1 and
 * deprel '_' (see SyntaxLayer); `--syntax` output parses every sentence.
 *
 * An annotator that starts reading arcs elsewhere must widen this predicate. The
 * attribution cue and content models read arcs where a sentence was parsed (and an
 * 'unparsed' feature elsewhere) and were trained on Docs parsed this way: changing
 * the predicate changes their inputs, so re-measure (or retrain) them with it.
 */
import { NOUN_CUES, PHRASE_CUES, verbCueLemma } from '../knowledge/cues.js';

/** One sentence as the models see it: word forms and the tagger's UPOS per word. */
export type ParsePredicate = (forms: readonly string[], upos: readonly string[]) => boolean;

/** Double quotation marks of any style (single quotes are mostly apostrophes). */
const QUOTE_MARK = /["“”„«»]/;

/** Whether a multi-word cue ("according to", "in the words of") starts at word i. */
function phraseCueAt(lower: readonly string[], i: number): boolean {
  return PHRASE_CUES.some(({ words }) => i + words.length <= lower.length && words.every((w, k) => lower[i + k] === w));
}

/** True when the sentence holds a quotation mark or a reporting word, so attribution may read its arcs. */
export const sentenceNeedsParse: ParsePredicate = (forms, upos) => {
  const lower = forms.map((f) => f.toLowerCase());
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i]!;
    if (QUOTE_MARK.test(w) || NOUN_CUES.has(w) || phraseCueAt(lower, i)) return true;
    if ((upos[i] === 'VERB' || upos[i] === 'AUX') && verbCueLemma(w) !== null) return true;
  }
  return false;
};

/** Parse everything (`--syntax` output, evaluation). */
export const parseEverySentence: ParsePredicate = () => true;
