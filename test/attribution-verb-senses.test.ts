import { describe, expect, it } from 'vitest';
import { verbSenseClasses } from '../src/knowledge/verb-senses.js';

describe('WordNet verb classes for the cue detector', () => {
  it('gives the classes of a verb lemma’s first senses, most frequent first', () => {
    expect(verbSenseClasses('say')).toBe('D'); // communication
    expect(verbSenseClasses('believe')?.[0]).toBe('C'); // cognition
    expect(verbSenseClasses('grill')).toContain('D'); // "grilled the chief executive"
  });

  it('knows no inflected forms, multi-word verbs or non-verbs', () => {
    expect(verbSenseClasses('said')).toBeNull();
    expect(verbSenseClasses('point out')).toBeNull();
    expect(verbSenseClasses('harbour-master')).toBeNull();
  });
});
