/**
 * Every request and response of the REST API as a zod schema, in the integration guide's field
 * names. The router validates requests with these and the OpenAPI document is generated from them,
 * so the two cannot drift apart.
 */
import { z } from 'zod';
import { awsCredentials, azureCredentials, gcpCredentials, githubCredentials } from '../integrations/credentials.js';
import { EVIDENCE_TYPES, SYNC_FRAMEWORKS } from './evidence-types.js';

export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'AUTHENTICATION_ERROR',
  'AUTHORIZATION_ERROR',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'PROVIDER_ERROR',
  'CONFIG_ERROR',
  'DATABASE_ERROR',
  'ENCRYPTION_ERROR',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

const id = (what: string) => z.uuid({ error: `must be the ${what} id (a UUID)` });
const timestamp = z.iso.datetime({ offset: true });
const nullableTimestamp = timestamp.nullable();

export const Platform = z.enum(['aws', 'azure', 'gcp', 'github'], { error: 'must be aws, azure, gcp or github' });
export const HealthStatus = z.enum(['healthy', 'degraded', 'unhealthy', 'unknown']);
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
const ALERT_STATES = ['open', 'acknowledged', 'suppressed', 'resolved'] as const;
const SCAN_STATUSES = ['queued', 'running', 'complete', 'partial', 'failed', 'cancelled'] as const;
export const Severity = z.enum(SEVERITIES);
export const AlertState = z.enum(ALERT_STATES);
export const ScanStatus = z.enum(SCAN_STATUSES);
export const Framework = z.enum(SYNC_FRAMEWORKS, { error: `must be one of ${SYNC_FRAMEWORKS.join(', ')}` });
const allEvidenceTypes = [...new Set(Object.values(EVIDENCE_TYPES).flat())];

export const ErrorResponse = z
  .object({
    success: z.literal(false),
    error: z.string(),
    details: z.array(z.object({ code: z.enum(ERROR_CODES), message: z.string(), field: z.string().optional() })),
    timestamp,
  })
  .meta({ description: "The integration guide's error shape, used by every error answer." });

function ok<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data, message: z.string().optional() });
}

const Paging = z.object({
  limit: z.int(),
  offset: z.int(),
  next_offset: z.int().nullable().meta({ description: 'The offset of the next page, or null on the last page.' }),
});

export const pagingQuery = {
  limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
  offset: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').max(1_000_000).default(0),
};

/** `a,b` in a query string (or the parameter repeated) → a list of allowed values. */
function csvOf<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { error: `each ${what} must be one of ${values.join(', ')}` })).min(1))
    .optional()
    .meta({ description: `One or more of ${values.join(', ')}, comma-separated.` });
}

// ---- integrations --------------------------------------------------------------------------

export const PlatformParams = z.object({ platform: Platform });
export const IntegrationIdParams = z.object({ integration_id: id('integration') });

/** Strict: configuration is stored in clear, so nothing unknown (a misplaced secret, say) is kept in it. */
export const ConnectConfiguration = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be 1-63 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit')
    .optional()
    .meta({ description: 'The integration name; generated (`aws-1a2b3c4d`) when left out.' }),
  sync_frequency: z.int('must be a whole number of seconds').min(900, 'must be at least 900 seconds').max(30 * 86_400).optional(),
  evidence_types: z.array(z.enum(allEvidenceTypes as [string, ...string[]], { error: 'is not an evidence type' })).optional(),
  max_items_per_collection: z.int().min(1).max(1000).optional(),
  schedule: z.string().optional().meta({ description: 'When to scan, as 5-field cron in UTC (default daily 03:00).' }),
});

export const ConnectBody = z.strictObject({
  platform: Platform.optional().meta({ description: 'Must match the platform in the path when given.' }),
  credentials: z.record(z.string(), z.unknown(), { error: 'must be an object with the platform credentials' }),
  configuration: ConnectConfiguration.default({}),
  test_connection: z.boolean({ error: 'must be true or false' }).default(true).meta({ description: 'Call the provider before storing the credentials (default true).' }),
});

/** The same body as documented: credentials in each platform's shape (validated per platform by parseCredentials). */
export const ConnectBodyDoc = ConnectBody.extend({
  credentials: z.union([awsCredentials, azureCredentials, gcpCredentials, githubCredentials]).meta({
    description: "The platform's credentials, in the integration guide's shape. Stored encrypted; never returned.",
  }),
});

export const ConnectResponse = ok(
  z.object({
    integration_id: z.uuid(),
    platform: Platform,
    status: z.literal('connected'),
    name: z.string(),
  }),
);

export const TestQuery = z.object({ integration_id: id('integration') });

export const HealthData = z.object({
  integration_id: z.uuid(),
  platform: Platform,
  status: HealthStatus,
  response_time_ms: z.number().nullable(),
  error_message: z.string().nullable(),
  last_checked: timestamp,
  metadata: z.record(z.string(), z.string()),
});
export const TestResponse = ok(HealthData);

export const SyncBody = z.strictObject({
  integration_id: id('integration'),
  evidence_types: z.array(z.string().min(1)).min(1, 'must list at least one evidence type').optional().meta({
    description: 'Evidence types to collect (see evidence-types); all the platform supports when left out.',
  }),
  framework: Framework.optional(),
});

export const SyncResponse = ok(
  z.object({
    sync_id: z.uuid(),
    integration_id: z.uuid(),
    platform: Platform,
    status: z.literal('queued'),
    evidence_types: z.array(z.string()),
    framework: Framework.nullable(),
  }),
);

export const IntegrationStatus = z.object({
  integration_id: z.uuid(),
  name: z.string(),
  platform: Platform,
  db_status: z.enum(['connected', 'error']),
  connection_status: HealthStatus,
  last_checked: nullableTimestamp,
  last_sync: nullableTimestamp,
  last_scan: nullableTimestamp,
  supported_evidence_types: z.array(z.string()),
});

export const StatusResponse = ok(
  z.object({
    integrations: z.array(IntegrationStatus),
    summary: z.object({
      total_integrations: z.int(),
      connected_integrations: z.int(),
      healthy_integrations: z.int(),
      platforms: z.array(Platform),
    }),
  }),
);

export const EvidenceTypesResponse = ok(
  z.object({
    platform: Platform,
    evidence_types: z.array(z.string()),
    descriptions: z.record(z.string(), z.string()),
    frameworks: z.array(Framework),
  }),
);

export const DisconnectResponse = ok(
  z.object({
    integration_id: z.uuid(),
    platform: Platform,
    status: z.literal('disconnected'),
  }),
);

// ---- scans ---------------------------------------------------------------------------------

export const StartScanBody = z.strictObject({
  integration_id: id('integration'),
  regions: z
    .array(z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1'))
    .min(1)
    .max(40)
    .optional()
    .meta({ description: 'AWS only: the regions to scan (default: every enabled region).' }),
  checks: z.array(z.string().min(1).max(120)).min(1).max(500).optional().meta({ description: 'Check ids to run (default: all of the platform).' }),
});

export const ScanIdParams = z.object({ scan_id: id('scan') });

export const ListScansQuery = z.object({
  integration_id: id('integration').optional(),
  status: csvOf(SCAN_STATUSES, 'status'),
  ...pagingQuery,
});

export const ScanData = z.object({
  scan_id: z.uuid(),
  integration_id: z.uuid().nullable(),
  platform: Platform,
  status: ScanStatus,
  requested_by: z.string(),
  regions: z.array(z.string()).nullable(),
  checks: z.array(z.string()).nullable(),
  progress: z.object({ done: z.int(), total: z.int() }),
  summary: z
    .object({ resources: z.int(), pass: z.int(), fail: z.int(), unknown: z.int(), new: z.int(), resolved: z.int(), regressed: z.int() })
    .nullable(),
  error: z.string().nullable(),
  created_at: timestamp,
  started_at: nullableTimestamp,
  finished_at: nullableTimestamp,
});

export const StartScanResponse = ok(ScanData.extend({ coalesced: z.boolean().meta({ description: 'True when a scan of this integration was already queued or running and is answered instead.' }) }));
export const ScanResponse = ok(ScanData);
export const ScanListResponse = ok(z.object({ scans: z.array(ScanData), paging: Paging }));

// ---- alerts --------------------------------------------------------------------------------

export const AlertIdParams = z.object({ alert_id: id('alert') });

export const ListAlertsQuery = z.object({
  state: csvOf(ALERT_STATES, 'state'),
  severity: csvOf(SEVERITIES, 'severity'),
  integration_id: id('integration').optional(),
  assignee: z.string().min(1).max(200).optional().meta({ description: 'Exactly as stored, e.g. `slack:U0456` or `api:<token id>`.' }),
  ...pagingQuery,
});

export const AlertData = z.object({
  alert_id: z.uuid(),
  version: z.int().meta({ description: 'Send it back as expected_version with a triage action.' }),
  state: AlertState,
  severity: Severity,
  risk_score: z.number(),
  title: z.string(),
  status_detail: z.string(),
  check_id: z.string(),
  platform: Platform,
  service: z.string(),
  resource_id: z.string(),
  resource_type: z.string(),
  region: z.string(),
  integration_id: z.uuid().nullable(),
  integration_name: z.string().nullable(),
  assignee: z.string().nullable(),
  reason: z.string().nullable(),
  suppressed_until: nullableTimestamp,
  changed_by: z.string().nullable(),
  compliance: z.record(z.string(), z.array(z.string())),
  remediation: z.string(),
  first_seen_at: timestamp,
  opened_at: timestamp,
  updated_at: timestamp,
});

export const AlertResponse = ok(AlertData);
export const AlertListResponse = ok(z.object({ alerts: z.array(AlertData), paging: Paging }));

const expectedVersion = z.int('must be a whole number').min(1, 'must be at least 1').meta({
  description: 'The alert version you saw; a stale version is answered 409 CONFLICT and nothing changes.',
});

export const TriageBody = z.strictObject({ expected_version: expectedVersion });
export const SuppressBody = z.strictObject({
  expected_version: expectedVersion,
  reason: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
  until: timestamp.optional().meta({ description: 'When the suppression ends (ISO 8601); none: until someone reopens it.' }),
});
export const AssignBody = z.strictObject({
  expected_version: expectedVersion,
  assignee: z.string().trim().min(1).max(200).nullable().meta({ description: 'Who owns it (`slack:U0456`, an e-mail, ...); null unassigns.' }),
});
