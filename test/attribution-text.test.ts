import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../src/analysis.js';
import { formatText } from '../src/cli/commands/analyze.js';

function analyse(text: string) {
  return analyzeArticle({ url: null, title: 'Ferry talks', byline: null, source: 'Harbour Wire', published: null, language: 'en', text }).analysis;
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
