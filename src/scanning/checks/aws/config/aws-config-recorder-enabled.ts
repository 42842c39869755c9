import { defineAwsCheck, fail, pass, withEachRegion } from '../lib/helpers.js';
import type { AwsSnapshot } from '../../../providers/aws/snapshot.js';
import type { ConfigRecorder } from '../../../providers/aws/snapshot.js';

function problems(recorder: ConfigRecorder): string[] {
  const found: string[] = [];
  if (!recorder.recording) found.push('is not recording');
  if (!recorder.allSupported) found.push('records only selected resource types');
  if (recorder.lastStatus?.toUpperCase() === 'FAILURE') found.push('failed its last recording');
  return found;
}

/**
 * CIS 3.3, one result per region: `arn:<partition>:config:<region>:<account>:config-recorder`. The
 * recorder must be recording all supported resource types. Global resource types (IAM) need recording
 * in one region only, so whether they are included is stated but does not fail a region.
 */
/** The one resource each region's result is about. */
function recorderArn(snapshot: AwsSnapshot, region: string): string {
  return `arn:${snapshot.partition}:config:${region}:${snapshot.accountId}:config-recorder`;
}

export const check = defineAwsCheck(
  {
    id: 'aws-config-recorder-enabled',
    title: 'AWS Config is not recording all resources in the region',
    service: 'config',
    resourceType: 'AWS::Config::ConfigurationRecorder',
    severity: 'medium',
    description: 'Checks that each region has an AWS Config configuration recorder that is recording all supported resource types.',
    risk: 'Without AWS Config there is no history of resource configurations: changes that opened a resource to the internet cannot be traced, and Config rules cannot detect drift.',
    remediation: {
      text: 'Create a configuration recorder recording all supported resource types with a delivery channel, and start it, in every region (or deploy AWS Config with a CloudFormation StackSet or Quick Setup).',
      cli: 'aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<CONFIG_ROLE_ARN> --recording-group allSupported=true,includeGlobalResourceTypes=true --region <REGION> && aws configservice start-configuration-recorder --configuration-recorder-name default --region <REGION>',
      url: 'https://docs.aws.amazon.com/config/latest/developerguide/gs-cli-prereq.html',
    },
    compliance: {
      'cis-aws-5.0': ['3.3'],
      soc2: ['CC7.1', 'CC8.1'],
      'iso27001-2022': ['A.8.9'],
      'nist-800-53-r5': ['CM-2', 'CM-3', 'CM-8'],
      'nist-csf-2.0': ['ID.AM-08', 'DE.CM-09'],
      'pci-dss-4.0': ['11.5.2'],
      hipaa: ['164.308(a)(1)(ii)(D)'],
    },
    needs: ['config.recorders'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'config.recorders', 'config', (recorders, region) => {
      const arn = recorderArn(snapshot, region);
      const good = recorders.find((recorder) => problems(recorder).length === 0);
      if (good) {
        const global = good.includeGlobalResourceTypes ? ', including global resource types' : ' (global resource types such as IAM are recorded elsewhere, or not at all)';
        return [pass(arn, region, `Recorder ${good.name} is recording all supported resource types${global}`)];
      }
      if (recorders.length === 0) return [fail(arn, region, 'No configuration recorder in this region')];
      return [fail(arn, region, recorders.map((recorder) => `Recorder ${recorder.name} ${problems(recorder).join(', ')}`).join('; '))];
    }, (region) => recorderArn(snapshot, region)),
);
