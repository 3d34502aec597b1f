/**
 * Learned cue ends: how far a cue runs past its head word. PolNeAR cues
 * often carry what follows the verb ("issued a statement saying", "made it
 * clear", "weighed in on", "said Friday", "took to Twitter to"), in ways the
 * rules (`cueTail` in attribution.ts) only partly follow; an averaged
 * perceptron ranks the token ends between the head and whatever comes next
 * (the content, a punctuation mark, a quotation), with the rules' end as one
 * of its features. Trained on PolNeAR train: `npx tsx train/attribution-cue-end.ts`
 * (see models/attribution-cue-end.md).
 */
import { fileURLToPath } from 'node:url';
import type { Doc, Sentence, Span } from '../doc/doc.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import { bestCandidate, cueBarrier, hashFeatures, quotesIn, rankerModel, sentenceReader } from './attribution-ranker.js';
import type { TokenTags } from './attribution-tags.js';
import type { Quote } from './quotes.js';

export const cueEndModel = rankerModel({
  path: fileURLToPath(new URL('../../models/attribution-cue-end.bin.gz', import.meta.url)),
  kind: 'fivew-attribution-cue-end',
  version: 1,
  parts: ['end'],
  assemble: ({ end }) => end,
});

export interface CueEndCandidate {
  /** Token index just past the cue. */
  end: number;
  features: Uint32Array;
}

export interface CueEndInput {
  doc: Doc;
  tags: TokenTags;
  quotes: Quote[];
  sentence: Sentence;
  /** The cue head's tokens as the detector found them. */
  cueStart: number;
  cueEnd: number;
  /** The rules' end (token index past the cue). */
  ruleEnd: number;
  content: Span[];
  source: Span | null;
  cueLemma: string;
}

/** How many tokens past the head a cue may run (longer tails are rare on PolNeAR train). */
const MAX_TAIL = 8;
const TIME = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|morning|afternoon|evening|night|week|month|year|last|this|earlier|later|then|recently|again)$/;

function kind(word: string, pos: string): string {
  if (TIME.test(word)) return 'time';
  if (/^(to|in|on|of|for|about|by|with|at|as|up|out|off|down|over|that|a|an|the|it|:)$/.test(word)) return word;
  return pos;
}

/** Every place the cue could end, each with its features; the rules' end is always among them. */
export function cueEndCandidates(input: CueEndInput): CueEndCandidate[] {
  const { doc, tags, quotes, sentence: s, cueStart, cueEnd, ruleEnd, content, source, cueLemma } = input;
  const toks = doc.tokens;
  const { word, pos } = sentenceReader(doc, tags, s, '</s>', '</s>');
  const blocked = cueBarrier(doc, quotesIn(quotes, s), content, source);
  const ends = new Set<number>([ruleEnd, cueEnd]);
  // Shorter than the detector's cue too: "called for" may be "called".
  for (let e = cueStart + 1; e < cueEnd; e++) ends.add(e);
  for (let k = cueEnd; k < s.tokenEnd && k - cueEnd < MAX_TAIL; k++) {
    if (blocked(k) || (/^[.,;!?—―()"“”]$/.test(toks[k]!.text) && word(k) !== ':')) break;
    ends.add(k + 1);
  }
  const contentAfter = content.length > 0 && content[0]!.start >= toks[cueEnd - 1]!.end ? 'after' : 'before';
  const out: CueEndCandidate[] = [];
  for (const end of [...ends].sort((a, b) => a - b)) {
    const added = end - cueEnd;
    const first = added > 0 ? kind(word(cueEnd), pos(cueEnd)) : '-';
    const last = added > 0 ? kind(word(end - 1), pos(end - 1)) : '-';
    const next = kind(word(end), pos(end));
    const nextStartsContent = content.some((c) => end < s.tokenEnd && c.start <= toks[end]!.start && toks[end]!.start < c.end) ? 'C' : '-';
    let nouns = 0;
    let verbs = 0;
    for (let k = cueEnd; k < end; k++) {
      if (tags.upos[k] === 'NOUN' || tags.upos[k] === 'PROPN') nouns++;
      if (tags.upos[k] === 'VERB') verbs++;
    }
    const rule = end === ruleEnd ? 'R' : end < ruleEnd ? '<' : '>';
    const n = String(Math.min(added, 4));
    const feats = [
      `rule=${rule}`,
      `n=${n}`,
      `rule+n=${rule}|${n}`,
      `first=${first}`,
      `last=${last}`,
      `next=${next}`,
      `last+next=${last}|${next}`,
      `nc=${nextStartsContent}|${contentAfter}`,
      `nc+last=${nextStartsContent}|${last}`,
      `w-last=${added > 0 ? word(end - 1) : '-'}`,
      `w-next=${word(end)}`,
      `cue+first=${cueLemma}|${first}`,
      `cue+last=${cueLemma}|${last}|${n}`,
      `cue+next=${cueLemma}|${next}`,
      `cue+wlast=${cueLemma}|${added > 0 ? word(end - 1) : '-'}`,
      `nv=${Math.min(nouns, 2)}|${Math.min(verbs, 1)}|${contentAfter}`,
      `ca+n=${contentAfter}|${n}`,
      `ca+last=${contentAfter}|${last}`,
      `p-last+p-next=${added > 0 ? pos(end - 1) : '-'}|${pos(end)}`,
    ];
    out.push({ end, features: hashFeatures(feats) });
  }
  return out;
}

/** The best-scoring candidate's end. */
export function bestCueEnd(p: AveragedPerceptron, candidates: CueEndCandidate[]): number {
  return bestCandidate(p, candidates).end;
}

/** The shipped cue-end model; null when absent or out of date (the rules decide then). */
export const defaultCueEndModel = cueEndModel.get;
