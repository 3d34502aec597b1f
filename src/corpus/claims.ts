/**
 * Claim clusters: statements that assert the same thing, across articles and
 * time. Statements by the same speaker actor need only a modest overlap of
 * content words (a speaker repeating a line rewords it); statements whose
 * speaker is unknown, or by another actor, must be much closer to join.
 * Statements are taken in date order, so each cluster knows when it was first
 * and last seen and a new statement can be placed without reclustering.
 */
import { contentTerms, cosine, DocumentFrequencies, topTerms, type TermVector } from './text.js';

export interface Statement {
  article: string;
  attribution: string;
  published: string | null;
  /** The speaker's actor id, or null when the attribution has no resolvable speaker. */
  speaker: string | null;
  speakerText: string | null;
  text: string;
  /** Countries or actors named inside the content: "the Zionists" and "Israel" meet here when the words do not. */
  named: string[];
}

export interface ClaimOptions {
  sameSpeaker: number;
  unknownSpeaker: number;
  otherSpeaker: number;
}

export const CLAIM_DEFAULTS: ClaimOptions = { sameSpeaker: 0.3, unknownSpeaker: 0.5, otherSpeaker: 0.7 };

export interface ClaimCluster {
  id: string;
  /** The earliest statement's content. */
  text: string;
  speakers: string[];
  firstSeen: string | null;
  lastSeen: string | null;
  statements: Array<Statement & { similarity: number }>;
}

function byDate(a: Statement, b: Statement): number {
  return (a.published ?? '').localeCompare(b.published ?? '') || a.article.localeCompare(b.article) || a.attribution.localeCompare(b.attribution);
}

export function thresholdFor(cluster: Set<string | null>, speaker: string | null, options: ClaimOptions): number {
  if (speaker !== null && cluster.has(speaker)) return options.sameSpeaker;
  if (speaker === null || [...cluster].every((s) => s === null)) return options.unknownSpeaker;
  return options.otherSpeaker;
}

/** Statements of a cluster a new statement is compared with (the most recent). */
export const MAX_MEMBERS_COMPARED = 24;

/** Heaviest terms of a statement used as blocking keys. */
export const CLAIM_BLOCK_TERMS = 4;

export function clusterClaims(statements: Statement[], options: ClaimOptions = CLAIM_DEFAULTS): ClaimCluster[] {
  const df = new DocumentFrequencies();
  const terms = new Map<Statement, string[]>();
  for (const s of statements) {
    const t = [...contentTerms(s.text), ...s.named.map((n) => `@${n}`)];
    terms.set(s, t);
    df.add(t);
  }
  type Cluster = { members: Array<{ s: Statement; v: TermVector; sim: number }>; speakers: Set<string | null> };
  const clusters: Cluster[] = [];
  // Blocking, so a corpus is not compared pairwise: a statement meets the clusters of its own speaker that share
  // one of its terms (a cosine above zero needs one), and any cluster sharing one of its heaviest terms (a pair at
  // the cross-speaker thresholds shares those).
  const bySpeakerTerm = new Map<string, Cluster[]>();
  const byTerm = new Map<string, Cluster[]>();
  const index = (map: Map<string, Cluster[]>, key: string, c: Cluster): void => {
    const list = map.get(key);
    if (!list) map.set(key, [c]);
    else if (list.at(-1) !== c) list.push(c);
  };
  for (const s of [...statements].sort(byDate)) {
    const v = df.vector(terms.get(s)!);
    if (v.size === 0) continue;
    const top = topTerms(v, CLAIM_BLOCK_TERMS);
    const candidates = new Set<Cluster>();
    if (s.speaker) for (const t of v.keys()) for (const c of bySpeakerTerm.get(`${s.speaker}\u0000${t}`) ?? []) candidates.add(c);
    for (const t of top) for (const c of byTerm.get(t) ?? []) candidates.add(c);
    let best: { c: Cluster; score: number } | null = null;
    for (const c of candidates) {
      const need = thresholdFor(c.speakers, s.speaker, options);
      let score = 0;
      // A claim repeated for years has hundreds of statements; its most recent ones say it as it is said now.
      for (const m of c.members.slice(-MAX_MEMBERS_COMPARED)) score = Math.max(score, cosine(v, m.v));
      if (score >= need && (!best || score - need > best.score)) best = { c, score: score - need };
    }
    let home: Cluster;
    if (best) {
      home = best.c;
      home.members.push({ s, v, sim: best.score + thresholdFor(home.speakers, s.speaker, options) });
      home.speakers.add(s.speaker);
    } else {
      home = { members: [{ s, v, sim: 1 }], speakers: new Set([s.speaker]) };
      clusters.push(home);
    }
    if (s.speaker) for (const t of v.keys()) index(bySpeakerTerm, `${s.speaker}\u0000${t}`, home);
    for (const t of top) index(byTerm, t, home);
  }
  return clusters.map((c) => {
    const dates = c.members.map((m) => m.s.published).filter((d): d is string => d !== null).sort();
    const first = c.members[0]!.s;
    return {
      id: `c-${first.article}-${first.attribution}`,
      text: first.text,
      speakers: [...c.speakers].filter((x): x is string => x !== null),
      firstSeen: dates[0] ?? null,
      lastSeen: dates.at(-1) ?? null,
      statements: c.members.map((m) => ({ ...m.s, similarity: m.sim })),
    };
  });
}
