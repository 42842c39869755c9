/**
 * Which framework controls each kind of evidence supports. An item collected once is stored once
 * per control it evidences, so a report per framework and control finds it directly.
 *
 * The control ids are those the checks use (SOC 2 Trust Services Criteria, ISO/IEC 27001:2022
 * Annex A, the provider's CIS benchmark, GDPR articles, the HIPAA Security Rule, PCI DSS 4.0), so
 * a compliance report finds a control's evidence and its check results under the same id.
 */
import type { EvidenceFramework, EvidenceType } from './types.js';

type ControlMap = Record<EvidenceFramework, Partial<Record<EvidenceType, readonly string[]>>>;

export const EVIDENCE_CONTROLS: ControlMap = {
  soc2: {
    policies: ['CC6.1', 'CC6.3'],
    security_groups: ['CC6.1', 'CC6.6'],
    encryption_status: ['CC6.1', 'CC6.7'],
    audit_logs: ['CC7.2'],
    compliance_rules: ['CC4.1', 'CC7.1'],
    configurations: ['CC7.1', 'CC8.1'],
  },
  iso27001: {
    policies: ['A.5.15', 'A.8.2'],
    security_groups: ['A.8.20', 'A.8.22'],
    encryption_status: ['A.8.24'],
    audit_logs: ['A.8.15', 'A.8.16'],
    compliance_rules: ['A.5.36', 'A.8.9'],
    configurations: ['A.8.9'],
  },
  cis: {
    policies: ['1.15'],
    security_groups: ['5.3', '5.4'],
    encryption_status: ['5.1.1'],
    audit_logs: ['3.1', '3.2'],
    compliance_rules: ['3.3'],
    configurations: ['3.3'],
  },
  gdpr: {
    policies: ['Art.25', 'Art.32'],
    security_groups: ['Art.32'],
    encryption_status: ['Art.32'],
    audit_logs: ['Art.30', 'Art.32'],
    compliance_rules: ['Art.5(2)', 'Art.32'],
    configurations: ['Art.25'],
  },
  hipaa: {
    policies: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
    security_groups: ['164.312(e)(1)'],
    encryption_status: ['164.312(a)(2)(iv)'],
    audit_logs: ['164.312(b)'],
    compliance_rules: ['164.308(a)(1)(ii)(D)', '164.308(a)(8)'],
    configurations: ['164.308(a)(1)(ii)(D)'],
  },
  pci_dss: {
    policies: ['7.2.1'],
    security_groups: ['1.3.1', '1.3.2'],
    encryption_status: ['3.5.1'],
    audit_logs: ['10.2.1'],
    compliance_rules: ['2.2.1', '11.5.2'],
    configurations: ['2.2.1'],
  },
};

export function controlsFor(framework: EvidenceFramework, type: EvidenceType): readonly string[] {
  return EVIDENCE_CONTROLS[framework][type] ?? [];
}
