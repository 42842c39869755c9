/**
 * A fake AWS: one HTTP server on 127.0.0.1 that the real SDK clients reach through the endpoint
 * override. Service and region come from the SigV4 credential scope in the Authorization header
 * (`Credential=AKID/20240101/<region>/<service>/aws4_request`) — S3 Control signs as `s3` and is
 * told apart by its `/v20180820/` path — and each service answers in its own protocol, from an
 * in-memory FakeAccount, with real pagination and injectable faults. Every request is logged.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { faultFor, type Fault, type Faults } from './faults.js';
import type { FakeAccount } from './model.js';
import type { Handler, HandlerContext } from './services/context.js';
import { handleCloudTrail } from './services/cloudtrail.js';
import { handleConfig } from './services/config.js';
import { handleEc2 } from './services/ec2.js';
import { handleIam } from './services/iam.js';
import { handleKms } from './services/kms.js';
import { handleRds } from './services/rds.js';
import { handleAccessAnalyzer, handleGuardDuty, handleSecurityHub, restJsonOperation } from './services/rest-json.js';
import { handleS3, handleS3Control, s3Operation } from './services/s3.js';
import { handleSts } from './services/sts.js';
import {
  accessDeniedError,
  authError,
  credentialScope,
  errorResponse,
  FakeError,
  PROTOCOL,
  serviceFor,
  throttlingError,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
} from './wire.js';

export interface FakeCall {
  service: FakeService;
  region: string;
  operation: string;
  status: number;
  attempt: number;
  bucket: string | undefined;
  /** ms since the server started. */
  at: number;
}

export interface FakeAwsOptions {
  /** No page holds more than this many items, whatever was asked. */
  pageSizeCap?: number;
  faults?: Faults;
  /** Only these access keys are accepted (default: any). */
  validAccessKeyIds?: string[];
  /** These access keys are answered "token expired". */
  expiredAccessKeyIds?: string[];
}

export interface FakeAws {
  /** `http://localhost:<port>`: pass as the SDK endpoint. */
  endpoint: string;
  /** Resolves `*.localhost` to 127.0.0.1 — S3 Control puts the account id in front of the endpoint's host. */
  httpAgent: http.Agent;
  account: FakeAccount;
  /** Mutable: tests change faults between scans. */
  faults: Faults;
  calls: FakeCall[];
  /** Calls matching every given field. */
  count(filter?: Partial<FakeCall>): number;
  /** The most requests ever in flight at once: in total, and per `service:region`. */
  peak: { total: number; byServiceRegion: Record<string, number> };
  close(): Promise<void>;
}

const HANDLERS: Record<FakeService, Handler> = {
  sts: handleSts,
  iam: handleIam,
  rds: handleRds,
  ec2: handleEc2,
  s3: handleS3,
  s3control: handleS3Control,
  cloudtrail: handleCloudTrail,
  kms: handleKms,
  config: handleConfig,
  guardduty: handleGuardDuty,
  securityhub: handleSecurityHub,
  accessanalyzer: handleAccessAnalyzer,
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function operationOf(service: FakeService, method: string, path: string, query: URLSearchParams, params: URLSearchParams, target: string | undefined): { operation: string; bucket: string | undefined } {
  switch (PROTOCOL[service]) {
    case 'query':
    case 'ec2':
      return { operation: params.get('Action') ?? 'Unknown', bucket: undefined };
    case 'json':
      return { operation: target?.split('.')[1] ?? 'Unknown', bucket: undefined };
    case 'rest-xml':
      return s3Operation(method, path, query);
    case 'rest-json':
      return { operation: restJsonOperation(service, method, path), bucket: undefined };
  }
}

function faultError(fault: Exclude<Fault, { kind: 'reset' }>, request: FakeRequest, account: FakeAccount): FakeError {
  switch (fault.kind) {
    case 'throttle':
      return throttlingError(request.service);
    case 'tooManyRequests': {
      const shape = throttlingError(request.service);
      return new FakeError(429, shape.code, shape.message, { 'retry-after': String(fault.retryAfterSeconds) });
    }
    case 'accessDenied':
      return accessDeniedError(request.service, request.operation, account.callerArn);
    case 'error':
      return new FakeError(fault.status, fault.code, fault.message ?? fault.code);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFakeAws(account: FakeAccount, options: FakeAwsOptions = {}): Promise<FakeAws> {
  const started = performance.now();
  const calls: FakeCall[] = [];
  const ctx: HandlerContext = { account, pageSizeCap: options.pageSizeCap, state: { credentialReportGenerations: 0 } };
  const fake: { faults: Faults } = { faults: options.faults ?? {} };
  const peak = { total: 0, byServiceRegion: {} as Record<string, number> };
  const inFlight = new Map<string, number>();
  let inFlightTotal = 0;
  const enter = (key: string) => {
    inFlightTotal += 1;
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    peak.total = Math.max(peak.total, inFlightTotal);
    peak.byServiceRegion[key] = Math.max(peak.byServiceRegion[key] ?? 0, inFlight.get(key) ?? 0);
  };
  const leave = (key: string) => {
    inFlightTotal -= 1;
    inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
  };

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    const scope = credentialScope(req.headers.authorization);
    const service = scope && serviceFor(scope.signingName, url.pathname);
    if (!scope || !service) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`fake AWS: cannot tell the service from ${req.headers.authorization ?? 'no Authorization header'}`);
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    const params = new URLSearchParams(contentType.includes('x-www-form-urlencoded') ? body : '');
    const json = contentType.includes('json') && body ? (JSON.parse(body) as Record<string, unknown>) : {};
    const target = typeof req.headers['x-amz-target'] === 'string' ? req.headers['x-amz-target'] : undefined;
    const { operation, bucket } = operationOf(service, req.method ?? 'GET', url.pathname, url.searchParams, params, target);
    const attempt = Number(/attempt=(\d+)/.exec(String(req.headers['amz-sdk-request'] ?? ''))?.[1] ?? 1);
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      service,
      region: scope.region,
      accessKeyId: scope.accessKeyId,
      operation,
      params,
      json,
      attempt,
      bucket,
    };
    const log = (status: number) => calls.push({ service, region: scope.region, operation, status, attempt, bucket, at: performance.now() - started });
    const key = `${service}:${scope.region}`;
    enter(key);
    try {
      await reply(request, res, log);
    } finally {
      leave(key);
    }
  }

  async function reply(request: FakeRequest, res: ServerResponse, log: (status: number) => void): Promise<void> {
    const { service, region, operation, attempt, bucket, accessKeyId } = request;
    if (fake.faults.latencyMs) await sleep(fake.faults.latencyMs);
    let answer: FakeResponse;
    try {
      if (options.expiredAccessKeyIds?.includes(accessKeyId)) throw authError(service, true);
      if (options.validAccessKeyIds && !options.validAccessKeyIds.includes(accessKeyId)) throw authError(service, false);
      const fault = faultFor(fake.faults, { service, region, operation, attempt, bucket });
      if (fault?.kind === 'reset') {
        log(0);
        res.socket?.destroy();
        return;
      }
      if (fault) throw faultError(fault, request, account);
      answer = HANDLERS[service](request, ctx);
    } catch (error) {
      if (!(error instanceof FakeError)) throw error;
      answer = errorResponse(service, error);
    }
    log(answer.status);
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  const server = http.createServer((req, res) => {
    respond(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`fake AWS crashed: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  // Node's LookupFunction is a set of overloads; this one answers both the single and the `all` form.
  const lookup = ((hostname: string, opts: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) {
      callback(Object.assign(new Error(`fake AWS agent resolves only *.localhost, not ${hostname}`), { code: 'ENOTFOUND' }));
    } else if (opts.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
  }) as unknown as LookupFunction;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64, lookup });

  return {
    endpoint: `http://localhost:${port}`,
    httpAgent,
    account,
    get faults() {
      return fake.faults;
    },
    set faults(value: Faults) {
      fake.faults = value;
    },
    calls,
    peak,
    count(filter = {}) {
      const entries = Object.entries(filter) as [keyof FakeCall, unknown][];
      return calls.filter((call) => entries.every(([key, value]) => call[key] === value)).length;
    },
    async close() {
      httpAgent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
