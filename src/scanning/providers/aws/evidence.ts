/**
 * AWS compliance evidence: the integration guide's collection types read through the same
 * collectors a scan uses (paginated, throttling retried, one region's AccessDenied recorded
 * instead of failing the rest), and turned into one evidence item per policy, role, security
 * group, bucket, trail and Config rule.
 */
import type { EvidenceCollection, EvidenceCollector, EvidenceDraft, EvidenceType } from '../../../evidence/types.js';
import { createAwsClients, type AwsClientOptions } from './clients.js';
import { collectAws } from './collect.js';
import { awsCredentialsFrom } from './credentials.js';
import { awsRateLimit } from './scanner.js';
import type { SharedRateLimiter } from '../../../integrations/rate-limits.js';
import type { AwsPart, AwsSnapshot, Collected, Regional } from './snapshot.js';

/** The snapshot parts each collection type reads. */
const PARTS: Partial<Record<EvidenceType, readonly AwsPart[]>> = {
  policies: ['iam.authorization'],
  security_groups: ['ec2.securityGroups'],
  encryption_status: ['s3.buckets', 'ec2.ebsEncryptionByDefault'],
  audit_logs: ['cloudtrail.trails'],
  compliance_rules: ['config.recorders', 'config.rules'],
};

type Draft = Omit<EvidenceDraft, 'collectionType'>;

function global<T>(part: Collected<T> | undefined, name: string, errors: string[]): T | null {
  if (!part) return null;
  if (part.ok) return part.value;
  errors.push(`${name}: ${part.error}`);
  return null;
}

function regional<T>(part: Regional<T> | undefined, name: string, errors: string[]): Array<[string, T]> {
  return Object.entries(part ?? {}).flatMap(([region, collected]): Array<[string, T]> => {
    if (collected.ok) return [[region, collected.value]];
    errors.push(`${name} in ${region}: ${collected.error}`);
    return [];
  });
}

const valueOr = <T>(collected: Collected<T>, fallback: T): T => (collected.ok ? collected.value : fallback);

function policies(snapshot: AwsSnapshot, errors: string[]): Draft[] {
  const auth = global(snapshot.parts['iam.authorization'], 'IAM authorization details', errors);
  if (!auth) return [];
  const source = 'iam:GetAccountAuthorizationDetails';
  return [
    ...auth.policies.map((policy) => ({
      title: `AWS IAM policy ${policy.name}`,
      description: `The default version of ${policy.awsManaged ? 'AWS-managed' : 'customer-managed'} IAM policy ${policy.name}, attached ${policy.attachmentCount} time(s), in account ${snapshot.accountId}.`,
      data: { policy_name: policy.name, policy_arn: policy.arn, aws_managed: policy.awsManaged, attachment_count: policy.attachmentCount, document: policy.document },
      metadata: { resource_id: policy.arn, region: null, source },
    })),
    ...auth.roles.map((role) => ({
      title: `AWS IAM role ${role.name}`,
      description: `IAM role ${role.name}: who may assume it, and the policies it carries, in account ${snapshot.accountId}.`,
      data: {
        role_name: role.name,
        role_arn: role.arn,
        create_date: role.createDate,
        trust_policy: role.assumeRolePolicy,
        attached_policies: role.attachedPolicies.map((p) => p.arn),
        inline_policies: role.inlinePolicies.map((p) => ({ name: p.name, document: p.document })),
        last_used: role.lastUsed,
      },
      metadata: { resource_id: role.arn, region: null, source },
    })),
  ];
}

function securityGroups(snapshot: AwsSnapshot, errors: string[]): Draft[] {
  return regional(snapshot.parts['ec2.securityGroups'], 'security groups', errors).flatMap(([region, groups]) =>
    groups.map((group) => ({
      title: `AWS security group ${group.groupName} (${group.groupId})`,
      description: `Inbound and outbound rules of security group ${group.groupId} in ${region}${group.vpcId ? `, ${group.vpcId}` : ''}.`,
      data: { group_id: group.groupId, group_name: group.groupName, vpc_id: group.vpcId, description: group.description, ingress: group.ingress, egress: group.egress },
      metadata: { resource_id: `arn:${snapshot.partition}:ec2:${region}:${group.ownerId || snapshot.accountId}:security-group/${group.groupId}`, region, source: 'ec2:DescribeSecurityGroups' },
    })),
  );
}

function encryption(snapshot: AwsSnapshot, errors: string[]): Draft[] {
  const buckets = global(snapshot.parts['s3.buckets'], 'S3 buckets', errors) ?? [];
  const drafts: Draft[] = buckets.map((bucket) => {
    if (!bucket.encryption.ok) errors.push(`encryption of bucket ${bucket.name}: ${bucket.encryption.error}`);
    const rule = valueOr(bucket.encryption, null);
    return {
      title: `AWS S3 bucket ${bucket.name} encryption`,
      description: `Default encryption of S3 bucket ${bucket.name} in ${bucket.region}.`,
      data: {
        bucket: bucket.name,
        bucket_arn: bucket.arn,
        region: bucket.region,
        known: bucket.encryption.ok,
        default_encryption: rule ? { algorithm: rule.algorithm, kms_key_id: rule.kmsKeyId, bucket_key_enabled: rule.bucketKeyEnabled } : null,
      },
      metadata: { resource_id: bucket.arn, region: bucket.region, source: 's3:GetBucketEncryption' },
    };
  });
  for (const [region, enabled] of regional(snapshot.parts['ec2.ebsEncryptionByDefault'], 'EBS encryption by default', errors)) {
    drafts.push({
      title: `AWS EBS encryption by default in ${region}`,
      description: `Whether new EBS volumes in ${region} are encrypted by default.`,
      data: { region, ebs_encryption_by_default: enabled },
      metadata: { resource_id: `arn:${snapshot.partition}:ec2:${region}:${snapshot.accountId}:ebs-encryption-by-default`, region, source: 'ec2:GetEbsEncryptionByDefault' },
    });
  }
  return drafts;
}

function auditLogs(snapshot: AwsSnapshot, errors: string[]): Draft[] {
  // A multi-region trail shows in every region; its home region's copy is the one that counts.
  const seen = new Set<string>();
  return regional(snapshot.parts['cloudtrail.trails'], 'CloudTrail trails', errors).flatMap(([, trails]) =>
    trails.flatMap((trail) => {
      if (seen.has(trail.arn)) return [];
      seen.add(trail.arn);
      return [
        {
          title: `AWS CloudTrail trail ${trail.name}`,
          description: `Where trail ${trail.name} delivers its audit logs, and whether it is logging.`,
          data: {
            trail_name: trail.name,
            trail_arn: trail.arn,
            home_region: trail.homeRegion,
            multi_region: trail.isMultiRegion,
            organization_trail: trail.isOrganizationTrail,
            s3_bucket: trail.s3BucketName,
            log_file_validation: trail.logFileValidationEnabled,
            kms_key_id: trail.kmsKeyId,
            cloudwatch_logs_group: trail.cloudWatchLogsLogGroupArn,
            is_logging: trail.status.ok ? trail.status.value.isLogging : null,
            latest_delivery: trail.status.ok ? trail.status.value.latestDeliveryTime : null,
            event_selectors: trail.selectors.ok ? trail.selectors.value : null,
          },
          metadata: { resource_id: trail.arn, region: trail.homeRegion, source: 'cloudtrail:DescribeTrails' },
        },
      ];
    }),
  );
}

function complianceRules(snapshot: AwsSnapshot, errors: string[]): Draft[] {
  const recorders = regional(snapshot.parts['config.recorders'], 'Config recorders', errors).map(([region, list]): Draft => ({
    title: `AWS Config recording in ${region}`,
    description: `Whether AWS Config records resource changes in ${region}, which its rules evaluate.`,
    data: { region, recorders: list.map((r) => ({ name: r.name, recording: r.recording, all_supported: r.allSupported, include_global_resource_types: r.includeGlobalResourceTypes, last_status: r.lastStatus })) },
    metadata: { resource_id: `arn:${snapshot.partition}:config:${region}:${snapshot.accountId}:configuration-recorder`, region, source: 'config:DescribeConfigurationRecorderStatus' },
  }));
  const rules = regional(snapshot.parts['config.rules'], 'Config rules', errors).flatMap(([region, list]) =>
    list.map((rule): Draft => ({
      title: `AWS Config rule ${rule.name}`,
      description: `AWS Config rule ${rule.name} (${rule.sourceIdentifier}) in ${region}: ${rule.compliance}.`,
      data: { rule_name: rule.name, rule_arn: rule.arn, compliance: rule.compliance, non_compliant_resources: rule.nonCompliantResources, owner: rule.owner, source_identifier: rule.sourceIdentifier, state: rule.state },
      metadata: { resource_id: rule.arn, region, source: 'config:DescribeComplianceByConfigRule' },
    })),
  );
  return [...recorders, ...rules];
}

const BUILDERS: Partial<Record<EvidenceType, (snapshot: AwsSnapshot, errors: string[]) => Draft[]>> = {
  policies,
  security_groups: securityGroups,
  encryption_status: encryption,
  audit_logs: auditLogs,
  compliance_rules: complianceRules,
};

export interface AwsEvidenceOptions extends Omit<AwsClientOptions, 'credentials' | 'region' | 'rateLimit'> {
  defaultRegion: string;
  rateLimiter?: SharedRateLimiter;
}

export function createAwsEvidenceCollector(options: AwsEvidenceOptions): EvidenceCollector {
  return {
    provider: 'aws',
    async collect({ credentials: stored, types }): Promise<EvidenceCollection> {
      const { defaultRegion, rateLimiter, ...clientOptions } = options;
      const { credentials, region } = awsCredentialsFrom(stored, defaultRegion);
      const clients = createAwsClients({ ...clientOptions, ...awsRateLimit(rateLimiter, stored), credentials, region: region ?? defaultRegion });
      try {
        const wanted = types.flatMap((type) => {
          const build = BUILDERS[type];
          return build ? [{ type, build }] : [];
        });
        const snapshot = await collectAws({ parts: wanted.flatMap(({ type }) => PARTS[type] ?? []), clients });
        const collection: EvidenceCollection = { account: snapshot.accountId, items: [], errors: {} };
        for (const { type, build } of wanted) {
          const errors: string[] = [];
          for (const draft of build(snapshot, errors)) collection.items.push({ ...draft, collectionType: type });
          if (errors.length > 0) collection.errors[type] = errors;
        }
        return collection;
      } finally {
        clients.destroy();
      }
    },
  };
}
