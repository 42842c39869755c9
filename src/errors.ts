/**
 * Coded errors. Anything a user can cause or fix is an AppError with a code, a message that says
 * what went wrong, and (where there is one) what to do about it. The HTTP error handler and the CLI
 * turn them into the guide's error shape or a one-line message; anything else is a bug, logged with
 * its stack and shown to the user only as an internal error.
 */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'AUTHENTICATION_ERROR'
  | 'AUTHORIZATION_ERROR'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'PROVIDER_ERROR'
  | 'CONFIG_ERROR'
  | 'DATABASE_ERROR'
  | 'ENCRYPTION_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_ERROR';

const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  AUTHENTICATION_ERROR: 401,
  AUTHORIZATION_ERROR: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  PROVIDER_ERROR: 502,
  CONFIG_ERROR: 500,
  DATABASE_ERROR: 503,
  ENCRYPTION_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};

export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  field?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { details?: ErrorDetail[]; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details ?? [{ code, message }];
    this.hint = options.hint;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A message safe to show anyone: AppErrors say what happened; anything else stays internal. */
export function describeError(error: unknown): string {
  if (isAppError(error)) return error.hint ? `${error.message}\n  ${error.hint}` : error.message;
  return 'Internal error: see the server log for details.';
}
