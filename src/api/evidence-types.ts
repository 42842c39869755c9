/** The evidence each platform can collect, and the frameworks a sync may target, as the integration guide lists them. */
import type { Provider } from '../config.js';

export const EVIDENCE_TYPE_DESCRIPTIONS = {
  policies: 'IAM policies, access controls and permissions',
  configurations: 'System and service configurations',
  audit_logs: 'Security events, access logs and administrative actions',
  security_groups: 'Network security rules and firewall configurations (GitHub: branch protection rules)',
  encryption_status: 'Data encryption settings and status',
  access_controls: 'User access permissions and restrictions',
  compliance_rules: 'Automated compliance checks and their results',
} as const;

export type EvidenceType = keyof typeof EVIDENCE_TYPE_DESCRIPTIONS;

export const EVIDENCE_TYPES: Record<Provider, readonly EvidenceType[]> = {
  aws: ['policies', 'security_groups', 'encryption_status', 'audit_logs', 'compliance_rules'],
  gcp: ['policies', 'configurations'],
  azure: ['configurations'],
  github: ['configurations', 'security_groups'],
};

/** What each platform's evidence type means there, for the evidence-types endpoint. */
export const PLATFORM_EVIDENCE_NOTES: Record<Provider, Partial<Record<EvidenceType, string>>> = {
  aws: {
    policies: 'IAM policies and roles',
    security_groups: 'EC2 security groups',
    encryption_status: 'S3 bucket encryption status',
    audit_logs: 'CloudTrail audit logs',
    compliance_rules: 'AWS Config compliance rules',
  },
  gcp: { policies: 'IAM policies and bindings', configurations: 'Project configurations' },
  azure: { configurations: 'Resource group configurations' },
  github: { configurations: 'Repository configurations', security_groups: 'Branch protection rules' },
};

export const SYNC_FRAMEWORKS = ['soc2', 'iso27001', 'cis', 'gdpr', 'hipaa', 'pci_dss'] as const;

export const PLATFORM_LABELS: Record<Provider, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP', github: 'GitHub' };
