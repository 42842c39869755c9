/** The API's own coded errors, in the guide's detail shape. */
import type { Role } from '../config.js';
import { AppError } from '../errors.js';
import { rolesWith, type ApiPermission } from './permissions.js';

export function invalid(field: string, message: string, summary = 'The request is not valid.'): AppError {
  return new AppError('VALIDATION_ERROR', summary, { details: [{ code: 'VALIDATION_ERROR', field, message }] });
}

export function forbidden(role: Role, permission: ApiPermission): AppError {
  const message = `Your role (${role}) does not have the ${permission} permission; it is granted to ${rolesWith(permission).join(' and ')}.`;
  return new AppError('AUTHORIZATION_ERROR', message, { details: [{ code: 'AUTHORIZATION_ERROR', message }] });
}

/** Another tenant's object answers exactly like one that does not exist, so ids reveal nothing. */
export function notFound(what: 'Integration' | 'Scan' | 'Alert', id: string): AppError {
  const message = `${what} ${id} does not exist.`;
  return new AppError('NOT_FOUND', message, { details: [{ code: 'NOT_FOUND', message }] });
}
