import { describe, expect, it } from 'vitest';
import type { Analysis, EntityRecord, EventRecord } from '../src/analysis.js';
import { linkAnalyses } from '../src/corpus/build.js';
import { actorNetwork, actorTimeline, pairTimeline } from '../src/corpus/timelines.js';

const person = (id: string, name: string): EntityRecord => ({ id, type: 'PERSON', name, country: null, sector: null, roles: [], mentions: [{ start: 0, end: name.length, text: name }] });
const event = (id: string, type: string, source: string[], target: string[], date: string | null): EventRecord => ({
  id, type, mode: null, cameo: null, source, target, trigger: { start: 0, end: 1, text: 'x' },
  location: null, date: date ? { value: date, precision: 'day', text: date } : null, status: 'asserted', claimedBy: null,
});
function analysis(id: string, published: string, entities: EntityRecord[], events: EventRecord[], said: Array<[string, string]> = []): Analysis {
  return {
    article: { id, url: null, title: null, byline: null, source: null, published, language: 'en', text: '' },
    sentences: [],
    entities,
    attributions: said.map(([entity, text], i) => ({
      id: `q${i}`, kind: 'indirect', speaker: { entity, mention: { start: 0, end: 1, text: 'x' } },
      cue: { start: 0, end: 1, text: 'said', lemma: 'say', tense: 'past', negated: false }, content: { spans: [], text },
    })),
    events,
  };
}

describe('timelines', () => {
  const analyses = [
    analysis('a2', '2026-02-10', [person('e1', 'Vansk'), person('e2', 'Hamid Qorbani')], [event('v1', 'REJECT', ['e1'], ['e2'], null)], [['e1', 'the charge is false']]),
    analysis('a1', '2026-02-01', [person('e1', 'Lidia Vansk'), person('e2', 'Qorbani')], [event('v1', 'CONSULT', ['e2'], ['e1'], '2026-01-31')]),
    analysis('a3', '2026-02-12', [person('e1', 'Lidia Vansk'), person('e3', 'Omid Saberi')], [event('v1', 'CONSULT', ['e1'], ['e3'], null)]),
  ];
  const actors = linkAnalyses(analyses);
  const vansk = actors.resolveName('Lidia Vansk')!;
  const qorbani = actors.resolveName('Hamid Qorbani')!;

  it('an actor timeline holds its statements and events in date order, event dates first', () => {
    const t = actorTimeline(vansk, analyses, actors);
    expect(t.map((e) => [e.date, e.kind, 'type' in e ? e.type : e.text])).toEqual([
      ['2026-01-31', 'event', 'CONSULT'],
      ['2026-02-10', 'statement', 'the charge is false'],
      ['2026-02-10', 'event', 'REJECT'],
      ['2026-02-12', 'event', 'CONSULT'],
    ]);
  });

  it('a pair timeline keeps only events between the two, either way round', () => {
    const t = pairTimeline(vansk, qorbani, analyses, actors);
    expect(t.map((e) => [e.type, e.source === qorbani])).toEqual([['CONSULT', true], ['REJECT', false]]);
  });

  it('the network counts events per pair with first and last dates', () => {
    const edges = actorNetwork(analyses, actors);
    const vq = edges.find((e) => [e.a, e.b].includes(vansk) && [e.a, e.b].includes(qorbani));
    expect(vq).toMatchObject({ events: 2, first: '2026-01-31', last: '2026-02-10' });
    expect(edges).toHaveLength(2);
  });
});
