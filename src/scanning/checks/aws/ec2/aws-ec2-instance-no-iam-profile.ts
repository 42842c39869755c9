import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { forEachInstance } from './instances.js';

/**
 * CIS 1.17: fails an instance with no IAM instance profile. Without a role, software on the instance
 * that calls AWS needs long-lived access keys stored on disk; with one, it gets short-lived credentials.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-instance-no-iam-profile',
    title: 'EC2 instance has no IAM instance profile (role)',
    service: 'ec2',
    resourceType: 'AWS::EC2::Instance',
    severity: 'low',
    description: 'Checks that each EC2 instance has an IAM instance profile, so that software on it can use temporary role credentials instead of stored access keys.',
    risk: 'Instances without a role tend to carry long-lived IAM access keys in files or environment variables, which leak through backups, images and compromised hosts and are rarely rotated.',
    remediation: {
      text: 'Create a least-privilege role and instance profile and associate it with the instance; remove any access keys stored on the instance.',
      cli: 'aws ec2 associate-iam-instance-profile --region <REGION> --instance-id <INSTANCE_ID> --iam-instance-profile Name=<INSTANCE_PROFILE_NAME>',
      url: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.17'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.5.17', 'A.8.5'],
      'nist-800-53-r5': ['IA-5', 'AC-2'],
      'nist-csf-2.0': ['PR.AA-01'],
      'pci-dss-4.0': ['8.6.2'],
    },
    needs: ['ec2.instances'],
  },
  (snapshot) =>
    forEachInstance(snapshot, (instance, arn, region) =>
      instance.iamInstanceProfileArn
        ? pass(arn, region, `Instance profile ${instance.iamInstanceProfileArn}`, { tags: instance.tags })
        : fail(arn, region, 'No IAM instance profile attached', { tags: instance.tags }),
    ),
);
