import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTextArticle } from '../src/ingest/text.js';
import { analyzeArticle, type EntityRecord } from '../src/analysis.js';
import { defaultNerModelPath, sharedNerTagger } from '../src/models/ner.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'ner');

function entitiesOf(file: string): { entities: EntityRecord[]; text: string } {
  const { analysis } = analyzeArticle(parseTextArticle(readFileSync(join(fixtures, file), 'utf8')));
  return { entities: analysis.entities, text: analysis.article.text };
}

function find(entities: EntityRecord[], name: string): EntityRecord {
  const e = entities.find((x) => x.name === name);
  if (!e) throw new Error(`no entity "${name}" among ${entities.map((x) => `${x.name}/${x.type}`).join(', ')}`);
  return e;
}

describe('the shipped NER model', () => {
  it('is small and tags a plain sentence', () => {
    expect(statSync(defaultNerModelPath()).size).toBeLessThan(15 * 1024 * 1024);
    const spans = sharedNerTagger().tagDocument([['Mirela', 'Oskan', 'flew', 'to', 'Berlin', 'on', 'Monday', '.']]);
    expect(spans[0]).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 4, end: 5, type: 'LOC' },
    ]);
  });
});

describe('the shipped NER model on names in no list', () => {
  const tag = (sentence: string): string[] => {
    const words = sentence.split(' ');
    return sharedNerTagger().tagDocument([words])[0]!.map((s) => `${s.type} ${words.slice(s.start, s.end).join(' ')}`);
  };

  it('reads a demonym, a title and a person apart, and ends a name where it ends', () => {
    // Trained with the second gazetteer (given names…) it once gave "Karsovian Prime Minister Lidia" or "Lidia" and "Vansk" apart.
    expect(tag('Karsovian Prime Minister Lidia Vansk said on Tuesday the talks would resume .')).toEqual(['MISC Karsovian', 'PER Lidia Vansk']);
    // Label bias gave the person "Vansk for talks on" (the previous model) or "Vansk for talks on the disputed Meren".
    expect(tag('he met Prime Minister Vansk for talks on the disputed Meren river .')).toEqual(['PER Vansk', 'LOC Meren']);
  });
});

describe('entities layer on invented wire reports', () => {
  it('keeps titles out of names, records them as roles, and joins surname mentions', () => {
    const { entities, text } = entitiesOf('envoy-visit.txt');
    const envoy = find(entities, 'Halvard Rustebakke');
    expect(envoy.type).toBe('PERSON');
    expect(envoy.roles).toContain('Norwegian Ambassador to Vienna');
    // "Rustebakke" alone, twice more, is the same person.
    expect(envoy.mentions.map((m) => m.text)).toEqual(['Halvard Rustebakke', 'Rustebakke', 'Rustebakke']);
    for (const m of envoy.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    const minister = find(entities, 'Lisbeth Krammer');
    expect(minister.type).toBe('PERSON');
    expect(minister.roles).toEqual(['Austrian Foreign Minister']);
    expect(minister.mentions).toHaveLength(2);
    for (const place of ['Vienna', 'Austria', 'Norway', 'Linz', 'Oslo']) expect(find(entities, place).type).toBe('GPE');
    expect(find(entities, 'Norwegian').type).toBe('NORP');
    expect(find(entities, 'Danube Shipping Commission').type).toBe('ORG');
    // No entity name carries a title.
    for (const e of entities.filter((x) => x.type === 'PERSON')) expect(e.name).not.toMatch(/Ambassador|Minister|Colonel|Sheikh/);
  });

  it('links a bracketed alias, types armed groups and nationalities, and keeps honorifics as roles', () => {
    const { entities } = entitiesOf('militia-attack.txt');
    const brigades = find(entities, 'Black Reed Brigades');
    expect(brigades.type).toBe('GROUP');
    expect(brigades.mentions.map((m) => m.text)).toEqual(['Black Reed Brigades', 'BRB', 'BRB']);
    const daesh = find(entities, 'Daesh');
    expect(daesh.type).toBe('GROUP');
    expect(daesh.mentions.map((m) => m.text)).toEqual(['Daesh', 'ISIL']);
    const colonel = find(entities, 'Tariq Hamdani');
    expect(colonel.roles).toEqual(['Colonel']);
    expect(colonel.mentions.map((m) => m.text)).toEqual(['Tariq Hamdani', 'Hamdani']);
    const sheikh = find(entities, 'Omar Fadhil Jabouri');
    expect(sheikh.roles).toEqual(['Sheikh']);
    expect(sheikh.mentions.map((m) => m.text)).toContain('Jabouri');
    for (const norp of ['Iraqi', 'Sunni', 'Shia', 'Kurdish']) expect(find(entities, norp).type).toBe('NORP');
    expect(find(entities, 'Mosul').type).toBe('GPE');
    expect(find(entities, 'Tigris').type).toBe('LOC');
    // Ids are unique and every mention lies inside the text.
    expect(new Set(entities.map((e) => e.id)).size).toBe(entities.length);
  });

  it('reads an office held in an organisation, an apposition, and places spelt without diacritics', () => {
    const { entities } = entitiesOf('dockers-strike.txt');
    const leader = find(entities, 'Karim Haddani');
    expect(leader.type).toBe('PERSON');
    expect(leader.roles).toEqual(['Secretary General of the Velmar dockers movement', 'Sayyed']);
    expect(leader.mentions.map((m) => m.text)).toEqual(['Karim Haddani', 'Haddani', 'Haddani']);
    const governor = find(entities, 'Mirela Oskan');
    expect(governor.roles).toEqual(['Governor of Velmar Province']);
    expect(governor.mentions.map((m) => m.text)).toEqual(['Mirela Oskan', 'Oskan']);
    expect(find(entities, 'Velmar Province').type).toBe('GPE');
    expect(find(entities, 'Velmar Dockers Union').type).toBe('ORG');
    // The city list has "İzmir"; the article writes "Izmir".
    expect(find(entities, 'Izmir').type).toBe('GPE');
    expect(find(entities, 'Piraeus').type).toBe('GPE');
    for (const norp of ['Greek', 'Turkish']) expect(find(entities, norp).type).toBe('NORP');
    // A title phrase stops at the previous person's name.
    expect(find(entities, 'Anton Greve').roles).toEqual(['Velmar Prime Minister']);
    expect(find(entities, 'Ilse Marn').roles).toEqual(['President']);
  });
});

describe('entities layer: an armed group named before the people it stands for', () => {
  it('reads "ISIL Takfiris" as the group and a NORP term, not one name', () => {
    const text = 'Deputy Minister Ilse Marn called on Tuesday for closer cooperation in the fight against ISIL Takfiris near the border, her office said.';
    const { analysis } = analyzeArticle(parseTextArticle(text));
    const names = analysis.entities.map((e) => `${e.type} ${e.name}`);
    expect(names).not.toContain('MISC ISIL Takfiris');
    const group = analysis.entities.find((e) => e.type === 'GROUP' && e.mentions.some((m) => m.text === 'ISIL'));
    expect(group, names.join(', ')).toBeDefined();
    expect(analysis.entities.find((e) => e.type === 'NORP' && e.mentions.some((m) => m.text === 'Takfiris')), names.join(', ')).toBeDefined();
  });
});
