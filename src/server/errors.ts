/** Every failure leaves the API as `{error, reason}` JSON with a fitting status. */
import type { FastifyError, FastifyInstance } from 'fastify';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    reason: string,
  ) {
    super(reason);
  }
}

export interface ErrorBody {
  error: string;
  reason: string;
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) return reply.status(err.status).send({ error: err.code, reason: err.message } satisfies ErrorBody);
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) request.log.error(err);
    // Our own 5xx reasons could leak internals (SQL, paths): say only that it failed.
    const reason = status >= 500 ? 'internal error' : err.message;
    return reply.status(status).send({ error: CODES[status] ?? (status >= 500 ? 'internal' : 'error'), reason } satisfies ErrorBody);
  });
}

export function notFoundBody(method: string, url: string): ErrorBody {
  return { error: 'not_found', reason: `no route ${method} ${url.split('?')[0]}` };
}
