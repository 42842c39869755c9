/** The conditional-request cache on its own: bounded, least recently used out first, keyed without the secret. */
import { describe, expect, it } from 'vitest';
import { EtagCache, principalKey } from '../../../src/scanning/providers/github/etag-cache.js';

const entry = (etag: string) => ({ etag, response: { status: 200, url: 'https://api.github.com/x', headers: {}, data: { etag } } });

describe('EtagCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new EtagCache(2);
    cache.set('a', entry('1'));
    cache.set('b', entry('2'));
    expect(cache.get('a')?.etag).toBe('1');
    cache.set('c', entry('3'));
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.etag).toBe('1');
    expect(cache.get('c')?.etag).toBe('3');
  });

  it('names a principal by a hash that does not contain the token, different per token', () => {
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';
    expect(principalKey(`token:${token}`)).not.toContain(token.slice(4, 14));
    expect(principalKey(`token:${token}`)).not.toBe(principalKey('token:ghp_other'));
    expect(principalKey(`token:${token}`)).toBe(principalKey(`token:${token}`));
  });
});
