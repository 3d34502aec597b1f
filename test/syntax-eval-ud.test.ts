import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultSyntaxModels } from '../src/annotate/syntax.js';
import { goldDocuments, scoreGoldTokens, scoreRawText } from '../src/eval/ud.js';
import { parseConllu } from '../src/models/conllu.js';

const models = fileURLToPath(new URL('../models/', import.meta.url));
const shipped = existsSync(`${models}parser.bin.gz`) && existsSync(`${models}tagger.bin.gz`);

// Two invented documents, the second with a multiword token and two paragraphs.
const TREEBANK = `# newdoc id = a
# newpar id = a-p1
# sent_id = a-1
# text = Ships left Velmar at dawn.
1	Ships	ship	NOUN	NNS	_	2	nsubj	_	_
2	left	leave	VERB	VBD	_	0	root	_	_
3	Velmar	Velmar	PROPN	NNP	_	2	obj	_	_
4	at	at	ADP	IN	_	5	case	_	_
5	dawn	dawn	NOUN	NN	_	2	obl	_	SpaceAfter=No
6	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = a-2
# text = The harbour council met on Monday.
1	The	the	DET	DT	_	3	det	_	_
2	harbour	harbour	NOUN	NN	_	3	compound	_	_
3	council	council	NOUN	NN	_	4	nsubj	_	_
4	met	meet	VERB	VBD	_	0	root	_	_
5	on	on	ADP	IN	_	6	case	_	_
6	Monday	Monday	PROPN	NNP	_	4	obl	_	SpaceAfter=No
7	.	.	PUNCT	.	_	4	punct	_	_

# newdoc id = b
# newpar id = b-p1
# sent_id = b-1
# text = It's over.
1-2	It's	_	_	_	_	_	_	_	_
1	It	it	PRON	PRP	_	3	nsubj	_	_
2	's	be	AUX	VBZ	_	3	cop	_	_
3	over	over	ADV	RB	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# newpar id = b-p2
# sent_id = b-2
# text = Mebric said so.
1	Mebric	Mebric	PROPN	NNP	_	2	nsubj	_	_
2	said	say	VERB	VBD	_	0	root	_	_
3	so	so	ADV	RB	_	2	advmod	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_
`;

describe('UD evaluation helpers', () => {
  const sentences = parseConllu(TREEBANK);

  it('rebuilds documents with paragraph breaks and character spans for words, tokens and sentences', () => {
    const docs = goldDocuments(sentences);
    expect(docs.map((d) => d.text)).toEqual(['Ships left Velmar at dawn. The harbour council met on Monday.', "It's over.\n\nMebric said so."]);
    const b = docs[1]!;
    expect(b.words.map((w) => b.text.slice(w.start, w.end))).toEqual(['It', "'s", 'over', '.', 'Mebric', 'said', 'so', '.']);
    // The multiword token counts once as a surface token.
    expect(b.tokens.map(([s, e]) => b.text.slice(s, e))).toContain("It's");
    expect(b.tokens).toHaveLength(7);
    expect(b.sentences.map(([s, e]) => b.text.slice(s, e))).toEqual(["It's over.", 'Mebric said so.']);
    // Heads become document-level word indices.
    expect(b.words[5]!.head).toBe(-1);
    expect(b.words[4]!.head).toBe(5);
  });
});

describe.skipIf(!shipped)('UD evaluation with the shipped models', () => {
  const sentences = parseConllu(TREEBANK);
  it('scores gold tokens and raw text consistently', () => {
    const m = defaultSyntaxModels();
    const gold = scoreGoldTokens(sentences, m);
    expect(gold.words).toBe(21);
    expect(gold.las).toBeLessThanOrEqual(gold.uas);
    expect(gold.upos).toBeGreaterThan(80);
    const raw = scoreRawText(sentences, m);
    // Words and sentences match gold exactly; surface tokens differ once: UD counts "It's" as one
    // token, wink gives two (19 of our 21 tokens match 19 of the 20 gold ones).
    expect(raw.wordsF1).toBe(100);
    expect(raw.tokensF1).toBeCloseTo((100 * 2 * 19) / (21 + 20), 1);
    expect(raw.sentencesF1).toBe(100);
    // wink already splits "It's" as UD does: nothing for us to split or merge.
    expect(raw.splits + raw.merges).toBe(0);
    expect(raw.lasF1).toBeLessThanOrEqual(raw.uasF1);
    // With identical words, raw-text attachment equals gold-token attachment.
    expect(raw.uasF1).toBe(gold.uas);
  });
});
