/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning dashboards and SARIF viewers.
 *
 * - One rule per check that ran (plus one made from the finding for a check missing from
 *   `report.checks`, so every result's `ruleIndex` resolves).
 * - Results only for failing findings. A pass is not a problem, so SARIF has nothing to say; an
 *   `unknown` (could not tell) is a note about the run, in `invocations[0].toolExecutionNotifications`.
 * - Cloud resources are not files: a result's location is a `logicalLocation` whose
 *   `fullyQualifiedName` is the resource id, never a `physicalLocation`.
 */
import type { CheckMeta, Finding, Severity } from '../types.js';
import type { ScanReport } from './report.js';
import { TOOL_NAME, checksById, isoOrUndefined } from './report.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Versioned as SARIF asks: the key changes with the fingerprint's scheme (v2: engine.ts `fingerprint`). */
export const FINGERPRINT_KEY = 'cloudsentinel/v2';

export type SarifLevel = 'error' | 'warning' | 'note';

/** GitHub code scanning reads `security-severity` (0.0–10.0, as a string) to rank alerts. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export const SARIF_LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

export interface SarifOptions {
  /** `tool.driver.informationUri`: where users learn about the tool. Left out when not given. */
  informationUri?: string;
}

interface Text {
  text: string;
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: Text;
  fullDescription: Text;
  defaultConfiguration: { level: SarifLevel };
  help: { text: string; markdown: string };
  helpUri?: string;
  properties: { tags: string[]; 'security-severity': string; precision: 'high' };
}

interface SarifLocation {
  logicalLocations: { fullyQualifiedName: string; kind: 'resource' }[];
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: Text;
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: { riskScore: number; region: string; compliance: Finding['compliance'] };
}

interface SarifNotification {
  level: SarifLevel;
  message: Text;
  associatedRule?: { id: string; index: number };
  locations?: SarifLocation[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: { driver: { name: string; informationUri?: string; version: string; rules: SarifRule[] } };
      invocations: [
        {
          executionSuccessful: boolean;
          startTimeUtc?: string;
          endTimeUtc?: string;
          toolExecutionNotifications: SarifNotification[];
        },
      ];
      results: SarifResult[];
    },
  ];
}

/** `aws-s3-bucket-public-acl` → `AwsS3BucketPublicAcl`: SARIF's `name` is an identifier, not prose. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function complianceLines(check: CheckMeta): string[] {
  return Object.entries(check.compliance)
    .filter(([, controls]) => controls !== undefined && controls.length > 0)
    .map(([framework, controls]) => `${framework}: ${(controls ?? []).join(', ')}`);
}

function ruleFromCheck(check: CheckMeta): SarifRule {
  const { remediation } = check;
  const compliance = complianceLines(check);
  const text = [remediation.text, remediation.cli && `Command: ${remediation.cli}`, compliance.length > 0 && `Compliance: ${compliance.join('; ')}`, remediation.url && `More: ${remediation.url}`];
  const markdown = [
    `**Remediation.** ${remediation.text}`,
    remediation.cli && `\`\`\`sh\n${remediation.cli}\n\`\`\``,
    compliance.length > 0 && `**Compliance.**\n\n${compliance.map((line) => `- ${line}`).join('\n')}`,
    remediation.url && `[Documentation](${remediation.url})`,
  ];
  return {
    id: check.id,
    name: ruleName(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: [check.description, check.risk].filter((part) => part !== '').join(' ') },
    defaultConfiguration: { level: SARIF_LEVEL[check.severity] },
    help: { text: text.filter(Boolean).join('\n\n'), markdown: markdown.filter(Boolean).join('\n\n') },
    ...(remediation.url ? { helpUri: remediation.url } : {}),
    properties: {
      tags: [...new Set(['security', check.provider, check.service])],
      'security-severity': SECURITY_SEVERITY[check.severity],
      // Checks read configuration, they do not guess: a failure is almost never a false positive.
      precision: 'high',
    },
  };
}

/** A stand-in for a check whose metadata was not passed in, built from what a finding carries. */
function checkFromFinding(finding: Finding): CheckMeta {
  return {
    id: finding.checkId,
    title: finding.title,
    provider: finding.provider,
    service: finding.service,
    resourceType: finding.resourceType,
    severity: finding.severity,
    description: finding.title,
    risk: '',
    remediation: { text: finding.remediation, url: '' },
    compliance: finding.compliance,
    needs: [],
  };
}

function resourceLocation(finding: Finding): SarifLocation {
  return { logicalLocations: [{ fullyQualifiedName: finding.resourceId, kind: 'resource' }] };
}

export function buildSarif(report: ScanReport, options: SarifOptions = {}): SarifLog {
  const known = checksById(report.checks);
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const addRule = (check: CheckMeta): number => {
    const existing = ruleIndex.get(check.id);
    if (existing !== undefined) return existing;
    ruleIndex.set(check.id, rules.length);
    rules.push(ruleFromCheck(check));
    return rules.length - 1;
  };
  for (const check of known.values()) addRule(check);
  const indexOf = (finding: Finding): number => addRule(known.get(finding.checkId) ?? checkFromFinding(finding));

  const results: SarifResult[] = [];
  const notifications: SarifNotification[] = [];
  const scanFailed = report.scan.status === 'failed';
  for (const error of report.scan.errors) {
    notifications.push({ level: scanFailed ? 'error' : 'warning', message: { text: error } });
  }
  for (const finding of report.findings) {
    if (finding.status === 'fail') {
      results.push({
        ruleId: finding.checkId,
        ruleIndex: indexOf(finding),
        level: SARIF_LEVEL[finding.severity],
        message: { text: `${finding.title}: ${finding.statusDetail}` },
        locations: [resourceLocation(finding)],
        partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
        properties: { riskScore: finding.riskScore, region: finding.region, compliance: finding.compliance },
      });
    } else if (finding.status === 'unknown') {
      notifications.push({
        level: 'note',
        message: { text: `Could not evaluate ${finding.checkId} on ${finding.resourceId}: ${finding.statusDetail}` },
        associatedRule: { id: finding.checkId, index: indexOf(finding) },
        locations: [resourceLocation(finding)],
      });
    }
  }

  const startTimeUtc = isoOrUndefined(report.scan.startedAt);
  const endTimeUtc = isoOrUndefined(report.scan.finishedAt);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            version: report.scan.toolVersion,
            rules,
          },
        },
        invocations: [
          {
            // A partial scan still ran; its gaps are the warnings and notes below.
            executionSuccessful: !scanFailed,
            ...(startTimeUtc ? { startTimeUtc } : {}),
            ...(endTimeUtc ? { endTimeUtc } : {}),
            toolExecutionNotifications: notifications,
          },
        ],
        results,
      },
    ],
  };
}

export function renderSarif(report: ScanReport, options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}
