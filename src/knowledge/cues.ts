/**
 * Attribution cue lexicon: the words that introduce what someone said,
 * wrote, thinks or wants.
 *
 * Written for fivew and checked against the lemma frequencies of gold cues in
 * PolNeAR train (see docs/EVAL-attribution.md): the verb list covers the
 * frequent head lemmas there, grouped by what they report.
 *
 * - speech: verbs of saying proper (the "speech-verb subset" of the scorer)
 * - evaluation: speech acts that judge or demand (praise, accuse, urge…)
 * - cognition: beliefs and intentions (think, believe, want, hope…)
 * - evidence: things that show or find (show, suggest, find, reveal…)
 */

export type CueClass = 'speech' | 'evaluation' | 'cognition' | 'evidence';

const SPEECH = `say tell add state note write explain announce declare insist claim argue stress emphasise emphasize
 reiterate repeat reply respond answer remark comment mention recall describe report tweet post quip joke
 assert maintain contend affirm confirm acknowledge admit concede deny testify recount outline predict
 promise pledge vow warn caution ask inquire wonder suggest propose point recommend advise urge
 continue conclude observe cite quote reveal disclose clarify elaborate speak talk shout yell chant
 complain lament bemoan boast brag proclaim allege hint imply caution retort counter rebut insinuate
 email text telegraph signal underscore highlight reaffirm reassure assure inform notify told`;

const EVALUATION = `accuse blame criticize criticise condemn denounce decry slam blast attack praise commend hail applaud
 welcome thank congratulate credit defend endorse support back oppose reject dismiss question challenge
 call demand request seek threaten mock ridicule deride rebuke assail knock tout champion celebrate
 urge implore beg plead appeal charge fault warn lambast berate chide scold refer focus rail push vote
 express echo encourage advocate portray liken compare dub label characterize characterise lash pan vouch
 endorse promote hail`;

const COGNITION = `think believe feel know hope want wish fear worry expect consider view see regard understand
 realize realise recognize recognise remember forget doubt suspect assume imagine guess suppose intend
 plan aim prefer like love hate agree disagree decide refuse decline seem appear estimate envision
 anticipate trust`;

const EVIDENCE = `show find suggest indicate reveal demonstrate prove confirm document estimate project forecast
 conclude`;

function lemmaSet(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

const CLASS_OF = new Map<string, CueClass>();
// Later lists do not override earlier ones: a lemma's class is its most speech-like reading.
for (const [cls, list] of [
  ['speech', SPEECH],
  ['evaluation', EVALUATION],
  ['cognition', COGNITION],
  ['evidence', EVIDENCE],
] as const) {
  for (const lemma of lemmaSet(list)) if (!CLASS_OF.has(lemma)) CLASS_OF.set(lemma, cls);
}
// "told" is listed so the set reads naturally; the lemma is "tell".
CLASS_OF.delete('told');

/** Irregular or spelling-changing forms (past, participle, 3sg, -ing). */
const IRREGULAR: Record<string, string[]> = {
  say: ['said', 'says', 'saying'],
  tell: ['told', 'telling'],
  write: ['wrote', 'written', 'writing'],
  think: ['thought'],
  know: ['knew', 'known'],
  see: ['saw', 'seen', 'sees', 'seeing'],
  feel: ['felt'],
  find: ['found'],
  show: ['shown'],
  speak: ['spoke', 'spoken'],
  forget: ['forgot', 'forgotten', 'forgetting'],
  understand: ['understood'],
  seek: ['sought'],
  hold: ['held'],
  read: ['read'],
  hear: ['heard'],
  deny: ['denied', 'denies'],
  reply: ['replied', 'replies'],
  testify: ['testified', 'testifies'],
  clarify: ['clarified', 'clarifies'],
  notify: ['notified', 'notifies'],
  worry: ['worried', 'worries'],
  imply: ['implied', 'implies'],
  quip: ['quipped', 'quipping'],
  admit: ['admitted', 'admitting'],
  regret: ['regretted'],
  brag: ['bragged', 'bragging'],
  beg: ['begged', 'begging'],
  fault: ['faulted'],
  refer: ['referred', 'referring'],
  prefer: ['preferred', 'preferring'],
  plan: ['planned', 'planning'],
  rebut: ['rebutted', 'rebutting'],
  text: ['texted', 'texts', 'texting'],
};

function regularForms(lemma: string): string[] {
  const forms: string[] = [];
  const vowelY = /[aeiou]y$/.test(lemma);
  if (/(s|sh|ch|x|z|o)$/.test(lemma)) forms.push(`${lemma}es`);
  else if (/y$/.test(lemma) && !vowelY) forms.push(`${lemma.slice(0, -1)}ies`);
  else forms.push(`${lemma}s`);
  if (/e$/.test(lemma)) {
    forms.push(`${lemma}d`, `${lemma.slice(0, -1)}ing`);
  } else if (/y$/.test(lemma) && !vowelY) {
    forms.push(`${lemma.slice(0, -1)}ied`, `${lemma}ing`);
  } else {
    forms.push(`${lemma}ed`, `${lemma}ing`);
  }
  return forms;
}

const FORM_TO_LEMMA = new Map<string, string>();
for (const lemma of CLASS_OF.keys()) {
  FORM_TO_LEMMA.set(lemma, lemma);
  for (const f of regularForms(lemma)) if (!FORM_TO_LEMMA.has(f)) FORM_TO_LEMMA.set(f, lemma);
}
for (const [lemma, forms] of Object.entries(IRREGULAR)) {
  if (!CLASS_OF.has(lemma)) continue;
  for (const f of forms) FORM_TO_LEMMA.set(f, lemma);
}

/** Lemma of a verb-cue word form ("said" → "say"), or null when it is not a cue verb. */
export function verbCueLemma(word: string): string | null {
  return FORM_TO_LEMMA.get(word.toLowerCase().replace(/’/g, "'")) ?? null;
}

export function cueClass(lemma: string): CueClass | null {
  return CLASS_OF.get(lemma) ?? null;
}

export function isSpeechLemma(lemma: string): boolean {
  return CLASS_OF.get(lemma) === 'speech' || lemma === 'according to';
}

/** Verbs whose cue in news usually takes a particle or preposition that belongs to the cue. */
export const PHRASAL_CUES: Record<string, string[]> = {
  point: ['to', 'out'],
  call: ['for', 'on'],
  refer: ['to'],
  talk: ['about'],
  speak: ['about', 'of'],
  ask: ['about'],
  focus: ['on'],
  warn: ['of', 'against'],
  hint: ['at'],
  rail: ['against'],
  agree: ['with'],
  push: ['for'],
  vote: ['for', 'against'],
  lash: ['out'],
};

/** Verbs that only count as cues with their particle ("pointed to the presence…"). */
export const PARTICLE_REQUIRED = new Set(['point', 'refer', 'focus', 'rail', 'push', 'vote', 'talk', 'hint', 'lash']);

/**
 * Verbs that report only when what follows is plainly content: "that …", a
 * colon or a quotation ("continued: “…”", "maintained that …"). Elsewhere
 * they mostly do not (on PolNeAR train fewer than a third of their
 * occurrences were gold cues: "continue to", "prove", "speaking at").
 */
export const CONTENT_REQUIRED = new Set([
  'continue', 'maintain', 'speak', 'assume', 'prove', 'counter', 'advise', 'appeal', 'suppose', 'trust',
  'celebrate', 'champion', 'knock', 'elaborate', 'plan', 'challenge', 'email', 'demonstrate', 'suspect',
]);

/** Multi-word cues that are not verb-headed, matched on lower-cased token sequences. */
export const PHRASE_CUES: Array<{ words: string[]; lemma: string }> = [
  { words: ['according', 'to'], lemma: 'according to' },
  { words: ['in', 'the', 'view', 'of'], lemma: 'in the view of' },
  { words: ['in', 'the', 'words', 'of'], lemma: 'in the words of' },
];

/** Nouns naming a statement: "in a statement", "his remarks", "a spokesman's claim". */
export const NOUN_CUES = new Set(
  lemmaSet(`statement remarks remark comments comment interview speech tweet tweets claim claims assertion allegation
 allegations warning warnings criticism accusation accusations announcement pledge promise call calls appeal
 testimony message letter post op-ed editorial report`),
);

/** Reporting-verb lemma heading a cue phrase ("has also said:" → "say"), or null. */
export function cueHeadLemma(cue: string): string | null {
  const words = cue.toLowerCase().match(/[\p{L}'’]+/gu) ?? [];
  if (words[0] === 'according' && words[1] === 'to') return 'according to';
  for (const w of words) {
    const lemma = verbCueLemma(w);
    if (lemma) return lemma;
  }
  return null;
}
