import type { FrameworkId } from '../types.js';

export interface Framework {
  id: FrameworkId;
  name: string;
  /** The guide's framework names (sync `framework` parameter) that select it. */
  aliases: string[];
}

/** Every framework a check can map to. Control ids are always strings. */
export const FRAMEWORKS: readonly Framework[] = [
  { id: 'cis-aws-5.0', name: 'CIS Amazon Web Services Foundations Benchmark v5.0', aliases: ['cis'] },
  { id: 'cis-azure-3.0', name: 'CIS Microsoft Azure Foundations Benchmark v3.0', aliases: ['cis'] },
  { id: 'cis-gcp-3.0', name: 'CIS Google Cloud Platform Foundation Benchmark v3.0', aliases: ['cis'] },
  { id: 'cis-github-1.1', name: 'CIS GitHub Benchmark v1.1', aliases: ['cis'] },
  { id: 'soc2', name: 'SOC 2 (2017 Trust Services Criteria)', aliases: ['soc2'] },
  { id: 'iso27001-2022', name: 'ISO/IEC 27001:2022 Annex A', aliases: ['iso27001'] },
  { id: 'nist-800-53-r5', name: 'NIST SP 800-53 Rev. 5', aliases: ['nist'] },
  { id: 'nist-csf-2.0', name: 'NIST Cybersecurity Framework 2.0', aliases: ['nist'] },
  { id: 'pci-dss-4.0', name: 'PCI DSS v4.0', aliases: ['pci_dss'] },
  { id: 'hipaa', name: 'HIPAA Security Rule (45 CFR 164 Subpart C)', aliases: ['hipaa'] },
  { id: 'gdpr', name: 'GDPR', aliases: ['gdpr'] },
];
