/**
 * The whole CloudSentinel data model. One Postgres database holds it (pg-boss keeps its own schema
 * beside it). Secrets never sit here in clear text: columns ending in `_enc` hold keyring envelopes
 * (see crypto.ts), and API tokens are stored only as hashes.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const providerEnum = pgEnum('provider', ['aws', 'azure', 'gcp', 'github']);
export const chatPlatformEnum = pgEnum('chat_platform', ['slack', 'teams', 'discord']);
export const roleEnum = pgEnum('role', ['admin', 'responder', 'viewer']);
export const severityEnum = pgEnum('severity', ['critical', 'high', 'medium', 'low', 'info']);
export const findingStatusEnum = pgEnum('finding_status', ['pass', 'fail', 'unknown']);
export const alertStateEnum = pgEnum('alert_state', ['open', 'acknowledged', 'suppressed', 'resolved']);
export const integrationStatusEnum = pgEnum('integration_status', ['connected', 'error', 'disabled']);
export const runStatusEnum = pgEnum('run_status', ['queued', 'running', 'complete', 'partial', 'failed', 'cancelled']);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** A Slack workspace, Teams tenant or Discord guild connected to a CloudSentinel tenant. */
export const chatWorkspaces = pgTable(
  'chat_workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    platform: chatPlatformEnum('platform').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name'),
    botUserId: text('bot_user_id'),
    /** Installation token (Slack bot token, ...) as a keyring envelope. */
    botTokenEnc: text('bot_token_enc'),
    installedBy: text('installed_by'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('chat_workspaces_platform_external').on(t.platform, t.externalId)],
);

/** A chat user's role in a tenant. A user without a row acts as CLOUDSENTINEL_DEFAULT_ROLE. */
export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    platform: chatPlatformEnum('platform').notNull(),
    externalUserId: text('external_user_id').notNull(),
    displayName: text('display_name'),
    role: roleEnum('role').notNull(),
    grantedBy: text('granted_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('members_tenant_user').on(t.tenantId, t.platform, t.externalUserId)],
);

/** Long-lived REST API tokens; only the SHA-256 of the token is kept. */
export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  role: roleEnum('role').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export interface IntegrationHealth {
  status: 'healthy' | 'degraded' | 'unhealthy' | 'unknown';
  responseTimeMs: number | null;
  errorMessage: string | null;
  checkedAt: string;
  metadata: Record<string, string>;
}

export const integrations = pgTable(
  'integrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    provider: providerEnum('provider').notNull(),
    /** Keyring envelope of the credentials JSON; null once the integration is removed (destroyed, not flagged). */
    credentialsEnc: text('credentials_enc'),
    configuration: jsonb('configuration').$type<Record<string, unknown>>().notNull().default({}),
    /** Cron expression for scheduled scans (UTC). */
    schedule: text('schedule').notNull().default('0 3 * * *'),
    status: integrationStatusEnum('status').notNull().default('connected'),
    health: jsonb('health').$type<IntegrationHealth>(),
    lastScanAt: timestamp('last_scan_at', { withTimezone: true }),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('integrations_tenant_name').on(t.tenantId, t.name)],
);

export interface ScanProgress {
  done: number;
  total: number;
}
export interface ScanSummary {
  resources: number;
  pass: number;
  fail: number;
  unknown: number;
  new: number;
  resolved: number;
  regressed: number;
}

export interface ScanOrigin {
  platform: 'slack' | 'teams' | 'discord';
  workspaceId: string | null;
  channelId: string;
  target: Record<string, unknown>;
  /** The status message, once posted. */
  messageId?: string;
  /** Who is posting the first status message (a notify job id) and since when (ISO 8601): see claimScanStatusPost. */
  postingBy?: string;
  postingAt?: string;
}

/** What a scan covers beyond regions and checks: `owner/repo` names for a GitHub App's per-repository scans. */
export interface StoredScanScope {
  repositories?: string[];
}

export const scans = pgTable(
  'scans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    integrationId: uuid('integration_id').references(() => integrations.id, { onDelete: 'cascade' }),
    provider: providerEnum('provider').notNull(),
    status: runStatusEnum('status').notNull().default('queued'),
    /** Who or what asked: `schedule`, `cli`, `api:<token>`, `slack:<team>:<user>`, ... */
    requestedBy: text('requested_by').notNull(),
    regions: jsonb('regions').$type<string[]>(),
    checks: jsonb('checks').$type<string[]>(),
    progress: jsonb('progress').$type<ScanProgress>().notNull().default({ done: 0, total: 0 }),
    summary: jsonb('summary').$type<ScanSummary>(),
    error: text('error'),
    /** The chat channel that asked for the scan, and its status message there: progress and the summary go to it. */
    origin: jsonb('origin').$type<ScanOrigin>(),
    /** Only part of the integration (a GitHub App's rescan of one repository); null: all of it. */
    scope: jsonb('scope').$type<StoredScanScope>(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('scans_integration_created').on(t.integrationId, t.createdAt),
    index('scans_tenant_created').on(t.tenantId, t.createdAt),
  ],
);

/** One row per integration + check + resource, updated by every scan that sees it. */
export const findings = pgTable(
  'findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    integrationId: uuid('integration_id').references(() => integrations.id, { onDelete: 'cascade' }),
    checkId: text('check_id').notNull(),
    provider: providerEnum('provider').notNull(),
    service: text('service').notNull(),
    resourceId: text('resource_id').notNull(),
    resourceType: text('resource_type').notNull(),
    region: text('region').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: findingStatusEnum('status').notNull(),
    severity: severityEnum('severity').notNull(),
    riskScore: real('risk_score').notNull(),
    title: text('title').notNull(),
    statusDetail: text('status_detail').notNull().default(''),
    remediation: text('remediation').notNull().default(''),
    compliance: jsonb('compliance').$type<Record<string, string[]>>().notNull().default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    lastScanId: uuid('last_scan_id').references(() => scans.id, { onDelete: 'set null' }),
  },
  (t) => [
    unique('findings_integration_check_resource').on(t.integrationId, t.checkId, t.resourceId).nullsNotDistinct(),
    uniqueIndex('findings_integration_fingerprint').on(t.integrationId, t.fingerprint),
    index('findings_tenant_status_severity').on(t.tenantId, t.status, t.severity),
  ],
);

export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    findingId: uuid('finding_id')
      .notNull()
      .unique()
      .references(() => findings.id, { onDelete: 'cascade' }),
    state: alertStateEnum('state').notNull().default('open'),
    /** Copied from the finding so "open alerts by tenant and severity" is one index scan. */
    severity: severityEnum('severity').notNull(),
    assignee: text('assignee'),
    suppressedUntil: timestamp('suppressed_until', { withTimezone: true }),
    reason: text('reason'),
    /** Who made the last state change (`slack:T1:U1`, `api:<token>`, `scan`, `maintenance`). */
    changedBy: text('changed_by'),
    /** Optimistic concurrency: every change bumps it; a stale card's action loses. */
    version: integer('version').notNull().default(1),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('alerts_tenant_state_severity').on(t.tenantId, t.state, t.severity),
    index('alerts_suppressed_until')
      .on(t.suppressedUntil)
      .where(sql`${t.state} = 'suppressed'`),
  ],
);

/** Every chat message that shows an alert, on every platform, so a change can refresh all copies. */
export const alertMessages = pgTable(
  'alert_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').references(() => chatWorkspaces.id, { onDelete: 'cascade' }),
    platform: chatPlatformEnum('platform').notNull(),
    channelId: text('channel_id').notNull(),
    messageId: text('message_id').notNull(),
    threadId: text('thread_id'),
    /** The alert version this message last showed; a refresh skips copies already current. */
    renderedVersion: integer('rendered_version').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('alert_messages_platform_message').on(t.platform, t.channelId, t.messageId),
    index('alert_messages_alert').on(t.alertId),
  ],
);

/** "Post alerts of this integration (or all, when null) at or above this severity to this channel." */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').references(() => chatWorkspaces.id, { onDelete: 'cascade' }),
    platform: chatPlatformEnum('platform').notNull(),
    channelId: text('channel_id').notNull(),
    integrationId: uuid('integration_id').references(() => integrations.id, { onDelete: 'cascade' }),
    minSeverity: severityEnum('min_severity').notNull().default('low'),
    /** Platform-specific delivery data (a Teams conversation reference, ...). */
    target: jsonb('target').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('routing_rules_channel_integration').on(t.platform, t.channelId, t.integrationId).nullsNotDistinct(),
    index('routing_rules_tenant').on(t.tenantId),
  ],
);

/** Findings matching a rule never open alerts while the rule is active. Null fields match anything. */
export const suppressionRules = pgTable(
  'suppression_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    integrationId: uuid('integration_id').references(() => integrations.id, { onDelete: 'cascade' }),
    checkId: text('check_id'),
    /** Glob over resource ids (`*` matches any run of characters). */
    resourcePattern: text('resource_pattern'),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('suppression_rules_tenant').on(t.tenantId)],
);

/** Evidence sync runs (the integration guide's `sync`). */
export const syncs = pgTable(
  'syncs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    integrationId: uuid('integration_id')
      .notNull()
      .references(() => integrations.id, { onDelete: 'cascade' }),
    status: runStatusEnum('status').notNull().default('queued'),
    evidenceTypes: jsonb('evidence_types').$type<string[]>().notNull(),
    framework: text('framework'),
    requestedBy: text('requested_by').notNull(),
    itemCount: integer('item_count').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('syncs_integration_created').on(t.integrationId, t.createdAt)],
);

/** Evidence items in the integration guide's structure, each with the SHA-256 of its canonical data. */
export const evidence = pgTable(
  'evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    integrationId: uuid('integration_id').references(() => integrations.id, { onDelete: 'set null' }),
    syncId: uuid('sync_id').references(() => syncs.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    evidenceType: text('evidence_type').notNull(),
    status: text('status').notNull().default('pending'),
    framework: text('framework').notNull(),
    controlId: text('control_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    evidenceMetadata: jsonb('evidence_metadata').$type<Record<string, unknown>>().notNull(),
    confidenceScore: real('confidence_score').notNull(),
    trustPoints: integer('trust_points').notNull(),
    checksum: text('checksum').notNull(),
    collectedAt: timestamp('collected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('evidence_tenant_framework_control').on(t.tenantId, t.framework, t.controlId),
    index('evidence_integration_collected').on(t.integrationId, t.collectedAt),
  ],
);

/**
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained: `hash` is
 * SHA-256(prev_hash + canonical content), so any edit or removal breaks the chain at that row.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    outcome: text('outcome').notNull().default('success'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_tenant_seq').on(t.tenantId, t.seq), index('audit_log_target').on(t.targetType, t.targetId)],
);

/**
 * Token buckets shared by every worker on every machine: each provider's request budget (AWS per
 * account and region, GCP per project, Azure per subscription, GitHub per token). A row holds the
 * tokens left at `updated_at`; takers refill it from the elapsed time in the same statement.
 */
export const rateBuckets = pgTable('rate_buckets', {
  key: text('key').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * GitHub webhook deliveries already taken (`X-GitHub-Delivery`): a redelivery, or GitHub retrying
 * a delivery whose answer it did not see, finds its id here and does nothing twice.
 */
export const githubDeliveries = pgTable(
  'github_deliveries',
  {
    deliveryId: text('delivery_id').primaryKey(),
    event: text('event').notNull(),
    action: text('action'),
    installationId: bigint('installation_id', { mode: 'number' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('github_deliveries_received').on(t.receivedAt)],
);
