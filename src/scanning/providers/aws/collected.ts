/** Turning SDK calls into `Collected<T>`: a value, or the reason it could not be had. */
import { describeAwsError, hasErrorCode } from './errors.js';
import type { Collected } from './snapshot.js';

export function ok<T>(value: T): Collected<T> {
  return { ok: true, value };
}

export function failed(error: unknown): { ok: false; error: string } {
  return { ok: false, error: describeAwsError(error) };
}

/** Runs `fn`; whatever it throws becomes `{ ok: false, error }` — the scan goes on. */
export async function attempt<T>(fn: () => Promise<T>): Promise<Collected<T>> {
  try {
    return ok(await fn());
  } catch (error) {
    return failed(error);
  }
}

/** Answers `fallback` when the call fails with one of `codes` — how AWS says "not configured" (NoSuchBucketPolicy → null). */
export async function unlessCode<T>(codes: readonly string[], fallback: T, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (hasErrorCode(error, codes)) return fallback;
    throw error;
  }
}
