/**
 * The scanning model, shared by every provider: a check is metadata plus a pure `evaluate` over a
 * snapshot; the engine turns check results into findings.
 */
export type Provider = 'aws' | 'azure' | 'gcp' | 'github';
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type CheckStatus = 'pass' | 'fail' | 'unknown';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/**
 * Framework id → control ids (always strings). Framework ids:
 * `cis-aws-5.0`, `cis-azure-3.0`, `cis-gcp-3.0`, `cis-github-1.1`, `soc2`, `iso27001-2022`,
 * `nist-800-53-r5`, `nist-csf-2.0`, `pci-dss-4.0`, `hipaa`, `gdpr`.
 */
export type ComplianceMap = Partial<Record<FrameworkId, string[]>>;

export type FrameworkId =
  | 'cis-aws-5.0'
  | 'cis-azure-3.0'
  | 'cis-gcp-3.0'
  | 'cis-github-1.1'
  | 'soc2'
  | 'iso27001-2022'
  | 'nist-800-53-r5'
  | 'nist-csf-2.0'
  | 'pci-dss-4.0'
  | 'hipaa'
  | 'gdpr';

export interface Remediation {
  /** What to do, in a sentence or two. */
  text: string;
  /** A CLI command that fixes it, with <PLACEHOLDERS> for the resource. */
  cli?: string;
  /** The provider's documentation. */
  url: string;
}

export interface CheckMeta<Part extends string = string> {
  /** Stable id, e.g. `aws-s3-bucket-public-acl`. */
  id: string;
  title: string;
  provider: Provider;
  service: string;
  /** e.g. `AWS::S3::Bucket` */
  resourceType: string;
  severity: Severity;
  description: string;
  /** Why it matters: what an attacker or an accident can do. */
  risk: string;
  remediation: Remediation;
  compliance: ComplianceMap;
  /** The snapshot parts evaluate() reads; the engine collects exactly these. */
  needs: readonly Part[];
}

/** What a check says about one resource. */
export interface CheckResult {
  resourceId: string;
  region: string;
  status: CheckStatus;
  /** Why: for a failure, what exactly is wrong; for unknown, why it could not be told. */
  statusDetail: string;
  /** Overrides the check's resource type where one check looks at several kinds. */
  resourceType?: string;
  /** Reachable from the internet or public to anyone: raises the risk score. */
  exposed?: boolean;
  /** Resource tags, for the criticality part of the risk score. */
  tags?: Record<string, string>;
}

export interface ScanSettings {
  /** Access keys older than this many days fail rotation checks (CIS: 90). */
  maxAccessKeyAgeDays: number;
  /** Credentials unused for this many days fail (CIS: 45). */
  maxUnusedCredentialDays: number;
  /** Ports that may be open to the internet without an "admin port" finding. */
  publicServicePorts: number[];
  /** GitHub repositories (`owner/repo`, or `owner/*`) that may be public; unset: none may. */
  githubPublicRepositories?: string[];
}

export const DEFAULT_SETTINGS: ScanSettings = {
  maxAccessKeyAgeDays: 90,
  maxUnusedCredentialDays: 45,
  publicServicePorts: [80, 443],
};

export interface Check<Snapshot, Part extends string = string> {
  meta: CheckMeta<Part>;
  evaluate(snapshot: Snapshot, settings: ScanSettings, now: Date): CheckResult[];
}

/**
 * One finding in the public JSON contract (see ARCHITECTURE.md, "Finding JSON"). The engine's are
 * `EvaluatedFinding`s (finding.ts), whose fields are getters: read them, or copy one with
 * `toContractFinding()`, but do not spread one.
 */
export interface Finding {
  checkId: string;
  provider: Provider;
  service: string;
  resourceId: string;
  resourceType: string;
  region: string;
  status: CheckStatus;
  severity: Severity;
  riskScore: number;
  title: string;
  statusDetail: string;
  remediation: string;
  compliance: ComplianceMap;
  fingerprint: string;
}
