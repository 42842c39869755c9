/**
 * What the HTTP(S) fakes of the cloud providers share: an HTTPS server on 127.0.0.1 with the test
 * certificate (test/fixtures/tls — the workers trust its CA through NODE_EXTRA_CA_CERTS, set in
 * vitest.config.ts), a call log, and injected answers (throttling, failures) for the next matching calls.
 */
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);
export const TEST_TLS = { cert: readFileSync(new URL('server.pem', TLS_DIR)), key: readFileSync(new URL('server-key.pem', TLS_DIR)) };

export interface FakeCall {
  method: string;
  path: string;
  /** The route's name in the fake (`token`, `subscription`, `buckets`, ...). */
  route: string;
  status: number;
}

/** Answers the next `times` calls of `route` with `status`, `body` and `headers` instead of the real answer. */
export interface Injected {
  route: string;
  times: number;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeServer {
  url: string;
  calls: FakeCall[];
  /** How many calls `route` received (injected answers included). */
  count(route: string): number;
  inject(answer: Injected): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `route` names a request (or null: 404); `answer` answers it. */
export async function startFakeServer(options: {
  tls: boolean;
  route: (request: FakeRequest) => string | null;
  answer: (route: string, request: FakeRequest, baseUrl: string) => FakeAnswer | Promise<FakeAnswer>;
}): Promise<FakeServer> {
  const calls: FakeCall[] = [];
  const injected: Injected[] = [];
  let baseUrl = '';
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const request: FakeRequest = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', baseUrl), headers: req.headers, body: await readBody(req) };
      const route = options.route(request);
      let answer: FakeAnswer;
      const forced = route === null ? undefined : injected.find((i) => i.route === route && i.times > 0);
      if (route === null) answer = { status: 404, body: { message: 'Not Found' } };
      else if (forced) {
        forced.times -= 1;
        answer = { status: forced.status, body: forced.body ?? { error: { code: 'Injected', message: `injected ${forced.status}` } }, ...(forced.headers ? { headers: forced.headers } : {}) };
      } else answer = await options.answer(route, request, baseUrl);
      calls.push({ method: request.method, path: request.url.pathname, route: route ?? 'unknown', status: answer.status });
      const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      res.end(text);
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  };
  const server = options.tls ? https.createServer(TEST_TLS, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    calls,
    count: (route) => calls.filter((c) => c.route === route).length,
    inject: (answer) => injected.push({ ...answer }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function formOf(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

export function bearerOf(request: FakeRequest): string | null {
  const value = request.headers.authorization;
  const match = typeof value === 'string' ? /^(?:bearer|token)\s+(.+)$/i.exec(value) : null;
  return match?.[1] ?? null;
}

/** An http(s) URL on 127.0.0.1 where nothing listens (a port just freed), for "cannot be reached". */
export async function closedUrl(scheme: 'http' | 'https'): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `${scheme}://127.0.0.1:${port}`;
}
