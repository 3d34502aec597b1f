/**
 * Timelines per actor and per pair of actors: what they said and did, and to
 * whom, in date order, each entry pointing back at its article.
 */
import type { Analysis } from '../analysis.js';
import type { ActorIndex } from './actors.js';

export type TimelineEntry =
  | { kind: 'statement'; date: string | null; article: string; attribution: string; text: string }
  | { kind: 'event'; date: string | null; article: string; event: string; type: string; role: 'source' | 'target'; counterparts: string[] };

export interface PairEntry {
  date: string | null;
  article: string;
  event: string;
  type: string;
  /** The actor that acted; the other is the target. */
  source: string;
  target: string;
}

function byDate<T extends { date: string | null; article: string }>(a: T, b: T): number {
  return (a.date ?? '').localeCompare(b.date ?? '') || a.article.localeCompare(b.article);
}

/** Everything one actor said or did, or had done to it. */
export function actorTimeline(actor: string, analyses: Analysis[], actors: ActorIndex): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const a of analyses) {
    const id = a.article.id;
    const of = (e: string): string | null => actors.actorOf(id, e);
    for (const at of a.attributions) {
      const speaker = at.speaker?.entity ? of(at.speaker.entity) : at.speaker ? actors.resolveName(at.speaker.mention.text, id) : null;
      if (speaker === actor) out.push({ kind: 'statement', date: a.article.published, article: id, attribution: at.id, text: at.content.text });
    }
    for (const ev of a.events) {
      const date = ev.date?.value ?? a.article.published;
      const source = ev.source.map(of).filter((x): x is string => x !== null);
      const target = ev.target.map(of).filter((x): x is string => x !== null);
      if (source.includes(actor)) out.push({ kind: 'event', date, article: id, event: ev.id, type: ev.type, role: 'source', counterparts: target.filter((t) => t !== actor) });
      else if (target.includes(actor)) out.push({ kind: 'event', date, article: id, event: ev.id, type: ev.type, role: 'target', counterparts: source });
    }
  }
  return out.sort(byDate);
}

/** Events between two actors, either way round. */
export function pairTimeline(a: string, b: string, analyses: Analysis[], actors: ActorIndex): PairEntry[] {
  const out: PairEntry[] = [];
  for (const an of analyses) {
    const id = an.article.id;
    const of = (e: string): string | null => actors.actorOf(id, e);
    for (const ev of an.events) {
      const source = new Set(ev.source.map(of));
      const target = new Set(ev.target.map(of));
      const date = ev.date?.value ?? an.article.published;
      if (source.has(a) && target.has(b)) out.push({ date, article: id, event: ev.id, type: ev.type, source: a, target: b });
      else if (source.has(b) && target.has(a)) out.push({ date, article: id, event: ev.id, type: ev.type, source: b, target: a });
    }
  }
  return out.sort(byDate);
}

/** Per actor pair, how many events joined them (either direction): the network's edges. */
export function actorNetwork(analyses: Analysis[], actors: ActorIndex): Array<{ a: string; b: string; events: number; first: string | null; last: string | null }> {
  const edges = new Map<string, { a: string; b: string; events: number; first: string | null; last: string | null }>();
  for (const an of analyses) {
    const id = an.article.id;
    for (const ev of an.events) {
      const date = ev.date?.value ?? an.article.published;
      for (const s of ev.source) {
        for (const t of ev.target) {
          const x = actors.actorOf(id, s);
          const y = actors.actorOf(id, t);
          if (!x || !y || x === y) continue;
          const [a, b] = x < y ? [x, y] : [y, x];
          const key = `${a} ${b}`;
          let e = edges.get(key);
          if (!e) edges.set(key, (e = { a, b, events: 0, first: date, last: date }));
          e.events++;
          if (date && (!e.first || date < e.first)) e.first = date;
          if (date && (!e.last || date > e.last)) e.last = date;
        }
      }
    }
  }
  return [...edges.values()].sort((x, y) => y.events - x.events);
}
