import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { startService, type RunningService } from '../../src/service.js';
import { generateKeySpec } from '../../src/store/crypto.js';
import { createIntegration, updateIntegration } from '../../src/store/integrations.js';
import { ensureDefaultTenant } from '../../src/store/tenants.js';
import { createTestDatabase, serverUrl, type TestDatabase } from '../helpers/db.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { deferred, waitFor } from '../helpers/wait.js';

const silent = pino({ level: 'silent' });
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cs-service-'));
  cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  return dir;
}

function configFor(env: Record<string, string>): Config {
  return loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: '10', ...env });
}

async function readyz(service: RunningService): Promise<{ status: number; body: { notReady?: Array<{ name: string }> } }> {
  const res = await fetch(`http://127.0.0.1:${service.address?.port}/readyz`);
  return { status: res.status, body: (await res.json()) as { notReady?: Array<{ name: string }> } };
}

/** The database the service runs on: a fresh PostgreSQL database behind a proxy we can cut, or an embedded one. */
async function serviceDatabase(): Promise<{ env: Record<string, string>; proxy: TcpProxy | null }> {
  if (!serverUrl) return { env: { CLOUDSENTINEL_DATA_DIR: tempDir() }, proxy: null };
  const testDb: TestDatabase = await createTestDatabase({ migrate: false });
  await testDb.database.close();
  cleanups.push(() => testDb.drop().catch(() => undefined));
  const url = new URL(testDb.url as string);
  const proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
  cleanups.push(() => proxy.close());
  url.host = `127.0.0.1:${proxy.port}`;
  return { env: { DATABASE_URL: url.toString(), CLOUDSENTINEL_ENCRYPTION_KEYS: generateKeySpec('v1') }, proxy };
}

describe('the service', () => {
  it('migrates, starts the queue and serves /readyz 200; readiness follows the database', async () => {
    const { env, proxy } = await serviceDatabase();
    const service = await startService({ config: configFor(env), logger: silent, mode: 'serve' });
    cleanups.push(() => service.stop());
    expect(await readyz(service)).toMatchObject({ status: 200 });
    expect(await service.database.pendingMigrations()).toBe(0);

    // /metrics reports each integration's last known health, read from the database at scrape time.
    const tenant = await ensureDefaultTenant(service.database.db);
    const integration = await createIntegration(service.database.db, service.keyring, { tenantId: tenant.id, name: 'metered', provider: 'aws', credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'x'.repeat(40) } });
    const metrics = async () => (await fetch(`http://127.0.0.1:${service.address?.port}/metrics`)).text();
    expect(await metrics()).toContain('cloudsentinel_integration_health{integration="metered",provider="aws",status="untested"} 1');
    await updateIntegration(service.database.db, integration.id, { health: { status: 'unhealthy', responseTimeMs: 12, errorMessage: 'InvalidClientTokenId', checkedAt: new Date().toISOString(), metadata: {} } });
    const after = await metrics();
    expect(after).toContain('cloudsentinel_integration_health{integration="metered",provider="aws",status="unhealthy"} 1');
    expect(after).not.toContain('status="untested"');

    if (proxy) {
      // PostgreSQL goes away: not ready, naming the database; it comes back: ready again.
      await proxy.cut();
      const down = await readyz(service);
      expect(down.status).toBe(503);
      expect(down.body.notReady?.map((n) => n.name)).toContain('database');
      await proxy.restore();
      await waitFor(async () => (await readyz(service)).status === 200, 20_000, 250);
    } else {
      // The embedded database lives in this process: once closed, the service is not ready.
      await service.database.close();
      const down = await readyz(service);
      expect(down.status).toBe(503);
      expect(down.body.notReady?.map((n) => n.name)).toContain('database');
    }
  });

  it('on stop, finishes the in-flight job before closing, and reports not ready while draining', async () => {
    const { env } = await serviceDatabase();
    const started = deferred();
    let finished = false;
    const service = await startService({
      config: configFor(env),
      logger: silent,
      mode: 'serve',
      handlers: {
        maintenance: async () => {
          started.resolve();
          await new Promise((resolve) => setTimeout(resolve, 1500));
          finished = true;
        },
      },
    });
    const id = await service.queue.send('maintenance', { task: 'reopen-expired-suppressions' });
    expect(id).toBeTruthy();
    await started.promise;
    const stopping = service.stop();
    expect(service.readiness.shuttingDown).toBe(true);
    await stopping;
    expect(finished).toBe(true);
  });

  it('generates the embedded encryption key with mode 0600 and keeps a second process out of the data directory', async () => {
    const dir = tempDir();
    const service = await startService({ config: configFor({ CLOUDSENTINEL_DATA_DIR: dir }), logger: silent, mode: 'serve' });
    cleanups.push(() => service.stop());
    expect(statSync(join(dir, 'encryption.keys')).mode & 0o777).toBe(0o600);
    // A second CloudSentinel on the same directory is refused while the first holds it.
    await expect(startService({ config: configFor({ CLOUDSENTINEL_DATA_DIR: dir }), logger: silent, mode: 'serve' })).rejects.toThrow(
      /in use by another CloudSentinel process/,
    );
  });

  it('refuses `worker` on the embedded database with a message saying what to do', async () => {
    await expect(startService({ config: configFor({ CLOUDSENTINEL_DATA_DIR: tempDir() }), logger: silent, mode: 'worker' })).rejects.toThrow(
      /needs DATABASE_URL/,
    );
  });

  it('refuses to start on PostgreSQL without an encryption keyring', async () => {
    const config = configFor({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(config.encryptionKeys).toBeNull();
    const { resolveKeyring } = await import('../../src/keyring.js');
    expect(() => resolveKeyring(config, silent)).toThrow(/CLOUDSENTINEL_ENCRYPTION_KEYS is required with DATABASE_URL/);
  });
});
