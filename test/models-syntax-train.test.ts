import { describe, expect, it } from 'vitest';
import { parseConllu, wordSpans } from '../src/models/conllu.js';
import { learnLemmaTable, lemmatize, ruleLemma } from '../src/models/lemma.js';
import { decodeModel, encodeModel } from '../src/models/model-file.js';
import { parserFromModel, trainParser } from '../src/models/parser.js';
import { isProjective, projectivize } from '../src/models/projectivize.js';
import { jackknifeFirstPass, taggerFromModel, trainTagger } from '../src/models/tagger.js';
import { toParserSentence, toTagged, trainAveragedParser, trainAveragedParserOver, trainAveragedTagger, trainTwoPassTagger } from '../src/models/ud-train.js';

// Invented sentences, annotated by hand in UD style.
const TREEBANK = `# newdoc id = test-1
# sent_id = 1
# text = Mebric said the port was closed.
1	Mebric	Mebric	PROPN	NNP	_	2	nsubj	_	_
2	said	say	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	port	port	NOUN	NN	_	6	nsubj:pass	_	_
5	was	be	AUX	VBD	_	6	aux:pass	_	_
6	closed	close	VERB	VBN	_	2	ccomp	_	SpaceAfter=No
7	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = 2
# text = "It's over," added Kareli.
1	"	"	PUNCT	\`\`	_	4	punct	_	SpaceAfter=No
2-3	It's	_	_	_	_	_	_	_	_
2	It	it	PRON	PRP	_	4	nsubj	_	_
3	's	be	AUX	VBZ	_	4	cop	_	_
4	over	over	ADV	RB	_	7	ccomp	_	SpaceAfter=No
5	,	,	PUNCT	,	_	4	punct	_	SpaceAfter=No
6	"	"	PUNCT	''	_	4	punct	_	_
6.1	added	add	VERB	VBD	_	_	_	_	_
7	added	add	VERB	VBD	_	0	root	_	_
8	Kareli	Kareli	PROPN	NNP	_	7	nsubj	_	SpaceAfter=No
9	.	.	PUNCT	.	_	7	punct	_	_

# sent_id = 3
# text = Ships left Velmar at dawn.
1	Ships	ship	NOUN	NNS	_	2	nsubj	_	_
2	left	leave	VERB	VBD	_	0	root	_	_
3	Velmar	Velmar	PROPN	NNP	_	2	obj	_	_
4	at	at	ADP	IN	_	5	case	_	_
5	dawn	dawn	NOUN	NN	_	2	obl	_	SpaceAfter=No
6	.	.	PUNCT	.	_	2	punct	_	_
`;

describe('CoNLL-U reader', () => {
  const sentences = parseConllu(TREEBANK);
  it('reads words, multiword tokens, heads and comments; skips empty nodes', () => {
    expect(sentences).toHaveLength(3);
    const [a, b] = sentences;
    expect(a!.newDoc).toBe(true);
    expect(a!.words.map((w) => w.head)).toEqual([1, -1, 3, 5, 5, 1, 1]);
    expect(b!.words).toHaveLength(9);
    expect(b!.multiwords).toEqual([{ first: 1, last: 2, form: "It's", noSpaceAfter: false }]);
    expect(b!.words[6]!.form).toBe('added');
  });

  it('rebuilds the sentence text with a character span per word', () => {
    for (const s of sentences) {
      const { text, spans } = wordSpans(s);
      expect(text).toBe(s.text);
      s.words.forEach((w, i) => expect(text.slice(spans[i]![0], spans[i]![1])).toBe(w.form));
    }
  });

  it('rejects malformed lines', () => {
    expect(() => parseConllu('1\tonly\ttwo\n')).toThrow(/10 columns/);
  });
});

describe('projectivize', () => {
  it('lifts crossing arcs until the tree is projective', () => {
    // The arc 2→0 spans word 1, which 2 does not dominate.
    const heads = [-1, 0, 1, 1];
    const crossing = [2, -1, 3, 1];
    expect(isProjective(heads)).toBe(true);
    expect(isProjective(crossing)).toBe(false);
    const lifted = projectivize(crossing);
    expect(isProjective(lifted)).toBe(true);
    expect(Array.from(lifted)).not.toEqual(crossing);
  });
});

describe('lemmas', () => {
  it('applies suffix rules and learned exceptions', () => {
    expect(ruleLemma('stopped', 'VERB', 'VBD')).toBe('stop');
    expect(ruleLemma('cities', 'NOUN', 'NNS')).toBe('city');
    expect(ruleLemma('making', 'VERB', 'VBG')).toBe('make');
    expect(ruleLemma('Palestinians', 'PROPN', 'NNPS')).toBe('Palestinian');
    const table = learnLemmaTable([{ form: 'left', upos: 'VERB', xpos: 'VBD', lemma: 'leave' }]);
    expect(lemmatize(table, 'Left', 'VERB', 'VBD')).toBe('leave');
    expect(lemmatize(table, 'walked', 'VERB', 'VBD')).toBe('walk');
  });
});

describe('training smoke test on a tiny treebank', () => {
  const sentences = parseConllu(TREEBANK);
  it('tagger and parser learn the training sentences and survive a model-file round trip', () => {
    const tagger = taggerFromModel(decodeModel(encodeModel(trainTagger(sentences.map((s) => ({ ...toTagged(s), lemmas: s.words.map((w) => w.lemma) })), { epochs: 10, seed: 3 }).model)));
    const parser = parserFromModel(decodeModel(encodeModel(trainParser(sentences.map((s) => toParserSentence(s)), { epochs: 30, seed: 3 }).model)));
    for (const s of sentences) {
      const words = s.words.map((w) => w.form);
      const tags = Array.from(tagger.tag(words), (c) => tagger.classes[c]!);
      expect(tags).toEqual(s.words.map((w) => `${w.upos}\t${w.xpos}`));
      const parsed = parser.parse(words, tags);
      expect(Array.from(parsed.heads)).toEqual(s.words.map((w) => w.head));
      expect(parsed.deprels).toEqual(s.words.map((w) => w.deprel));
    }
    expect(tagger.lemma('left', tagger.classes.indexOf('VERB\tVBD'))).toBe('leave');
  });

  it('a two-pass tagger (right-to-left first pass, jack-knifed guides) learns the sentences and keeps both passes through a round trip', () => {
    const tagged = sentences.map(toTagged);
    const guides = jackknifeFirstPass(tagged, 3, { epochs: 10, seed: 3, reversedFirstPass: true });
    expect(guides.map((g) => g.length)).toEqual(tagged.map((s) => s.words.length));
    const trained = trainTagger(tagged, { epochs: 10, seed: 3, guides, reversedFirstPass: true });
    expect(Object.keys(trained.model.perceptrons).sort()).toEqual(['tags', 'tags2']);
    const tagger = taggerFromModel(decodeModel(encodeModel(trained.model)));
    expect(tagger.model.header.features.firstPass).toBe('right-to-left');
    for (const s of tagged) {
      expect(Array.from(tagger.tag(s.words), (c) => tagger.classes[c]!)).toEqual(s.tags);
      expect(Array.from(tagger.tag(s.words))).toEqual(Array.from(trained.tag(s.words)));
    }
    expect(() => trainTagger(tagged, { epochs: 1, seed: 3, guides: guides.slice(1) })).toThrow(/guides/);
  });

  it('an averaged tagger (members with and without the style templates) learns the sentences, computes the style templates and records its members', () => {
    const tagged = sentences.map(toTagged);
    const members = [
      { seedOffset: 0, style: false },
      { seedOffset: 1, style: true },
    ];
    const averaged = trainAveragedTagger(tagged, members, { epochs: 10, seed: 3 });
    const tagger = taggerFromModel(decodeModel(encodeModel(averaged.model)));
    expect(tagger.model.header.features.styleTemplates).toBe(6);
    expect(tagger.model.header.training.members).toEqual([
      { seed: 3, styleTemplates: false },
      { seed: 4, styleTemplates: true },
    ]);
    // UPOS only: the opening and closing quote share a form, which three sentences do not always tell apart in XPOS.
    for (const s of tagged) expect(Array.from(tagger.tag(s.words), (c) => tagger.upos[c]!)).toEqual(s.tags.map((t) => t.split('\t')[0]));
    // The average is not either member: the plain member lacks the style rows.
    const plain = trainTwoPassTagger(tagged, { epochs: 10, seed: 3, noStyleTemplates: true });
    expect(plain.model.header.features.styleTemplates).toBeUndefined();
    expect(averaged.model.perceptrons.tags!.size).toBeGreaterThan(plain.model.perceptrons.tags!.size);
  });

  it('an averaged parser (two seeds) parses the training sentences, records its members, and one member is the plain parser', () => {
    const parsed = sentences.map((s) => toParserSentence(s));
    const parser = parserFromModel(decodeModel(encodeModel(trainAveragedParser(parsed, 2, { epochs: 30, seed: 3 }).model)));
    expect(parser.model.header.training.members).toEqual([3, 4]);
    for (const s of parsed) {
      const r = parser.parse(s.words, s.tags);
      expect(Array.from(r.heads)).toEqual(Array.from(s.heads));
      expect(r.deprels).toEqual(s.deprels);
    }
    const single = encodeModel(trainAveragedParser(parsed, 1, { epochs: 5, seed: 3 }).model);
    expect(single.equals(encodeModel(trainParser(parsed, { epochs: 5, seed: 3 }).model))).toBe(true);
  });

  it('an averaged parser over two tag sets trains the seeds on each, records both, and one set is the plain average', () => {
    const parsed = sentences.map((s) => toParserSentence(s));
    // A second copy whose tags differ the way a tagger's mistakes would (the subject of sentence 3 tagged as a verb).
    const mistagged = parsed.map((s, i) => (i === 2 ? { ...s, tags: s.tags.map((t, k) => (k === 0 ? 'VERB\tVBZ' : t)) } : s));
    const logged: string[] = [];
    const parser = parserFromModel(decodeModel(encodeModel(trainAveragedParserOver([parsed, mistagged], 2, { epochs: 30, seed: 3, log: (l) => logged.push(l) }).model)));
    expect(parser.model.header.training.members).toEqual([3, 4]);
    expect(parser.model.header.training.tagSets).toBe(2);
    expect(logged.filter((l) => l.startsWith('parser member'))).toHaveLength(4);
    for (const s of parsed) {
      const r = parser.parse(s.words, s.tags);
      expect(Array.from(r.heads)).toEqual(Array.from(s.heads));
      expect(r.deprels).toEqual(s.deprels);
    }
    const one = encodeModel(trainAveragedParserOver([parsed], 2, { epochs: 5, seed: 3 }).model);
    expect(one.equals(encodeModel(trainAveragedParser(parsed, 2, { epochs: 5, seed: 3 }).model))).toBe(true);
    expect(one.equals(encodeModel(trainAveragedParserOver([parsed, mistagged], 2, { epochs: 5, seed: 3 }).model))).toBe(false);
  });

  it('word dropout is off by default, recorded when on, and deterministic for a seed', () => {
    const tagged = sentences.map(toTagged);
    const bytes = (wordDropout?: number) => encodeModel(trainTagger(tagged, { epochs: 5, seed: 3, wordDropout }).model);
    const plain = bytes();
    expect(bytes(0).equals(plain)).toBe(true);
    const dropped = trainTagger(tagged, { epochs: 5, seed: 3, wordDropout: 0.5 });
    expect(dropped.model.header.training.wordDropout).toBe(0.5);
    const droppedBytes = encodeModel(dropped.model);
    expect(droppedBytes.equals(plain)).toBe(false);
    expect(bytes(0.5).equals(droppedBytes)).toBe(true);
  });
});
