/**
 * Readers for the PETRARCH / Phoenix dictionaries, so users keep their
 * curated actor lists. Files are read at run time from a path the user
 * gives; nothing of theirs ships with fivew.
 *
 * Actor files: an entry line "NAME_ [CODE]" or "NAME" followed by
 * "+ALIAS" lines and tab-indented "[CODE yymmdd-yymmdd]" lines (dated roles,
 * ">yymmdd" open-ended, "<yymmdd" ending). Agent files: "WORD [~SEC]" with
 * "!MACRO! = A, B" substitutions. Underscores join words.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export interface DatedCode {
  code: string;
  /** ISO dates bounding the role, when the file gives them. */
  from: string | null;
  to: string | null;
}

export interface ActorDictionary {
  size: number;
  /** The actor code of a phrase on a date (ISO, or null for "any"), or null. */
  lookup(phrase: string, date: string | null): string | null;
  /** Longest dictionary phrase starting at each word of a text: [start word, end word, code]. */
  findAll(words: readonly string[], date: string | null): Array<[number, number, string]>;
}

export function normalizePhrase(phrase: string): string {
  return phrase
    .toUpperCase()
    .replace(/[’']/g, "'")
    .replace(/[_\s]+/g, ' ')
    .replace(/[.,;:"“”]+$/g, '')
    .trim();
}

/** yymmdd → ISO date (PETRARCH's two-digit years: 00-49 are 20xx). */
function isoOf(yymmdd: string): string {
  const yy = Number(yymmdd.slice(0, 2));
  return `${yy < 50 ? 2000 + yy : 1900 + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

function parseCode(text: string): DatedCode[] {
  const out: DatedCode[] = [];
  for (const m of text.matchAll(/\[([~A-Z0-9]+)(?:\s+([<>]?)(\d{6})(?:-(\d{6}))?)?\]/g)) {
    const [, code, op, a, b] = m;
    let from: string | null = null;
    let to: string | null = null;
    if (a && op === '>') from = isoOf(a);
    else if (a && op === '<') to = isoOf(a);
    else if (a) {
      from = isoOf(a);
      to = b ? isoOf(b) : null;
    }
    out.push({ code: code!.replace(/^~/, ''), from, to });
  }
  return out;
}

/** Parse the text of one actor file into phrase → dated codes. */
export function parseActorFile(text: string, into = new Map<string, DatedCode[]>()): Map<string, DatedCode[]> {
  let names: string[] = [];
  let codes: DatedCode[] = [];
  const flush = (): void => {
    if (names.length > 0 && codes.length > 0) for (const n of names) if (!into.has(n)) into.set(n, codes);
    names = [];
    codes = [];
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/#.*$/, '').replace(/\s+$/, '');
    if (!line.trim()) continue;
    if (/^\s*\[/.test(line)) {
      codes.push(...parseCode(line));
      continue;
    }
    if (line.startsWith('+')) {
      const alias = normalizePhrase(line.slice(1).replace(/\[.*$/, ''));
      if (alias) names.push(alias);
      codes.push(...parseCode(line));
      continue;
    }
    if (/^\s/.test(line) || line.startsWith('!')) continue;
    flush();
    const name = normalizePhrase(line.replace(/\[.*$/, ''));
    if (name) names.push(name);
    codes.push(...parseCode(line));
  }
  flush();
  return into;
}

/** Parse an agent file into phrase → sector code ("AMBASSADOR" → "GOV"). */
export function parseAgentFile(text: string): Map<string, string> {
  const macros = new Map<string, string[]>();
  const out = new Map<string, string>();
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const macro = /^(![A-Z]+!)\s*=\s*(.+)$/.exec(line);
    if (macro) {
      macros.set(macro[1]!, macro[2]!.split(',').map((w) => w.trim()));
      continue;
    }
    const m = /^([^[]+?)\s*\[~?([A-Z]+)\]/.exec(line);
    if (!m) continue;
    let forms = [m[1]!.replace(/\{\}/g, '').trim()];
    for (const [k, vs] of macros) forms = forms.flatMap((f) => (f.includes(k) ? vs.map((v) => f.replace(k, v)) : [f]));
    for (const f of forms) out.set(normalizePhrase(f), m[2]!);
  }
  return out;
}

function pick(codes: DatedCode[], date: string | null): string | null {
  if (codes.length === 0) return null;
  if (date) {
    const d = date.slice(0, 10);
    const live = codes.find((c) => (c.from === null || c.from <= d) && (c.to === null || d <= c.to));
    if (live) return live.code;
    // Out of office on that date: still of the country, no longer its government.
    if (codes.every((c) => c.from !== null || c.to !== null)) return codes[codes.length - 1]!.code.slice(0, 3);
  }
  // Undated: the code without dates, else the latest role.
  return (codes.find((c) => c.from === null && c.to === null) ?? codes[codes.length - 1]!).code;
}

export function actorDictionary(entries: Map<string, DatedCode[]>): ActorDictionary {
  let longest = 1;
  for (const k of entries.keys()) longest = Math.max(longest, k.split(' ').length);
  return {
    size: entries.size,
    lookup(phrase, date) {
      const key = normalizePhrase(phrase.replace(/^the\s+/i, ''));
      return pick(entries.get(key) ?? entries.get(`THE ${key}`) ?? [], date);
    },
    findAll(words, date) {
      const upper = words.map((w) => normalizePhrase(w));
      const out: Array<[number, number, string]> = [];
      for (let i = 0; i < upper.length; i++) {
        for (let n = Math.min(longest, upper.length - i); n >= 1; n--) {
          const codes = entries.get(upper.slice(i, i + n).join(' '));
          const code = codes ? pick(codes, date) : null;
          if (code) {
            out.push([i, i + n, code]);
            i += n - 1;
            break;
          }
        }
      }
      return out;
    },
  };
}

function isoOf8(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Parse CountryInfo.txt: per <Country>, its name, nationality adjectives,
 * capital and major cities code as the country; leaders listed under
 * <Leaders> code as its government for their dated terms
 * ("[20011222 - 20141229]", "[>20011222]").
 */
export function parseCountryInfo(text: string, into = new Map<string, DatedCode[]>()): Map<string, DatedCode[]> {
  const add = (name: string, code: DatedCode): void => {
    const key = normalizePhrase(name);
    if (!key) return;
    const list = into.get(key);
    if (!list) into.set(key, [code]);
    else if (!list.some((c) => c.code === code.code && c.from === code.from && c.to === code.to)) list.push(code);
  };
  for (const block of text.split('<Country>').slice(1)) {
    const code = /<CountryCode>\s*([A-Z]{3})\s*<\/CountryCode>/.exec(block)?.[1];
    if (!code) continue;
    const country: DatedCode = { code, from: null, to: null };
    const name = /<CountryName>([^<]+)<\/CountryName>/.exec(block)?.[1];
    if (name) add(name, country);
    for (const tag of ['Nationality', 'Capital', 'MajorCities']) {
      const body = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(block)?.[1] ?? '';
      for (const line of body.split('\n')) {
        const phrase = line.replace(/#.*$/, '').replace(/\[.*$/, '').trim();
        if (phrase) add(phrase, country);
      }
    }
    const leaders = /<Leaders>([\s\S]*?)<\/Leaders>/.exec(block)?.[1] ?? '';
    for (const line of leaders.split('\n')) {
      const m = /^\s*([A-Z][A-Z_.'\-]+?)_*\s+\[\s*(>?)(\d{8})(?:\s*-\s*(\d{8}))?\s*\]/.exec(line);
      if (!m) continue;
      const from = isoOf8(m[3]!);
      const to = m[2] === '>' || !m[4] ? null : isoOf8(m[4]);
      const full = m[1]!;
      add(full, { code: `${code}GOV`, from, to });
    }
  }
  return into;
}

const compactSchema = z.object({ format: z.literal('fivew-actors-1'), entries: z.record(z.string(), z.array(z.tuple([z.string(), z.string().nullable(), z.string().nullable()]))) });

/** Our compact JSON form of a dictionary (what `fivew actors import-dict --out` writes). */
export function toCompactJson(entries: Map<string, DatedCode[]>): string {
  const out: Record<string, Array<[string, string | null, string | null]>> = {};
  for (const [k, codes] of [...entries.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out[k] = codes.map((c) => [c.code, c.from, c.to]);
  return JSON.stringify({ format: 'fivew-actors-1', entries: out });
}

/** Read actor files into one phrase table: Phoenix/PETRARCH actor lists, CountryInfo.txt or our compact JSON, told apart by content. */
export function readActorEntries(paths: readonly string[]): Map<string, DatedCode[]> {
  const entries = new Map<string, DatedCode[]>();
  for (const p of paths) {
    const text = readFileSync(p, 'utf8');
    if (text.trimStart().startsWith('{')) {
      const parsed = compactSchema.parse(JSON.parse(text));
      for (const [k, codes] of Object.entries(parsed.entries)) if (!entries.has(k)) entries.set(k, codes.map(([code, from, to]) => ({ code, from, to })));
    } else if (text.includes('<CountryCode>')) parseCountryInfo(text, entries);
    else parseActorFile(text, entries);
  }
  return entries;
}

export function loadActorDictionary(paths: readonly string[]): ActorDictionary {
  return actorDictionary(readActorEntries(paths));
}
