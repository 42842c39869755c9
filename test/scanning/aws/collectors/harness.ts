/** Starting the fake AWS and pointing real SDK clients at it. */
import { createAwsClients, type AwsClientOptions, type AwsClients } from '../../../../src/scanning/providers/aws/clients.js';
import type { FakeAccount } from '../../../fakes/aws/model.js';
import { startFakeAws, type FakeAws, type FakeAwsOptions } from '../../../fakes/aws/server.js';

export const CREDENTIALS = { accessKeyId: 'AKIDSCANNER', secretAccessKey: 'fake-secret' };

export interface Harness {
  fake: FakeAws;
  clients: AwsClients;
  /** More clients on the same fake (e.g. other credentials); closed with the harness. */
  newClients(overrides?: Partial<AwsClientOptions>): AwsClients;
  close(): Promise<void>;
}

export async function startHarness(account: FakeAccount, fakeOptions: FakeAwsOptions = {}, clientOptions: Partial<AwsClientOptions> = {}): Promise<Harness> {
  const fake = await startFakeAws(account, fakeOptions);
  const made: AwsClients[] = [];
  const newClients = (overrides: Partial<AwsClientOptions> = {}) => {
    const clients = createAwsClients({
      region: 'us-east-1',
      credentials: CREDENTIALS,
      endpoint: fake.endpoint,
      httpAgent: fake.httpAgent,
      // Tests do not wait seconds between retries; Retry-After still holds.
      retry: { baseDelayMs: 2, maxDelayMs: 20 },
      ...clientOptions,
      ...overrides,
    });
    made.push(clients);
    return clients;
  };
  const clients = newClients();
  return {
    fake,
    clients,
    newClients,
    async close() {
      // The agent belongs to the fake: clients must not destroy it before the fake closes.
      for (const c of made) c.destroy();
      await fake.close();
    },
  };
}
