/**
 * Error analysis of the NER tagger on a CoNLL file (eng.testa): every wrong
 * or missed chunk, classified (wrong type, wrong boundary, missed, spurious)
 * and by the kind of line it sits on (headline, table of results, prose), with
 * counts per class. Usage:
 *   npx tsx train/ner-errors.ts [model] [data] > /tmp/errors.txt
 */
import { readConllFile, iobSpans, type TypedSpan } from '../src/models/ner-conll.js';
import { NerTagger, defaultNerModelPath } from '../src/models/ner.js';

const modelPath = process.argv[2] ?? defaultNerModelPath();
const dataPath = process.argv[3] ?? '../shared/data/conll2003/eng.testa.gz';
const tagger = NerTagger.load(modelPath);
const docs = readConllFile(dataPath);

/** What kind of line a sentence is: tables of results are mostly numbers, headlines all caps. */
function lineKind(words: readonly string[]): string {
  const digits = words.filter((w) => /\d/.test(w)).length;
  if (digits >= 2 && digits / words.length >= 0.25) return 'table';
  const letters = words.filter((w) => /\p{L}/u.test(w));
  if (letters.length >= 2 && letters.every((w) => w === w.toUpperCase())) return 'caps';
  return 'prose';
}

const counts = new Map<string, number>();
const bump = (key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};
const text = (words: readonly string[], s: TypedSpan): string => words.slice(s.start, s.end).join(' ');
const overlaps = (a: TypedSpan, b: TypedSpan): boolean => a.start < b.end && b.start < a.end;

for (const [d, doc] of docs.entries()) {
  const predicted = tagger.tagDocument(doc.sentences.map((s) => s.words));
  doc.sentences.forEach((sentence, k) => {
    const gold = iobSpans(sentence.tags);
    const pred = predicted[k]!;
    const kind = lineKind(sentence.words);
    const key = (s: TypedSpan): string => `${s.start}:${s.end}:${s.type}`;
    const goldKeys = new Set(gold.map(key));
    const predKeys = new Set(pred.map(key));
    const lines: string[] = [];
    for (const g of gold) {
      if (predKeys.has(key(g))) continue;
      const over = pred.filter((p) => overlaps(p, g));
      const sameSpan = over.find((p) => p.start === g.start && p.end === g.end);
      const cls = sameSpan ? `type ${g.type}->${sameSpan.type}` : over.length > 0 ? `boundary ${g.type}` : `missed ${g.type}`;
      bump(`${cls} [${kind}]`);
      bump(cls.split(' ')[0]! + ` ${g.type}`);
      lines.push(`  ${cls}: "${text(sentence.words, g)}"${over.length ? ` pred ${over.map((p) => `${p.type} "${text(sentence.words, p)}"`).join(', ')}` : ''}`);
    }
    for (const p of pred) {
      if (goldKeys.has(key(p)) || gold.some((g) => overlaps(p, g))) continue;
      bump(`spurious ${p.type} [${kind}]`);
      bump(`spurious ${p.type}`);
      lines.push(`  spurious ${p.type}: "${text(sentence.words, p)}"`);
    }
    if (lines.length > 0) console.log(`doc ${d} sent ${k} [${kind}]: ${sentence.words.join(' ')}\n${lines.join('\n')}`);
  });
}
console.log('\n# counts');
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(v).padStart(5)} ${k}`);
