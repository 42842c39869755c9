import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';
import type { AwsSnapshot } from '../../../providers/aws/snapshot.js';

/** Not a CIS 5.0 requirement; one result per region: `arn:<partition>:guardduty:<region>:<account>:detector`. */
/** The one resource each region's result is about. */
function detectorArn(snapshot: AwsSnapshot, region: string): string {
  return `arn:${snapshot.partition}:guardduty:${region}:${snapshot.accountId}:detector`;
}

export const check = defineAwsCheck(
  {
    id: 'aws-guardduty-enabled',
    title: 'GuardDuty is not enabled in the region',
    service: 'guardduty',
    resourceType: 'AWS::GuardDuty::Detector',
    severity: 'medium',
    description: 'Checks that each region has an enabled GuardDuty detector.',
    risk: 'Without GuardDuty, compromised credentials, crypto-mining instances, and reconnaissance or exfiltration in the region go undetected.',
    remediation: {
      text: 'Enable GuardDuty in every region, ideally organization-wide from a delegated administrator account.',
      cli: 'aws guardduty create-detector --enable --region <REGION>',
      url: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
    },
    compliance: {
      soc2: ['CC7.2', 'CC7.3'],
      'iso27001-2022': ['A.5.7', 'A.8.16'],
      'nist-800-53-r5': ['SI-4', 'IR-4'],
      'nist-csf-2.0': ['DE.CM-01', 'DE.CM-09', 'DE.AE-02'],
      'pci-dss-4.0': ['11.5.1'],
      hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)'],
      gdpr: ['Art.32', 'Art.33'],
    },
    needs: ['guardduty.detectors'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'guardduty.detectors', 'guardduty', (detectors, region) => {
      const arn = detectorArn(snapshot, region);
      const enabled = detectors.find((detector) => detector.status === 'ENABLED');
      if (enabled) return [pass(arn, region, `Detector ${enabled.detectorId} is enabled`)];
      if (detectors.length === 0) return [fail(arn, region, 'GuardDuty has no detector in this region')];
      return [fail(arn, region, `Detector ${detectors.map((detector) => detector.detectorId).join(', ')} is suspended (DISABLED)`)];
    }, (region) => detectorArn(snapshot, region)),
);
