/** Quotes: who said what, filtered by speaker, words in the content ("what did X say about Y") and date range. */
import { sql } from 'kysely';
import type { Store } from '../store.js';
import { currentActorKey, nameContains } from './names.js';
import { clampPage, newestFirst, type Page } from './page.js';
import { normaliseName } from './actor-key.js';
import { corpusDb } from './schema.js';
import { quoteMatches } from './text-match.js';

export interface QuoteFilter extends Page {
  /** An actor key (`PERSON:ali akbar velayati`, the linked actor's after a corpus refresh) or a name to look for among speakers. */
  speaker?: string;
  /** Words the quote content must match (web-search syntax). */
  text?: string;
  /** Inclusive, compared as YYYY-MM-DD prefixes. */
  from?: string;
  to?: string;
  articleId?: string;
  /** Only these rows (attributions.seq), e.g. the newest full-text matches. */
  seqs?: number[];
}

export interface QuoteRow {
  articleId: string;
  attributionId: string;
  kind: string;
  speakerKey: string | null;
  speakerName: string | null;
  speakerText: string | null;
  cue: string;
  content: string;
  start: number;
  end: number;
  date: string | null;
  /** For an undated article, when the article says it was said ("Sunday"); null otherwise. */
  dateText: string | null;
  title: string | null;
  /** The claim cluster the statement belongs to (from the last corpus refresh), and how many statements it has. */
  claimId: string | null;
  claimSize: number;
}

/** Upper bound of a date prefix: "2025-04" covers every day of April. */
export function dateUpper(to: string): string {
  return `${to}\uffff`;
}

export async function searchQuotes(store: Store, filter: QuoteFilter): Promise<QuoteRow[]> {
  const db = corpusDb(store.db);
  const { limit, offset } = clampPage(filter);
  let q = db
    .selectFrom('attributions as q')
    .innerJoin('articles as a', 'a.id', 'q.article_id')
    .leftJoin('actors as s', 's.key', 'q.speaker_key')
    .leftJoin('corpus_claim_statements as cs', (j) => j.onRef('cs.article_id', '=', 'q.article_id').onRef('cs.attribution_id', '=', 'q.attribution_id'))
    .leftJoin('corpus_claims as cc', 'cc.id', 'cs.claim_id')
    .select([
      'cs.claim_id',
      'cs.date_text',
      'cc.num_statements',
      'q.article_id',
      'q.attribution_id',
      'q.kind',
      'q.speaker_key',
      's.name as speaker_name',
      'q.speaker_text',
      'q.cue',
      'q.content',
      'q.span_start',
      'q.span_end',
      'q.date',
      'a.title',
    ]);
  if (filter.speaker) {
    const speaker = filter.speaker;
    if (speaker.includes(':')) q = q.where('q.speaker_key', '=', await currentActorKey(store, speaker));
    else {
      q = q.where('q.speaker_key', 'in', db.selectFrom('actors').select('key').where(nameContains(store, normaliseName(speaker))));
    }
  }
  if (filter.text) {
    const cond = quoteMatches(store.engine, 'q', filter.text, { narrowedElsewhere: filter.speaker?.includes(':') ?? false });
    if (cond === null) return [];
    q = q.where(cond);
  }
  if (filter.from) q = q.where('q.date', '>=', filter.from);
  if (filter.to) q = q.where('q.date', '<=', dateUpper(filter.to));
  if (filter.articleId) q = q.where('q.article_id', '=', filter.articleId);
  if (filter.seqs) {
    if (filter.seqs.length === 0) return [];
    q = q.where('q.seq', 'in', filter.seqs);
  }
  const rows = await q
    .orderBy(newestFirst(store.engine, 'q.date'))
    .orderBy('q.seq', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    articleId: r.article_id,
    attributionId: r.attribution_id,
    kind: r.kind,
    speakerKey: r.speaker_key,
    speakerName: r.speaker_name,
    speakerText: r.speaker_text,
    cue: r.cue,
    content: r.content,
    start: Number(r.span_start),
    end: Number(r.span_end),
    date: r.date,
    dateText: r.date ? null : r.date_text,
    title: r.title,
    claimId: r.claim_id,
    claimSize: r.num_statements === null ? 0 : Number(r.num_statements),
  }));
}
