/**
 * Can a learned ranker choose a page's title better than the rules in
 * src/ingest/html/title.ts? Over a WCXB-layout folder it lists every title
 * candidate of each page (title-candidates.ts), measures the oracle (pages whose
 * gold title is among them), the rules' accuracy, and a ranking perceptron's
 * accuracy in-sample and by k-fold cross-validation (learn on k−1 folds, score
 * the held-out fold), with and without the rules' choice as a feature. The
 * benchmark has no train split, so only the cross-validated figure says whether
 * a model would help on unseen pages. Nothing is written: no model is shipped
 * unless its cross-validated accuracy beats the rules (see models/ and docs/EVAL-extraction.md).
 *
 * Usage: npx tsx train/title-ranker.ts [--data DIR] [--folds K] [--epochs N] [--errors]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadGold, readPageHtml } from '../src/eval/extraction.js';
import { readJsonLd } from '../src/ingest/html/jsonld.js';
import { metaTags, sourceName, titleInputs } from '../src/ingest/html/metadata.js';
import { rankingExample } from '../src/ingest/html/title-candidates.js';
import { canon } from '../src/ingest/html/title-text.js';
import { chooseTitle } from '../src/ingest/html/title.js';
import { parseTree } from '../src/ingest/html/tree.js';
import { hashString } from '../src/models/hash.js';
import { AveragedPerceptron } from '../src/models/perceptron.js';
import { createRandom, shuffle } from '../src/models/prng.js';

interface Page {
  id: string;
  gold: string;
  /** Candidate texts as the scorer compares them, and their hashed features. */
  keys: string[];
  features: Uint32Array[];
  /** Index of the gold title among the candidates (-1: not offered), and of the rules' choice. */
  goldIndex: number;
  rulesIndex: number;
  texts: string[];
}

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/wcxb-dev-articles' },
    folds: { type: 'string', default: '5' },
    epochs: { type: 'string', default: '10' },
    errors: { type: 'boolean', default: false },
  },
});
const folds = Number(values.folds);
const epochs = Number(values.epochs);

function readPages(dir: string, keepFeature: (name: string) => boolean): Page[] {
  if (!readdirSync(dir).includes('ground-truth')) throw new Error(`${dir} is not a WCXB-layout folder`);
  const out: Page[] = [];
  for (const g of loadGold(dir, 'wcxb')) {
    if (!g.title) continue;
    const page = parseTree(readPageHtml(dir, g.id));
    const meta = metaTags(page.all);
    const ld = readJsonLd(page.jsonLd);
    const inputs = titleInputs(page, meta, ld, sourceName(meta, ld, g.url), g.url);
    const rules = chooseTitle(inputs).title;
    const example = rankingExample(inputs, rules);
    const keys = example.candidates.map((c) => c.key);
    out.push({
      id: g.id,
      gold: g.title,
      keys,
      texts: example.candidates.map((c) => c.text),
      features: example.features.map((names) => Uint32Array.from(names.filter(keepFeature), (n) => hashString(n))),
      goldIndex: keys.indexOf(canon(g.title)),
      rulesIndex: rules ? keys.indexOf(canon(rules)) : -1,
    });
  }
  return out;
}

function best(p: AveragedPerceptron, page: Page): number {
  let at = 0;
  let top = -Infinity;
  page.features.forEach((f, i) => {
    const s = p.scores(f);
    if (s[1]! - s[0]! > top) {
      top = s[1]! - s[0]!;
      at = i;
    }
  });
  return at;
}

function train(pages: Page[], seed: number): AveragedPerceptron {
  const p = new AveragedPerceptron(2);
  const random = createRandom(seed);
  const usable = pages.filter((page) => page.goldIndex >= 0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const page of shuffle([...usable], random)) {
      const guess = best(p, page);
      if (guess === page.goldIndex) {
        p.update(1, 1, page.features[guess]!);
        continue;
      }
      p.update(1, 0, page.features[page.goldIndex]!);
      p.update(0, 1, page.features[guess]!);
    }
  }
  p.finalize();
  return p;
}

const pct = (n: number, of: number): string => `${n}/${of} = ${((100 * n) / of).toFixed(2)} %`;

function evaluate(label: string, pages: Page[]): void {
  const all = train(pages, 1);
  const inSample = pages.filter((page) => best(all, page) === page.goldIndex).length;
  let crossValidated = 0;
  const errors: string[] = [];
  for (let k = 0; k < folds; k++) {
    const model = train(
      pages.filter((_, i) => i % folds !== k),
      1,
    );
    for (const page of pages.filter((_, i) => i % folds === k)) {
      const guess = best(model, page);
      if (guess === page.goldIndex) crossValidated++;
      else errors.push(`${page.id}\tgold: ${page.gold}\n\tgot:  ${page.texts[guess]}`);
    }
  }
  console.log(`${label}: in-sample ${pct(inSample, pages.length)}, ${folds}-fold cross-validated ${pct(crossValidated, pages.length)}`);
  if (values.errors) console.log(errors.join('\n'));
}

const withRules = readPages(values.data!, () => true);
const n = withRules.length;
console.log(`${n} pages, ${withRules.reduce((s, p) => s + p.keys.length, 0) / n} candidates per page on average`);
console.log(`oracle (gold among the candidates): ${pct(withRules.filter((p) => p.goldIndex >= 0).length, n)}`);
console.log(`rules (title.ts): ${pct(withRules.filter((p) => p.rulesIndex >= 0 && p.rulesIndex === p.goldIndex).length, n)}`);
evaluate('ranker with the rules\' choice as a feature', withRules);
evaluate('ranker alone', readPages(values.data!, (name) => !/^(?:rules|not-rules|rules-words|surface=)/.test(name)));
