/** Turning GitHub calls into `Collected<T>`: a value, or why it could not be had (with the permission it needs). */
import { readGitHubError } from './connection.js';
import type { Collected } from './snapshot.js';

export function httpStatusOf(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}

export function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}

/**
 * Why a call failed, in words an operator can act on. A 403 or a 404 is GitHub's "not visible with
 * these permissions" (it answers 404 rather than reveal that something exists): the reason says
 * which permission the token or App lacks.
 */
export function describeGitHubError(error: unknown, permission: string): string {
  const failed = readGitHubError(error);
  if (failed.failure === 'authorization') return `not visible with these permissions (needs ${permission}): ${failed.message}`;
  return failed.message;
}

/** Runs `fn`; whatever it throws becomes `{ ok: false, error }` — the scan goes on. */
export async function attempt<T>(permission: string, fn: () => Promise<T>): Promise<Collected<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: describeGitHubError(error, permission) };
  }
}

/** Answers `fallback` when the call fails with `status` and a message matching `message` — how GitHub says "not configured". */
export async function unlessStatus<T>(status: number, message: RegExp | null, fallback: T, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (httpStatusOf(error) === status && (message === null || message.test(messageOf(error)))) return fallback;
    throw error;
  }
}
