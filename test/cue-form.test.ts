import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../src/analysis.js';
import { cueForm } from '../src/annotate/cue-form.js';
import { createDoc } from '../src/doc/doc.js';

function analyse(text: string) {
  return analyzeArticle({ url: null, title: null, byline: null, source: null, published: null, language: 'en', text }).analysis;
}

/** The cue of the attribution whose content holds `fragment`. */
function cueOf(a: ReturnType<typeof analyse>, fragment: string) {
  const x = a.attributions.find((r) => r.content.text.includes(fragment));
  expect(x, fragment).toBeDefined();
  return x!.cue;
}

describe('cue tense and negation in the Analysis', () => {
  const a = analyse(
    [
      'Maren Holt said the ferry would run again in May.',
      'Holt says fares will not change this year.',
      'The harbour master will announce that the quay is closed.',
      'Officials did not say whether the tolls would rise.',
      'Holt has repeatedly argued that the port needs a second crane.',
      'According to the ministry, the crane was ordered in March.',
    ].join(' '),
  );

  it('reads past, present and future from the verb and its auxiliaries', () => {
    expect(cueOf(a, 'the ferry would run')).toMatchObject({ tense: 'past', negated: false });
    expect(cueOf(a, 'fares will not change')).toMatchObject({ tense: 'present', negated: false });
    expect(cueOf(a, 'the quay is closed')).toMatchObject({ tense: 'future', negated: false });
    expect(cueOf(a, 'needs a second crane')).toMatchObject({ tense: 'past', negated: false });
  });

  it('marks a denied saying as negated', () => {
    expect(cueOf(a, 'whether the tolls')).toMatchObject({ tense: 'past', negated: true });
  });

  it('gives a prepositional cue no tense', () => {
    expect(cueOf(a, 'the crane was ordered')).toMatchObject({ tense: null, negated: false });
  });
});

describe('cueForm without a syntax layer', () => {
  const form = (text: string, cue: string) => {
    const doc = createDoc(text);
    const start = doc.text.indexOf(cue);
    return cueForm(doc, { start, end: start + cue.length });
  };

  it('falls back on spelling and auxiliaries', () => {
    expect(form('The mayor warned that the bridge was unsafe.', 'warned')).toEqual({ tense: 'past', negated: false });
    expect(form('The mayor insists the bridge is safe.', 'insists')).toEqual({ tense: 'present', negated: false });
    expect(form('The mayor would argue the bridge is safe.', 'argue')).toEqual({ tense: 'conditional', negated: false });
    expect(form("The mayor won't say whether the bridge is safe.", 'say')).toEqual({ tense: 'future', negated: true });
    expect(form("She's told reporters the bridge is safe.", 'told')).toEqual({ tense: 'past', negated: false });
    expect(form('He is going to say the bridge is safe.', 'say')).toEqual({ tense: 'future', negated: false });
  });
});
