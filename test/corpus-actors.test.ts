import { describe, expect, it } from 'vitest';
import type { EntityRecord } from '../src/analysis.js';
import { linkActors, type ArticleEntities } from '../src/corpus/actors.js';
import { nameWords, skeleton } from '../src/corpus/names.js';

let n = 0;
function ent(name: string, type = 'PERSON'): EntityRecord {
  return { id: `e${++n}`, type, name, country: null, sector: null, roles: [], mentions: [{ start: 0, end: name.length, text: name }] };
}
function art(id: string, ...entities: EntityRecord[]): ArticleEntities {
  return { id, published: '2026-01-01', entities };
}
const sameActor = (index: ReturnType<typeof linkActors>, ...names: string[]): boolean => {
  const ids = new Set(names.map((x) => index.resolveName(x)));
  return ids.size === 1 && !ids.has(null);
};

describe('name keys', () => {
  it('drop titles and particles and meet across transliterations', () => {
    expect(nameWords('Sheikh Nassir al-Haddadi')).toEqual(['nassir', 'haddadi']);
    const key = (s: string) => nameWords(s).map(skeleton).join(' ');
    expect(key('Sayyed Tarek Ghanemi')).toBe(key('Seyyed Tarek Qanemi'));
    expect(key('Nasrallah')).toBe(key('Nasrullah'));
    expect(key('Yusuf Abdelkarim')).toBe(key('Youssef Abdul-Karim'));
    expect(key('Ilya Dorofeyev')).toBe(key('Ilya Dorofeev'));
    expect(key('Kessel')).not.toBe(key('Korval'));
  });
});

describe('linkActors', () => {
  it('links full names, transliterations and a bare surname into one actor, with evidence', () => {
    const index = linkActors([
      art('a1', ent('Tarek Ghanemi'), ent('Ghanemi')),
      art('a2', ent('Seyyed Tarek Qanemi')),
      art('a3', ent('Qanemi')),
      art('a4', ent('Lena Ostrova')),
    ]);
    expect(sameActor(index, 'Tarek Ghanemi', 'Seyyed Tarek Qanemi', 'Qanemi', 'Ghanemi')).toBe(true);
    expect(sameActor(index, 'Tarek Ghanemi', 'Lena Ostrova')).toBe(false);
    const actor = index.byId(index.resolveName('Ghanemi')!)!;
    expect(actor.articles).toEqual(['a1', 'a2', 'a3']);
    expect(actor.links.map((l) => l.evidence)).toContain('transliteration');
    for (const l of actor.links) expect(l.confidence).toBeGreaterThan(0);
  });

  it('links a shorter full name inside a longer one (Akbar Velayati-style)', () => {
    const index = linkActors([art('a1', ent('Omar Rafi Belkadi')), art('a2', ent('Rafi Belkadi'))]);
    expect(sameActor(index, 'Omar Rafi Belkadi', 'Rafi Belkadi')).toBe(true);
  });

  it('leaves a surname shared by two people unlinked unless one shares its article', () => {
    const bare = ent('Tolm');
    const index = linkActors([art('a1', ent('Maria Tolm')), art('a2', ent('Piet Tolm')), art('a3', bare)]);
    const lone = index.actorOf('a3', bare.id);
    expect(lone).not.toBeNull();
    expect([index.resolveName('Maria Tolm'), index.resolveName('Piet Tolm')]).not.toContain(lone);
    expect(index.resolveName('Maria Tolm')).not.toBe(index.resolveName('Piet Tolm'));
    const index2 = linkActors([art('a1', ent('Maria Tolm'), ent('Tolm')), art('a2', ent('Piet Tolm'))]);
    expect(sameActor(index2, 'Maria Tolm')).toBe(true);
    expect(index2.actorOf('a1', index2.actors.find((a) => a.name === 'Maria Tolm')!.mentions.find((m) => m.name === 'Tolm')!.entity)).toBe(index2.resolveName('Maria Tolm'));
  });

  it('group aliases from the gazetteer and acronyms are one actor', () => {
    const index = linkActors([
      art('a1', ent('Daesh', 'GROUP'), ent('Northern Unity Front', 'ORG')),
      art('a2', ent('ISIL', 'ORG'), ent('NUF', 'ORG')),
      art('a3', ent('Islamic State', 'ORG')),
    ]);
    expect(sameActor(index, 'Daesh', 'ISIL', 'Islamic State')).toBe(true);
    expect(index.byId(index.resolveName('ISIL')!)!.name).toBe('Daesh');
    expect(sameActor(index, 'Northern Unity Front', 'NUF')).toBe(true);
  });

  it('a role phrase points to the one actor of the article holding that office', () => {
    const minister = { ...ent('Tarek Ghanemi'), roles: ['Foreign Minister', 'Sayyed'] };
    const premier = { ...ent('Lena Ostrova'), roles: ['Prime Minister'] };
    const index = linkActors([art('a1', minister, premier), art('a2', ent('Tarek Ghanemi'), ent('Lena Ostrova'))]);
    expect(index.resolveRole("Velmar's foreign minister", 'a2')).toBe(index.resolveName('Tarek Ghanemi'));
    expect(index.resolveRole('the prime minister', 'a2')).toBe(index.resolveName('Lena Ostrova'));
    // An honorific is no office, and an office nobody in the article holds points nowhere.
    expect(index.resolveRole('the sayyed', 'a2')).toBeNull();
    expect(index.resolveRole('the defence minister', 'a2')).toBeNull();
  });

  it('user merges and splits win over the automatic links', () => {
    const articles = [art('a1', ent('Tarek Ghanemi')), art('a2', ent('Ghanemi')), art('a3', ent('Lena Ostrova'))];
    const split = linkActors(articles, { merges: [], splits: ['Ghanemi'] });
    expect(sameActor(split, 'Tarek Ghanemi', 'Ghanemi')).toBe(false);
    const merged = linkActors(articles, { merges: [['Lena Ostrova', 'Tarek Ghanemi']], splits: [] });
    expect(sameActor(merged, 'Lena Ostrova', 'Tarek Ghanemi', 'Ghanemi')).toBe(true);
    expect(merged.byId(merged.resolveName('Ghanemi')!)!.links.some((l) => l.evidence === 'user-merge')).toBe(true);
  });
});
