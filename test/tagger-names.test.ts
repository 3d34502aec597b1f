import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../src/models/model-file.js';
import { taggerFromModel, trainTagger, type TaggedSentence } from '../src/models/tagger.js';
import { trainAveragedTagger, type TaggerMember } from '../src/models/ud-train.js';

// Invented sentences: capitalised names and title-case common nouns.
const SENTENCES: Array<Array<[string, string]>> = [
  [['Orlan', 'PROPN\tNNP'], ['Mebric', 'PROPN\tNNP'], ['said', 'VERB\tVBD'], ['the', 'DET\tDT'], ['Harbour', 'PROPN\tNNP'], ['Board', 'PROPN\tNNP'], ['met', 'VERB\tVBD'], ['.', 'PUNCT\t.']],
  [['The', 'DET\tDT'], ['board', 'NOUN\tNN'], ['closed', 'VERB\tVBD'], ['the', 'DET\tDT'], ['port', 'NOUN\tNN'], ['at', 'ADP\tIN'], ['dawn', 'NOUN\tNN'], ['.', 'PUNCT\t.']],
  [['Kareli', 'PROPN\tNNP'], ['added', 'VERB\tVBD'], ['that', 'SCONJ\tIN'], ['ships', 'NOUN\tNNS'], ['left', 'VERB\tVBD'], ['Velmar', 'PROPN\tNNP'], ['.', 'PUNCT\t.']],
];
const tagged: TaggedSentence[] = SENTENCES.map((s) => ({ words: s.map(([w]) => w), tags: s.map(([, t]) => t) }));

describe('tagger name templates', () => {
  it('are off by default, recorded in the header when on, survive a save and change the model', () => {
    const plain = trainTagger(tagged, { epochs: 10, seed: 3 });
    expect(plain.model.header.features.nameTemplates).toBeUndefined();
    const named = taggerFromModel(decodeModel(encodeModel(trainTagger(tagged, { epochs: 10, seed: 3, nameTemplates: true }).model)));
    expect(named.model.header.features.nameTemplates).toBe(6);
    expect(named.model.perceptrons.tags!.size).toBeGreaterThan(plain.model.perceptrons.tags!.size);
    for (const s of tagged) expect(Array.from(named.tag(s.words), (c) => named.classes[c]!)).toEqual(s.tags);
  });

  it('an average with a named member computes the name templates and records each member', () => {
    const members: TaggerMember[] = [
      { seedOffset: 0, style: true },
      { seedOffset: 1, style: true, names: true, dropout: 0.1 },
    ];
    const averaged = taggerFromModel(decodeModel(encodeModel(trainAveragedTagger(tagged, members, { epochs: 10, seed: 3 }).model)));
    expect(averaged.model.header.features.styleTemplates).toBe(6);
    expect(averaged.model.header.features.nameTemplates).toBe(6);
    expect(averaged.model.header.training.members).toEqual([
      { seed: 3, styleTemplates: true },
      { seed: 4, styleTemplates: true, nameTemplates: true, wordDropout: 0.1 },
    ]);
    for (const s of tagged) expect(Array.from(averaged.tag(s.words), (c) => averaged.upos[c]!)).toEqual(s.tags.map((t) => t.split('\t')[0]));
  });
});
