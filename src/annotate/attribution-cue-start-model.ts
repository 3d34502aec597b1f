/**
 * Learned cue starts: how far a cue runs left of its head word. PolNeAR cues
 * carry auxiliaries, negation and adverbs ("has also said", "did not
 * respond"), and sometimes more ("is steering clear of criticizing", "has a
 * new campaign ad hitting", "'s sought"); the rules take the auxiliaries,
 * particles and adverbs next to the head, and an averaged perceptron ranks the
 * token starts between the source (or the sentence start) and the head, with
 * the rules' start as one of its features. Trained on PolNeAR train:
 * `npx tsx train/attribution-cue-start.ts` (see models/attribution-cue-start.md).
 */
import { fileURLToPath } from 'node:url';
import type { Doc, Sentence, Span } from '../doc/doc.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import { bestCandidate, cueBarrier, hashFeatures, quotesIn, rankerModel, sentenceReader } from './attribution-ranker.js';
import type { TokenTags } from './attribution-tags.js';
import type { Quote } from './quotes.js';

export const cueStartModel = rankerModel({
  path: fileURLToPath(new URL('../../models/attribution-cue-start.bin.gz', import.meta.url)),
  kind: 'fivew-attribution-cue-start',
  version: 1,
  parts: ['start'],
  assemble: ({ start }) => start,
});

export interface CueStartCandidate {
  /** First cue token. */
  start: number;
  features: Uint32Array;
}

export interface CueStartInput {
  doc: Doc;
  tags: TokenTags;
  quotes: Quote[];
  sentence: Sentence;
  /** The cue head's first token. */
  head: number;
  /** The rules' start. */
  ruleStart: number;
  content: Span[];
  source: Span | null;
  cueLemma: string;
}

/** How many tokens before the head a cue may start. */
const MAX_LEAD = 6;

function kind(word: string, pos: string): string {
  if (/^(to|not|n't|also|has|have|had|is|are|was|were|be|been|will|would|could|can|may|might|should|must|did|does|do|'s|when|as|and|but|,)$/.test(word)) return word;
  return pos;
}

/** Every place the cue could start, each with its features; the rules' start is always among them. */
export function cueStartCandidates(input: CueStartInput): CueStartCandidate[] {
  const { doc, tags, quotes, sentence: s, head, ruleStart, content, source, cueLemma } = input;
  const toks = doc.tokens;
  const { word, pos } = sentenceReader(doc, tags, s, '<s>', '<s>');
  const blocked = cueBarrier(doc, quotesIn(quotes, s), content, source);
  const starts = new Set<number>([ruleStart, head]);
  for (let k = head - 1; k >= s.tokenStart && head - k <= MAX_LEAD; k--) {
    if (blocked(k) || /^[.,;:!?—―()"“”]$/.test(toks[k]!.text)) break;
    starts.add(k);
  }
  const sourceAdjacent = source !== null && source.end <= toks[head]!.start ? 'S' : '-';
  const out: CueStartCandidate[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    const added = head - start;
    const first = added > 0 ? kind(word(start), pos(start)) : '-';
    const before = kind(word(start - 1), pos(start - 1));
    const touchesSource = source !== null && start > s.tokenStart && toks[start - 1]!.end <= source.end && toks[start - 1]!.end > source.start ? 'T' : '-';
    let verbs = 0;
    let nouns = 0;
    for (let k = start; k < head; k++) {
      if (tags.upos[k] === 'VERB') verbs++;
      if (tags.upos[k] === 'NOUN' || tags.upos[k] === 'PROPN' || tags.upos[k] === 'PRON') nouns++;
    }
    const rule = start === ruleStart ? 'R' : start < ruleStart ? '<' : '>';
    const n = String(Math.min(added, 4));
    const feats = [
      `rule=${rule}`,
      `n=${n}`,
      `rule+n=${rule}|${n}`,
      `first=${first}`,
      `before=${before}`,
      `first+before=${first}|${before}`,
      `w-first=${added > 0 ? word(start) : '-'}`,
      `w-before=${word(start - 1)}`,
      `p=${pos(start - 1)}|${added > 0 ? pos(start) : '-'}`,
      `src=${sourceAdjacent}|${touchesSource}`,
      `src+first=${touchesSource}|${first}`,
      `nv=${Math.min(nouns, 2)}|${Math.min(verbs, 2)}`,
      `nv+rule=${Math.min(nouns, 1)}|${Math.min(verbs, 1)}|${rule}`,
      `cue+first=${cueLemma}|${first}`,
      `cue+n=${cueLemma}|${n}`,
      `sent=${start === s.tokenStart ? 'S' : '-'}`,
    ];
    out.push({ start, features: hashFeatures(feats) });
  }
  return out;
}

/** The best-scoring candidate's start. */
export function bestCueStart(p: AveragedPerceptron, candidates: CueStartCandidate[]): number {
  return bestCandidate(p, candidates).start;
}

/** The shipped cue-start model; null when absent or out of date (the rules decide then). */
export const defaultCueStartModel = cueStartModel.get;
