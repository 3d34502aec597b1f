/**
 * Learned starts of contents that come before their cue ("But in recent days
 * the president has grown exasperated, aides said", "With thousands of
 * systems, “there is no single point of failure,” he said"): PolNeAR
 * annotators drop a leading conjunction or adverbial in some sentences and
 * keep a lead-in before a quotation in others. The rules start the content at
 * the sentence start (after a dateline) or at the quotation; an averaged
 * perceptron ranks the token starts from the sentence start to a few tokens
 * into the content, with the rules' start as one of its features. Trained on
 * PolNeAR train: `npx tsx train/attribution-lead.ts` (see models/attribution-lead.md).
 */
import { fileURLToPath } from 'node:url';
import type { Doc, Sentence } from '../doc/doc.js';
import type { AveragedPerceptron } from '../models/perceptron.js';
import { bestCandidate, hashFeatures, quotesIn, rankerModel, sentenceReader } from './attribution-ranker.js';
import type { TokenTags } from './attribution-tags.js';
import type { Quote } from './quotes.js';

export const leadModel = rankerModel({
  path: fileURLToPath(new URL('../../models/attribution-lead.bin.gz', import.meta.url)),
  kind: 'fivew-attribution-lead',
  version: 1,
  parts: ['start'],
  assemble: ({ start }) => start,
});

export interface LeadCandidate {
  /** First content token. */
  start: number;
  features: Uint32Array;
}

export interface LeadInput {
  doc: Doc;
  tags: TokenTags;
  quotes: Quote[];
  sentence: Sentence;
  /** Where the sentence's own words start (after a dateline). */
  first: number;
  /** The rules' start and the content's last token + 1. */
  ruleStart: number;
  end: number;
  direct: boolean;
  cueLemma: string;
}

/** How far into the content a start may move. */
const MAX_INTO = 6;

function kind(word: string, pos: string): string {
  if (/^(but|and|so|yet|or|still|however|meanwhile|now|also|then|instead|indeed|in|on|at|with|after|before|during|since|as|while|when|if|because|although|though|that|the|a|an|,|--)$/.test(word)) return word;
  if (/^["“'‘`]+$/.test(word)) return 'quote';
  return pos;
}

/** Every place the content could start, each with its features; the rules' start is always among them. */
export function leadCandidates(input: LeadInput): LeadCandidate[] {
  const { doc, tags, quotes, sentence: s, first, ruleStart, end, direct, cueLemma } = input;
  const toks = doc.tokens;
  const { word, pos } = sentenceReader(doc, tags, s, '<s>', '<s>');
  const near = quotesIn(quotes, s);
  const inside = (k: number): boolean => near.some((q) => q.span.start < toks[k]!.start && toks[k]!.start < q.span.end);
  const starts = new Set<number>([ruleStart]);
  for (let k = first; k < end - 1 && k <= ruleStart + MAX_INTO; k++) {
    if (/^[,;:.)]$/.test(toks[k]!.text) || inside(k)) continue;
    starts.add(k);
  }
  const out: LeadCandidate[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    let commas = 0;
    for (let k = Math.min(start, ruleStart); k < Math.max(start, ruleStart); k++) if (toks[k]!.text === ',') commas++;
    const rule = start === ruleStart ? 'R' : start < ruleStart ? '<' : '>';
    const ka = kind(word(start), pos(start));
    const kb = start > first ? kind(word(start - 1), pos(start - 1)) : '<s>';
    const d = String(Math.min(Math.abs(start - ruleStart), 4));
    const dir = direct ? 'D' : 'I';
    const feats = [
      `rule=${rule}|${dir}`,
      `d=${d}|${rule}|${dir}`,
      `ka=${ka}|${dir}`,
      `kb=${kb}|${dir}`,
      `kb+ka=${kb}|${ka}`,
      `pb+pa=${pos(start - 1)}|${pos(start)}`,
      `wa=${word(start)}`,
      `c=${Math.min(commas, 2)}|${rule}`,
      `first=${start === first ? 'F' : '-'}|${dir}`,
      `first+ka=${start === first ? 'F' : '-'}|${ka}`,
      `cue+rule=${cueLemma}|${rule}`,
      `len=${Math.min(end - start, 12) > 6 ? 'long' : 'short'}|${rule}`,
    ];
    out.push({ start, features: hashFeatures(feats) });
  }
  return out;
}

/** The best-scoring candidate's start. */
export function bestLead(p: AveragedPerceptron, candidates: LeadCandidate[]): number {
  return bestCandidate(p, candidates).start;
}

/** The shipped lead model; null when absent or out of date (the rules decide then). */
export const defaultLeadModel = leadModel.get;
