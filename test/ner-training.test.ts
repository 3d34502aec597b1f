import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GAZ_B, GAZ_I, GAZ_L, GAZ_U } from '../src/knowledge/gazetteer.js';
import { dropGazetteerMatches } from '../src/models/ner-features.js';
import { readConllFile } from '../src/models/ner-conll.js';
import { trainNer } from '../src/models/ner-train.js';
import { NER_TAGS, NerTagger } from '../src/models/ner.js';
import { AveragedPerceptron } from '../src/models/perceptron.js';
import { createRandom } from '../src/models/prng.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'ner');

describe('NER training controls', () => {
  // List 0: a two-token match then a one-token one; list 1: one three-token match.
  const masks = (): Uint32Array =>
    Uint32Array.from([
      (1 << GAZ_B) | (1 << (4 + GAZ_B)),
      (1 << GAZ_L) | (1 << (4 + GAZ_I)),
      (1 << GAZ_U) | (1 << (4 + GAZ_L)),
      0,
    ]);

  it('gazetteer dropout erases whole matches, never part of one', () => {
    const kept = new Set<string>();
    const random = createRandom(3);
    for (let k = 0; k < 200; k++) {
      const m = masks();
      dropGazetteerMatches(m, 2, 0.5, random);
      const list0 = [...m].map((x) => x & 0xf);
      const list1 = [...m].map((x) => (x >>> 4) & 0xf);
      // Each match is either all there or all gone.
      expect([0, 2]).toContain([list0[0], list0[1]].filter((x) => x !== 0).length);
      expect([0, 3]).toContain(list1.slice(0, 3).filter((x) => x !== 0).length);
      expect(m[3]).toBe(0);
      kept.add(`${list0.join(',')}|${list1.join(',')}`);
    }
    // Every combination of the three matches kept or dropped turns up.
    expect(kept.size).toBe(8);
  });

  it('leaves the masks alone at p = 0', () => {
    const m = masks();
    dropGazetteerMatches(m, 2, 0, () => 0);
    expect([...m]).toEqual([...masks()]);
  });

  it('a model carries its decoding settings in its file', () => {
    const tagger = trainNer(readConllFile(join(fixtures, 'tiny-gold.iob')), { epochs: 2, prune: 0, seed: 1, unconstrained: true, gazetteerDropout: 0.3 });
    tagger.decoding = { ...tagger.decoding, temperature: 21, normalise: 'outside' };
    const dir = mkdtempSync(join(tmpdir(), 'fivew-ner-'));
    try {
      const path = join(dir, 'ner.bin.gz');
      tagger.save(path, {});
      const loaded = NerTagger.load(path);
      expect(loaded.decoding).toEqual(tagger.decoding);
      const sentences = [['Marta', 'Quell', 'visited', 'Orsen', 'Bay', '.']];
      expect(loaded.tagDocument(sentences)).toEqual(tagger.tagDocument(sentences));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('can forbid a chunk to start on a lowercase function word', () => {
    // A model whose only weight, on the bias feature, makes every token a one-word person.
    const weights = new Float32Array(NER_TAGS.length);
    weights[NER_TAGS.indexOf('U-PER')] = 100;
    const tagger = new NerTagger(AveragedPerceptron.fromData({ nClasses: NER_TAGS.length, keys: Uint32Array.from([1]), weights }));
    const sentence = [['Vansk', 'went', 'to', 'The', 'Hague']];
    for (const beam of [1, 4]) {
      const free = tagger.tagDocument(sentence, { ...tagger.decoding, beam, noFunctionWordStarts: false });
      expect(free[0]!.map((s) => s.start)).toEqual([0, 1, 2, 3, 4]);
      const blocked = tagger.tagDocument(sentence, { ...tagger.decoding, beam, noFunctionWordStarts: true });
      // "went" and capitalised "The" may still open one; "to" may not.
      expect(blocked[0]!.map((s) => s.start)).toEqual([0, 1, 3, 4]);
    }
  });
});
