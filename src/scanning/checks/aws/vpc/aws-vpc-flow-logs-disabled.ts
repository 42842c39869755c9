import { collectedIn, defineAwsCheck, fail, pass, unknown, withEachRegion } from '../lib/helpers.js';
import { ec2Arn } from '../lib/network.js';

/**
 * CIS 3.7: fails a VPC with no ACTIVE flow log on the VPC itself (resourceId = the VPC id). Flow logs
 * on some of its subnets or interfaces do not count, as in the CIS audit. Any traffic type passes
 * (CIS asks for at least REJECT).
 */
export const check = defineAwsCheck(
  {
    id: 'aws-vpc-flow-logs-disabled',
    title: 'VPC flow logging is not enabled',
    service: 'vpc',
    resourceType: 'AWS::EC2::VPC',
    severity: 'medium',
    description: 'Checks that each VPC has an active flow log capturing its traffic (at least rejected traffic).',
    risk: 'Without flow logs there is no record of which addresses talked to which resources: intrusions, data exfiltration and scanning cannot be detected or investigated afterwards.',
    remediation: {
      text: 'Create a flow log for the VPC delivering to CloudWatch Logs or S3, capturing at least REJECT traffic (ALL for investigations).',
      cli: 'aws ec2 create-flow-logs --region <REGION> --resource-type VPC --resource-ids <VPC_ID> --traffic-type REJECT --log-destination-type cloud-watch-logs --log-group-name <LOG_GROUP_NAME> --deliver-logs-permission-arn <ROLE_ARN>',
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
    },
    compliance: {
      'cis-aws-5.0': ['3.7'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15', 'A.8.16'],
      'nist-800-53-r5': ['AU-2', 'AU-12', 'SI-4'],
      'nist-csf-2.0': ['DE.CM-01'],
      'pci-dss-4.0': ['10.2.1'],
      hipaa: ['164.312(b)'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.vpcs', 'ec2.flowLogs'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'ec2.vpcs', 'ec2', (vpcs, region) => {
      const flowLogs = collectedIn(snapshot, 'ec2.flowLogs', region);
      return vpcs.map((vpc) => {
        const arn = ec2Arn(snapshot, region, `vpc/${vpc.vpcId}`);
        if (!flowLogs.ok) return unknown(arn, region, `Could not check: ${flowLogs.error}`, { tags: vpc.tags });
        const own = flowLogs.value.filter((flowLog) => flowLog.resourceId === vpc.vpcId);
        const active = own.find((flowLog) => flowLog.status === 'ACTIVE');
        if (active) return pass(arn, region, `Flow log ${active.flowLogId} is active (${active.trafficType} traffic)`, { tags: vpc.tags });
        const inactive = own.map((flowLog) => `${flowLog.flowLogId} is ${flowLog.status}`).join(', ');
        return fail(arn, region, inactive ? `No active flow log: ${inactive}` : 'No flow log', { tags: vpc.tags });
      });
    }),
);
