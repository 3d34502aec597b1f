/**
 * The PETRARCH CAMEO verb-pattern dictionary (CAMEO.2.0.txt format), read
 * at run time from the user's file, and a coder that uses it to refine or
 * add CAMEO codes on top of our own events.
 *
 * Format: "&SET" blocks of "+WORD" synonyms; verb blocks opened by
 * "---  NAME   [code]  ---", listing verbs ("MEET {MEETS MET MEETING}",
 * optionally with their own "[code]"; "+MEET_WITH" for phrasal verbs) and
 * patterns "- before * after [code]" where words may be &SETs, {noun
 * phrases} or (prepositional phrases). We match patterns as ordered word
 * sequences near the verb, which is cruder than PETRARCH's parse-tree
 * matching but needs no constituency parse.
 */
import { readFileSync } from 'node:fs';
import type { Doc } from '../../doc/doc.js';
import type { Analysis, EventRecord } from '../../analysis.js';
import { ploverOfCameo, quadClass } from './ontology.js';

interface Pattern {
  before: string[][];
  after: string[][];
  code: string;
}

interface VerbBlock {
  code: string | null;
  patterns: Pattern[];
}

export interface VerbDictionary {
  /** Upper-case verb form (or "MEET WITH") → its block and its own default code. */
  forms: Map<string, { block: VerbBlock; code: string | null }>;
  sets: Map<string, string[]>;
  /** Longest phrasal form in words. */
  longest: number;
}

function codeOf(text: string): string | null {
  const m = /\[([^\]]*)\]/.exec(text);
  if (!m) return null;
  const parts = m[1]!.split(':').map((p) => p.trim());
  const code = parts.find((p) => /^\d{2,4}$/.test(p));
  return code ?? (parts.includes('---') ? '---' : null);
}

/** Regular inflections PETRARCH generates for verbs listed without irregular forms. */
function inflect(base: string): string[] {
  const out = [base];
  if (/(?:S|SH|CH|X|Z)$/.test(base)) out.push(`${base}ES`);
  else if (/[^AEIOU]Y$/.test(base)) out.push(`${base.slice(0, -1)}IES`);
  else out.push(`${base}S`);
  if (base.endsWith('E')) out.push(`${base}D`, `${base.slice(0, -1)}ING`);
  else if (/[^AEIOU]Y$/.test(base)) out.push(`${base.slice(0, -1)}IED`, `${base}ING`);
  else {
    out.push(`${base}ED`, `${base}ING`);
    // Doubled final consonant: "ATTACK" no, "BAN" → BANNED.
    if (/^[^AEIOU]*[AEIOU][BDGLMNPRT]$/.test(base)) out.push(`${base}${base.slice(-1)}ED`, `${base}${base.slice(-1)}ING`);
  }
  return out;
}

function words(phrase: string): string[] {
  return phrase.replace(/_+$/, '').split('_').filter(Boolean);
}

/** Split a pattern side into elements; each element is a sequence of words ({…} and (…) stay together). */
function elements(side: string): string[][] {
  const out: string[][] = [];
  for (const m of side.matchAll(/[{(]([^})]*)[})]|(\S+)/g)) {
    const raw = (m[1] ?? m[2] ?? '').replace(/[$+%^|]/g, ' ').trim();
    if (!raw) continue;
    const seq = raw.split(/\s+/).filter((w) => w && w !== '/' && !/^[<>]/.test(w));
    if (seq.length > 0) out.push(seq);
  }
  return out;
}

export function parseVerbDictionary(text: string): VerbDictionary {
  const sets = new Map<string, string[]>();
  const forms = new Map<string, { block: VerbBlock; code: string | null }>();
  let block: VerbBlock | null = null;
  let set: string[] | null = null;
  let inVerbs = false;
  let longest = 1;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trimEnd();
    if (/^####### VERB PATTERNS/.test(raw)) inVerbs = true;
    if (!line.trim()) continue;
    if (!inVerbs) {
      const s = /^&(\S+)/.exec(line);
      if (s) {
        set = [];
        sets.set(`&${s[1]!}`, set);
      } else if (set && line.startsWith('+')) set.push(line.slice(1).trim());
      continue;
    }
    const header = /^---\s+\S+\s+(\[[^\]]*\])\s+---/.exec(line);
    if (header) {
      block = { code: codeOf(header[1]!), patterns: [] };
      continue;
    }
    if (!block) continue;
    if (line.startsWith('-')) {
      const code = codeOf(line);
      const body = line.slice(1).replace(/\[[^\]]*\]/, '').trim();
      const star = body.indexOf('*');
      if (!code || star < 0) continue;
      block.patterns.push({ before: elements(body.slice(0, star)), after: elements(body.slice(star + 1)), code });
      continue;
    }
    // A verb line: "MEET {MEETS MET MEETING} [code]" or "+MEET_WITH {+MET_WITH …}".
    const own = codeOf(line);
    const main = /^\+?(\S+)/.exec(line)?.[1] ?? '';
    const irregular = /\{([^}]*)\}/.exec(line)?.[1]?.split(/\s+/).filter(Boolean).map((w) => w.replace(/^\+/, '')) ?? [];
    const baseWords = words(main);
    if (baseWords.length === 0) continue;
    const variants = irregular.length > 0 ? [main, ...irregular] : baseWords.length === 1 ? inflect(baseWords[0]!) : inflect(baseWords[0]!).map((v) => [v, ...baseWords.slice(1)].join('_'));
    for (const v of variants) {
      const key = words(v).join(' ');
      longest = Math.max(longest, key.split(' ').length);
      if (!forms.has(key)) forms.set(key, { block, code: own });
    }
  }
  return { forms, sets, longest };
}

export function loadVerbDictionary(path: string): VerbDictionary {
  return parseVerbDictionary(readFileSync(path, 'utf8'));
}

function wordMatches(dict: VerbDictionary, want: string, token: string): boolean {
  if (want.startsWith('&')) return (dict.sets.get(want) ?? []).some((w) => wordMatches(dict, w, token));
  const exact = want.endsWith('_');
  const w = want.replace(/_+$/, '');
  // Dictionary words are stems unless they end in "_".
  return exact || w.length < 4 ? token === w : token.startsWith(w);
}

/** Do the elements occur in order in the token list (gaps allowed between elements, not inside one)? */
function inOrder(dict: VerbDictionary, elems: string[][], tokens: string[]): boolean {
  let at = 0;
  for (const seq of elems) {
    let found = -1;
    for (let i = at; i + seq.length <= tokens.length && found < 0; i++) {
      if (seq.every((w, k) => wordMatches(dict, w, tokens[i + k]!))) found = i;
    }
    if (found < 0) return false;
    at = found + seq.length;
  }
  return true;
}

/** The CAMEO code of the verb at a token span, given the words around it; null when none or "---". */
export function verbCode(dict: VerbDictionary, verb: string, before: string[], after: string[]): string | null {
  return verbMatch(dict, verb, before, after)?.code ?? null;
}

/** The code and whether a pattern (not just the verb's default) gave it. */
export function verbMatch(dict: VerbDictionary, verb: string, before: string[], after: string[]): { code: string; specific: boolean } | null {
  const entry = dict.forms.get(verb);
  if (!entry) return null;
  let best: Pattern | null = null;
  let bestSize = 0;
  for (const p of entry.block.patterns) {
    const size = p.before.length + p.after.length;
    if (size <= bestSize) continue;
    if (inOrder(dict, p.after, after) && inOrder(dict, p.before, before)) {
      best = p;
      bestSize = size;
    }
  }
  const code = best?.code ?? entry.code ?? entry.block.code;
  return code && code !== '---' ? { code, specific: best !== null } : null;
}

const WINDOW = 10;

/** The mentions ending a stretch of text joined only by commas and "and"/"or": "The US, Russia, and Switzerland". */
function coordinated(text: string, before: Array<{ id: string; start: number; end: number }>): string[] {
  if (before.length === 0) return [];
  const run = [before[before.length - 1]!];
  for (let k = before.length - 2; k >= 0; k--) {
    const gap = text.slice(before[k]!.end, run[0]!.start);
    if (!/^\s*(?:,\s*)?(?:(?:and|or)\s+)?(?:the\s+)?$/i.test(gap) || gap.trim() === '') break;
    run.unshift(before[k]!);
  }
  return [...new Set(run.map((m) => m.id))];
}

/**
 * Our events with CAMEO codes refined by the verb dictionary, plus events
 * for dictionary verbs we had not coded (source: the nearest actor before
 * the verb, target: the first after it; swapped for passives).
 */
export function recodeWithVerbs(doc: Doc, analysis: Analysis, dict: VerbDictionary): EventRecord[] {
  const events = analysis.events.map((e) => ({ ...e }));
  const actorMentions = analysis.entities
    .filter((e) => e.country || e.sector)
    .flatMap((e) => e.mentions.map((m) => ({ id: e.id, start: m.start, end: m.end })))
    .sort((a, b) => a.start - b.start);
  let next = events.length + 1;
  for (const s of doc.sentences) {
    const toks = doc.tokens.slice(s.tokenStart, s.tokenEnd);
    const upper = toks.map((t) => t.text.toUpperCase().replace(/[’']/g, "'"));
    for (let i = 0; i < toks.length; i++) {
      const upos = doc.syntax?.upos[s.tokenStart + i];
      if (upos && upos !== 'VERB') continue;
      let n = Math.min(dict.longest, toks.length - i);
      let key = '';
      for (; n >= 1; n--) {
        key = upper.slice(i, i + n).join(' ');
        if (dict.forms.has(key)) break;
      }
      if (n < 1) continue;
      const match = verbMatch(dict, key, upper.slice(Math.max(0, i - WINDOW), i), upper.slice(i + n, i + n + WINDOW));
      if (!match) continue;
      const code = match.code;
      const plover = ploverOfCameo(code);
      const start = toks[i]!.start;
      const end = toks[i + n - 1]!.end;
      const mine = events.find((e) => e.trigger.start < end && start < e.trigger.end);
      const passive = i > 0 && /^(?:WAS|WERE|BEEN|BEING|IS|ARE)$/.test(upper[i - 1]!) && upper.slice(i + n, i + n + 3).includes('BY');
      const before = actorMentions.filter((m) => m.end <= start && m.start >= s.start);
      const after = actorMentions.filter((m) => m.start >= end && m.end <= s.end);
      const subject = coordinated(doc.text, before);
      const object = after.length > 0 ? [after[0]!.id] : [];
      if (mine) {
        // Fill the roles our rules left empty from the words around the verb.
        if (mine.source.length === 0) mine.source = passive ? object : subject;
        if (mine.target.length === 0) mine.target = passive ? subject : object;
        // Our phrase saw the object ("ratified … agreement"); a bare verb default knows less.
        if (!match.specific && /\s/.test(mine.trigger.text)) continue;
        // A speech act we coded from its content (an accusation, an appeal) stays verbal.
        const spoken = analysis.attributions.some((a) => a.cue.start === mine.trigger.start);
        if (spoken && (quadClass(code) === 2 || quadClass(code) === 4)) continue;
        // We turned a refused cooperation into a rejection; the verb alone would undo the negation.
        if (mine.type === 'REJECT' && quadClass(code) <= 2) continue;
        mine.cameo = code;
        if (plover) {
          mine.type = plover.type;
          mine.mode = plover.mode;
        }
        continue;
      }
      const source = passive ? object : subject;
      const target = passive ? subject : object;
      if (source.length === 0 && target.length === 0) continue;
      events.push({
        id: `v${next++}`,
        // CAMEO's public statements (01) have no PLOVER type.
        type: plover?.type ?? 'STATEMENT',
        mode: plover?.mode ?? null,
        cameo: code,
        source,
        target,
        trigger: { start, end, text: doc.text.slice(start, end) },
        location: null,
        date: null,
        status: 'asserted',
        claimedBy: null,
      });
    }
  }
  return events;
}
