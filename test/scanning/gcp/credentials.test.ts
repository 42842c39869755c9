/**
 * Which credentials a CLI scan of GCP uses, and that looking for them never hangs: a key file, then
 * gcloud's application default credentials file, then (with an emulator endpoint) none, and last a
 * metadata server — which must answer a short probe like Google's does, or the scan stops with
 * AUTHENTICATION_ERROR saying what was looked for. Local sockets only: no request leaves the machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMetadataServer, resolveGcpAuth, verifyGcpAuth } from '../../../src/scanning/providers/gcp/credentials.js';
import { makeServiceAccountKey } from '../../fakes/gcp.js';

let dir: string;
let google: HttpServer;
let impostor: HttpServer;
let tarpit: Server;
const sockets = new Set<Socket>();
let closedPort: number;
const hostOf = (server: Server | HttpServer) => `127.0.0.1:${(server.address() as { port: number }).port}`;
const listen = (server: Server | HttpServer) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
const close = (server: Server | HttpServer | undefined) => new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cloudsentinel-gcp-credentials-'));
  google = createHttpServer((request, response) => {
    response.writeHead(request.headers['metadata-flavor'] === 'Google' ? 200 : 403, { 'Metadata-Flavor': 'Google', 'content-type': 'application/text' });
    response.end('attributes/\nid\nzone\n');
  });
  impostor = createHttpServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>captive portal</html>'));
  tarpit = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await Promise.all([listen(google), listen(impostor), listen(tarpit)]);
  const closed = createServer();
  await listen(closed);
  closedPort = (closed.address() as { port: number }).port;
  await close(closed);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([close(google), close(impostor), close(tarpit)]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('probeMetadataServer', () => {
  it('accepts a server that answers with Metadata-Flavor: Google', async () => {
    await expect(probeMetadataServer(hostOf(google), 1000)).resolves.toBeUndefined();
  });

  it('refuses anything else at the address, a refused connection, and silence — each within the time given', async () => {
    await expect(probeMetadataServer(hostOf(impostor), 1000)).rejects.toThrow(/not a Google metadata server \(HTTP 200/);
    await expect(probeMetadataServer(`127.0.0.1:${closedPort}`, 1000)).rejects.toThrow('it could not be reached (ECONNREFUSED)');
    const started = Date.now();
    await expect(probeMetadataServer(hostOf(tarpit), 300)).rejects.toThrow('no answer within 0.3 s');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('resolveGcpAuth without a stored integration', () => {
  const none = { storageEmulatorHost: null, apiEndpoint: null };

  it('stops with AUTHENTICATION_ERROR naming what it looked for when no metadata server answers', async () => {
    const adcFile = join(dir, 'nothing-here', 'application_default_credentials.json');
    const auth = resolveGcpAuth(null, { ...none, ambient: { keyFile: null, project: 'p', adcFile, metadataHost: hostOf(tarpit) } }, { metadataProbeTimeoutMs: 300 });
    const started = Date.now();
    const error: unknown = await verifyGcpAuth(auth).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: 'AUTHENTICATION_ERROR' });
    expect(String((error as Error).message)).toBe(
      `No Google Cloud credentials found: GOOGLE_APPLICATION_CREDENTIALS is not set; there is no ${adcFile} (gcloud's application default credentials); the metadata server at ${hostOf(tarpit)} did not answer like one (no answer within 0.3 s), so this is not a Google Cloud machine with a service account.`,
    );
    expect((error as { hint?: string }).hint).toMatch(/gcloud auth application-default login/);
  });

  it('takes gcloud\'s application default credentials file before an emulator\'s "no credentials"; a service account key there keeps its token_uri', () => {
    const file = join(dir, 'sa-adc.json');
    writeFileSync(file, JSON.stringify(makeServiceAccountKey('adc-project', 'adc@adc-project.iam.gserviceaccount.com', 'https://token.invalid/token').key));
    const auth = resolveGcpAuth(null, { storageEmulatorHost: 'https://emulator.invalid', apiEndpoint: null, ambient: { keyFile: null, project: null, adcFile: file } });
    expect(auth).toMatchObject({ defaultProject: 'adc-project', principal: `adc@adc-project.iam.gserviceaccount.com (${file})` });
  });

  it('hands a gcloud user login to google-auth-library, reading that file only (nothing is fetched until a token is asked for)', () => {
    const file = join(dir, 'user-adc.json');
    writeFileSync(file, JSON.stringify({ type: 'authorized_user', client_id: 'id.apps.googleusercontent.com', client_secret: 'not-a-secret', refresh_token: 'not-a-token' }));
    const auth = resolveGcpAuth(null, { ...none, ambient: { keyFile: null, project: 'acme', adcFile: file } });
    expect(auth).toMatchObject({ defaultProject: 'acme', principal: `application default credentials (${file})` });
    expect(auth.authClient).not.toBeNull();
  });

  it('goes unauthenticated to an emulator when there is neither a key file nor an application default credentials file', async () => {
    const auth = resolveGcpAuth(null, { storageEmulatorHost: null, apiEndpoint: 'https://emulator.invalid', ambient: { keyFile: null, project: 'p', adcFile: join(dir, 'absent.json') } });
    expect(auth.principal).toMatch(/^unauthenticated/);
    await expect(auth.token()).resolves.toBeNull();
  });
});
