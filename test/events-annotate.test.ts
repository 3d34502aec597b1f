import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDoc, type Doc } from '../src/doc/doc.js';
import type { EntityRecord } from '../src/analysis.js';
import { annotateAttributions } from '../src/annotate/attribution.js';
import { annotateActors } from '../src/annotate/actors.js';
import { annotateEvents } from '../src/annotate/events.js';

const FIXTURE = readFileSync(join(import.meta.dirname, 'fixtures/events/summit.txt'), 'utf8');

/** Entities written by hand, so these tests exercise the event rules and not the NER model. */
function entities(doc: Doc, spec: Array<[string, string, string, string[], string[]]>): EntityRecord[] {
  return spec.map(([id, type, name, forms, roles]) => {
    const mentions: Array<{ start: number; end: number; text: string }> = [];
    for (const form of forms) {
      const re = new RegExp(`\\b${form}\\b(?![a-z])`, 'g');
      for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
        const overlaps = mentions.some((x) => m!.index < x.end && x.start < m!.index + form.length);
        if (!overlaps) mentions.push({ start: m.index, end: m.index + form.length, text: form });
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    return { id, type, name, country: null, sector: null, roles, mentions };
  });
}

function run(published: string | null) {
  const doc = createDoc(FIXTURE);
  let ents = entities(doc, [
    ['e1', 'PERSON', 'Amani Odero', ['Amani Odero', 'Odero'], ['Kenyan Foreign Minister']],
    ['e2', 'PERSON', 'Dawit Bekele', ['Dawit Bekele', 'Bekele'], ['Ethiopian Prime Minister']],
    ['e3', 'GPE', 'Addis Ababa', ['Addis Ababa'], []],
    ['e4', 'GPE', 'Somalia', ['Somalia'], []],
    ['e5', 'GPE', 'Eritrea', ['Eritrea'], []],
    ['e6', 'GPE', 'Kenya', ['Kenya'], []],
    ['e7', 'GPE', 'Ethiopia', ['Ethiopia'], []],
  ]);
  const attributions = annotateAttributions(doc, ents);
  ents = annotateActors(doc, ents, attributions);
  const events = annotateEvents(doc, ents, attributions, { published });
  return { doc, ents, attributions, events };
}

describe('actor codes', () => {
  it('codes people from their titles and places by name', () => {
    const { ents } = run('2024-03-08');
    const by = new Map(ents.map((e) => [e.id, e]));
    expect(by.get('e1')).toMatchObject({ country: 'KEN', sector: 'GOV' });
    expect(by.get('e2')).toMatchObject({ country: 'ETH', sector: 'GOV' });
    expect(by.get('e4')!.country).toBe('SOM');
    expect(by.get('e3')!.country).toBe('ETH');
  });
});

describe('events on an invented report', () => {
  const { events, attributions } = run('2024-03-08');

  it('codes the meeting once, with place and the weekday before publication', () => {
    const consult = events.filter((e) => e.type === 'CONSULT' && e.cameo === '040');
    expect(consult).toHaveLength(1);
    expect(consult[0]!.source).toEqual(['e1']);
    expect(consult[0]!.target).toEqual(['e2']);
    expect(consult[0]!.location).toMatchObject({ name: 'Addis Ababa', country: 'ETH' });
    expect(consult[0]!.date).toMatchObject({ value: '2024-03-05', precision: 'day' });
    expect(consult[0]!.status).toBe('asserted');
  });

  it('codes the accusation against Somalia', () => {
    const accuse = events.find((e) => e.type === 'ACCUSE');
    expect(accuse).toBeDefined();
    expect(accuse!.source).toEqual(['e1']);
    expect(accuse!.target).toContain('e4');
    expect(accuse!.cameo!.startsWith('11')).toBe(true);
  });

  it('makes support inside a quote a claim of its speaker', () => {
    const support = events.find((e) => e.type === 'SUPPORT' && e.source.includes('e5'));
    expect(support).toBeDefined();
    expect(support!.status).toBe('claimed');
    const by = attributions.find((a) => a.id === support!.claimedBy);
    expect(by?.speaker?.entity).toBe('e2');
  });

  it('codes the appeal for wider relations as a request toward Kenya', () => {
    const request = events.find((e) => e.type === 'REQUEST');
    expect(request).toMatchObject({ source: ['e2'], target: ['e6'], status: 'asserted' });
  });

  it('marks future and negated events and gives future ones no date', () => {
    const host = events.find((e) => e.trigger.text === 'host');
    expect(host).toMatchObject({ type: 'CONSULT', status: 'future', date: null, source: ['e7'] });
    const withdraw = events.find((e) => e.trigger.text === 'withdrawn');
    expect(withdraw).toMatchObject({ type: 'RETREAT', status: 'negated', source: ['e4'] });
  });

  it('leaves dates relative without a publication date', () => {
    const consult = run(null).events.find((e) => e.type === 'CONSULT')!;
    expect(consult.date!.value).toBe('XXXX-WXX-2');
  });

  it('points every trigger at its text', () => {
    const doc = createDoc(FIXTURE);
    for (const e of events) expect(doc.text.slice(e.trigger.start, e.trigger.end)).toBe(e.trigger.text);
  });
});

describe('hypothetical events and meetings reported by a speaker', () => {
  const text = [
    'If Somalia attacks the border posts, Kenya could expel its ambassador.',
    '',
    'Amani Odero said Dawit Bekele had met with Hassan Warsame in Mogadishu on Monday.',
  ].join('\n');
  const doc = createDoc(text);
  let ents = entities(doc, [
    ['e1', 'PERSON', 'Amani Odero', ['Amani Odero'], ['Kenyan Foreign Minister']],
    ['e2', 'PERSON', 'Dawit Bekele', ['Dawit Bekele'], ['Ethiopian Prime Minister']],
    ['e3', 'PERSON', 'Hassan Warsame', ['Hassan Warsame'], ['Somali President']],
    ['e4', 'GPE', 'Somalia', ['Somalia'], []],
    ['e5', 'GPE', 'Kenya', ['Kenya'], []],
    ['e6', 'GPE', 'Mogadishu', ['Mogadishu'], []],
  ]);
  const attributions = annotateAttributions(doc, ents);
  ents = annotateActors(doc, ents, attributions);
  const events = annotateEvents(doc, ents, attributions, { published: '2024-03-08' });

  it('marks conditional attacks and their consequences hypothetical', () => {
    expect(events.find((e) => e.trigger.text === 'attacks')).toMatchObject({ type: 'ASSAULT', source: ['e4'], status: 'hypothetical' });
    expect(events.find((e) => e.trigger.text === 'expel')).toMatchObject({ type: 'SANCTION', source: ['e5'], status: 'hypothetical' });
  });

  it('makes a meeting inside reported speech a claim with its own date and place', () => {
    const meeting = events.find((e) => e.type === 'CONSULT')!;
    expect(meeting).toMatchObject({ source: ['e2'], target: ['e3'], status: 'claimed' });
    expect(attributions.find((a) => a.id === meeting.claimedBy)?.speaker?.entity).toBe('e1');
    expect(meeting.date?.value).toBe('2024-03-04');
    expect(meeting.location).toMatchObject({ name: 'Mogadishu', country: 'SOM' });
  });
});

