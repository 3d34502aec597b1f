import type { Command } from 'commander';
import type { Analysis } from '../../analysis.js';
import type { ReadResult } from '../../ingest/article.js';
import { readSources } from '../../ingest/index.js';
import { orderedMap } from '../../parallel/ordered.js';
import { createAnalysisPool, parseJobs } from '../../parallel/pool.js';
import { EXIT_SOME_FAILED, UsageError } from '../errors.js';
import { checkActorFiles, collect, parseDateOption } from '../options.js';

type Format = 'json' | 'jsonl' | 'text';

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('analyse articles and print the Analysis JSON (see docs/ANALYSIS.md)')
    .argument('<paths...>', 'files, folders, feeds, JSONL, WARC or URLs')
    .option('--format <format>', 'json | jsonl | text', 'json')
    .option('--published <date>', 'publication date to assume when an article has none (YYYY-MM-DD)')
    .option('--syntax', 'add the per-token POS/lemma/dependency layer (`tokens`) to the JSON')
    .option('--jobs <n>', 'worker threads analysing articles (default: every core)')
    .option('--actors <file>', 'a PETRARCH/Phoenix actor dictionary, CountryInfo.txt or `fivew actors import-dict` JSON to code actors with (repeatable)', collect)
    .action(async (paths: string[], opts: { format: string; published?: string; syntax?: boolean; jobs?: string; actors?: string[] }) => {
      if (!['json', 'jsonl', 'text'].includes(opts.format)) throw new UsageError(`unknown --format ${opts.format} (json, jsonl or text)`);
      const format = opts.format as Format;
      const published = opts.published ? parseDateOption(opts.published, '--published') : undefined;
      const jobs = parseJobs(opts.jobs);
      if (jobs === null) throw new UsageError('--jobs expects a whole number from 1 to 512');
      const results: Analysis[] = [];
      let failed = 0;
      // Articles are analysed on worker threads a bounded window ahead and printed in input order.
      const pool = createAnalysisPool(jobs, { actorFiles: checkActorFiles(opts.actors) });
      const analysed = orderedMap(
        readSources(paths),
        async (item: ReadResult) => {
          if (!item.ok) return { item, done: { ok: false as const, error: item.error } };
          try {
            return { item, done: { ok: true as const, analysis: (await pool.analyze(item.article, { published, syntax: opts.syntax })).analysis } };
          } catch (err) {
            return { item, done: { ok: false as const, error: err instanceof Error ? err.message : String(err) } };
          }
        },
        Math.max(2, pool.workers * 4),
      );
      try {
        for await (const { item, done } of analysed) {
          if (!item.ok) {
            failed++;
            process.stderr.write(`fivew: ${item.origin}: ${item.error}\n`);
            continue;
          }
          if (!done.ok) {
            failed++;
            process.stderr.write(`fivew: ${item.origin}: ${done.error}\n`);
            continue;
          }
          const analysis = done.analysis;
          if (format === 'jsonl') process.stdout.write(`${JSON.stringify(analysis)}\n`);
          else if (format === 'text') process.stdout.write(formatText(analysis));
          else results.push(analysis);
        }
      } finally {
        await pool.close();
      }
      if (format === 'json') {
        // One article prints the contract object itself; several print an array of them.
        const value = results.length === 1 ? results[0] : results;
        process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      }
      if (failed > 0) process.exitCode = EXIT_SOME_FAILED;
    });
}

export function formatText(a: Analysis): string {
  const lines: string[] = [];
  lines.push(`# ${a.article.title ?? '(untitled)'}`);
  const meta = [a.article.source, a.article.published, a.article.byline, a.article.url].filter(Boolean);
  if (meta.length) lines.push(meta.join(' · '));
  lines.push(`${a.sentences.length} sentences, ${a.entities.length} entities, ${a.attributions.length} attributions, ${a.events.length} events`);
  if (a.attributions.length) {
    lines.push('', 'Who said what:');
    for (const at of a.attributions) {
      // The resolved speaker first; the words the article used for them when they differ ("he", "the envoy").
      const mention = at.speaker?.mention.text;
      const entity = at.speaker?.entity ? a.entities.find((e) => e.id === at.speaker?.entity) : undefined;
      const who = !mention ? '(unattributed)' : entity && mention !== entity.name ? `${entity.name} ("${mention.length > 40 ? `${mention.slice(0, 40)}…` : mention}")` : mention;
      lines.push(`- ${who} — ${at.cue.text} (${at.kind}): ${at.content.text}`);
    }
  }
  return `${lines.join('\n')}\n\n`;
}
