/**
 * One place turns every error into the integration guide's shape:
 * `{ success: false, error, details: [{ code, message, field }], timestamp }`.
 * Clients never see a stack trace; unexpected errors are logged with theirs.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError, type ErrorCode, type ErrorDetail } from '../errors.js';
import type { Logger } from '../logger.js';

export interface ErrorBody {
  success: false;
  error: string;
  details: ErrorDetail[];
  timestamp: string;
}

export function errorBody(error: string, details: ErrorDetail[]): ErrorBody {
  return { success: false, error, details, timestamp: new Date().toISOString() };
}

/** body-parser and other http-errors carry a status and a type; map the ones a client causes. */
function fromHttpError(error: { status?: number; statusCode?: number; type?: string; expose?: boolean }): AppError | null {
  const status = error.status ?? error.statusCode;
  if (!status || status >= 500) return null;
  const byType: Record<string, [ErrorCode, string]> = {
    'entity.too.large': ['PAYLOAD_TOO_LARGE', 'The request body is larger than this server accepts.'],
    'entity.parse.failed': ['VALIDATION_ERROR', 'The request body is not valid JSON.'],
    'encoding.unsupported': ['VALIDATION_ERROR', 'The request body uses an unsupported encoding.'],
    'charset.unsupported': ['VALIDATION_ERROR', 'The request body uses an unsupported charset.'],
  };
  const known = error.type ? byType[error.type] : undefined;
  if (known) return new AppError(known[0], known[1]);
  if (status === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than this server accepts.');
  return new AppError('VALIDATION_ERROR', 'The request could not be read.');
}

export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    res.status(404).json(errorBody('Not found', [{ code: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}` }]));
  };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const appError = isAppError(err) ? err : fromHttpError(err as Record<string, never>);
    const log = (req as { log?: Logger }).log ?? logger;
    if (!appError) {
      log.error({ err }, 'unhandled error while serving a request');
      res.status(500).json(errorBody('Internal error', [{ code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; the error was logged.' }]));
      return;
    }
    if (appError.status >= 500) log.error({ err: appError }, appError.message);
    else log.info({ code: appError.code }, appError.message);
    res.status(appError.status).json(errorBody(appError.message, appError.details));
  };
}
