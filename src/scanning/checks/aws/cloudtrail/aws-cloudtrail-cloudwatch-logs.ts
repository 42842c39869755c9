import { defineAwsCheck, fail, pass } from '../lib/helpers.js';
import { accountTrails } from './trails.js';

/**
 * Not a CIS 5.0 requirement (it was 3.4 in earlier versions), but the CIS 4.x metric filters and
 * alarms need it. One result per trail (reported in its home region).
 */
export const check = defineAwsCheck(
  {
    id: 'aws-cloudtrail-cloudwatch-logs',
    title: 'CloudTrail trail is not integrated with CloudWatch Logs',
    service: 'cloudtrail',
    resourceType: 'AWS::CloudTrail::Trail',
    severity: 'low',
    description: 'Checks that the trail sends its events to a CloudWatch Logs log group, where metric filters and alarms can act on them in near real time.',
    risk: 'Events only delivered to S3 are not monitored: suspicious activity such as root sign-ins or policy changes raises no alarm.',
    remediation: {
      text: 'Create a log group and an IAM role CloudTrail can assume to write to it, and configure the trail to deliver to the log group.',
      cli: 'aws cloudtrail update-trail --name <TRAIL_NAME> --cloud-watch-logs-log-group-arn <LOG_GROUP_ARN> --cloud-watch-logs-role-arn <ROLE_ARN>',
      url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
    },
    compliance: {
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15', 'A.8.16'],
      'nist-800-53-r5': ['AU-6', 'AU-6(1)', 'SI-4'],
      'nist-csf-2.0': ['DE.CM-09', 'DE.AE-03'],
      'pci-dss-4.0': ['10.4.1', '10.4.1.1'],
      hipaa: ['164.308(a)(1)(ii)(D)'],
    },
    needs: ['cloudtrail.trails'],
  },
  (snapshot) => {
    const { trails, regionFailures } = accountTrails(snapshot);
    return [
      ...regionFailures,
      ...trails.map((trail) =>
        trail.cloudWatchLogsLogGroupArn
          ? pass(trail.arn, trail.homeRegion, `Events are delivered to ${trail.cloudWatchLogsLogGroupArn}`)
          : fail(trail.arn, trail.homeRegion, 'The trail does not deliver events to CloudWatch Logs'),
      ),
    ];
  },
);
