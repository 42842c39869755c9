/**
 * Real pagination for the fake: opaque tokens (an offset inside), page sizes honoured and checked
 * against each API's limits, and an optional cap that makes pages smaller than asked — which AWS
 * may do at any time ("IsTruncated ... even when there are more results") and which exercises the
 * collectors' paging with fewer items.
 */
import { FakeError } from './wire.js';

export interface PageLimits {
  /** Page size when the caller names none; undefined: everything. */
  defaultSize?: number;
  min?: number;
  max?: number;
  /** The error code the API uses for a bad page size. */
  invalidCode?: string;
}

export interface Page<T> {
  items: T[];
  next: string | undefined;
}

export function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64');
}

function decodeToken(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown; s?: unknown };
    if (typeof parsed.o === 'number' && parsed.s === scope) return parsed.o;
  } catch {
    // fall through
  }
  throw new FakeError(400, 'InvalidNextToken', `Invalid pagination token: ${token}`);
}

export function paginate<T>(all: readonly T[], scope: string, token: string | null | undefined, requested: string | number | null | undefined, limits: PageLimits, cap: number | undefined): Page<T> {
  const offset = token ? decodeToken(token, scope) : 0;
  let size = requested === null || requested === undefined || requested === '' ? limits.defaultSize : Number(requested);
  if (size !== undefined && (Number.isNaN(size) || (limits.min !== undefined && size < limits.min) || (limits.max !== undefined && size > limits.max))) {
    throw new FakeError(400, limits.invalidCode ?? 'InvalidParameterValue', `Page size ${String(requested)} is outside ${limits.min ?? 1}..${limits.max ?? '∞'}`);
  }
  if (cap !== undefined) size = Math.min(size ?? cap, cap);
  const end = size === undefined ? all.length : Math.min(all.length, offset + size);
  return { items: all.slice(offset, end), next: end < all.length ? encodeToken(end, scope) : undefined };
}
