import type { AccessAnalyzer } from '../../../providers/aws/snapshot.js';
import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';
import type { AwsSnapshot } from '../../../providers/aws/snapshot.js';

/** External-access analyzers only: `*_UNUSED_ACCESS` analyzers find unused permissions, not external access. */
const EXTERNAL_ACCESS = new Set(['ACCOUNT', 'ORGANIZATION']);

function describe(analyzer: AccessAnalyzer): string {
  return `${analyzer.name} (${analyzer.type}, ${analyzer.status})`;
}

/**
 * CIS 1.19, one result per region: `arn:<partition>:access-analyzer:<region>:<account>:analyzer`
 * (Access Analyzer's own ARN service name).
 */
/** The one resource each region's result is about. */
function analyzerArn(snapshot: AwsSnapshot, region: string): string {
  return `arn:${snapshot.partition}:access-analyzer:${region}:${snapshot.accountId}:analyzer`;
}

export const check = defineAwsCheck(
  {
    id: 'aws-accessanalyzer-enabled',
    title: 'IAM Access Analyzer has no active external access analyzer in the region',
    service: 'accessanalyzer',
    resourceType: 'AWS::AccessAnalyzer::Analyzer',
    severity: 'medium',
    description: 'Checks that each region has an active IAM Access Analyzer external access analyzer (account or organization zone of trust).',
    risk: 'Without an analyzer, resources shared with other accounts or made public (buckets, keys, roles, queues, snapshots) are not flagged, so unintended external access persists unnoticed.',
    remediation: {
      text: 'Create an external access analyzer in every region, with the organization as zone of trust from the delegated administrator account where possible.',
      cli: 'aws accessanalyzer create-analyzer --analyzer-name <ANALYZER_NAME> --type ACCOUNT --region <REGION>',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.19'],
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.5.15', 'A.5.18'],
      'nist-800-53-r5': ['AC-6', 'CA-7'],
      'nist-csf-2.0': ['PR.AA-05', 'DE.CM-09'],
      'pci-dss-4.0': ['7.2.4'],
      hipaa: ['164.308(a)(4)(ii)(C)'],
    },
    needs: ['accessanalyzer.analyzers'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'accessanalyzer.analyzers', 'access-analyzer', (analyzers, region) => {
      const arn = analyzerArn(snapshot, region);
      const active = analyzers.find((analyzer) => EXTERNAL_ACCESS.has(analyzer.type) && analyzer.status === 'ACTIVE');
      if (active) return [pass(arn, region, `External access analyzer ${describe(active)} is active`)];
      if (analyzers.length === 0) return [fail(arn, region, 'No IAM Access Analyzer analyzer in this region')];
      return [fail(arn, region, `No active external access analyzer; found ${analyzers.map(describe).join(', ')}`)];
    }, (region) => analyzerArn(snapshot, region)),
);
