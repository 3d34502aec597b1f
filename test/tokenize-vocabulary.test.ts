import { describe, expect, it } from 'vitest';
import { createDoc } from '../src/doc/doc.js';
import { winkAddedWords } from '../src/doc/tokenize.js';

const words = (text: string): string => createDoc(text).tokens.map((t) => t.text).join('|');

describe('wink-nlp vocabulary between documents', () => {
  it("tokenises a document the same whatever was read before (a form wink met whole before a comma stays split after)", () => {
    const text = "Dana O'Kelly's dog barked at the ferry.";
    const cold = words(text);
    expect(cold).toBe("Dana|O'Kelly|'s|dog|barked|at|the|ferry|.");
    words("Everyone blamed Dana O'Kelly's, not Ivo's, boat for the delay.");
    expect(words(text)).toBe(cold);
  });

  it('keeps no new word form after a document (memory stays flat on an open vocabulary)', () => {
    for (let i = 0; i < 50; i++) words(`Zorblatt${i} met Quimby-Vess${i} in Tarnovel${i}, officials said on Frembday${i}.`);
    expect(winkAddedWords()).toBe(0);
    // Words the model knows still resolve, and new ones are added afresh in the next document.
    expect(words('Zorblatt7 said the harbour was closed.')).toBe('Zorblatt7|said|the|harbour|was|closed|.');
    expect(winkAddedWords()).toBe(0);
  });
});
