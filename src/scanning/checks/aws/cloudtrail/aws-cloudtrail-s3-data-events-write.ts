import { defineAwsCheck } from '../lib/helpers.js';
import { evaluateS3DataEvents } from './s3-data-events.js';

/** CIS 3.8, one account result (account ARN, region `global`). */
export const check = defineAwsCheck(
  {
    id: 'aws-cloudtrail-s3-data-events-write',
    title: 'S3 object-level write events are not logged by CloudTrail',
    service: 'cloudtrail',
    resourceType: 'AWS::::Account',
    severity: 'medium',
    description:
      'Checks that a logging CloudTrail trail records S3 data events of type write (PutObject, DeleteObject, ...) for all buckets, in every scanned region.',
    risk: 'Without object-level write events there is no record of who uploaded, overwrote or deleted which objects, so tampering and destruction cannot be attributed.',
    remediation: {
      text: 'Add an event selector for S3 data events on all buckets (read and write, or write only) to a multi-region trail.',
      cli: 'aws cloudtrail put-event-selectors --trail-name <TRAIL_NAME> --event-selectors \'[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]\'',
      url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html',
    },
    compliance: {
      'cis-aws-5.0': ['3.8'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15'],
      'nist-800-53-r5': ['AU-2', 'AU-12'],
      'nist-csf-2.0': ['PR.PS-04', 'DE.CM-09'],
      'pci-dss-4.0': ['10.2.1'],
      hipaa: ['164.312(b)'],
      gdpr: ['Art.32'],
    },
    needs: ['cloudtrail.trails'],
  },
  (snapshot) => evaluateS3DataEvents(snapshot, 'write'),
);
