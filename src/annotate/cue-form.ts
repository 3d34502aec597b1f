/**
 * Tense and negation of an attribution cue: "said" (past), "says" (present), "will say" (future),
 * "would argue" (conditional), "did not say" (past, negated). Read off the auxiliaries in and just before
 * the cue and the form of its first verb, so that a user can tell a claim made from one promised,
 * hedged or denied. Noun and prepositional cues ("according to", "in a statement") have no tense.
 */
import { tokenAt, type Doc } from '../doc/doc.js';

export type CueTense = 'past' | 'present' | 'future' | 'conditional';

export interface CueForm {
  tense: CueTense | null;
  negated: boolean;
}

const FUTURE = new Set(['will', 'shall', "'ll", '’ll', 'wo']);
const CONDITIONAL = new Set(['would', 'could', 'might', 'may', 'should', 'must', 'can', 'ca']);
const PAST_AUX = new Set(['did', 'was', 'were', 'had', 'has', 'have', "'ve", '’ve']);
const PRESENT_AUX = new Set(['do', 'does', 'is', 'are', 'am', "'re", '’re', "'m", '’m']);
const NEGATION = new Set(['not', "n't", 'n’t', 'never']);
/** Other words that may stand between a subject and its cue: adverbs of degree and time, parts of "be going to". */
const OTHER_LEAD_IN = new Set(
  `'s ’s 'd ’d also already still just only repeatedly again then later often once previously recently even
 reportedly publicly privately flatly strongly firmly been being be going to no longer`.split(/\s+/),
);
const LEAD_IN_SETS = [FUTURE, CONDITIONAL, PAST_AUX, PRESENT_AUX, NEGATION, OTHER_LEAD_IN];
const leadsIn = (word: string): boolean => LEAD_IN_SETS.some((set) => set.has(word.toLowerCase()));
/** Irregular past forms of the verbs that cue attributions most often (wink's tags carry no tense). */
const IRREGULAR_PAST = new Set(['said', 'told', 'wrote', 'spoke', 'thought', 'felt', 'knew', 'saw', 'heard', 'taught', 'sought', 'swore', 'forecast', 'foresaw', 'held', 'made', 'gave', 'took', 'put', 'found', 'meant', 'read', 'led', 'drew', 'shot', 'struck', 'threw', 'bet', 'broke', 'understood']);

/** The tense of a verb form alone: from the tagger's Penn tag when the syntax layer has one, else its spelling. */
function verbTense(doc: Doc, i: number): CueTense | null {
  const xpos = doc.syntax?.xpos[i];
  if (xpos && xpos !== '_') {
    if (xpos === 'VBD') return 'past';
    if (xpos === 'VBZ' || xpos === 'VBP') return 'present';
    if (xpos.startsWith('VB')) return null;
  }
  const w = doc.tokens[i]!.text.toLowerCase();
  // "warned", "agreed"; not "need" or "speed".
  if (IRREGULAR_PAST.has(w) || (/[^e]ed$|[^e]eed$/.test(w) && !/^(?:need|feed|speed|heed|exceed|proceed|succeed)$/.test(w))) return 'past';
  if (/[^s]s$/.test(w) && w.length > 3) return 'present';
  return null;
}

function pastParticiple(doc: Doc, i: number): boolean {
  const xpos = doc.syntax?.xpos[i];
  if (xpos && xpos !== '_') return xpos === 'VBN';
  const w = doc.tokens[i]!.text.toLowerCase();
  return IRREGULAR_PAST.has(w) || /ed$/.test(w);
}

export function cueForm(doc: Doc, cue: { start: number; end: number }): CueForm {
  let first = tokenAt(doc, cue.start);
  if (first < 0) return { tense: null, negated: false };
  let last = first;
  while (last + 1 < doc.tokens.length && doc.tokens[last + 1]!.start < cue.end) last++;
  const sentenceStart = doc.sentences[doc.tokens[first]!.sentence]?.tokenStart ?? 0;
  // Auxiliaries and negation the cue span left to the source ("X did not immediately [respond]").
  while (first > sentenceStart && first > last - 6 && leadsIn(doc.tokens[first - 1]!.text)) first--;
  let negated = false;
  let tense: CueTense | null = null;
  let decided = false;
  for (let i = first; i <= last && i < doc.tokens.length; i++) {
    const w = doc.tokens[i]!.text.toLowerCase();
    if (NEGATION.has(w)) negated = true;
    if (w === 'no' && doc.tokens[i + 1]?.text.toLowerCase() === 'longer') negated = true;
    if (decided) continue;
    const upos = doc.syntax?.upos[i];
    const next = doc.tokens[i + 1]?.text.toLowerCase();
    if (FUTURE.has(w) || (PRESENT_AUX.has(w) && next === 'going' && doc.tokens[i + 2]?.text.toLowerCase() === 'to')) tense = 'future';
    else if (CONDITIONAL.has(w)) tense = 'conditional';
    else if (PAST_AUX.has(w)) tense = 'past';
    else if (PRESENT_AUX.has(w)) tense = 'present';
    // "he's said" is "has said"; "she's saying", "it's claimed" are present.
    else if (w === "'s" || w === '’s') tense = i + 1 <= last && pastParticiple(doc, i + 1) ? 'past' : 'present';
    else if (upos === undefined || upos === 'VERB' || upos === 'AUX') {
      const t = verbTense(doc, i);
      if (t === null && upos === undefined) continue;
      tense = t;
    } else continue;
    decided = true;
  }
  return { tense, negated };
}
