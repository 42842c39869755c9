/**
 * The non-CIS framework controls GCP checks share, by theme; each check adds its CIS GCP 3.0
 * recommendation (and narrows where a theme does not fit). Control ids are strings.
 */
import type { ComplianceMap } from '../../../types.js';

/** Data or keys readable by anyone. */
export const PUBLIC_ACCESS: ComplianceMap = {
  soc2: ['CC6.1', 'CC6.6'],
  'iso27001-2022': ['A.5.15', 'A.8.3'],
  'nist-800-53-r5': ['AC-3', 'AC-6', 'SC-7'],
  'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
  'pci-dss-4.0': ['1.4.1', '7.2.1'],
  hipaa: ['164.312(a)(1)'],
  gdpr: ['Art.25', 'Art.32'],
};

/** Roles beyond what a principal needs. */
export const LEAST_PRIVILEGE: ComplianceMap = {
  soc2: ['CC6.3'],
  'iso27001-2022': ['A.5.15', 'A.8.2'],
  'nist-800-53-r5': ['AC-6'],
  'nist-csf-2.0': ['PR.AA-05'],
  'pci-dss-4.0': ['7.2.1', '7.2.2'],
  hipaa: ['164.308(a)(4)(ii)(B)'],
  gdpr: ['Art.32'],
};

/** Long-lived credentials. */
export const CREDENTIALS: ComplianceMap = {
  soc2: ['CC6.1'],
  'iso27001-2022': ['A.5.17'],
  'nist-800-53-r5': ['IA-5'],
  'nist-csf-2.0': ['PR.AA-01'],
  'pci-dss-4.0': ['8.3.9', '8.6.3'],
  hipaa: ['164.308(a)(5)(ii)(D)'],
};

/** Cryptographic key management. */
export const KEY_MANAGEMENT: ComplianceMap = {
  soc2: ['CC6.1'],
  'iso27001-2022': ['A.8.24'],
  'nist-800-53-r5': ['SC-12'],
  'nist-csf-2.0': ['PR.DS-01'],
  'pci-dss-4.0': ['3.6.1', '3.7.4'],
  hipaa: ['164.312(a)(2)(iv)'],
  gdpr: ['Art.32'],
};

/** Network exposure of hosts and services. */
export const NETWORK_EXPOSURE: ComplianceMap = {
  soc2: ['CC6.6'],
  'iso27001-2022': ['A.8.20', 'A.8.22'],
  'nist-800-53-r5': ['SC-7', 'AC-17'],
  'nist-csf-2.0': ['PR.IR-01'],
  'pci-dss-4.0': ['1.3.1', '1.4.1'],
  hipaa: ['164.312(e)(1)'],
  gdpr: ['Art.32'],
};

/** Audit and security logging. */
export const LOGGING: ComplianceMap = {
  soc2: ['CC7.2'],
  'iso27001-2022': ['A.8.15', 'A.8.16'],
  'nist-800-53-r5': ['AU-2', 'AU-12'],
  'nist-csf-2.0': ['DE.CM-01'],
  'pci-dss-4.0': ['10.2.1'],
  hipaa: ['164.312(b)'],
  gdpr: ['Art.30'],
};

/** Monitoring and alerting on security-relevant changes. */
export const MONITORING: ComplianceMap = {
  soc2: ['CC7.2', 'CC7.3'],
  'iso27001-2022': ['A.8.16'],
  'nist-800-53-r5': ['AU-6', 'SI-4'],
  'nist-csf-2.0': ['DE.CM-01', 'DE.AE-02'],
  'pci-dss-4.0': ['10.4.1'],
  hipaa: ['164.308(a)(1)(ii)(D)'],
};

/** Hardened host configuration. */
export const SECURE_CONFIGURATION: ComplianceMap = {
  soc2: ['CC7.1'],
  'iso27001-2022': ['A.8.9'],
  'nist-800-53-r5': ['CM-6', 'CM-7'],
  'nist-csf-2.0': ['PR.PS-01'],
  'pci-dss-4.0': ['2.2.1'],
  hipaa: ['164.308(a)(1)(ii)(B)'],
};

/** Encryption of data in transit. */
export const ENCRYPTION_IN_TRANSIT: ComplianceMap = {
  soc2: ['CC6.7'],
  'iso27001-2022': ['A.8.24'],
  'nist-800-53-r5': ['SC-8'],
  'nist-csf-2.0': ['PR.DS-02'],
  'pci-dss-4.0': ['4.2.1'],
  hipaa: ['164.312(e)(1)'],
  gdpr: ['Art.32'],
};

/** Recoverability: backups, versions, retention. */
export const RECOVERY: ComplianceMap = {
  soc2: ['A1.2'],
  'iso27001-2022': ['A.8.13'],
  'nist-800-53-r5': ['CP-9'],
  'nist-csf-2.0': ['PR.DS-11'],
  hipaa: ['164.308(a)(7)(ii)(A)'],
  gdpr: ['Art.32'],
};
