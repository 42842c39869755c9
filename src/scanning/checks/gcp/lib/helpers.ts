/**
 * Shared pieces for GCP checks: reading a per-project part that may have failed, building results,
 * resource names and dates. Every check goes through these so that "could not collect" always
 * becomes `unknown` with the reason, the same way.
 */
import type { Check, CheckMeta, CheckResult, ScanSettings } from '../../../types.js';
import type { Collected, GcpPart, GcpPartValue, GcpSnapshot, PerProject } from '../../../providers/gcp/snapshot.js';
import { fail, pass, unknown } from '../../lib/results.js';

export type GcpCheck = Check<GcpSnapshot, GcpPart>;
export type GcpCheckMeta = CheckMeta<GcpPart>;

export function defineGcpCheck(meta: Omit<GcpCheckMeta, 'provider'>, evaluate: (snapshot: GcpSnapshot, settings: ScanSettings, now: Date) => CheckResult[]): GcpCheck {
  return { meta: { ...meta, provider: 'gcp' }, evaluate };
}

export { fail, pass, unknown };

// ------------------------------------------------------------------------------- Resource names

export const projectName = (project: string) => `//cloudresourcemanager.googleapis.com/projects/${project}`;
export const bucketName = (bucket: string) => `gs://${bucket}`;
export const serviceAccountName = (project: string, email: string) => `//iam.googleapis.com/projects/${project}/serviceAccounts/${email}`;
/** `name` is the key's API name, `projects/P/serviceAccounts/EMAIL/keys/ID`. */
export const serviceAccountKeyName = (name: string) => `//iam.googleapis.com/${name}`;
export const firewallName = (project: string, name: string) => `//compute.googleapis.com/projects/${project}/global/firewalls/${name}`;
export const networkName = (project: string, name: string) => `//compute.googleapis.com/projects/${project}/global/networks/${name}`;
export const subnetworkName = (project: string, region: string, name: string) => `//compute.googleapis.com/projects/${project}/regions/${region}/subnetworks/${name}`;
export const instanceName = (project: string, zone: string, name: string) => `//compute.googleapis.com/projects/${project}/zones/${zone}/instances/${name}`;
export const sqlInstanceName = (project: string, name: string) => `//cloudsql.googleapis.com/projects/${project}/instances/${name}`;
export const dnsZoneName = (project: string, zone: string) => `//dns.googleapis.com/projects/${project}/managedZones/${zone}`;
export const bigqueryDatasetName = (project: string, dataset: string) => `//bigquery.googleapis.com/projects/${project}/datasets/${dataset}`;
/** `name` is the key's API name, `projects/P/locations/L/keyRings/R/cryptoKeys/K`. */
export const kmsKeyName = (name: string) => `//cloudkms.googleapis.com/${name}`;

/** `us-central1-a` → `us-central1`. */
export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

// ------------------------------------------------------------------------------------- Parts

function missing(part: GcpPart): string {
  return `${part} was not collected`;
}

/** A part in one project with its error kept. */
export function collectedIn<K extends GcpPart>(snapshot: GcpSnapshot, part: K, project: string): Collected<GcpPartValue<K>> {
  const byProject = snapshot.parts[part] as PerProject<GcpPartValue<K>> | undefined;
  return byProject?.[project] ?? { ok: false, error: missing(part) };
}

/**
 * Evaluates a part project by project; a project where it could not be collected answers one
 * `unknown` for the project (or for `unknownAs(project)`, when the check reports one resource per
 * project, so that the unknown has the same fingerprint as that project's pass or fail).
 */
export function withEachProject<K extends GcpPart>(
  snapshot: GcpSnapshot,
  part: K,
  evaluate: (value: GcpPartValue<K>, project: string) => CheckResult[],
  unknownAs: (project: string) => { resourceId: string; region: string } = (project) => ({ resourceId: projectName(project), region: 'global' }),
): CheckResult[] {
  const results: CheckResult[] = [];
  for (const project of snapshot.projects) {
    const collected = collectedIn(snapshot, part, project);
    if (!collected.ok) {
      const at = unknownAs(project);
      results.push(unknown(at.resourceId, at.region, `Could not check: ${collected.error}`));
      continue;
    }
    for (const result of evaluate(collected.value, project)) results.push(result);
  }
  return results;
}

const DAY_MS = 86_400_000;

/** Whole days from `iso` to `now`, or null when there is no date. */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return null;
  return Math.floor((now.getTime() - time) / DAY_MS);
}
