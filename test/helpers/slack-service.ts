/**
 * A whole CloudSentinel with Slack on, for end-to-end tests and the Slack benchmark: the real
 * service (`serve` mode: HTTP server, Bolt app, job workers) on a fresh database, a fake Slack Web API
 * behind `SLACK_API_URL`, and a scripted AWS scanner whose next findings the test sets. Requests go
 * over HTTP, signed as Slack signs them.
 */
import { loadConfig, type LogLevel } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { fingerprint, remediationText } from '../../src/scanning/engine.js';
import { awsChecks } from '../../src/scanning/registry.js';
import type { ProviderScanner, ScanOutcome } from '../../src/scanning/scanner.js';
import type { Finding, Severity } from '../../src/scanning/types.js';
import { startService, type RunningService } from '../../src/service.js';
import { generateKeySpec } from '../../src/store/crypto.js';
import type { Db } from '../../src/store/db.js';
import { createIntegration, type PublicIntegration } from '../../src/store/integrations.js';
import { ensureDefaultTenant } from '../../src/store/tenants.js';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/slack.js';
import { serviceDatabase } from './db.js';
import { blockActionsPayload, interactionBody, postSlack, slashCommandBody, type BlockActionsInput, type SlackHttpResult } from './slack.js';

export const SIGNING_SECRET = 'e2e-signing-secret';
export const BOT_TOKEN = 'xoxb-e2e-bot-token';

/** A failing finding the scripted scanner reports: a real AWS check on a named resource. */
export interface ScriptedFailure {
  checkId: string;
  resourceId: string;
  severity?: Severity;
}

/** An AWS scanner that reports exactly the failures it is given for its next scans, over every check it names. */
export class ScriptedScanner implements ProviderScanner {
  readonly provider = 'aws' as const;
  readonly checks = awsChecks;
  private failures: ScriptedFailure[] = [];
  private gate: Promise<void> | null = null;
  scans = 0;

  /** Holds every following scan until the returned function is called (a scan still in flight, for tests that need one). */
  hold(): () => void {
    let release = (): void => {};
    this.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return () => {
      this.gate = null;
      release();
    };
  }

  /** What every following scan finds failing; every other resource named before now passes. */
  willFind(failures: ScriptedFailure[]): void {
    this.failures = failures;
  }

  async scan(): Promise<ScanOutcome> {
    this.scans += 1;
    if (this.gate) await this.gate;
    const now = new Date().toISOString();
    const findings: Finding[] = this.failures.map((failure) => {
      const meta = this.checks.find((check) => check.meta.id === failure.checkId)?.meta;
      if (!meta) throw new Error(`no AWS check ${failure.checkId}`);
      const severity = failure.severity ?? meta.severity;
      return {
        checkId: meta.id,
        provider: 'aws',
        service: meta.service,
        resourceId: failure.resourceId,
        resourceType: meta.resourceType,
        region: 'us-east-1',
        status: 'fail',
        severity,
        riskScore: severity === 'critical' ? 9.5 : severity === 'high' ? 7.5 : 4,
        title: meta.title,
        statusDetail: `${failure.resourceId} fails ${meta.id}`,
        remediation: remediationText(meta),
        compliance: meta.compliance,
        fingerprint: fingerprint(meta.id, failure.resourceId),
      };
    });
    // Every check "ran completely": a failure dropped from the script is resolved by the next scan.
    const checks = this.checks.map((check) => check.meta);
    return {
      report: {
        scan: { id: null, provider: 'aws', accountId: '123456789012', startedAt: now, finishedAt: now, status: 'complete', regions: ['us-east-1'], checks: checks.length, toolVersion: 'test', errors: [] },
        findings,
        checks,
      },
      incompleteChecks: [],
      resources: new Set(findings.map((f) => f.resourceId)).size,
      apiCalls: { calls: 0, retries: 0, throttled: 0 },
    };
  }
}

export interface SlackServiceOptions {
  /** More environment (e.g. SLACK_DIGEST_THRESHOLD, CLOUDSENTINEL_ADMINS, OAuth variables). */
  env?: Record<string, string>;
  fake?: FakeSlackOptions;
  /** Single-workspace mode with SLACK_BOT_TOKEN (default), or OAuth installs only. */
  singleWorkspace?: boolean;
  logLevel?: LogLevel;
  /** Receives every log line (the production logger, with its redaction). */
  onLog?: (line: string) => void;
}

export interface SlackService {
  service: RunningService;
  fake: FakeSlack;
  scanner: ScriptedScanner;
  db: Db;
  baseUrl: string;
  /** The default tenant's `prod` AWS integration (single-workspace mode). */
  integration: PublicIntegration | null;
  /** POSTs a signed body to /slack/events. */
  post(body: string, headers?: Record<string, string>): Promise<SlackHttpResult>;
  /** A signed `/sentinel <text>`; `responseId` names the response_url its answers land on. */
  command(text: string, who: { teamId?: string; userId: string; channelId: string; responseId?: string }, headers?: Record<string, string>): Promise<SlackHttpResult>;
  /** A signed click (or user pick) on a message. */
  click(input: Omit<BlockActionsInput, 'teamId' | 'responseUrl'> & { teamId?: string; responseId?: string }): Promise<SlackHttpResult>;
  stop(): Promise<void>;
}

export async function startSlackService(options: SlackServiceOptions = {}): Promise<SlackService> {
  const fake = await startFakeSlack(options.fake);
  const database = await serviceDatabase('slack-e2e');
  const scanner = new ScriptedScanner();
  const single = options.singleWorkspace ?? true;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logLevel ?? 'silent',
    CLOUDSENTINEL_SHUTDOWN_GRACE_SECONDS: '5',
    CLOUDSENTINEL_ENCRYPTION_KEYS: generateKeySpec('v1'),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    ...(single ? { SLACK_BOT_TOKEN: BOT_TOKEN } : {}),
    ...database.env,
    ...options.env,
  });
  const onLog = options.onLog;
  const logger = createLogger(options.logLevel ?? 'silent', onLog ? { write: (line: string) => onLog(line) } : undefined);
  const service = await startService({ config, logger, mode: 'serve', scanners: { aws: scanner } });
  const db = service.database.db;
  let integration: PublicIntegration | null = null;
  if (single) {
    const tenant = await ensureDefaultTenant(db);
    integration = await createIntegration(db, service.keyring, {
      tenantId: tenant.id,
      name: 'prod',
      provider: 'aws',
      credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE12', secret_access_key: 'x'.repeat(40), region: 'us-east-1' },
    });
  }
  const baseUrl = `http://127.0.0.1:${service.address?.port ?? 0}`;
  const teamId = fake.team.id;
  const post = (body: string, headers: Record<string, string> = {}) => postSlack(baseUrl, SIGNING_SECRET, body, headers);
  return {
    service,
    fake,
    scanner,
    db,
    baseUrl,
    integration,
    post,
    command: (text, who, headers) =>
      post(slashCommandBody({ teamId: who.teamId ?? teamId, userId: who.userId, channelId: who.channelId, text, responseUrl: fake.responseUrl(who.responseId) }), headers),
    click: (input) => post(interactionBody(blockActionsPayload({ ...input, teamId: input.teamId ?? teamId, responseUrl: fake.responseUrl(input.responseId) }))),
    async stop() {
      await service.stop();
      await fake.close();
      await database.drop();
    },
  };
}
