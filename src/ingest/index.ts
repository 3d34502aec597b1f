/**
 * readSources: every input the CLI accepts (files, folders, URLs, feeds,
 * JSONL, .gz, WARC) as one stream of ReadResults. PLACEHOLDER: plain files only.
 */
import { readFile } from 'node:fs/promises';
import { extractFromHtml } from './html/extract.js';
import { parseTextArticle } from './text.js';
import type { ReadResult } from './article.js';

export interface ReadOptions {
  /** Abort long work (URL fetches) when the user interrupts. */
  signal?: AbortSignal;
}

export async function* readSources(inputs: string[], _options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  for (const input of inputs) {
    try {
      const data = await readFile(input, 'utf8');
      const article = /\.html?$/i.test(input) ? extractFromHtml(data) : parseTextArticle(data);
      yield { ok: true, origin: input, article };
    } catch (err) {
      yield { ok: false, origin: input, error: (err as Error).message };
    }
  }
}
