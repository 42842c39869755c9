import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachInstance } from './instances.js';

/**
 * CIS 5.7: fails an instance whose metadata endpoint is enabled and does not require session tokens
 * (HttpTokens `optional`), i.e. still answers IMDSv1. An instance with the endpoint disabled passes.
 * Stopped instances are evaluated (they keep the setting); terminated ones are not.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-instance-imdsv1-allowed',
    title: 'EC2 instance allows IMDSv1 (instance metadata without session tokens)',
    service: 'ec2',
    resourceType: 'AWS::EC2::Instance',
    severity: 'high',
    description: 'Checks that each EC2 instance either requires IMDSv2 session tokens (HttpTokens required) or has the instance metadata endpoint disabled.',
    risk: 'IMDSv1 answers any plain GET from the instance, so a server-side request forgery or an open proxy in the application hands out the instance role credentials, as in the 2019 Capital One breach.',
    remediation: {
      text: 'Require IMDSv2 on the instance (and in launch templates and AMI defaults) after confirming the software on it uses an IMDSv2-capable SDK.',
      cli: 'aws ec2 modify-instance-metadata-options --region <REGION> --instance-id <INSTANCE_ID> --http-tokens required --http-endpoint enabled',
      url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
    },
    compliance: {
      'cis-aws-5.0': ['5.7'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.9'],
      'nist-800-53-r5': ['AC-3', 'CM-6'],
      'nist-csf-2.0': ['PR.PS-01'],
      'pci-dss-4.0': ['2.2.1'],
      hipaa: ['164.312(a)(1)'],
    },
    needs: ['ec2.instances'],
  },
  (snapshot) =>
    forEachInstance(snapshot, (instance, arn, region) => {
      const extra = { tags: instance.tags };
      if (instance.metadataHttpEndpoint === 'disabled') return pass(arn, region, 'Instance metadata endpoint is disabled', extra);
      if (instance.metadataHttpTokens === 'required') return pass(arn, region, 'IMDSv2 required (HttpTokens required)', extra);
      return fail(arn, region, 'IMDSv1 allowed: HttpTokens is optional and the metadata endpoint is enabled', { ...extra, exposed: instance.publicIp !== null });
    }),
);
