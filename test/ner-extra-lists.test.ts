import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nerExtraLists } from '../src/knowledge/ner-extra-lists.js';
import { Gazetteer, GAZ_U } from '../src/knowledge/gazetteer.js';
import { nerGazetteer } from '../src/knowledge/lexicon.js';
import { NO_LEXICONS, WordTable, DEFAULT_FEATURE_SETTINGS, docStats, sentenceContext, staticFeatures } from '../src/models/ner-features.js';
import { readConllFile } from '../src/models/ner-conll.js';
import { trainNer } from '../src/models/ner-train.js';
import { NerTagger } from '../src/models/ner.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'ner');

describe('the second NER gazetteer', () => {
  const lists = nerExtraLists();
  const has = (list: string, phrase: string): boolean => lists.find((l) => l.name === list)!.phrases.includes(phrase);

  it('lists names, organisations, peoples and the towns below the city list', () => {
    expect(lists.map((l) => l.name)).toEqual(['given-name', 'surname', 'person', 'organisation', 'peoples', 'town', 'village']);
    expect(has('peoples', 'Azeris')).toBe(true);
    expect(has('peoples', 'Scottish')).toBe(true);
    // Adjectives in -ish take no plural.
    expect(has('peoples', 'Scottishs')).toBe(false);
    // Population bands: Aalen (~67,000) is a town, Lockerbie (~4,000) a village, Beirut is on the main city list only.
    expect(has('town', 'Aalen')).toBe(true);
    expect(has('village', 'Lockerbie')).toBe(true);
    expect(has('town', 'Beirut') || has('village', 'Beirut')).toBe(false);
    for (const l of lists) expect(l.phrases).toEqual([...new Set(l.phrases)].sort());
  });

  it('adds its matches on capitalised tokens to the features of the tokens they cover', () => {
    const extra = new Gazetteer([{ name: 'given-name', phrases: ['marta', 'rose'] }]);
    const table = new WordTable(DEFAULT_FEATURE_SETTINGS, NO_LEXICONS);
    const words = ['Marta', 'Quell', 'left', '.', 'Prices', 'rose', '.'];
    const infos = words.map((w) => table.get(w));
    const stats = docStats([infos]);
    const without = sentenceContext(words, infos, nerGazetteer());
    const withExtra = sentenceContext(words, infos, nerGazetteer(), extra);
    expect(withExtra.gaz2![0]).toBe(1 << GAZ_U);
    expect(withExtra.gaz2![2]).toBe(0);
    // A listed name written in lower case is a common word ("rose"), not a match.
    expect(extra.match(['rose'])[0]).toBe(1 << GAZ_U);
    expect(withExtra.gaz2![5]).toBe(0);
    const features = (ctx: typeof without, i: number): number[] => {
      const out: number[] = [];
      staticFeatures(ctx, i, stats, out);
      return out;
    };
    // The name itself and its right neighbour gain features; a word two away does not.
    expect(features(withExtra, 0).length).toBeGreaterThan(features(without, 0).length);
    expect(features(withExtra, 1).length).toBeGreaterThan(features(without, 1).length);
    expect(features(withExtra, 2)).toEqual(features(without, 2));
  });

  it('travels in the model file', () => {
    const extraLists = [{ name: 'given-name', phrases: ['ivo', 'marta'] }];
    const tagger = trainNer(readConllFile(join(fixtures, 'tiny-gold.iob')), { epochs: 3, prune: 0, seed: 1, extraLists });
    const dir = mkdtempSync(join(tmpdir(), 'fivew-ner-'));
    try {
      const path = join(dir, 'ner.bin.gz');
      tagger.save(path, {});
      const loaded = NerTagger.load(path);
      expect(loaded.extraLists).toEqual(extraLists);
      const sentences = [['Marta', 'Quell', 'visited', 'Orsen', 'Bay', '.']];
      expect(loaded.tagDocument(sentences)).toEqual(tagger.tagDocument(sentences));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
