import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';
import type { AwsSnapshot } from '../../../providers/aws/snapshot.js';

/** CIS 4.16, one result per region: `arn:<partition>:securityhub:<region>:<account>:hub/default` (the hub's own ARN). */
/** The one resource each region's result is about. */
function hubArn(snapshot: AwsSnapshot, region: string): string {
  return `arn:${snapshot.partition}:securityhub:${region}:${snapshot.accountId}:hub/default`;
}

export const check = defineAwsCheck(
  {
    id: 'aws-securityhub-enabled',
    title: 'Security Hub is not enabled in the region',
    service: 'securityhub',
    resourceType: 'AWS::SecurityHub::Hub',
    severity: 'medium',
    description: 'Checks that AWS Security Hub is enabled in each region.',
    risk: 'Without Security Hub, findings from GuardDuty, Inspector, Macie and Config are not aggregated and security standards are not continuously evaluated, so issues are noticed late.',
    remediation: {
      text: 'Enable Security Hub in every region, ideally with central configuration from a delegated administrator account, and enable the AWS Foundational Security Best Practices and CIS standards.',
      cli: 'aws securityhub enable-security-hub --enable-default-standards --region <REGION>',
      url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
    },
    compliance: {
      'cis-aws-5.0': ['4.16'],
      soc2: ['CC4.1', 'CC7.2'],
      'iso27001-2022': ['A.8.16'],
      'nist-800-53-r5': ['CA-7', 'SI-4'],
      'nist-csf-2.0': ['ID.RA-01', 'DE.CM-09'],
      hipaa: ['164.308(a)(1)(ii)(D)'],
      gdpr: ['Art.32'],
    },
    needs: ['securityhub.hub'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'securityhub.hub', 'securityhub', (hub, region) => {
      const arn = hubArn(snapshot, region);
      if (hub.enabled) return [pass(arn, region, 'Security Hub is enabled')];
      return [fail(arn, region, 'Security Hub is not enabled in this region')];
    }, (region) => hubArn(snapshot, region)),
);
