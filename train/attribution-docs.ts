/**
 * PolNeAR articles with the pipeline's Docs (syntax layer included) and
 * entities, cached under /tmp so that attribution experiments and training
 * runs do not rebuild them: the POS/parse and NER layers are most of the time.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { analyzeArticle, type EntityRecord } from '../src/analysis.js';
import type { Doc } from '../src/doc/doc.js';
import { readPolnear, type SpanAttribution } from '../src/eval/polnear.js';

export interface SplitDoc {
  name: string;
  text: string;
  gold: SpanAttribution[];
  doc: Doc;
  entities: EntityRecord[];
}

interface Cached {
  name: string;
  doc: Doc;
  entities: EntityRecord[];
}

export function loadSplit(dir: string, rebuild = false, log: (line: string) => void = () => {}): SplitDoc[] {
  const articles = readPolnear(dir);
  const cachePath = `/tmp/fivew-attr-docs-${dir.replace(/\W+/g, '_')}.json`;
  let cached: Cached[];
  if (existsSync(cachePath) && !rebuild) {
    cached = JSON.parse(readFileSync(cachePath, 'utf8')) as Cached[];
    // Typed arrays were stored as plain arrays.
    for (const c of cached) {
      const syn = c.doc.syntax;
      if (syn?.head) syn.head = Int32Array.from(syn.head as unknown as number[]);
      const norm = c.doc.normalization as { original: Int32Array | null };
      if (norm.original) norm.original = Int32Array.from(norm.original as unknown as number[]);
    }
  } else {
    cached = articles.map((a, i) => {
      if (i % 50 === 0) log(`building docs ${i}/${articles.length}`);
      const { analysis, doc } = analyzeArticle({ url: null, title: null, byline: null, source: null, published: null, language: 'en', text: a.text });
      return { name: a.name, doc, entities: analysis.entities };
    });
    writeFileSync(cachePath, JSON.stringify(cached, (_k, v: unknown) => (v instanceof Int32Array ? Array.from(v) : v)));
  }
  return articles.map((a, i) => ({ ...cached[i]!, text: a.text, gold: a.gold }));
}
