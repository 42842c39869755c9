import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { accountTrails } from './trails.js';

/** CIS 3.2, one result per trail (reported in its home region). */
export const check = defineAwsCheck(
  {
    id: 'aws-cloudtrail-log-file-validation',
    title: 'CloudTrail trail does not have log file validation enabled',
    service: 'cloudtrail',
    resourceType: 'AWS::CloudTrail::Trail',
    severity: 'medium',
    description: 'Checks that log file integrity validation is enabled, so that CloudTrail delivers signed digest files for the trail\'s log files.',
    risk: 'Without digest files, log files altered or deleted after delivery (for example by an attacker covering their tracks) cannot be detected.',
    remediation: {
      text: 'Enable log file validation on the trail and validate logs with `aws cloudtrail validate-logs` during investigations.',
      cli: 'aws cloudtrail update-trail --name <TRAIL_NAME> --enable-log-file-validation',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-enabling.html',
    },
    compliance: {
      'cis-aws-5.0': ['3.2'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15'],
      'nist-800-53-r5': ['AU-9', 'SI-7'],
      'nist-csf-2.0': ['PR.DS-01', 'PR.PS-04'],
      'pci-dss-4.0': ['10.3.4'],
      hipaa: ['164.312(b)', '164.312(c)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['cloudtrail.trails'],
  },
  (snapshot) => {
    const { trails, regionFailures } = accountTrails(snapshot);
    return [
      ...regionFailures,
      ...trails.map((trail) =>
        trail.logFileValidationEnabled
          ? pass(trail.arn, trail.homeRegion, 'Log file validation is enabled')
          : fail(trail.arn, trail.homeRegion, 'Log file validation is disabled'),
      ),
    ];
  },
);
