/**
 * Actor linking across articles: one actor behind the entities of many
 * articles. Links come from names alone (normal form, transliteration
 * skeleton, surname and given-name containment, the armed-groups alias table,
 * acronyms) and each carries its evidence and a confidence. User corrections
 * (merge, split) are applied on top and win over the automatic links.
 */
import type { EntityRecord } from '../analysis.js';
import { ARMED_GROUPS } from '../knowledge/groups.js';
import { HONORIFICS, ROLE_TITLES } from '../knowledge/roles.js';
import { acronymOf, isAcronym, nameWords, skeleton, spellingSimilarity } from './names.js';

export interface ArticleEntities {
  id: string;
  published: string | null;
  entities: EntityRecord[];
}

export const LINK_EVIDENCE = ['same-name', 'transliteration', 'given-names', 'surname', 'group-alias', 'acronym', 'user-merge'] as const;
export type LinkEvidence = (typeof LINK_EVIDENCE)[number];

export interface ActorLink {
  /** The two surface names the link joins. */
  from: string;
  to: string;
  evidence: LinkEvidence;
  confidence: number;
}

export interface ActorMention {
  article: string;
  entity: string;
  name: string;
}

export interface Actor {
  id: string;
  name: string;
  kind: 'person' | 'group' | 'org' | 'place';
  /** The entity type (PERSON, ORG, GPE…) of the form that names the actor. */
  type: string;
  country: string | null;
  variants: string[];
  articles: string[];
  mentions: ActorMention[];
  links: ActorLink[];
}

/** Corrections a user made; they are names, so they survive re-ingest and re-linking. */
export interface ActorOverrides {
  merges: Array<[string, string]>;
  splits: string[];
}

export const NO_OVERRIDES: ActorOverrides = { merges: [], splits: [] };

export interface ActorIndex {
  actors: Actor[];
  /** The actor of an article's entity. */
  actorOf(article: string, entity: string): string | null;
  /** The actor a bare name (e.g. a speaker mention) points to, if one does unambiguously. */
  resolveName(name: string, article?: string): string | null;
  byId(id: string): Actor | undefined;
  /**
   * The person a role phrase ("Melqar's foreign minister") points to: the one actor of the article
   * (else of the corpus) that holds the phrase's office somewhere in the corpus.
   */
  resolveRole(phrase: string, article: string): string | null;
  /** Every name form and the actor it went to, for an incremental refresh to look names up by. */
  forms?: ActorForm[];
}

export interface ActorForm {
  key: string;
  actor: string;
  display: string;
  type: string;
  lastSkeleton: string;
}

/** Minimum spelling similarity for two skeleton-equal words to count as one name (keeps Kessel from Kasli). */
const MIN_SPELLING = 0.6;

const GROUP_BY_ALIAS: ReadonlyMap<string, string> = new Map(
  ARMED_GROUPS.flatMap((row) => row.map((alias) => [alias.toLowerCase(), row[0]!] as const)),
);

const TITLE_ONLY: ReadonlySet<string> = new Set(ROLE_TITLES.map((t) => t.toLowerCase().replace(/\./g, '')));

type Kind = Actor['kind'];

/** Offices (not honorifics), longest first so "foreign minister" wins over "minister". */
const OFFICES: readonly string[] = [...new Set(ROLE_TITLES.filter((t) => !HONORIFICS.has(t) && !t.includes('.')).map((t) => t.toLowerCase()))].sort(
  (a, b) => b.length - a.length,
);

interface Form {
  key: string;
  display: string;
  kind: Kind;
  type: string;
  words: string[];
  skel: string[];
  group: string | null;
  mentions: ActorMention[];
  country: string | null;
  articles: Set<string>;
  roles: Set<string>;
}

function kindOf(type: string, group: string | null): Kind {
  if (group) return 'group';
  if (type === 'PERSON') return 'person';
  if (type === 'GPE' || type === 'LOC') return 'place';
  return 'org';
}

function formKey(kind: Kind, words: string[], group: string | null): string {
  return group ? `group:${group.toLowerCase()}` : `${kind}:${words.join(' ')}`;
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p === x) return x;
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    this.parent.set(rb, ra);
    return true;
  }
}

function sameSpelling(a: string[], b: string[]): boolean {
  return spellingSimilarity(a.join(' '), b.join(' ')) >= MIN_SPELLING;
}

/** Short stable id from a key (FNV-1a, hex). */
export function actorId(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `a${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/** The form key an entity's name links under (null for a bare title), and the skeleton of its last word. */
export function formOf(name: string, type: string): { key: string; lastSkeleton: string } | null {
  const group = GROUP_BY_ALIAS.get(name.toLowerCase()) ?? null;
  const words = nameWords(name);
  if (words.length === 0 || (!group && words.every((w) => TITLE_ONLY.has(w)))) return null;
  return { key: formKey(kindOf(type, group), words, group), lastSkeleton: skeleton(words.at(-1)!) };
}

/** The other form keys one name may be stored under: a place here is an organisation there. */
export function sameNameKeys(key: string): string[] {
  const [kind, ...rest] = key.split(':');
  const name = rest.join(':');
  return kind === 'place' ? [`org:${name}`] : kind === 'org' ? [`place:${name}`] : [];
}

function collectForms(articles: ArticleEntities[]): Map<string, Form> {
  const forms = new Map<string, Form>();
  for (const art of articles) {
    for (const e of art.entities) {
      const group = GROUP_BY_ALIAS.get(e.name.toLowerCase()) ?? null;
      const words = nameWords(e.name);
      if (words.length === 0 || (!group && words.every((w) => TITLE_ONLY.has(w)))) continue;
      const kind = kindOf(e.type, group);
      const key = formKey(kind, words, group);
      let form = forms.get(key);
      if (!form) {
        form = { key, display: group ?? e.name, kind, type: e.type, words, skel: words.map(skeleton), group, mentions: [], country: null, articles: new Set(), roles: new Set() };
        forms.set(key, form);
      }
      form.mentions.push({ article: art.id, entity: e.id, name: e.name });
      form.articles.add(art.id);
      form.country ??= e.country;
      for (const r of e.roles) if (!HONORIFICS.has(r)) form.roles.add(r.toLowerCase());
    }
  }
  return forms;
}

/** Link the entities of many articles into actors. */
export function linkActors(articles: ArticleEntities[], overrides: ActorOverrides = NO_OVERRIDES): ActorIndex {
  const forms = collectForms(articles);
  const uf = new UnionFind();
  const links: ActorLink[] = [];
  const pinned = new Set<string>();
  const byNormal = new Map<string, Form[]>();
  for (const f of forms.values()) {
    const n = f.words.join(' ');
    byNormal.set(n, [...(byNormal.get(n) ?? []), f]);
  }
  for (const name of overrides.splits) for (const f of byNormal.get(nameWords(name).join(' ')) ?? []) pinned.add(f.key);

  const link = (a: Form, b: Form, evidence: LinkEvidence, confidence: number): void => {
    if (evidence !== 'user-merge' && (pinned.has(a.key) || pinned.has(b.key))) return;
    if (uf.union(a.key, b.key)) links.push({ from: b.display, to: a.display, evidence, confidence });
  };

  const persons = [...forms.values()].filter((f) => f.kind === 'person');
  const full = persons.filter((f) => f.words.length >= 2);
  const single = persons.filter((f) => f.words.length === 1);

  // Full names: same skeleton word for word (transliterations), then one name's words inside the other's.
  const bySkel = new Map<string, Form[]>();
  for (const f of full) bySkel.set(f.skel.join(' '), [...(bySkel.get(f.skel.join(' ')) ?? []), f]);
  for (const group of bySkel.values()) {
    for (let i = 1; i < group.length; i++) if (sameSpelling(group[0]!.words, group[i]!.words)) link(group[0]!, group[i]!, 'transliteration', 0.85);
  }
  const bySurname = new Map<string, Form[]>();
  for (const f of full) bySurname.set(f.skel.at(-1)!, [...(bySurname.get(f.skel.at(-1)!) ?? []), f]);
  for (const group of bySurname.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = group[i]!.words.length >= group[j]!.words.length ? [group[i]!, group[j]!] : [group[j]!, group[i]!];
        const contained = b.skel.every((s) => a.skel.includes(s));
        if (contained && sameSpelling([a.words.at(-1)!], [b.words.at(-1)!])) link(a, b, 'given-names', 0.8);
      }
    }
  }
  // A surname alone goes to the one full name it can be; when several could, to the one it shares articles with.
  for (const s of single) {
    const candidates = (bySurname.get(s.skel[0]!) ?? []).filter((f) => spellingSimilarity(f.words.at(-1)!, s.words[0]!) >= MIN_SPELLING);
    const roots = new Map<string, Form>();
    for (const c of candidates) if (!roots.has(uf.find(c.key))) roots.set(uf.find(c.key), c);
    let target: Form | null = null;
    if (roots.size === 1) target = [...roots.values()][0]!;
    else if (roots.size > 1) {
      const scored = [...roots.keys()].map((r) => ({ r, n: candidates.filter((c) => uf.find(c.key) === r).reduce((k, c) => k + [...c.articles].filter((a) => s.articles.has(a)).length, 0) }));
      scored.sort((x, y) => y.n - x.n);
      if (scored[0]!.n > 0 && scored[0]!.n > (scored[1]?.n ?? 0)) target = roots.get(scored[0]!.r)!;
    }
    if (target) link(target, s, target.words.at(-1) === s.words[0] ? 'surname' : 'transliteration', roots.size === 1 ? 0.75 : 0.6);
  }
  // Single-word spellings of the same surname with no full name to hang on.
  const lone = new Map<string, Form[]>();
  for (const s of single) lone.set(s.skel[0]!, [...(lone.get(s.skel[0]!) ?? []), s]);
  for (const group of lone.values()) {
    for (let i = 1; i < group.length; i++) if (sameSpelling(group[0]!.words, group[i]!.words)) link(group[0]!, group[i]!, 'transliteration', 0.6);
  }

  // A country's name tagged as a place here and an organisation there ("Karsovia accused…") is one actor.
  for (const group of byNormal.values()) {
    const place = group.find((f) => f.kind === 'place');
    if (place) for (const f of group) if (f.kind === 'org') link(place, f, 'same-name', 0.7);
  }

  // Acronyms: "SLF" is the one organisation whose initials spell it.
  const orgs = [...forms.values()].filter((f) => f.kind === 'org' || f.kind === 'group');
  const byAcronym = new Map<string, Form[]>();
  for (const f of orgs) {
    const acr = acronymOf(f.display);
    if (acr) byAcronym.set(acr, [...(byAcronym.get(acr) ?? []), f]);
  }
  for (const f of orgs) {
    if (!isAcronym(f.display)) continue;
    const expansions = byAcronym.get(f.display.trim()) ?? [];
    const roots = new Set(expansions.map((e) => uf.find(e.key)));
    if (roots.size === 1) link(expansions[0]!, f, 'acronym', 0.8);
  }

  // A name the tagger typed two ways ("Karsovia" as a place here, an organisation there) is merged whole.
  for (const [a, b] of overrides.merges) {
    const fa = byNormal.get(nameWords(a).join(' ')) ?? [];
    const fb = byNormal.get(nameWords(b).join(' ')) ?? [];
    for (const f of [...fa.slice(1), ...fb]) if (fa[0]) link(fa[0], f, 'user-merge', 1);
  }

  return buildIndex(forms, uf, links);
}

function buildIndex(forms: Map<string, Form>, uf: UnionFind, links: ActorLink[]): ActorIndex {
  const clusters = new Map<string, Form[]>();
  for (const f of forms.values()) clusters.set(uf.find(f.key), [...(clusters.get(uf.find(f.key)) ?? []), f]);
  const actors: Actor[] = [];
  const ofMention = new Map<string, string>();
  const ofForm = new Map<string, string>();
  const linkOwner = new Map<string, string>();
  for (const members of clusters.values()) {
    // The name: the group's canonical name, else the fullest, most used form.
    const best = [...members].sort((x, y) => Number(!!y.group) - Number(!!x.group) || y.words.length - x.words.length || y.mentions.length - x.mentions.length || x.key.localeCompare(y.key))[0]!;
    const id = actorId(best.key);
    const mentions = members.flatMap((m) => m.mentions);
    for (const m of members) {
      ofForm.set(m.key, id);
      linkOwner.set(m.display, id);
    }
    for (const m of mentions) ofMention.set(`${m.article}\u0000${m.entity}`, id);
    actors.push({
      id,
      name: best.display,
      kind: best.kind,
      type: best.type,
      country: members.map((m) => m.country).find((c) => c !== null) ?? null,
      variants: [...new Set(mentions.map((m) => m.name))].sort(),
      articles: [...new Set(mentions.map((m) => m.article))].sort(),
      mentions,
      links: [],
    });
  }
  const byId = new Map(actors.map((a) => [a.id, a]));
  const articleSets = new Map(actors.map((a) => [a.id, new Set(a.articles)]));
  for (const l of links) byId.get(linkOwner.get(l.to) ?? '')?.links.push(l);
  actors.sort((a, b) => b.articles.length - a.articles.length || a.name.localeCompare(b.name));
  const formsList = [...forms.values()];
  // Name lookups go through these, not through every form: a corpus has tens of thousands.
  const byWords = new Map<string, Form[]>();
  const byLastSkeleton = new Map<string, Form[]>();
  for (const f of formsList) {
    byWords.set(f.words.join(' '), [...(byWords.get(f.words.join(' ')) ?? []), f]);
    byLastSkeleton.set(f.skel.at(-1)!, [...(byLastSkeleton.get(f.skel.at(-1)!) ?? []), f]);
  }
  const roleHolders = new Map<string, Set<string>>();
  for (const f of formsList) {
    if (f.kind !== 'person') continue;
    for (const r of f.roles) for (const t of OFFICES) if (r === t || r.endsWith(` ${t}`)) {
      if (!roleHolders.has(t)) roleHolders.set(t, new Set());
      roleHolders.get(t)!.add(ofForm.get(f.key)!);
    }
  }
  return {
    actors,
    forms: formsList.map((f) => ({ key: f.key, actor: ofForm.get(f.key)!, display: f.display, type: f.type, lastSkeleton: f.skel.at(-1)! })),
    byId: (id) => byId.get(id),
    actorOf: (article, entity) => ofMention.get(`${article}\u0000${entity}`) ?? null,
    resolveRole(phrase, article) {
      const lower = ` ${phrase.toLowerCase().replace(/[^a-z' -]/g, ' ')} `;
      const office = OFFICES.find((t) => lower.includes(` ${t} `));
      const holders = office ? roleHolders.get(office) : undefined;
      if (!holders) return null;
      const local = [...holders].filter((id) => articleSets.get(id)!.has(article));
      if (local.length === 1) return local[0]!;
      return local.length === 0 && holders.size === 1 ? [...holders][0]! : null;
    },
    resolveName(name, article) {
      const words = nameWords(name);
      if (words.length === 0) return null;
      const group = GROUP_BY_ALIAS.get(name.toLowerCase());
      if (group) return ofForm.get(formKey('group', words, group)) ?? null;
      // A name spelled exactly as stored is that form's actor, whatever its transliterations are linked to.
      const exact = new Set((byWords.get(words.join(' ')) ?? []).map((f) => ofForm.get(f.key)!));
      if (exact.size === 1) return [...exact][0]!;
      const skel = words.map(skeleton);
      const hits = new Set<string>();
      // Either way the last words' skeletons agree.
      for (const f of byLastSkeleton.get(skel.at(-1)!) ?? []) {
        // Word for word, or (people) the same surname with the given names a subset of the stored ones.
        const same =
          f.skel.length === skel.length
            ? f.skel.every((s, i) => s === skel[i])
            : f.kind === 'person' && skel.length < f.skel.length && f.skel.at(-1) === skel.at(-1) && skel.every((s) => f.skel.includes(s));
        if (same && sameSpelling(f.words.slice(-words.length), words)) hits.add(ofForm.get(f.key)!);
      }
      if (hits.size === 1) return [...hits][0]!;
      if (hits.size > 1 && article) {
        const local = [...hits].filter((id) => articleSets.get(id)!.has(article));
        if (local.length === 1) return local[0]!;
      }
      return null;
    },
  };
}
