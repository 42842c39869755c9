/**
 * API tokens as the server remembers them (src/api/token-verifier.ts): a token seen before is not
 * looked up again, but whether it is still live is checked for every request, in checks shared by
 * the requests waiting at the time. Through HTTP: a revocation (by any means, in any process: the
 * server keeps no revocation state of its own to notify) refuses every request sent after it, also
 * with requests in flight; a token deleted with its tenant is refused; many tokens of several
 * tenants checked together each still see only their own tenant. The status answers are shared
 * the same way (src/api/status-reader.ts), and as fresh.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegration } from '../../src/store/integrations.js';
import { apiTokens, tenants } from '../../src/store/schema.js';
import { dataOf, problems, startApiService, type ApiAnswer, type ApiWorld } from '../helpers/api.js';

const STATUS = '/api/v1/integrations/cloud/status';

let api: ApiWorld;

beforeAll(async () => {
  api = await startApiService({ env: { API_RATE_LIMIT_PER_MINUTE: '10000' } });
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

function expectRefused(answer: ApiAnswer): void {
  expect(answer.status).toBe(401);
  expect(problems(answer)).toEqual([{ code: 'AUTHENTICATION_ERROR', field: 'authorization' }]);
  expect(String(answer.body.error)).toMatch(/not valid or has been revoked/);
}

const names = (answer: ApiAnswer): unknown[] => (dataOf(answer).integrations as Array<{ name: unknown }>).map((i) => i.name);

describe('remembered API tokens', () => {
  it('refuses a remembered token from the first request sent after its revocation, with requests in flight', async () => {
    const { token, id } = await api.token('viewer');
    expect((await api.call('GET', STATUS, { token })).status).toBe(200);
    expect((await api.call('GET', STATUS, { token })).status).toBe(200);
    const inFlight = Array.from({ length: 20 }, () => api.call('GET', STATUS, { token }));
    // A plain UPDATE, as another process (`cloudsentinel tokens revoke`) would commit it: nothing in this process hears of it.
    await api.world.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    const after = await Promise.all(Array.from({ length: 20 }, () => api.call('GET', STATUS, { token })));
    for (const answer of after) expectRefused(answer);
    for (const answer of await Promise.all(inFlight)) expect([200, 401]).toContain(answer.status);
    expectRefused(await api.call('GET', STATUS, { token }));
  });

  it('refuses a remembered token once its tenant is deleted', async () => {
    const tenant = await api.tenant('short-lived');
    const { token } = await api.token('viewer', tenant.id);
    expect((await api.call('GET', STATUS, { token })).status).toBe(200);
    await api.world.db.delete(tenants).where(eq(tenants.id, tenant.id));
    expectRefused(await api.call('GET', STATUS, { token }));
  });

  it('keeps every caller in its own tenant when many tokens are checked together', async () => {
    const other = await api.tenant('globex');
    await createIntegration(api.world.db, api.world.service.keyring, { tenantId: other.id, name: 'globex-aws', provider: 'aws', credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'x'.repeat(40) } });
    const mine = await Promise.all([api.token('viewer'), api.token('admin'), api.token('responder')]);
    const theirs = await Promise.all([api.token('viewer', other.id), api.token('admin', other.id)]);
    const callers = [...mine.map((t) => ({ token: t.token, expected: ['prod'] })), ...theirs.map((t) => ({ token: t.token, expected: ['globex-aws'] }))];
    for (let round = 0; round < 3; round += 1) {
      const answers = await Promise.all(callers.flatMap((caller) => Array.from({ length: 6 }, async () => ({ caller, answer: await api.call('GET', STATUS, { token: caller.token }) }))));
      for (const { caller, answer } of answers) {
        expect(answer.status).toBe(200);
        expect(names(answer)).toEqual(caller.expected);
      }
    }
  });
});

describe('shared status reads', () => {
  it('shows a change committed before a request, however many requests were in flight', async () => {
    const tenant = await api.tenant('initech');
    const { token } = await api.token('viewer', tenant.id);
    expect(names(await api.call('GET', STATUS, { token }))).toEqual([]);
    const inFlight = Array.from({ length: 20 }, () => api.call('GET', STATUS, { token }));
    // Committed by another connection while those requests are being answered.
    await createIntegration(api.world.db, api.world.service.keyring, { tenantId: tenant.id, name: 'initech-aws', provider: 'aws', credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE34', secret_access_key: 'y'.repeat(40) } });
    const after = await Promise.all(Array.from({ length: 20 }, () => api.call('GET', STATUS, { token })));
    for (const answer of after) {
      expect(names(answer)).toEqual(['initech-aws']);
      expect(dataOf(answer).summary).toMatchObject({ total_integrations: 1, platforms: ['aws'] });
    }
    for (const answer of await Promise.all(inFlight)) expect([[], ['initech-aws']]).toContainEqual(names(answer));
  });

  it('answers the shared status with an ETag that a conditional request can revalidate', async () => {
    const tenant = await api.tenant('hooli');
    const { token } = await api.token('viewer', tenant.id);
    const first = await api.call('GET', STATUS, { token });
    const etag = first.headers.get('etag');
    expect(first.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[\w-]+"$/);
    expect(Number(first.headers.get('content-length'))).toBe(Buffer.byteLength(first.text));
    // fetch() adds `Cache-Control: no-cache` to a conditional request (which forbids a 304) unless it has one.
    const revalidate = { 'if-none-match': String(etag), 'cache-control': 'max-age=0' };
    const unchanged = await api.call('GET', STATUS, { token, headers: revalidate });
    expect(unchanged.status).toBe(304);
    await createIntegration(api.world.db, api.world.service.keyring, { tenantId: tenant.id, name: 'staging', provider: 'aws', credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE56', secret_access_key: 'z'.repeat(40) } });
    const changed = await api.call('GET', STATUS, { token, headers: revalidate });
    expect(changed.status).toBe(200);
    expect(names(changed)).toEqual(['staging']);
  });
});
