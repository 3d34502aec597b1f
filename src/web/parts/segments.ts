/**
 * The article reader's layout: cut the text at every span boundary of quotes,
 * mentions and event triggers, so each piece knows what covers it. Pure, so it
 * is tested without a browser.
 */
import type { Analysis } from '../../analysis.js';

export interface Segment {
  start: number;
  end: number;
  text: string;
  /** The attribution whose content covers this piece (the innermost when they nest). */
  quote: string | null;
  /** The attribution whose speaker mention or cue this piece is. */
  quoteHead: string | null;
  entity: string | null;
  event: string | null;
}

export interface Speaker {
  /** Entity id, or the mention text for speakers the annotators did not tie to an entity. */
  id: string;
  name: string;
  colour: number;
}

export const PALETTE_SIZE = 10;

/** Speakers in order of first statement, each with its colour index. */
export function speakersOf(analysis: Pick<Analysis, 'attributions' | 'entities'>): Map<string, Speaker> {
  const names = new Map(analysis.entities.map((e) => [e.id, e.name]));
  const out = new Map<string, Speaker>();
  for (const a of [...analysis.attributions].sort((x, y) => x.cue.start - y.cue.start)) {
    const id = speakerId(a);
    if (!out.has(id)) out.set(id, { id, name: (a.speaker?.entity && names.get(a.speaker.entity)) || a.speaker?.mention.text || 'unknown speaker', colour: out.size % PALETTE_SIZE });
  }
  return out;
}

export function speakerId(a: Analysis['attributions'][number]): string {
  return a.speaker?.entity ?? `text:${a.speaker?.mention.text ?? '?'}`;
}

interface Cover {
  start: number;
  end: number;
  kind: 'quote' | 'quoteHead' | 'entity' | 'event';
  id: string;
}

export function segmentText(text: string, analysis: Pick<Analysis, 'attributions' | 'entities' | 'events'>): Segment[] {
  const covers: Cover[] = [];
  const inText = (s: { start: number; end: number }) => s.start >= 0 && s.end <= text.length && s.start < s.end;
  for (const a of analysis.attributions) {
    for (const s of a.content.spans) if (inText(s)) covers.push({ start: s.start, end: s.end, kind: 'quote', id: a.id });
    if (a.speaker && inText(a.speaker.mention) && a.speaker.mention.end - a.speaker.mention.start <= 80) covers.push({ ...a.speaker.mention, kind: 'quoteHead', id: a.id });
    if (inText(a.cue)) covers.push({ start: a.cue.start, end: a.cue.end, kind: 'quoteHead', id: a.id });
  }
  for (const e of analysis.entities) for (const m of e.mentions) if (inText(m)) covers.push({ start: m.start, end: m.end, kind: 'entity', id: e.id });
  for (const v of analysis.events) if (inText(v.trigger)) covers.push({ start: v.trigger.start, end: v.trigger.end, kind: 'event', id: v.id });

  const cuts = new Set([0, text.length]);
  for (const c of covers) cuts.add(c.start).add(c.end);
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const over = covers.filter((c) => c.start <= start && c.end >= end);
    // The narrowest cover wins when spans nest: a quote inside a quote belongs to the inner speaker.
    const pick = (kind: Cover['kind']) => over.filter((c) => c.kind === kind).sort((a, b) => a.end - a.start - (b.end - b.start))[0]?.id ?? null;
    segments.push({ start, end, text: text.slice(start, end), quote: pick('quote'), quoteHead: pick('quoteHead'), entity: pick('entity'), event: pick('event') });
  }
  return segments;
}
