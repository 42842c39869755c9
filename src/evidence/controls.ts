/**
 * Which framework controls each kind of evidence supports. An item collected once is stored once
 * per control it evidences, so a report per framework and control finds it directly.
 *
 * The mappings follow each framework's own wording: SOC 2 Trust Services Criteria (2017, rev. 2022),
 * ISO/IEC 27001:2022 Annex A, CIS AWS Foundations Benchmark 3.0 / CIS Controls v8 for the other
 * platforms, GDPR articles, the HIPAA Security Rule (45 CFR 164) and PCI DSS 4.0 requirements.
 */
import type { EvidenceFramework, EvidenceType } from './types.js';

type ControlMap = Record<EvidenceFramework, Partial<Record<EvidenceType, readonly string[]>>>;

export const EVIDENCE_CONTROLS: ControlMap = {
  soc2: {
    policies: ['CC6.1', 'CC6.3'],
    security_groups: ['CC6.6'],
    encryption_status: ['CC6.1', 'CC6.7'],
    audit_logs: ['CC7.2'],
    compliance_rules: ['CC4.1'],
    configurations: ['CC7.1', 'CC8.1'],
  },
  iso27001: {
    policies: ['A.5.15', 'A.8.2'],
    security_groups: ['A.8.20', 'A.8.22'],
    encryption_status: ['A.8.24'],
    audit_logs: ['A.8.15'],
    compliance_rules: ['A.5.36'],
    configurations: ['A.8.9'],
  },
  cis: {
    policies: ['1.16'],
    security_groups: ['5.2', '5.3'],
    encryption_status: ['2.1.1', '2.2.1'],
    audit_logs: ['3.1', '3.2'],
    compliance_rules: ['3.3'],
    configurations: ['4.1'],
  },
  gdpr: {
    policies: ['Art.32(1)(b)'],
    security_groups: ['Art.32(1)(b)'],
    encryption_status: ['Art.32(1)(a)'],
    audit_logs: ['Art.30', 'Art.33'],
    compliance_rules: ['Art.5(2)'],
    configurations: ['Art.25'],
  },
  hipaa: {
    policies: ['164.312(a)(1)'],
    security_groups: ['164.312(e)(1)'],
    encryption_status: ['164.312(a)(2)(iv)'],
    audit_logs: ['164.312(b)'],
    compliance_rules: ['164.308(a)(8)'],
    configurations: ['164.308(a)(1)(ii)(B)'],
  },
  pci_dss: {
    policies: ['7.2.1'],
    security_groups: ['1.3.1', '1.3.2'],
    encryption_status: ['3.5.1'],
    audit_logs: ['10.2.1'],
    compliance_rules: ['2.2.1'],
    configurations: ['2.2.1'],
  },
};

export function controlsFor(framework: EvidenceFramework, type: EvidenceType): readonly string[] {
  return EVIDENCE_CONTROLS[framework][type] ?? [];
}
