/**
 * `fivew claims`: statements that assert the same thing, grouped across
 * articles, with who said them and when the claim was first and last seen.
 */
import type { Command } from 'commander';
import { corpusDb, loadCorpusView } from '../../corpus/load.js';
import { addActorOverride } from '../../store/migration-corpus.js';
import { describeRefresh, refreshCorpus } from '../../corpus/refresh.js';
import { actorTimeline, pairTimeline } from '../../corpus/timelines.js';
import { DEFAULT_DB } from '../../store/index.js';
import { UsageError } from '../errors.js';
import { openStoreForCli } from './ingest.js';
import { intOption } from './stories.js';

export function registerClaims(program: Command): void {
  program
    .command('claims')
    .description('recurring claims: statements grouped by speaker and content, with first and last seen')
    .option('--db <url>', 'SQLite file or postgres:// URL', DEFAULT_DB)
    .option('--actor <name>', 'only claims made by this actor')
    .option('--min <n>', 'only claims made at least this many times', '2')
    .option('--limit <n>', 'most claims to print', '20')
    .option('--json', 'print the claims as JSON')
    .action(async (opts: { db: string; actor?: string; min: string; limit: string; json?: boolean }) => {
      const min = intOption(opts.min, '--min', 1);
      const limit = intOption(opts.limit, '--limit', 1);
      const store = await openStoreForCli(opts.db, { mustExist: true });
      try {
        const { view } = await loadCorpusView(store);
        let speaker: string | null = null;
        if (opts.actor) {
          speaker = view.actors.resolveName(opts.actor);
          if (!speaker) throw new UsageError(`no actor named "${opts.actor}" in this store`);
        }
        const claims = view.claims
          .filter((c) => c.statements.length >= min && (speaker === null || c.speakers.includes(speaker)))
          .sort((a, b) => b.statements.length - a.statements.length || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
          .slice(0, limit);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(claims.map((c) => ({ ...c, speakerNames: c.speakers.map((s) => view.actors.byId(s)?.name ?? s) })), null, 2)}\n`);
        } else if (claims.length === 0) process.stderr.write('no claims\n');
        else {
          for (const c of claims) {
            const who = c.speakers.map((s) => view.actors.byId(s)?.name ?? s).join(', ') || 'unknown speaker';
            process.stdout.write(`${c.id}  ${who}  ${c.statements.length}× ${c.firstSeen ?? '?'} → ${c.lastSeen ?? '?'}\n`);
            for (const s of c.statements) process.stdout.write(`    ${s.published ?? '?'} ${s.article} ${s.text.replace(/\s+/g, ' ').slice(0, 140)}\n`);
          }
        }
      } finally {
        await store.close();
      }
    });
}

/**
 * `fivew actors list|show|merge|split`: the linked actors of a store and the
 * user's corrections. Registered under the `actors` command (src/cli/commands/actors.ts).
 */
export function registerActorCorpusCommands(actors: Command): void {
  const dbOpt = ['--db <url>', 'SQLite file or postgres:// URL', DEFAULT_DB] as const;
  actors
    .command('list')
    .description('actors linked across the stored articles, most mentioned first')
    .option(...dbOpt)
    .option('--limit <n>', 'most actors to print', '50')
    .option('--json', 'print the actors as JSON')
    .action(async (opts: { db: string; limit: string; json?: boolean }) => {
      const limit = intOption(opts.limit, '--limit', 1);
      const store = await openStoreForCli(opts.db, { mustExist: true });
      try {
        const { view } = await loadCorpusView(store);
        const list = view.actors.actors.slice(0, limit);
        if (opts.json) process.stdout.write(`${JSON.stringify(list.map(({ mentions: _m, ...a }) => a), null, 2)}\n`);
        else for (const a of list) process.stdout.write(`${a.id}\t${a.kind}\t${a.articles.length}\t${a.name}\t${a.variants.filter((v) => v !== a.name).join(' | ')}\n`);
      } finally {
        await store.close();
      }
    });
  actors
    .command('show')
    .description('one actor: its names, the evidence linking them, its statements and events over time')
    .argument('<name>')
    .option(...dbOpt)
    .option('--with <name>', 'only events between this actor and another')
    .option('--json', 'print as JSON')
    .action(async (name: string, opts: { db: string; with?: string; json?: boolean }) => {
      const store = await openStoreForCli(opts.db, { mustExist: true });
      try {
        const { analyses, view } = await loadCorpusView(store);
        const id = view.actors.resolveName(name);
        if (!id) throw new UsageError(`no actor named "${name}" in this store`);
        const actor = view.actors.byId(id)!;
        const other = opts.with ? view.actors.resolveName(opts.with) : null;
        if (opts.with && !other) throw new UsageError(`no actor named "${opts.with}" in this store`);
        const timeline = other ? pairTimeline(id, other, analyses, view.actors) : actorTimeline(id, analyses, view.actors);
        const { mentions: _m, ...summary } = actor;
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ actor: summary, timeline }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${actor.name} (${actor.kind}${actor.country ? `, ${actor.country}` : ''}) ${actor.id}: ${actor.articles.length} article(s)\n`);
        process.stdout.write(`  names: ${actor.variants.join(' | ')}\n`);
        for (const l of actor.links) process.stdout.write(`  link: ${l.from} → ${l.to} (${l.evidence}, ${l.confidence})\n`);
        const nameOf = (x: string): string => view.actors.byId(x)?.name ?? x;
        for (const e of timeline) {
          if ('kind' in e && e.kind === 'statement') process.stdout.write(`  ${e.date ?? '?'} said: ${e.text.replace(/\s+/g, ' ').slice(0, 120)}\n`);
          else if ('kind' in e) process.stdout.write(`  ${e.date ?? '?'} ${e.type} (${e.role}) ${e.counterparts.map(nameOf).join(', ')}\n`);
          else process.stdout.write(`  ${e.date ?? '?'} ${nameOf(e.source)} ${e.type} ${nameOf(e.target)}\n`);
        }
      } finally {
        await store.close();
      }
    });
  actors
    .command('merge')
    .description('make two names one actor (kept across re-ingest; the corpus layer is refreshed with it)')
    .argument('<name>')
    .argument('<other>')
    .option(...dbOpt)
    .action(async (a: string, b: string, opts: { db: string }) => {
      const store = await openStoreForCli(opts.db, { mustExist: true });
      try {
        await addActorOverride(corpusDb(store), { action: 'merge', a, b });
        // The API and UI show the correction at once: the corpus layer is refreshed with it.
        const r = await refreshCorpus(store);
        process.stdout.write(`merged "${b}" into "${a}"; ${describeRefresh(r)}\n`);
      } finally {
        await store.close();
      }
    });
  actors
    .command('split')
    .description('take a name out of the actor it was linked to (kept across re-ingest; the corpus layer is refreshed with it)')
    .argument('<name>')
    .option(...dbOpt)
    .action(async (name: string, opts: { db: string }) => {
      const store = await openStoreForCli(opts.db, { mustExist: true });
      try {
        await addActorOverride(corpusDb(store), { action: 'split', name });
        const r = await refreshCorpus(store);
        process.stdout.write(`"${name}" is now its own actor; ${describeRefresh(r)}\n`);
      } finally {
        await store.close();
      }
    });
}
