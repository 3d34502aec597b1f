import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { listClaims } from '../src/corpus/queries.js';
import { openStore } from '../src/store/index.js';
import type { CorpusDatabase } from '../src/store/migration-corpus.js';
import { LINKED_SHOWN, linkedActor } from '../src/store/queries/actors.js';
import { SPEAKERS_SHOWN } from '../src/corpus/queries.js';

const dir = mkdtempSync(join(tmpdir(), 'fivew-caps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pages of very frequent actors stay small', () => {
  it('lists the first linked names and links, and how many there are', async () => {
    const store = await openStore(join(dir, 'caps.db'));
    try {
      const db = store.db as unknown as Kysely<CorpusDatabase & { corpus_actors: { key: string | null } }>;
      const names = Array.from({ length: LINKED_SHOWN + 37 }, (_, i) => `Orla Venn ${i}`);
      const links = names.slice(1).map((n) => ({ from: n, to: names[0]!, evidence: 'same-name', confidence: 0.7 }));
      await db
        .insertInto('corpus_actors')
        .values({ id: 'a1', key: 'PERSON:orla venn 0', name: names[0]!, kind: 'PERSON', country: null, num_articles: 3, data: JSON.stringify({ variants: names, links }) })
        .execute();
      const linked = await linkedActor(store, 'PERSON:orla venn 0');
      expect(linked?.variants).toEqual(names.slice(0, LINKED_SHOWN));
      expect(linked?.links).toHaveLength(LINKED_SHOWN);
      expect(linked?.totalVariants).toBe(names.length);
      expect(linked?.totalLinks).toBe(links.length);

      const speakers = Array.from({ length: SPEAKERS_SHOWN + 5 }, (_, i) => `s${i}`);
      await db
        .insertInto('corpus_claims')
        .values({ id: 'c1', text: 'the strait stays open', first_seen: '2026-01-02', last_seen: '2026-03-04', num_statements: 40, data: JSON.stringify({ speakers }) })
        .execute();
      const [claim] = await listClaims(db, { limit: 10, offset: 0, statements: 0 });
      expect(claim?.speakers.map((s) => s.id)).toEqual(speakers.slice(0, SPEAKERS_SHOWN));
      expect(claim?.numSpeakers).toBe(speakers.length);
    } finally {
      await store.close();
    }
  });
});
