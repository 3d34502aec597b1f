/**
 * `fivew eval ud --data FILE.conllu`: tagger and parser scores on a UD
 * treebank.
 *
 * Gold tokenisation: UPOS/XPOS accuracy, UAS and LAS over the treebank's
 * own words. Raw text: each document's text is rebuilt from the treebank
 * (words, SpaceAfter, paragraph breaks), run through our own Doc
 * tokenisation and sentence splitting, and system words are aligned to gold
 * words by character span, as the CoNLL 2018 shared task evaluation does;
 * LAS F1 counts a word correct when its span, its head's span and its
 * universal label all match. LAS ignores label subtypes (as CoNLL 2018);
 * `lasFull` keeps them.
 */
import { createDoc } from '../doc/doc.js';
import { toOriginalOffset } from '../doc/normalize.js';
import { syntaxModelsFrom, parseWords, sentenceWords, type SyntaxModels } from '../annotate/syntax.js';
import { readConllu, wordSpans, type ConlluSentence } from '../models/conllu.js';
import { universal } from '../models/ud-train.js';
import type { EvalTask } from './tasks.js';
import { precisionRecallF1 } from './metrics.js';
import { cpuSecondsSince } from '../cpu-time.js';

interface GoldWord {
  start: number;
  end: number;
  head: number;
  deprel: string;
  upos: string;
}

interface GoldDocument {
  text: string;
  words: GoldWord[];
  sentences: Array<[number, number]>;
  /** Surface tokens (multiword tokens count once). */
  tokens: Array<[number, number]>;
}

export interface GoldTokenScores {
  words: number;
  upos: number;
  xpos: number;
  uas: number;
  las: number;
  lasFull: number;
  tokensPerSecond: number;
  /** Per second of this process's CPU time: the one-core rate even when the machine is shared. */
  tokensPerCpuSecond: number;
}

export interface RawTextScores {
  tokensF1: number;
  wordsF1: number;
  sentencesF1: number;
  uposF1: number;
  uasF1: number;
  lasF1: number;
  /** How our words relate to gold: wink tokens we split (I|'m) or merged (URLs). */
  splits: number;
  merges: number;
  tokensPerSecond: number;
  tokensPerCpuSecond: number;
}

function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((10000 * n) / d) / 100;
}

/** F1 in percent, two decimals. */
function f1(correct: number, system: number, gold: number): number {
  return Math.round(10000 * precisionRecallF1(correct, system, gold).f1) / 100;
}

export function scoreGoldTokens(sentences: ConlluSentence[], models: SyntaxModels): GoldTokenScores {
  let n = 0;
  let upos = 0;
  let xpos = 0;
  let uas = 0;
  let las = 0;
  let full = 0;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const s of sentences) {
    const forms = s.words.map((w) => w.form);
    const r = parseWords(forms, models);
    s.words.forEach((w, i) => {
      n++;
      const tag = r.tags[i]!;
      if (models.tagger.upos[tag] === w.upos) upos++;
      if (models.tagger.xpos[tag] === w.xpos) xpos++;
      if (r.heads[i] !== w.head) return;
      uas++;
      if (universal(r.deprels[i]!) === universal(w.deprel)) las++;
      if (r.deprels[i] === w.deprel) full++;
    });
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = cpuSecondsSince(cpu);
  return {
    words: n,
    upos: pct(upos, n),
    xpos: pct(xpos, n),
    uas: pct(uas, n),
    las: pct(las, n),
    lasFull: pct(full, n),
    tokensPerSecond: Math.round(n / seconds),
    tokensPerCpuSecond: Math.round(n / cpuSeconds),
  };
}

/** Rebuild each document's text with gold word, token and sentence spans. */
export function goldDocuments(sentences: ConlluSentence[]): GoldDocument[] {
  const docs: GoldDocument[] = [];
  let doc: GoldDocument | null = null;
  for (const s of sentences) {
    if (!doc || s.newDoc) {
      doc = { text: '', words: [], sentences: [], tokens: [] };
      docs.push(doc);
    } else {
      doc.text += s.newPar ? '\n\n' : ' ';
    }
    const { text, spans } = wordSpans(s);
    const base = doc.text.length;
    const first = doc.words.length;
    s.words.forEach((w, i) => {
      doc!.words.push({ start: base + spans[i]![0], end: base + spans[i]![1], head: w.head < 0 ? -1 : first + w.head, deprel: w.deprel, upos: w.upos });
    });
    const inMwt = new Set<number>();
    for (const m of s.multiwords) {
      doc.tokens.push([base + spans[m.first]![0], base + spans[m.last]![1]]);
      for (let k = m.first; k <= m.last; k++) inMwt.add(k);
    }
    spans.forEach((sp, i) => {
      if (!inMwt.has(i)) doc!.tokens.push([base + sp[0], base + sp[1]]);
    });
    doc.sentences.push([base, base + text.length]);
    doc.text += text;
  }
  return docs;
}

function countMatches(system: Array<[number, number]>, gold: Array<[number, number]>): number {
  const keys = new Set(gold.map(([a, b]) => `${a}:${b}`));
  return system.filter(([a, b]) => keys.has(`${a}:${b}`)).length;
}

export function scoreRawText(sentences: ConlluSentence[], models: SyntaxModels): RawTextScores {
  const totals = { sysWords: 0, goldWords: 0, words: 0, sysTokens: 0, goldTokens: 0, tokens: 0, sysSents: 0, goldSents: 0, sents: 0, upos: 0, uas: 0, las: 0, splits: 0, merges: 0 };
  let elapsed = 0;
  let cpuSeconds = 0;
  for (const gold of goldDocuments(sentences)) {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const doc = createDoc(gold.text);
    const orig = (offset: number) => toOriginalOffset(doc.normalization, offset);
    const sysWords: Array<{ start: number; end: number; head: number; deprel: string; upos: string }> = [];
    for (const sentence of doc.sentences) {
      const words = sentenceWords(doc, sentence);
      if (words.length === 0) continue;
      const r = parseWords(words.map((w) => w.form), models);
      const base = sysWords.length;
      words.forEach((w, k) => {
        if (w.tokenEnd - w.tokenStart > 1) totals.merges++;
        else if (k > 0 && words[k - 1]!.tokenStart === w.tokenStart) totals.splits++;
        sysWords.push({ start: orig(w.start), end: orig(w.end), head: r.heads[k]! < 0 ? -1 : base + r.heads[k]!, deprel: r.deprels[k]!, upos: models.tagger.upos[r.tags[k]!]! });
      });
    }
    elapsed += Number(process.hrtime.bigint() - started) / 1e9;
    cpuSeconds += cpuSecondsSince(cpu);
    const goldIndex = new Map(gold.words.map((w, i) => [`${w.start}:${w.end}`, i]));
    const sysToGold = sysWords.map((w) => goldIndex.get(`${w.start}:${w.end}`) ?? -1);
    totals.sysWords += sysWords.length;
    totals.goldWords += gold.words.length;
    sysWords.forEach((w, i) => {
      const g = sysToGold[i]!;
      if (g < 0) return;
      totals.words++;
      const gw = gold.words[g]!;
      if (w.upos === gw.upos) totals.upos++;
      const headOk = w.head < 0 ? gw.head < 0 : gw.head >= 0 && sysToGold[w.head] === gw.head;
      if (!headOk) return;
      totals.uas++;
      if (universal(w.deprel) === universal(gw.deprel)) totals.las++;
    });
    const sysTokens = doc.tokens.map((t): [number, number] => [orig(t.start), orig(t.end)]);
    totals.sysTokens += sysTokens.length;
    totals.goldTokens += gold.tokens.length;
    totals.tokens += countMatches(sysTokens, gold.tokens);
    const sysSents = doc.sentences.map((s): [number, number] => [orig(s.start), orig(s.end)]);
    totals.sysSents += sysSents.length;
    totals.goldSents += gold.sentences.length;
    totals.sents += countMatches(sysSents, gold.sentences);
  }
  const t = totals;
  return {
    tokensF1: f1(t.tokens, t.sysTokens, t.goldTokens),
    wordsF1: f1(t.words, t.sysWords, t.goldWords),
    sentencesF1: f1(t.sents, t.sysSents, t.goldSents),
    uposF1: f1(t.upos, t.sysWords, t.goldWords),
    uasF1: f1(t.uas, t.sysWords, t.goldWords),
    lasF1: f1(t.las, t.sysWords, t.goldWords),
    splits: t.splits,
    merges: t.merges,
    tokensPerSecond: Math.round(t.sysWords / elapsed),
    tokensPerCpuSecond: Math.round(t.sysWords / cpuSeconds),
  };
}

export const udEvalTask: EvalTask = {
  name: 'ud',
  description: 'POS tagging and dependency parsing on a UD treebank (gold tokens and raw text)',
  async run(options) {
    let sentences = readConllu(options.data);
    const limit = typeof options.flags.limit === 'string' ? Number(options.flags.limit) : undefined;
    if (limit && limit > 0) sentences = sentences.slice(0, limit);
    const path = (flag: string) => (typeof options.flags[flag] === 'string' ? (options.flags[flag] as string) : undefined);
    // --tagger/--parser: score model files under development without replacing the shipped ones.
    const models = syntaxModelsFrom({ tagger: path('tagger'), parser: path('parser') });
    options.progress(0, 2);
    const goldTokens = scoreGoldTokens(sentences, models);
    options.progress(1, 2);
    const rawText = scoreRawText(sentences, models);
    options.progress(2, 2);
    const g = goldTokens;
    const r = rawText;
    const text = [
      `UD evaluation on ${options.data} (${sentences.length} sentences, ${g.words} words)`,
      `gold tokens: UPOS ${g.upos}%  XPOS ${g.xpos}%  UAS ${g.uas}%  LAS ${g.las}%  (LAS with subtypes ${g.lasFull}%)`,
      `             tagger+parser ${g.tokensPerSecond.toLocaleString('en-US')} words/s, ${g.tokensPerCpuSecond.toLocaleString('en-US')} words/CPU-s`,
      `raw text:    tokens F1 ${r.tokensF1}%  words F1 ${r.wordsF1}%  sentences F1 ${r.sentencesF1}%  UPOS F1 ${r.uposF1}%  UAS F1 ${r.uasF1}%  LAS F1 ${r.lasF1}%`,
      `             ${r.splits} wink tokens split into UD words, ${r.merges} URL/punctuation merges; ${r.tokensPerSecond.toLocaleString('en-US')} words/s, ${r.tokensPerCpuSecond.toLocaleString('en-US')} words/CPU-s including tokenisation`,
    ].join('\n');
    return { report: { data: options.data, sentences: sentences.length, goldTokens, rawText }, text };
  },
};
