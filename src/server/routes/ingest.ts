/** Writing and bulk reading: ingest one article (token required) and export the corpus. */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Article } from '../../ingest/article.js';
import { extractFromHtml } from '../../ingest/html/extract.js';
import { readSources } from '../../ingest/index.js';
import { parseTextArticle } from '../../ingest/text.js';
import type { Store, StoredRecord } from '../../store/index.js';
import { csvHeader, csvRecord, jsonlRecord } from '../../store/export.js';
import { ingestArticle } from '../../store/ingest.js';
import { HttpError } from '../errors.js';
import { bearerMatches } from '../token.js';
import { dateParam, docSchema, parse } from '../validate.js';

export const INGEST_BODY_LIMIT = 5 * 1024 * 1024;

const IngestBody = z
  .object({
    text: z.string().min(1).max(INGEST_BODY_LIMIT).optional(),
    html: z.string().min(1).max(INGEST_BODY_LIMIT).optional(),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    title: z.string().max(500).optional(),
    source: z.string().max(200).optional(),
    published: dateParam.optional(),
  })
  .strict()
  .refine((b) => [b.text, b.html, b.url].filter((v) => v !== undefined).length === 1, 'give exactly one of text, html or url');

const ExportQuery = z.object({ format: z.enum(['jsonl', 'csv']).default('jsonl') }).strict();

async function articleOf(body: z.output<typeof IngestBody>): Promise<Article> {
  const hints: Partial<Article> = {};
  if (body.title) hints.title = body.title;
  if (body.source) hints.source = body.source;
  if (body.published) hints.published = body.published;
  if (body.text !== undefined) return parseTextArticle(body.text, hints);
  if (body.html !== undefined) return { ...extractFromHtml(body.html), ...hints };
  // The URL reader refuses private and local addresses: the server cannot be made to probe its own network.
  for await (const item of readSources([body.url!])) {
    if (!item.ok) throw new HttpError(400, 'unreadable', item.error);
    return { ...item.article, ...hints };
  }
  throw new HttpError(400, 'unreadable', `no article at ${body.url}`);
}

async function* exportLines(store: Store, format: 'jsonl' | 'csv'): AsyncGenerator<string> {
  if (format === 'csv') yield csvHeader();
  for await (const record of store.iterate() as AsyncGenerator<StoredRecord>) yield format === 'csv' ? csvRecord(record) : jsonlRecord(record);
}

/** `onStored` runs after each article stored (the server refreshes the corpus layer a moment later). */
export function registerIngestRoutes(app: FastifyInstance, store: Store, token: string, onStored: () => void = () => {}): void {
  app.post(
    '/api/ingest',
    {
      bodyLimit: INGEST_BODY_LIMIT + 64 * 1024,
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: { summary: 'analyse and store one article (text, HTML or URL); needs the bearer token', tags: ['ingest'], body: docSchema(IngestBody) },
    },
    async (req, reply) => {
      if (!bearerMatches(req.headers.authorization, token)) throw new HttpError(401, 'unauthorized', 'ingest needs "Authorization: Bearer <token>" (see fivew serve output)');
      const body = parse(IngestBody, req.body);
      const article = await articleOf(body);
      let result;
      try {
        result = await ingestArticle(store, article);
      } catch (err) {
        throw new HttpError(400, 'not_ingested', err instanceof Error ? err.message.split('\n')[0]! : String(err));
      }
      if (result.outcome !== 'duplicate') onStored();
      return reply.status(result.outcome === 'duplicate' ? 200 : 201).send(result);
    },
  );

  app.get(
    '/api/export',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { summary: 'every stored article: jsonl (one Analysis a line) or csv', tags: ['export'], querystring: docSchema(ExportQuery) },
    },
    async (req, reply) => {
      const { format } = parse(ExportQuery, req.query);
      reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="fivew.${format}"`);
      return reply.send(Readable.from(exportLines(store, format)));
    },
  );
}
