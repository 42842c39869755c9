import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { Readiness } from '../../src/http/health.js';
import { createMetrics } from '../../src/metrics.js';
import { createServer } from '../../src/server.js';

const readiness: Readiness = { shuttingDown: false, checks: [] };
let dbUp = true;
readiness.checks.push({ name: 'database', check: () => (dbUp ? Promise.resolve() : Promise.reject(new Error('connection refused'))) });
readiness.checks.push({ name: 'jobs', check: () => Promise.resolve() });

const logs: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => logs.push(line) });
const metrics = createMetrics();

const boom = Router();
boom.get('/boom', () => {
  throw new Error('secret internals at /srv/app.ts:42');
});
boom.get('/teapot', () => {
  throw new AppError('AUTHORIZATION_ERROR', 'Viewers cannot start scans.', { details: [{ code: 'AUTHORIZATION_ERROR', message: 'role viewer lacks scan:run' }] });
});
boom.post('/echo', (req, res) => {
  res.json({ got: req.body as unknown });
});

let server: Server;
let base: string;

beforeAll(async () => {
  const app = createServer({ logger, metrics, readiness, bodyLimit: '1kb', routers: [{ path: '/api/test', router: boom }] });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

interface ErrorShape {
  success: false;
  error: string;
  details: Array<{ code: string; message: string; field?: string }>;
  timestamp: string;
}

describe('HTTP server', () => {
  it('answers /healthz while the process lives', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('answers /readyz 200 when every check passes and 503 with the failing ones otherwise', async () => {
    const ok = await fetch(`${base}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ready', checks: { database: 'ok', jobs: 'ok' } });

    dbUp = false;
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: 'not_ready',
      checks: { database: 'failing', jobs: 'ok' },
      notReady: [{ name: 'database', reason: 'connection refused' }],
    });
    dbUp = true;

    readiness.shuttingDown = true;
    const draining = await fetch(`${base}/readyz`);
    expect(draining.status).toBe(503);
    readiness.shuttingDown = false;
  });

  it('answers unknown routes with the guide error shape', async () => {
    const res = await fetch(`${base}/nowhere`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorShape;
    expect(body).toMatchObject({ success: false, error: 'Not found', details: [{ code: 'NOT_FOUND' }] });
    expect(new Date(body.timestamp).toString()).not.toBe('Invalid Date');
  });

  it('hides unexpected errors from the client and logs them', async () => {
    const res = await fetch(`${base}/api/test/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret internals');
    expect(text).not.toContain('app.ts');
    expect((JSON.parse(text) as ErrorShape).details[0]?.code).toBe('INTERNAL_ERROR');
    expect(logs.some((l) => l.includes('secret internals'))).toBe(true);
  });

  it('maps coded errors to their status and details', async () => {
    const res = await fetch(`${base}/api/test/teapot`);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ success: false, error: 'Viewers cannot start scans.', details: [{ code: 'AUTHORIZATION_ERROR' }] });
  });

  it('refuses bodies over the limit and malformed JSON with clear errors', async () => {
    const big = await fetch(`${base}/api/test/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(5000) }) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ details: [{ code: 'PAYLOAD_TOO_LARGE' }] });

    const bad = await fetch(`${base}/api/test/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"oops":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ details: [{ code: 'VALIDATION_ERROR', message: 'The request body is not valid JSON.' }] });

    const fine = await fetch(`${base}/api/test/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await fine.json()).toEqual({ got: { a: 1 } });
  });

  it('carries a request id: echoes a sane X-Request-Id, makes one otherwise, and logs with it', async () => {
    const given = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const hostile = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await fetch(`${base}/nowhere`, { headers: { 'x-request-id': 'trace-me-42' } });
    expect(logs.some((l) => l.includes('"correlationId":"trace-me-42"'))).toBe(true);
  });

  it('sets security headers', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('exposes Prometheus metrics with request durations by route pattern and status', async () => {
    await fetch(`${base}/api/test/teapot`);
    const res = await fetch(`${base}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('cloudsentinel_process_cpu_user_seconds_total');
    expect(text).toMatch(/cloudsentinel_http_request_duration_seconds_count\{method="GET",route="\/api\/test\/teapot",status="403"\} \d+/);
    expect(text).toMatch(/cloudsentinel_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(text).toContain('# TYPE cloudsentinel_jobs_total counter');
  });
});
