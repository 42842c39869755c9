/**
 * GCP compliance evidence: the integration guide's `policies` (IAM policies and bindings) and
 * `configurations` (project configurations), read through the same collectors a scan uses (paged,
 * throttling retried, a denied API recorded instead of failing the rest). One item per project
 * policy, bucket policy and service account; per project configuration area; per bucket, firewall
 * rule, Cloud SQL instance and log sink. No secret leaves: service account keys are listed by id and
 * dates, instance metadata is reduced to its security settings.
 */
import type { EvidenceCollection, EvidenceCollector, EvidenceDraft, EvidenceType } from '../../../evidence/types.js';
import { bucketKey, PROVIDER_RATE_LIMITS } from '../../../integrations/rate-limits.js';
import { collectGcp } from './collect.js';
import { resolveGcpAuth, verifyGcpAuth } from './credentials.js';
import { createGcpContext, resolveProjects, type GcpScannerOptions } from './scanner.js';
import type { Collected, GcpPart, GcpPartValue, GcpSnapshot, PerProject } from './snapshot.js';

const PARTS: Partial<Record<EvidenceType, readonly GcpPart[]>> = {
  policies: ['resourcemanager.iamPolicy', 'storage.buckets', 'iam.serviceAccounts'],
  configurations: ['compute.project', 'compute.networks', 'compute.subnetworks', 'compute.firewalls', 'storage.buckets', 'sql.instances', 'logging.sinks'],
};

type Draft = Omit<EvidenceDraft, 'collectionType'>;

/** The value of a part in each project, recording the projects where it failed. */
function perProject<K extends GcpPart>(snapshot: GcpSnapshot, part: K, label: string, errors: string[]): Array<[string, GcpPartValue<K>]> {
  const byProject = (snapshot.parts[part] ?? {}) as PerProject<GcpPartValue<K>>;
  return snapshot.projects.flatMap((project): Array<[string, GcpPartValue<K>]> => {
    const collected: Collected<GcpPartValue<K>> | undefined = byProject[project];
    if (collected?.ok) return [[project, collected.value]];
    errors.push(`${label} in ${project}: ${collected ? collected.error : 'not collected'}`);
    return [];
  });
}

const crm = (project: string) => `//cloudresourcemanager.googleapis.com/projects/${project}`;

function policies(snapshot: GcpSnapshot, errors: string[]): Draft[] {
  const drafts: Draft[] = [];
  for (const [project, policy] of perProject(snapshot, 'resourcemanager.iamPolicy', 'project IAM policy', errors)) {
    drafts.push({
      title: `GCP project ${project} IAM policy`,
      description: `Who holds which role on project ${project}, and its Cloud Audit Logs configuration.`,
      data: { project, bindings: policy.bindings, audit_configs: policy.auditConfigs },
      metadata: { resource_id: crm(project), region: null, source: 'cloudresourcemanager.projects.getIamPolicy' },
    });
  }
  for (const [project, buckets] of perProject(snapshot, 'storage.buckets', 'Cloud Storage buckets', errors)) {
    for (const bucket of buckets) {
      if (!bucket.iamPolicy.ok) {
        errors.push(`IAM policy of bucket ${bucket.name}: ${bucket.iamPolicy.error}`);
        continue;
      }
      drafts.push({
        title: `GCP bucket gs://${bucket.name} IAM policy`,
        description: `Who holds which role on Cloud Storage bucket ${bucket.name} in project ${project}.`,
        data: { project, bucket: bucket.name, bindings: bucket.iamPolicy.value, uniform_bucket_level_access: bucket.uniformBucketLevelAccess },
        metadata: { resource_id: `gs://${bucket.name}`, region: bucket.location, source: 'storage.buckets.getIamPolicy' },
      });
    }
  }
  for (const [project, accounts] of perProject(snapshot, 'iam.serviceAccounts', 'service accounts', errors)) {
    for (const account of accounts) {
      drafts.push({
        title: `GCP service account ${account.email}`,
        description: `Service account ${account.email} of project ${project} and its user-managed keys (ids and validity only).`,
        data: {
          project,
          email: account.email,
          display_name: account.displayName,
          disabled: account.disabled,
          user_managed_keys: account.userManagedKeys.ok ? account.userManagedKeys.value.map((key) => ({ key_id: key.name.split('/').pop(), valid_after: key.validAfterTime, valid_before: key.validBeforeTime, disabled: key.disabled })) : null,
        },
        metadata: { resource_id: `//iam.googleapis.com/projects/${project}/serviceAccounts/${account.email}`, region: null, source: 'iam.projects.serviceAccounts.list' },
      });
    }
  }
  return drafts;
}

function configurations(snapshot: GcpSnapshot, errors: string[]): Draft[] {
  const drafts: Draft[] = [];
  for (const [project, info] of perProject(snapshot, 'compute.project', 'Compute project settings', errors)) {
    drafts.push({
      title: `GCP project ${project} Compute Engine settings`,
      description: `Project-wide Compute Engine security metadata (OS Login, project SSH keys, serial port) and the default service account of ${project}.`,
      data: { project, default_service_account: info.defaultServiceAccount, security_metadata: info.metadata },
      metadata: { resource_id: crm(project), region: null, source: 'compute.projects.get' },
    });
  }
  const subnetworks = new Map(perProject(snapshot, 'compute.subnetworks', 'subnetworks', errors));
  for (const [project, networks] of perProject(snapshot, 'compute.networks', 'VPC networks', errors)) {
    const subnets = subnetworks.get(project) ?? null;
    drafts.push({
      title: `GCP project ${project} VPC networks`,
      description: `The VPC networks and subnetworks of project ${project}, with flow log settings.`,
      data: { project, networks, subnetworks: subnets },
      metadata: { resource_id: crm(project), region: null, source: 'compute.networks.list' },
    });
  }
  for (const [project, rules] of perProject(snapshot, 'compute.firewalls', 'firewall rules', errors)) {
    for (const rule of rules) {
      drafts.push({
        title: `GCP firewall rule ${rule.name}`,
        description: `${rule.direction} firewall rule ${rule.name} on network ${rule.network} of project ${project}.`,
        data: { project, ...rule },
        metadata: { resource_id: `//compute.googleapis.com/projects/${project}/global/firewalls/${rule.name}`, region: 'global', source: 'compute.firewalls.list' },
      });
    }
  }
  for (const [project, buckets] of perProject(snapshot, 'storage.buckets', 'Cloud Storage buckets', errors)) {
    for (const { iamPolicy: _policy, ...bucket } of buckets) {
      drafts.push({
        title: `GCP bucket gs://${bucket.name} configuration`,
        description: `Access, versioning, retention and logging settings of bucket ${bucket.name} in project ${project}.`,
        data: { project, ...bucket },
        metadata: { resource_id: `gs://${bucket.name}`, region: bucket.location, source: 'storage.buckets.list' },
      });
    }
  }
  for (const [project, instances] of perProject(snapshot, 'sql.instances', 'Cloud SQL instances', errors)) {
    for (const instance of instances) {
      drafts.push({
        title: `GCP Cloud SQL instance ${instance.name}`,
        description: `Network exposure, TLS and backup settings of Cloud SQL instance ${instance.name} (${instance.databaseVersion}) in project ${project}.`,
        data: { project, ...instance },
        metadata: { resource_id: `//cloudsql.googleapis.com/projects/${project}/instances/${instance.name}`, region: instance.region, source: 'sqladmin.instances.list' },
      });
    }
  }
  for (const [project, sinks] of perProject(snapshot, 'logging.sinks', 'log sinks', errors)) {
    drafts.push({
      title: `GCP project ${project} log sinks`,
      description: `Where project ${project} exports its logs, and with which filters.`,
      data: { project, sinks },
      metadata: { resource_id: crm(project), region: null, source: 'logging.projects.sinks.list' },
    });
  }
  return drafts;
}

const BUILDERS: Partial<Record<EvidenceType, (snapshot: GcpSnapshot, errors: string[]) => Draft[]>> = { policies, configurations };

export function createGcpEvidenceCollector(options: GcpScannerOptions): EvidenceCollector {
  return {
    provider: 'gcp',
    async collect({ credentials, types }): Promise<EvidenceCollection> {
      const auth = resolveGcpAuth(credentials, options.endpoints);
      const limiter = options.rateLimiter;
      const rateLimit = limiter ? () => limiter.acquire(bucketKey('gcp', auth.principal), PROVIDER_RATE_LIMITS.gcp) : undefined;
      const ctx = createGcpContext(auth, options, rateLimit);
      await verifyGcpAuth(auth);
      const projects = await resolveProjects(undefined, auth, ctx);
      const wanted = types.flatMap((type) => {
        const build = BUILDERS[type];
        return build ? [{ type, build }] : [];
      });
      const snapshot = await collectGcp({ parts: wanted.flatMap(({ type }) => PARTS[type] ?? []), projects, ctx });
      const collection: EvidenceCollection = { account: projects.join(','), items: [], errors: {} };
      for (const { type, build } of wanted) {
        const errors: string[] = [];
        for (const draft of build(snapshot, errors)) collection.items.push({ ...draft, collectionType: type });
        if (errors.length > 0) collection.errors[type] = errors;
      }
      return collection;
    },
  };
}
