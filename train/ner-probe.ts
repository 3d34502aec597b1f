/**
 * Tags a few invented sentences with names that are in no list, to see
 * whether a model reads names from context and shape or leans on list hits.
 * Usage: npx tsx train/ner-probe.ts MODEL [MODEL…]
 */
import { NerTagger } from '../src/models/ner.js';

const SENTENCES = [
  'Karsovian Prime Minister Lidia Vansk said on Tuesday the talks would resume .',
  'He met Prime Minister Vansk for talks on the disputed Meren river .',
  'Melqari officials said the Orsen Bay Harbour Council had voted to close the port .',
  'Mirela Oskan , a spokeswoman for Tessin Freight , told reporters in Velmar that shipments were delayed .',
  'The Velmar Province governor , Pavel Renke , blamed the Kessa Liberation Front for the attack .',
  'Ivo Brandt of the Tessin Workers Union said the strike would continue .',
];

for (const path of process.argv.slice(2)) {
  const tagger = NerTagger.load(path);
  console.log(`# ${path}`);
  const doc = SENTENCES.map((s) => s.split(' '));
  const spans = tagger.tagDocument(doc);
  doc.forEach((words, k) => console.log(`  ${spans[k]!.map((s) => `${s.type} "${words.slice(s.start, s.end).join(' ')}"`).join(', ')}`));
}
