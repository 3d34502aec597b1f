/**
 * The Analysis contract (see docs/ANALYSIS.md): the JSON fivew prints for one
 * article. Field names are stable; other tools rely on them.
 *
 * Every layer is always present: an article that is not analysed (not
 * English) keeps its layers as empty arrays.
 */
import type { CueTense } from './annotate/cue-form.js';
import { createDoc, type Doc } from './doc/doc.js';
import { articleId, type Article } from './ingest/article.js';
import { annotateAttributions } from './annotate/attribution.js';
import { annotateEntities } from './annotate/entities.js';
import { annotateActors, dictionaryEntities } from './annotate/actors.js';
import type { ActorDictionary } from './knowledge/events/petrarch-dict.js';
import { annotateEvents } from './annotate/events.js';
import { annotateSyntax, defaultSyntaxModels } from './annotate/syntax.js';
import { parseEverySentence, sentenceNeedsParse } from './annotate/parse-needs.js';

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export interface EntityRecord {
  id: string;
  type: string;
  name: string;
  country: string | null;
  sector: string | null;
  roles: string[];
  mentions: TextSpan[];
}

export interface AttributionRecord {
  id: string;
  kind: 'direct' | 'indirect' | 'mixed';
  speaker: { entity: string | null; mention: TextSpan } | null;
  /** `tense` and `negated` from the cue's auxiliaries and verb form (annotate/cue-form.ts); noun and prepositional cues have no tense. */
  cue: TextSpan & { lemma: string; tense: CueTense | null; negated: boolean };
  content: { spans: Array<{ start: number; end: number }>; text: string };
}

export interface EventRecord {
  id: string;
  type: string;
  mode: string | null;
  cameo: string | null;
  source: string[];
  target: string[];
  trigger: TextSpan;
  location: { name: string; country: string | null; lat: number | null; lon: number | null } | null;
  date: { value: string; precision: 'day' | 'month' | 'year'; text: string } | null;
  status: 'asserted' | 'claimed' | 'future' | 'hypothetical' | 'negated';
  claimedBy: string | null;
}

export interface Analysis {
  article: Article & { id: string };
  sentences: Array<{ start: number; end: number }>;
  entities: EntityRecord[];
  attributions: AttributionRecord[];
  events: EventRecord[];
  /** Per-token POS and dependencies; only with AnalyzeOptions.syntax (it is large). */
  tokens?: TokenRecord[];
}

export interface TokenRecord extends TextSpan {
  upos: string;
  xpos: string;
  lemma: string;
  /** Index of the head token in `tokens`, -1 for a sentence root. */
  head: number;
  deprel: string;
}

/** Milliseconds spent per pipeline stage, summed over the articles analysed with the same object. */
export type StageTimings = Record<string, number>;

export interface AnalyzeOptions {
  /** Publication date to assume when the article has none (ISO date). */
  published?: string;
  /** A user actor dictionary (PETRARCH/Phoenix, CountryInfo): it codes entities first and adds actors NER missed. */
  actors?: ActorDictionary;
  /** Add the `tokens` layer (POS, lemma, dependencies) to the output. */
  syntax?: boolean;
  /** When given, each stage adds its time here (see fivew bench). */
  timings?: StageTimings;
}

function timed<T>(timings: StageTimings | undefined, stage: string, run: () => T): T {
  if (!timings) return run();
  const t0 = performance.now();
  const value = run();
  timings[stage] = (timings[stage] ?? 0) + performance.now() - t0;
  return value;
}

/** English, or unknown (we assume English when detection had nothing to go on). */
export function isAnalysable(article: Pick<Article, 'language'>): boolean {
  return article.language === null || article.language === 'en';
}

/** Run the pipeline over one article and return its Analysis plus the Doc it was built on. */
export function analyzeArticle(article: Article, options: AnalyzeOptions = {}): { analysis: Analysis; doc: Doc } {
  const t = options.timings;
  const doc = timed(t, 'doc', () => createDoc(article.text));
  const published = article.published ?? options.published ?? null;
  const normalized: Article = { ...article, published, text: doc.text };
  const analysis: Analysis = {
    article: { id: articleId(normalized), ...normalized },
    sentences: doc.sentences.map((s) => ({ start: s.start, end: s.end })),
    entities: [],
    attributions: [],
    events: [],
  };
  // Our models are English-only: other languages are kept and flagged, never mis-analysed.
  if (!isAnalysable(normalized)) return { analysis, doc };
  // Arcs are read only around reporting (attribution); `--syntax` output shows every sentence's.
  const needsParse = options.syntax ? parseEverySentence : sentenceNeedsParse;
  doc.syntax = timed(t, 'syntax', () => annotateSyntax(doc, defaultSyntaxModels(), needsParse));
  if (options.syntax) analysis.tokens = tokenRecords(doc);
  analysis.entities = timed(t, 'entities', () => annotateEntities(doc));
  analysis.attributions = timed(t, 'attributions', () => annotateAttributions(doc, analysis.entities));
  if (options.actors) analysis.entities = [...analysis.entities, ...dictionaryEntities(doc, analysis.entities, options.actors, published)];
  analysis.entities = timed(t, 'actors', () => annotateActors(doc, analysis.entities, analysis.attributions, options.actors));
  analysis.events = timed(t, 'events', () => annotateEvents(doc, analysis.entities, analysis.attributions, { published }));
  return { analysis, doc };
}

function tokenRecords(doc: Doc): TokenRecord[] {
  const syntax = doc.syntax!;
  return doc.tokens.map((t, i) => ({
    start: t.start,
    end: t.end,
    text: t.text,
    upos: syntax.upos[i]!,
    xpos: syntax.xpos[i]!,
    lemma: syntax.lemma[i]!,
    head: syntax.head?.[i] ?? -1,
    deprel: syntax.deprel?.[i] ?? 'dep',
  }));
}
