import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findAttributions } from '../src/annotate/attribution.js';
import { annotateEntities } from '../src/annotate/entities.js';
import { createDoc } from '../src/doc/doc.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const seeds = resolve(root, '../shared/seeds');
const have = existsSync(seeds);
if (!have) console.warn(`attribution seeds: ${seeds} is absent, skipping the seed checks`);

/** Speaker name of the attribution whose content (or cue) holds a fragment. */
function speakersOf(prefix: string): (fragment: string) => string | null {
  const file = readdirSync(seeds).find((f) => f.startsWith(prefix))!;
  const doc = createDoc(readFileSync(join(seeds, file), 'utf8'));
  const found = findAttributions(doc);
  return (fragment) => {
    const a = found.find((x) => x.content.some((c) => doc.text.slice(c.start, c.end).includes(fragment)) || doc.text.slice(x.cue.start, x.cue.end) === fragment);
    if (!a) throw new Error(`no attribution for "${fragment}"`);
    return a.speaker?.name ?? null;
  };
}

describe.skipIf(!have)('seed articles: every statement to the right speaker', () => {
  it('000: the quotes and reported claims go to Velayati, the call for more interaction to the Russian envoy', () => {
    const who = speakersOf('000');
    for (const fragment of ['terrorists are all one', 'Certain Western governments', 'such a categorization', 'We believe that', 'the presence of Iran and Russia', 'reactionary regional states', 'the importance of adopting', 'the expansion of all-out', 'robust cooperation']) {
      expect(who(fragment), fragment).toBe('Ali Akbar Velayati');
    }
    expect(who('more mutual interaction in the fight against ISIL')).toBe('Levan Dzhagaryan');
  });

  it('003: statements to Velayati, the resistance remark to Hariri, the commendation and the call to Aoun', () => {
    const who = speakersOf('003');
    for (const fragment of ['are supporting Takfiri', 'Terrorists and extremist', 'would be eliminated', 'Iran welcomes', 'The formation of a coalition', 'Tehran and Beirut believe', 'seek to sow discord', 'will advance soon', 'We will witness', 'intends to partition', 'the enhancement of cooperation', 'success in driving', 'must strengthen', 'recent victories']) {
      expect(who(fragment), fragment).toBe('Ali Akbar Velayati');
    }
    expect(who('stepping up resistance')).toBe('Saad Hariri');
    expect(who('commended')).toBe('Michel Aoun');
    expect(who('further expansion of relations with Iran')).toBe('Michel Aoun');
  });
});

describe.skipIf(!have)('seed articles with the NER layer: speakers point at entities', () => {
  it('links pronoun and description speakers to the right entity ids', () => {
    const file = readdirSync(seeds).find((f) => f.startsWith('003'))!;
    const doc = createDoc(readFileSync(join(seeds, file), 'utf8'));
    const entities = annotateEntities(doc);
    const nameOf = new Map(entities.map((e) => [e.id, e.name]));
    const found = findAttributions(doc, entities);
    const who = (fragment: string): string | undefined => {
      const a = found.find((x) => x.content.some((c) => doc.text.slice(c.start, c.end).includes(fragment)));
      return a?.speaker?.entityId ? nameOf.get(a.speaker.entityId) : undefined;
    };
    expect(who('would be eliminated')).toBe('Ali Akbar Velayati');
    expect(who('stepping up resistance')).toBe('Saad Hariri');
    expect(who('further expansion of relations with Iran')).toBe('Michel Aoun');
  });
});
