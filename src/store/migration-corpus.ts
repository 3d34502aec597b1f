/**
 * The corpus layer's own table: user corrections to actor linking. They are
 * kept by name, apart from any article, so re-ingesting or relinking the
 * corpus applies them again (`fivew actors merge|split`).
 */
import type { Generated, Kysely } from 'kysely';
import { z } from 'zod';
import type { ActorOverrides } from '../corpus/actors.js';
import type { StoreMigration } from './migrations.js';

export interface ActorOverridesTable {
  seq: Generated<number>;
  action: string;
  name_a: string;
  name_b: string | null;
  created_at: string;
}

export interface CorpusDatabase {
  actor_overrides: ActorOverridesTable;
}

export const corpusMigration: StoreMigration = {
  name: '0007_corpus_overrides',
  async up(db, engine) {
    await db.schema
      .createTable('actor_overrides')
      .addColumn('seq', 'integer', (c) => (engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity()))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('name_a', 'text', (c) => c.notNull())
      .addColumn('name_b', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};

const rowSchema = z.object({ action: z.enum(['merge', 'split']), name_a: z.string(), name_b: z.string().nullable() });

export type OverrideAction = { action: 'merge'; a: string; b: string } | { action: 'split'; name: string };

export async function addActorOverride(db: Kysely<CorpusDatabase>, o: OverrideAction): Promise<void> {
  await db
    .insertInto('actor_overrides')
    .values({ action: o.action, name_a: o.action === 'merge' ? o.a : o.name, name_b: o.action === 'merge' ? o.b : null, created_at: new Date().toISOString() })
    .execute();
}

/** The corrections in the order they were made. */
export async function readActorOverrides(db: Kysely<CorpusDatabase>): Promise<ActorOverrides> {
  const rows = await db.selectFrom('actor_overrides').select(['action', 'name_a', 'name_b']).orderBy('seq').execute();
  const out: ActorOverrides = { merges: [], splits: [] };
  for (const raw of rows) {
    const r = rowSchema.parse(raw);
    if (r.action === 'merge' && r.name_b !== null) out.merges.push([r.name_a, r.name_b]);
    else if (r.action === 'split') out.splits.push(r.name_a);
  }
  return out;
}
