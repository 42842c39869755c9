/**
 * The connection test's retry policy (the integration guide's): throttling and transient faults are
 * retried three times with exponential backoff, authentication errors are not retried at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAwsConnection } from '../../../src/scanning/providers/aws/connection.js';
import { startFakeAws, type FakeAws } from '../../fakes/aws/server.js';
import { ACCOUNT_ID, smallAccount } from '../../fakes/aws/small-account.js';

const GOOD_KEY = 'AKIAFAKEGOODKEY12345';
const SECRET = 'fake-secret-access-key-0123456789abcdef';
let fake: FakeAws;

beforeAll(async () => {
  fake = await startFakeAws(smallAccount(), { validAccessKeyIds: [GOOD_KEY] });
});

afterAll(async () => {
  await fake?.close();
});

const test = (key: string) =>
  testAwsConnection({ access_key_id: key, secret_access_key: SECRET, region: 'us-east-1' }, { defaultRegion: 'us-east-1', endpoint: fake.endpoint, endpointOverridden: true, httpAgent: fake.httpAgent, retryBaseDelayMs: 5 });

const stsCalls = () => fake.calls.filter((c) => c.service === 'sts').length;

describe('AWS connection test retries', () => {
  it('retries throttling three times and then succeeds', async () => {
    fake.faults = { hook: (r) => (r.service === 'sts' && r.attempt <= 3 ? { kind: 'throttle' } : undefined) };
    const before = stsCalls();
    const result = await test(GOOD_KEY);
    expect(result.status).not.toBe('unhealthy');
    expect(result.metadata.account_id).toBe(ACCOUNT_ID);
    expect(stsCalls() - before).toBe(4);
  });

  it('gives up after the third retry of a server fault', async () => {
    fake.faults = { hook: (r) => (r.service === 'sts' ? { kind: 'error', status: 503, code: 'ServiceUnavailable' } : undefined) };
    const before = stsCalls();
    const result = await test(GOOD_KEY);
    // A provider fault says nothing about the credentials: unknown, with the reason.
    expect(result.status).toBe('unknown');
    expect(result.errorMessage).toContain('ServiceUnavailable');
    expect(stsCalls() - before).toBe(4);
  });

  it('does not retry rejected credentials', async () => {
    fake.faults = {};
    const before = stsCalls();
    const result = await test('AKIAFAKEREJECTED1234');
    expect(result).toMatchObject({ status: 'unhealthy', failure: 'authentication' });
    expect(stsCalls() - before).toBe(1);
  });
});
