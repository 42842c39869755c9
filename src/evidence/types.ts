/**
 * Compliance evidence in the integration guide's terms: what each platform can collect
 * (`evidence_types`), the frameworks it is collected for, and the shape a provider's collector hands
 * to the sync job. Collectors read the cloud; the sync job maps each item to its framework controls,
 * checksums it and stores it.
 */
import type { Provider } from '../config.js';

export const FRAMEWORKS = ['soc2', 'iso27001', 'cis', 'gdpr', 'hipaa', 'pci_dss'] as const;
export type EvidenceFramework = (typeof FRAMEWORKS)[number];

/** The collection types of the guide, per platform, in its order. */
export const EVIDENCE_TYPES = {
  aws: ['policies', 'security_groups', 'encryption_status', 'audit_logs', 'compliance_rules'],
  gcp: ['policies', 'configurations'],
  azure: ['configurations'],
  github: ['configurations', 'security_groups'],
} as const satisfies Record<Provider, readonly string[]>;

export type EvidenceType = (typeof EVIDENCE_TYPES)[Provider][number];

export const EVIDENCE_TYPE_DESCRIPTIONS: Record<Provider, Partial<Record<EvidenceType, string>>> = {
  aws: {
    policies: 'IAM policies and roles',
    security_groups: 'EC2 security groups',
    encryption_status: 'S3 bucket encryption status (and EBS encryption by default)',
    audit_logs: 'CloudTrail trails and their logging status',
    compliance_rules: 'AWS Config rules and their compliance',
  },
  gcp: { policies: 'IAM policies and bindings', configurations: 'Project configurations' },
  azure: { configurations: 'Resource group configurations' },
  github: { configurations: 'Repository configurations', security_groups: 'Branch protection rules' },
};

export function supportedEvidenceTypes(provider: Provider): readonly EvidenceType[] {
  return EVIDENCE_TYPES[provider];
}

/** One thing collected: a policy, a security group, a bucket's encryption, a trail, a Config rule. */
export interface EvidenceDraft {
  collectionType: EvidenceType;
  title: string;
  description: string;
  /** The provider's own view of the resource, as collected. */
  data: Record<string, unknown>;
  /** Where it came from: resource id, region, the API that returned it. */
  metadata: { resource_id: string; region: string | null; source: string } & Record<string, unknown>;
}

export interface EvidenceCollection {
  /** The account, subscription, project or organisation collected from. */
  account: string | null;
  items: EvidenceDraft[];
  /** Per type, why some of it could not be collected (AccessDenied in one region, ...). */
  errors: Partial<Record<EvidenceType, string[]>>;
}

export interface EvidenceCollector {
  provider: Provider;
  collect(options: { credentials: Record<string, unknown> | null; types: readonly EvidenceType[] }): Promise<EvidenceCollection>;
}

export type EvidenceCollectorRegistry = Partial<Record<Provider, EvidenceCollector>>;
