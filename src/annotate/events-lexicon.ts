/**
 * Trigger words for events: speech cues that are events in themselves
 * (accuse, praise, urge, warn, reject), verbs of reported action, and the
 * phrases of meetings. Each maps to a PLOVER type and a CAMEO code.
 */
import type { PloverType } from '../knowledge/events/ontology.js';
import { WordCache } from '../models/word-cache.js';

export interface TriggerSense {
  type: PloverType;
  mode: string | null;
  cameo: string;
}

const s = (type: PloverType, cameo: string, mode: string | null = null): TriggerSense => ({ type, mode, cameo });

/** Speech cue lemma → the event the speaking is. */
export const SPEECH_CUES: Record<string, TriggerSense> = {
  accuse: s('ACCUSE', '112', 'allege'), blame: s('ACCUSE', '112', 'allege'), charge: s('ACCUSE', '112', 'allege'),
  allege: s('ACCUSE', '112', 'allege'), condemn: s('ACCUSE', '111', 'disapprove'), criticize: s('ACCUSE', '111', 'disapprove'),
  criticise: s('ACCUSE', '111', 'disapprove'), denounce: s('ACCUSE', '111', 'disapprove'), slam: s('ACCUSE', '111', 'disapprove'),
  censure: s('ACCUSE', '111', 'disapprove'), deplore: s('ACCUSE', '111', 'disapprove'), lambast: s('ACCUSE', '111', 'disapprove'),
  lambaste: s('ACCUSE', '111', 'disapprove'), decry: s('ACCUSE', '111', 'disapprove'), complain: s('ACCUSE', '114', 'allege'),
  praise: s('SUPPORT', '051'), commend: s('SUPPORT', '051'), hail: s('SUPPORT', '051'), laud: s('SUPPORT', '051'),
  applaud: s('SUPPORT', '051'), welcome: s('SUPPORT', '051'), thank: s('SUPPORT', '051'), congratulate: s('SUPPORT', '051'),
  endorse: s('SUPPORT', '051'), defend: s('SUPPORT', '052'),
  urge: s('REQUEST', '102', 'assist'), 'call for': s('REQUEST', '102', 'assist'), 'call on': s('REQUEST', '102', 'assist'),
  appeal: s('REQUEST', '102', 'assist'), ask: s('REQUEST', '100'), demand: s('REQUEST', '100'), request: s('REQUEST', '100'),
  press: s('REQUEST', '100'),
  warn: s('THREATEN', '130'), threaten: s('THREATEN', '130'),
  reject: s('REJECT', '120'), deny: s('REJECT', '120'), dismiss: s('REJECT', '120'), refuse: s('REJECT', '120'),
  rebuff: s('REJECT', '120'), veto: s('REJECT', '129', 'yield'),
};

/** Action verbs (any inflection, matched by stem) → event. Checked on surface forms so the layer works without a parser. */
export const ACTION_VERBS: Array<[RegExp, TriggerSense]> = [
  [/^(?:attack|raid|strike|struck|storm)(?:s|ed|ing)?$/i, s('ASSAULT', '190')],
  [/^(?:bomb|airstrike|air-strike)(?:s|ed|ing)?$/i, s('ASSAULT', '195', 'aerial')],
  [/^(?:shell|fire)(?:s|d|ed|ing)?$/i, s('ASSAULT', '194', 'heavy-weapons')],
  [/^(?:kill|clash|fought|fight|ambush)(?:s|es|ed|ing)?$/i, s('ASSAULT', '190')],
  [/^(?:abduct|kidnap|hijack)(?:s|ed|ped|ing)?$/i, s('ASSAULT', '181', 'abduct')],
  [/^(?:assassinat)(?:e|es|ed|ing)$/i, s('ASSAULT', '186')],
  [/^(?:arrest|detain|jail|imprison)(?:s|ed|ing)?$/i, s('COERCE', '173', 'arrest')],
  [/^(?:deport)(?:s|ed|ing)?$/i, s('COERCE', '174', 'deport')],
  [/^(?:seize|seized|seizes|seizing|capture|captured|captures|occupy|occupied|occupies|invade|invaded|invades)$/i, s('COERCE', '192', 'seize')],
  [/^(?:protest|demonstrat|rall)(?:s|e|ed|ied|ies|ing|y)?$/i, s('PROTEST', '141', 'demo')],
  [/^(?:riot)(?:s|ed|ing)?$/i, s('PROTEST', '145', 'riot')],
  [/^(?:expel|expelled|expels|expelling)$/i, s('SANCTION', '166', 'expel')],
  [/^(?:sanction)(?:s|ed|ing)?$/i, s('COERCE', '163', 'restrict')],
  [/^(?:deploy|mobiliz|mobilis)(?:s|e|ed|es|ing)?$/i, s('MOBILIZE', '154', 'troops')],
  [/^(?:agree|agreed|agrees|pledge|pledged|pledges|promise|promised|vow|vowed)$/i, s('AGREE', '030')],
  [/^(?:sign|signed|signs|signing)$/i, s('SUPPORT', '057')],
  [/^(?:visit|visited|visits|visiting|arrive|arrived|arrives|toured)$/i, s('CONSULT', '042', 'visit')],
  [/^(?:host|hosted|hosts|hosting)$/i, s('CONSULT', '043', 'visit')],
  [/^(?:negotiate|negotiated|negotiating|negotiations)$/i, s('CONSULT', '046')],
  [/^(?:phoned|telephoned|called)$/i, s('CONSULT', '041', 'phone')],
  [/^(?:aid|aided|donate|donated|donates|help|helped|helps|helping)$/i, s('AID', '070')],
  [/^(?:release|released|releases|freed|frees)$/i, s('RETREAT', '0841', 'release')],
  [/^(?:withdraw|withdrew|withdrawn|withdraws|pulled)$/i, s('RETREAT', '0872', 'withdraw')],
  [/^(?:support|supported|supports|supporting|back|backed|backs|backing|sponsor|sponsored|sponsoring|arm|armed|arming|fund|funded|funding)$/i, s('SUPPORT', '050')],
  [/^(?:cooperate|cooperated|cooperating|cooperates)$/i, s('COOPERATE', '060')],
  [/^(?:accuse|accused|accuses|accusing|blamed)$/i, s('ACCUSE', '112', 'allege')],
  [/^(?:condemn|condemned|condemns|criticized|criticised|denounced)$/i, s('ACCUSE', '111', 'disapprove')],
  [/^(?:investigate|investigated|investigates|investigating|probe|probed)$/i, s('ACCUSE', '090', 'investigate')],
];

/** Multi-word actions whose object follows the phrase ("launched an air strike against X"). */
export const ACTION_PHRASES: Array<[RegExp, TriggerSense]> = [
  [/\blaunch(?:ed|es|ing)?\s+(?:an?\s+)?(?:air\s*strikes?|airstrikes?|air\s+raids?|drone\s+strikes?)\s+(?:against|on|at|in)\b/gi, s('ASSAULT', '195', 'aerial')],
  [/\blaunch(?:ed|es|ing)?\s+(?:an?\s+)?(?:\w+\s+)?(?:attacks?|offensive|raids?|assault|strikes?)\s+(?:against|on|at|in)\b/gi, s('ASSAULT', '190')],
  [/\b(?:launch|fire)(?:d|ed|s|ing)?\s+(?:\w+\s+){0,2}(?:missiles?|rockets?|shells?|mortars?)\s+(?:at|on|into|against)\b/gi, s('ASSAULT', '195')],
  [/\b(?:suppl(?:y|ied|ies|ying)|provid(?:e|ed|es|ing)|sen(?:d|ds|t|ding)|deliver(?:ed|s|ing)?)\s+(?:\w+\s+){0,2}(?:arms|weapons|military\s+aid)\s+to\b/gi, s('AID', '072')],
  [/\b(?:suppl(?:y|ied|ies|ying)|provid(?:e|ed|es|ing)|sen(?:d|ds|t|ding)|deliver(?:ed|s|ing)?)\s+(?:\w+\s+){0,2}humanitarian\s+(?:aid|assistance|relief)\s+to\b/gi, s('AID', '073')],
  [/\b(?:suppl(?:y|ied|ies|ying)|provid(?:e|ed|es|ing)|sen(?:d|ds|t|ding)|deliver(?:ed|s|ing)?)\s+(?:\w+\s+){0,2}(?:aid|assistance|support|loans?|funds)\s+to\b/gi, s('AID', '070')],
  [/\bimpos(?:e|ed|es|ing)\s+(?:\w+\s+){0,2}(?:sanctions|an?\s+embargo|tariffs)\s+(?:on|against)\b/gi, s('COERCE', '163', 'restrict')],
  [/\bstag(?:e|ed|es|ing)\s+(?:an?\s+)?(?:\w+\s+)?(?:protest|demonstration|rally|sit-in|march)\b/gi, s('PROTEST', '141', 'demo')],
  [/\b(?:sign(?:ed|s|ing)?|ratif(?:y|ied|ies|ying))\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}(?:agreement|accord|deal|treaty|pact|memorandum)\b/gi, s('SUPPORT', '057')],
  [/\bconduct(?:ed|s|ing)?\s+(?:joint\s+|large-scale\s+)?(?:military\s+|naval\s+)?(?:exercises|drills|manoeuvres|maneuvers)\b/gi, s('MOBILIZE', '150')],
  [/\bissu(?:e|ed|es|ing)\s+(?:an?\s+)?arrest\s+warrants?\s+for\b/gi, s('COERCE', '173', 'arrest')],
  [/\b(?:broke|break|breaks|breaking|cut|cuts|cutting|sever(?:ed|s)?)\s+(?:off\s+)?(?:diplomatic\s+)?(?:ties|relations)\s+with\b/gi, s('SANCTION', '161', 'withdraw')],
  [/\brecall(?:ed|s|ing)?\s+(?:its|their|his|her)\s+ambassador\b/gi, s('SANCTION', '161', 'withdraw')],
  [/\battend(?:s|ed|ing)?\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}(?:summit|talks|meeting|conference|negotiations|ceremony|funeral|olympics|games)\b/gi, s('CONSULT', '044', 'third-party')],
  [/\b(?:order|open|launch)(?:ed|s|ing)?\s+(?:an?\s+)?(?:\w+\s+)?(?:investigation|inquiry|probe)\s+(?:into|against|of)\b/gi, s('ACCUSE', '090', 'investigate')],
  [/\bengag(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}in\s+(?:an?\s+)?(?:firefight|gunfight|gun\s+battle|battle|clashes?)\b/gi, s('ASSAULT', '193', 'firearms')],
  [/\bpresent(?:ed|s|ing)?\s+(?:\w+\s+)?evidence\s+against\b/gi, s('ACCUSE', '112', 'allege')],
  [/\b(?:give|gives|gave|giving|grant(?:s|ed|ing)?)\s+(?:\w+\s+)?permission\s+to\b/gi, s('CONCEDE', '080')],
];

/** An attack someone wants, vows or threatens to make is a threat (CAMEO 138). */
export const THREAT_LEAD = /\b(?:wants?|wanted|threaten(?:s|ed)?|vow(?:s|ed)?|pledg(?:e|es|ed))\s+to\s+$/i;

/** Senses by word: every token is looked up, and ~50 regular expressions a word cost 1 % of the pipeline. */
const senseCache = new WordCache<TriggerSense | null>();

/** Index of a word's first three characters when they are ASCII letters (any case), else -1. */
function letterPrefix(word: string): number {
  if (word.length < 3) return -1;
  let key = 0;
  for (let k = 0; k < 3; k++) {
    const c = word.charCodeAt(k) | 0x20;
    if (c < 0x61 || c > 0x7a) return -1;
    key = (key << 5) | (c - 0x60);
  }
  return key;
}

/**
 * Three-letter beginnings of the words ACTION_VERBS can match (its patterns are case-insensitive
 * without the u flag, so only ASCII letters match their letters), or null when a pattern is not of
 * the form ^(?:word|word…)… this reads. Most tokens start otherwise and need no cache look-up, which
 * costs a cache miss in a map of every word seen.
 */
const ACTION_PREFIXES: Uint8Array | null = (() => {
  const table = new Uint8Array(1 << 15);
  for (const [re] of ACTION_VERBS) {
    const group = /^\^\(\?:([a-z|-]+)\)/.exec(re.source);
    if (!group || !re.ignoreCase || re.unicode) return null;
    for (const alternative of group[1]!.split('|')) {
      const key = letterPrefix(alternative);
      if (key < 0) return null;
      table[key] = 1;
    }
  }
  return table;
})();

export function actionSense(word: string): TriggerSense | null {
  if (ACTION_PREFIXES !== null) {
    const key = letterPrefix(word);
    if (key < 0 || ACTION_PREFIXES[key] === 0) return null;
  }
  let sense = senseCache.get(word);
  if (sense !== undefined) return sense;
  sense = ACTION_VERBS.find(([re]) => re.test(word))?.[1] ?? null;
  senseCache.set(word, sense);
  return sense;
}

/** Meetings: "in a Sunday meeting with", "met (with)", "held talks with", "sat down with", "received". */
export const MEETING =
  /\b(?:(?:in|during|after|at)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:meeting|talks|conversation|session)\s+with|(?:held|hold|holds|holding)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}(?:meeting|talks|consultations|discussions|conversation)\s+with|meeting\s+with|met\s+with|met|meets\s+with|meets|meet\s+with|meet|meeting|sat\s+down\s+with|sits\s+down\s+with|(?:received|receives|receiving)(?=\s+(?:the\s+|a\s+)?(?:\p{Lu}|delegations?\b|ministers?\b|officials?\b|envoys?\b|ambassadors?\b|leaders?\b))|talks\s+with|conferred\s+with)\b/giu;

/**
 * Words at a word boundary that every MEETING match holds (same flags, so the same case folding): a
 * sentence without any cannot hold a meeting phrase, and this scan is much cheaper than MEETING's.
 */
export const MEETING_WORDS = /\b(?:meet|met|talks|conversation|session|consultations|discussions|down|receiv|conferred)/iu;

/** Content that accuses whoever is its subject: backing terrorists, plots, sowing discord. */
export const ACCUSING_CONTENT =
  /(?<![-\w])(?:(?:support(?:ing|s|ed)?|back(?:ing|s|ed)?|arm(?:ing|s|ed)?|fund(?:ing|s|ed)?|sponsor(?:ing|s|ed)?|train(?:ing|s|ed)?|providing)\s+(?:\w+\s+){0,3}(?:terror\w*|extremis\w*|takfiri\w*|militants?)|backed\s+by|sow(?:ing|s)?\s+discord|plots?|conspirac\w+|intends?\s+to\s+(?:partition|divide|destroy|destabili[sz]e)|seeks?\s+to\s+(?:sow|divide|destabili[sz]e|defeat|destroy)|aggression|war\s+crimes|crimes|pressure\s+on)\b/i;

/** Support of one actor by another in content: "X, which is backed by Y" / "Y are supporting X". */
export const PASSIVE_SUPPORT = /\b(?:backed|supported|sponsored|armed|funded)\s+by\b/i;
export const ACTIVE_SUPPORT = /\b(?:support(?:ing|s)?|back(?:ing|s)?|sponsor(?:ing|s)?|arm(?:ing|s)?|fund(?:ing|s)?)\b/i;

export const NEGATION = /\b(?:not|never|no|n't|neither|nor|denied|refused\s+to|failed\s+to)\b/i;
export const HYPOTHETICAL = /\b(?:if|unless|could|might|may|should|would\s+be\s+able|in\s+case)\b/i;
export const FUTURE = /\b(?:will|'ll|shall|going\s+to|plans?\s+to|planning\s+to|is\s+to|are\s+to|set\s+to|intends?\s+to|expected\s+to|would)\b/i;
