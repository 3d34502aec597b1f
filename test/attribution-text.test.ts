import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../src/analysis.js';
import { formatText } from '../src/cli/commands/analyze.js';

function analyse(text: string) {
  return analyzeArticle({ url: null, title: 'Ferry talks', byline: null, source: 'Harbour Wire', published: null, language: 'en', text }).analysis;
}

/** The name of the entity that said the attribution whose content holds `fragment` (null when unresolved). */
function speakerOf(a: ReturnType<typeof analyse>, fragment: string): string | null {
  const x = a.attributions.find((r) => r.content.text.includes(fragment));
  expect(x, fragment).toBeDefined();
  return a.entities.find((e) => e.id === x!.speaker?.entity)?.name ?? null;
}

describe('speakers named after a possessive', () => {
  it('gives "Veloria\'s Foreign Minister Maren Holt said" to Holt, not to Veloria', () => {
    const a = analyse("Veloria's Foreign Minister Maren Holt said on Tuesday that the ferry would run again. Holt added that fares would not change.");
    const holt = a.entities.find((e) => e.name === 'Maren Holt');
    expect(holt).toBeDefined();
    const said = a.attributions.find((x) => x.cue.text === 'said');
    expect(said?.speaker?.entity).toBe(holt!.id);
  });

  it('gives a description with an apposed name to the named person', () => {
    const a = analyse("Pelland's fisheries minister, Lotte Dahl, said the cuts were needed. The European fisheries commissioner, Marek Sorn, urged both sides to return to the table.");
    const byCue = (cue: string) => a.entities.find((e) => e.id === a.attributions.find((x) => x.cue.text === cue)?.speaker?.entity)?.name;
    expect(byCue('said')).toBe('Lotte Dahl');
    expect(byCue('urged')).toBe('Marek Sorn');
  });
});

describe('descriptions that introduce someone', () => {
  it('does not give "A senior official" to a person named before it', () => {
    const a = analyse('The Estmark envoy, Pieter Vanloo, rejected the charge on Tuesday. A senior Varnish official said the minister had been urged to leave.');
    expect(speakerOf(a, 'the charge')).toBe('Pieter Vanloo');
    expect(speakerOf(a, 'urged to leave')).toBeNull();
  });

  it('still gives a lead\'s indefinite description to the protagonist named after it', () => {
    const a = analyse('A senior Varnish official says the harbour will reopen.\n\nOdile Kermorvan, a senior Varnish official, told reporters in Talvik that the harbour would reopen in May.');
    expect(speakerOf(a, 'the harbour will reopen')).toBe('Odile Kermorvan');
  });

  it('leaves a source who spoke on condition of anonymity unnamed', () => {
    const a = analyse('Odile Kermorvan, the Varnish minister, walked out on Tuesday. A Varnish diplomat, who spoke on condition of anonymity, said the minister would return.');
    expect(speakerOf(a, 'would return')).toBeNull();
  });
});

describe('organisations as speakers', () => {
  const a = analyse(
    "Pelland's Maritime Administration said on Friday it had fined the ferry operator. The administration said inspectors had found blocked exits. The European Commission declined to comment. A spokesman for the commission said it was following the case.",
  );
  const by = (fragment: string) => speakerOf(a, fragment);

  it('gives "X\'s Maritime Administration" to the administration, not to its country', () => {
    expect(by('fined the ferry operator')).toBe('Maritime Administration');
  });

  it('resolves "the administration" to the organisation named before whose name has that noun', () => {
    expect(by('blocked exits')).toBe('Maritime Administration');
  });

  it('gives a spokesman\'s words to the organisation he speaks for', () => {
    expect(by('following the case')).toBe('European Commission');
  });
});

describe('a participle after the clause ("…, accusing X of Y")', () => {
  it('reports what follows the participle, said by the subject of the clause', () => {
    const a = analyse('Odile Kermorvan walked out of the harbour talks on Tuesday, accusing the Estmark delegation of bad faith.');
    const x = a.attributions.find((r) => r.cue.text === 'accusing');
    expect(x).toBeDefined();
    expect(x!.content.text).toBe('the Estmark delegation of bad faith');
    expect(x!.speaker?.mention.text).toBe('Odile Kermorvan');
  });
});

describe('a quotation before a coordinated clause', () => {
  it('is not the content of a cue in the clause after ", and"', () => {
    const a = analyse('The minister said the government had played "a quiet but decisive role" in the talks, and she thanked both sides for their patience.');
    const thanked = a.attributions.find((r) => r.cue.text === 'thanked');
    if (thanked) expect(thanked.content.text).not.toContain('quiet but decisive');
    const said = a.attributions.find((r) => r.cue.text === 'said');
    expect(said?.content.text).toContain('a quiet but decisive role');
  });
});

describe('a passive with its agent after the complement', () => {
  it('takes the by-agent as the source ("were described as hopeless by an observer")', () => {
    const a = analyse('The talks were described as hopeless by an observer from the Nordic Council.');
    const x = a.attributions.find((r) => r.cue.text.startsWith('were described'));
    expect(x).toBeDefined();
    expect(x!.speaker?.mention.text).toBe('an observer from the Nordic Council');
    expect(x!.content.text).toBe('The talks … hopeless');
  });
});

describe('pronouns and gender', () => {
  it('does not give "she" to the last speaker when the text calls him "Mr." or "his"', () => {
    const a = analyse(
      'Prime Minister Odile Kermorvan met opposition leader Pieter Vanloo on Thursday. Vanloo said his party wanted guarantees. She said the government was ready to compromise. Mr. Vanloo later told reporters that he was hopeful.',
    );
    expect(speakerOf(a, 'ready to compromise')).toBe('Odile Kermorvan');
    expect(speakerOf(a, 'his party')).toBe('Pieter Vanloo');
    expect(speakerOf(a, 'he was hopeful')).toBe('Pieter Vanloo');
  });
});

describe('two people with one surname', () => {
  it('keeps apart the people the entity layer tells apart, and their genders', () => {
    const a = analyse(
      'Former mayor Anton Vell said on Monday that the port would reopen. His wife, Marta Vell, said she would run for the council. Anton Vell added that the ferry was safe. He said the tolls would stay.',
    );
    expect(speakerOf(a, 'she would run')).toBe('Marta Vell');
    expect(speakerOf(a, 'the ferry was safe')).toBe('Anton Vell');
    expect(speakerOf(a, 'the tolls would stay')).toBe('Anton Vell');
  });
});

describe('a "Name: claim" first line in title case', () => {
  it('is one attribution even when its claim holds verbs of its own', () => {
    const a = analyse('Holt: Ferry Union Says Strike Is Over, Owners Were ‘Stalling’ For Months.\n\nThe minister said on Sunday that the talks had failed.');
    const colon = a.attributions.find((r) => r.cue.text === ':');
    expect(colon?.speaker?.mention.text).toBe('Holt');
    expect(colon?.content.text).toBe('Ferry Union Says Strike Is Over, Owners Were ‘Stalling’ For Months');
    expect(a.attributions.filter((r) => r.content.text.includes('Stalling'))).toHaveLength(1);
  });
});

describe('a "Claim, Source Says." headline', () => {
  it('gives the claim before the comma to the source before "Says"', () => {
    const a = analyse('Harbour Deal Collapsed Over Hidden Fees, Former Port Director Says.\n\nThe minister said on Sunday that the talks had failed.');
    const says = a.attributions.find((r) => r.cue.text === 'Says');
    expect(says?.speaker?.mention.text).toBe('Former Port Director');
    expect(says?.content.text).toBe('Harbour Deal Collapsed Over Hidden Fees');
  });
});

describe('"said X, …, in a statement"', () => {
  it('keeps one attribution: the statement phrase is no cue of its own', () => {
    const a = analyse('"This is a win for every family in the valley," said Lenna Strom, head of the Korva miners\' union, in a statement.');
    expect(a.attributions).toHaveLength(1);
    expect(a.attributions[0]!.cue.text).toBe('said');
    expect(a.attributions[0]!.content.text).toContain('a win for every family');
  });
});

describe('fivew analyze --format text', () => {
  it('lists who said what: resolved speaker, the words used for them, cue, kind and content', () => {
    const a = analyse('Maren Holt, the foreign minister of Veloria, said the ferry would run again. "We waited long enough," she said.');
    const lines = formatText(a).split('\n');
    expect(lines[0]).toBe('# Ferry talks');
    expect(lines).toContain('Who said what:');
    const said = lines.filter((l) => l.startsWith('- '));
    expect(said).toHaveLength(2);
    expect(said[0]).toMatch(/^- Maren Holt \("Maren Holt, the foreign minister of Velo…"\) — said \(indirect\): the ferry would run again$/);
    expect(said[1]).toBe('- Maren Holt ("she") — said (direct): "We waited long enough,"');
  });
});
