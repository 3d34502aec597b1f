/**
 * zod at the edge: every query string, path parameter and body is parsed by
 * its zod schema in the handler; the same schema, as JSON Schema, documents
 * the route in the OpenAPI document.
 */
import { z } from 'zod';
import { HttpError } from './errors.js';

export function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new HttpError(400, 'bad_request', `${where}${issue.message}`);
}

/** The schema as OpenAPI sees it (input side: what a client sends). */
export function docSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

export const MAX_PAGE = 200;

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

export const dateParam = z.string().regex(/^\d{4}(-\d\d(-\d\d)?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');
export const shortText = z.string().trim().min(1).max(200);
