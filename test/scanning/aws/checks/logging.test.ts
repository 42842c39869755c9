import { describe, expect, it } from 'vitest';
import { expectWellFormedMeta } from '../fixtures/meta.js';
import { check as accessAnalyzerEnabled } from '../../../../src/scanning/checks/aws/accessanalyzer/aws-accessanalyzer-enabled.js';
import { check as cloudWatchLogs } from '../../../../src/scanning/checks/aws/cloudtrail/aws-cloudtrail-cloudwatch-logs.js';
import { check as trailKmsEncryption } from '../../../../src/scanning/checks/aws/cloudtrail/aws-cloudtrail-kms-encryption.js';
import { check as logFileValidation } from '../../../../src/scanning/checks/aws/cloudtrail/aws-cloudtrail-log-file-validation.js';
import { check as logsBucketAccessLogging } from '../../../../src/scanning/checks/aws/cloudtrail/aws-cloudtrail-logs-bucket-access-logging.js';
import { check as logsBucketPublic } from '../../../../src/scanning/checks/aws/cloudtrail/aws-cloudtrail-logs-bucket-public.js';
import { check as multiRegionEnabled } from '../../../../src/scanning/checks/aws/cloudtrail/aws-cloudtrail-multi-region-enabled.js';
import { check as s3DataEventsRead } from '../../../../src/scanning/checks/aws/cloudtrail/aws-cloudtrail-s3-data-events-read.js';
import { check as s3DataEventsWrite } from '../../../../src/scanning/checks/aws/cloudtrail/aws-cloudtrail-s3-data-events-write.js';
import { check as configRecorderEnabled } from '../../../../src/scanning/checks/aws/config/aws-config-recorder-enabled.js';
import { check as guardDutyEnabled } from '../../../../src/scanning/checks/aws/guardduty/aws-guardduty-enabled.js';
import { check as kmsRotation } from '../../../../src/scanning/checks/aws/kms/aws-kms-cmk-rotation.js';
import { check as kmsPendingDeletion } from '../../../../src/scanning/checks/aws/kms/aws-kms-key-pending-deletion.js';
import { check as kmsPolicyPublic } from '../../../../src/scanning/checks/aws/kms/aws-kms-key-policy-public.js';
import type { AwsCheck } from '../../../../src/scanning/checks/aws/lib/helpers.js';
import { check as securityHubEnabled } from '../../../../src/scanning/checks/aws/securityhub/aws-securityhub-enabled.js';
import { storageLoggingChecks } from '../../../../src/scanning/checks/aws/storage-logging-checks.js';
import { type AwsParts, type Collected, type S3Bucket, type Trail } from '../../../../src/scanning/providers/aws/snapshot.js';
import { DEFAULT_SETTINGS, type CheckResult } from '../../../../src/scanning/types.js';
import { ROOT_KEY_STATEMENT, analyzer, detector, keyPolicy, kmsKey, recorder, regionalTrail, selectors, trail } from '../fixtures/logging.js';
import { ALL_USERS, OWNER_GRANT, OWNER_ID, bucket, groupGrant, legacyBucket, policy, publicRead } from '../fixtures/s3.js';
import { ACCESS_DENIED, ACCOUNT, NOW, REGIONS, failed, inRegions, ok, perRegion, snapshot } from '../fixtures/snapshot.js';

const ACCOUNT_ARN = `arn:aws:iam::${ACCOUNT}:root`;

function run(check: AwsCheck, parts: Partial<AwsParts>): CheckResult[] {
  return check.evaluate(snapshot(parts), DEFAULT_SETTINGS, NOW);
}

/** The one result of a check that answers once (for the account, or for one resource). */
function only(results: CheckResult[]): CheckResult {
  expect(results).toHaveLength(1);
  const [result] = results;
  if (!result) throw new Error('no result');
  return result;
}

/** Trails as DescribeTrails lists them: every multi-region trail in every region (shadow copies), single-region trails in their own. */
function listed(...trails: Trail[]): AwsParts['cloudtrail.trails'] {
  return Object.fromEntries(
    REGIONS.map((region) => [region, ok(trails.filter((candidate) => candidate.isMultiRegion || candidate.homeRegion === region))]),
  );
}


describe('storage and logging checks', () => {
  it('registers at least 22 checks with unique ids', () => {
    const ids = storageLoggingChecks.map((check) => check.meta.id);
    expect(ids.length).toBeGreaterThanOrEqual(22);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(storageLoggingChecks.map((check) => [check.meta.id, check] as const))('%s has well-formed metadata', (_id, check) => {
    expectWellFormedMeta(check, ['cloudtrail', 'kms', 'config', 'guardduty', 'securityhub', 'accessanalyzer', 's3']);
  });

  it('maps the CIS AWS 5.0 requirements of this area', () => {
    const cis = new Set(storageLoggingChecks.flatMap((check) => check.meta.compliance['cis-aws-5.0'] ?? []));
    for (const id of ['1.19', '2.1.1', '2.1.2', '2.1.4', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.8', '3.9', '4.16']) expect(cis).toContain(id);
  });
});

// ------------------------------------------------------------------------------------------ CloudTrail

describe('aws-cloudtrail-multi-region-enabled', () => {
  it('passes a multi-region trail that logs all management events, counting its shadow copies once', () => {
    expect(run(multiRegionEnabled, { 'cloudtrail.trails': listed(trail('main')) })).toEqual([
      { resourceId: ACCOUNT_ARN, region: 'global', status: 'pass', statusDetail: 'main (multi-region trail, home us-east-1) is logging and records all management events' },
    ]);
  });

  it('passes on the home-region copy when a shadow copy could not read the status', () => {
    const home = trail('main');
    const shadow = trail('main', { status: failed('TrailNotFoundException: shadow trail') });
    const result = only(run(multiRegionEnabled, { 'cloudtrail.trails': perRegion({ 'eu-west-1': ok([shadow]), 'us-east-1': ok([home]) }) }));
    expect(result.status).toBe('pass');
  });

  it('passes a trail homed in a region that was not scanned, seen through its shadow copy', () => {
    const elsewhere = trail('org', { arn: `arn:aws:cloudtrail:ap-southeast-2:${ACCOUNT}:trail/org`, homeRegion: 'ap-southeast-2', isOrganizationTrail: true });
    expect(only(run(multiRegionEnabled, { 'cloudtrail.trails': listed(elsewhere) })).status).toBe('pass');
  });

  it('fails when the only trails are single-region', () => {
    const result = only(run(multiRegionEnabled, { 'cloudtrail.trails': listed(regionalTrail('local', 'us-east-1')) }));
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'No multi-region trail that is logging and records all management events: local (single-region trail, home us-east-1) is single-region' });
  });

  it('fails a multi-region trail that is stopped or records only write events', () => {
    const stopped = trail('stopped', { status: ok({ isLogging: false, latestDeliveryTime: null }) });
    const writeOnly = trail('write-only', { selectors: ok(selectors({ readWriteType: 'WriteOnly' })) });
    const result = only(run(multiRegionEnabled, { 'cloudtrail.trails': listed(stopped, writeOnly) }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toContain('stopped (multi-region trail, home us-east-1) is not logging');
    expect(result.statusDetail).toContain('write-only (multi-region trail, home us-east-1) records only WriteOnly management events');
  });

  it('fails an account with no trail', () => {
    expect(only(run(multiRegionEnabled, { 'cloudtrail.trails': inRegions([]) }))).toMatchObject({ status: 'fail', statusDetail: 'The account has no CloudTrail trail' });
  });

  it('fails when no trail is visible in the regions that could be read, noting the others', () => {
    const result = only(run(multiRegionEnabled, { 'cloudtrail.trails': perRegion({ 'us-east-1': ok([]), 'eu-west-1': failed() }) }));
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'The account has no CloudTrail trail (trails could not be listed in eu-west-1)' });
  });

  it('is unknown when trails could not be listed in any region', () => {
    const result = only(run(multiRegionEnabled, { 'cloudtrail.trails': perRegion({ 'us-east-1': failed(), 'eu-west-1': failed() }) }));
    expect(result).toMatchObject({ resourceId: ACCOUNT_ARN, status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED} (trails could not be listed in us-east-1, eu-west-1)` });
  });

  it('is unknown when the only multi-region trail\'s status could not be read', () => {
    const result = only(run(multiRegionEnabled, { 'cloudtrail.trails': listed(trail('main', { status: failed() })) }));
    expect(result.status).toBe('unknown');
    expect(result.statusDetail).toContain('could not read its status');
  });
});

describe.each([
  [logFileValidation.meta.id, logFileValidation, { logFileValidationEnabled: false }, 'Log file validation is disabled'],
  [trailKmsEncryption.meta.id, trailKmsEncryption, { kmsKeyId: null }, 'Log files are not encrypted with a KMS key (SSE-S3 only)'],
  [cloudWatchLogs.meta.id, cloudWatchLogs, { cloudWatchLogsLogGroupArn: null }, 'The trail does not deliver events to CloudWatch Logs'],
] as const)('%s', (_id, check, bad: Partial<Trail>, detail) => {
  it('passes a well-configured trail once, although it is listed in every region', () => {
    expect(only(run(check, { 'cloudtrail.trails': listed(trail('main')) }))).toMatchObject({
      resourceId: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`,
      region: 'us-east-1',
      status: 'pass',
    });
  });

  it('fails a trail without the setting, in its home region', () => {
    const results = run(check, { 'cloudtrail.trails': listed(trail('main'), regionalTrail('eu', 'eu-west-1', bad)) });
    expect(results.map(({ resourceId, region, status }) => ({ resourceId, region, status }))).toEqual([
      { resourceId: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/eu`, region: 'eu-west-1', status: 'fail' },
      { resourceId: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`, region: 'us-east-1', status: 'pass' },
    ]);
    expect(results[0]?.statusDetail).toBe(detail);
  });

  it('is unknown for a region whose trails could not be listed', () => {
    expect(run(check, { 'cloudtrail.trails': perRegion({ 'us-east-1': failed(), 'eu-west-1': ok([]) }) })).toEqual([
      { resourceId: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:*`, region: 'us-east-1', status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` },
    ]);
  });

  it('gives no result when there are no trails', () => {
    expect(run(check, { 'cloudtrail.trails': inRegions([]) })).toEqual([]);
  });
});

describe('aws-cloudtrail-s3-data-events-write and -read', () => {
  it('pass when a logging multi-region trail records all S3 data events', () => {
    for (const check of [s3DataEventsWrite, s3DataEventsRead]) {
      expect(only(run(check, { 'cloudtrail.trails': listed(trail('main')) }))).toMatchObject({ resourceId: ACCOUNT_ARN, region: 'global', status: 'pass' });
    }
  });

  it('tell write from read: a WriteOnly selector passes write and fails read', () => {
    const parts = { 'cloudtrail.trails': listed(trail('main', { selectors: ok(selectors({ s3DataEvents: 'WriteOnly' })) })) };
    expect(only(run(s3DataEventsWrite, parts)).status).toBe('pass');
    const read = only(run(s3DataEventsRead, parts));
    expect(read.status).toBe('fail');
    expect(read.statusDetail).toContain('main (multi-region trail, home us-east-1) records S3 data events: WriteOnly');
  });

  it('pass when single-region trails together cover every scanned region', () => {
    const parts = { 'cloudtrail.trails': listed(regionalTrail('us', 'us-east-1'), regionalTrail('eu', 'eu-west-1')) };
    expect(only(run(s3DataEventsWrite, parts)).status).toBe('pass');
  });

  it('fail when a single-region trail covers only the buckets of its own region', () => {
    const result = only(run(s3DataEventsWrite, { 'cloudtrail.trails': listed(regionalTrail('us', 'us-east-1')) }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toContain('recorded only for buckets in us-east-1');
    expect(result.statusDetail).toContain('for buckets in eu-west-1');
  });

  it('fail when the recording trail is stopped', () => {
    const stopped = trail('main', { status: ok({ isLogging: false, latestDeliveryTime: null }) });
    expect(only(run(s3DataEventsRead, { 'cloudtrail.trails': listed(stopped) })).statusDetail).toContain('main (multi-region trail, home us-east-1) is not logging');
  });

  it('fail an account with no trail', () => {
    expect(only(run(s3DataEventsWrite, { 'cloudtrail.trails': inRegions([]) })).statusDetail).toBe(
      'no logging trail records S3 object-level write events for buckets in us-east-1, eu-west-1: the account has no trail',
    );
  });

  it('are unknown when the selectors of a trail that could cover the gap could not be read', () => {
    const result = only(run(s3DataEventsRead, { 'cloudtrail.trails': listed(trail('main', { selectors: failed() })) }));
    expect(result.status).toBe('unknown');
    expect(result.statusDetail).toContain('could not read the event selectors of main');
  });

  it('are unknown when trails could not be listed anywhere', () => {
    expect(only(run(s3DataEventsWrite, { 'cloudtrail.trails': perRegion({ 'us-east-1': failed(), 'eu-west-1': failed() }) })).status).toBe('unknown');
  });
});

describe('aws-cloudtrail-logs-bucket-public', () => {
  const logs = (overrides: Partial<S3Bucket> = {}): S3Bucket => bucket('cloudtrail-logs', overrides);
  const parts = (buckets: Collected<S3Bucket[]>, ...trails: Trail[]): Partial<AwsParts> => ({
    'cloudtrail.trails': listed(...trails),
    's3.buckets': buckets,
    's3.accountPublicAccessBlock': ok(null),
  });

  it('passes a private log bucket, once for the trails that share it', () => {
    const result = only(run(logsBucketPublic, parts(ok([logs(), bucket('other')]), trail('main'), regionalTrail('eu', 'eu-west-1'))));
    expect(result).toMatchObject({ resourceId: 'arn:aws:s3:::cloudtrail-logs', region: 'us-east-1', status: 'pass', tags: { env: 'prod', owner: 'payments' } });
    expect(result.statusDetail).toContain('Log bucket of trails eu, main');
  });

  it('fails a log bucket made public by its policy, and marks it exposed', () => {
    const open = legacyBucket('cloudtrail-logs', { policy: ok(policy(publicRead('cloudtrail-logs'))) });
    const result = only(run(logsBucketPublic, parts(ok([open]), trail('main'))));
    expect(result).toMatchObject({ status: 'fail', exposed: true });
    expect(result.statusDetail).toContain('Statement "PublicRead" allows s3:GetObject to everyone');
  });

  it('fails a log bucket made public by its ACL', () => {
    const open = legacyBucket('cloudtrail-logs', { acl: ok({ ownerId: OWNER_ID, grants: [OWNER_GRANT, groupGrant(ALL_USERS, 'READ')] }) });
    const result = only(run(logsBucketPublic, parts(ok([open]), trail('main'))));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toContain('AllUsers (anyone): READ');
  });

  it('is unknown when the log bucket is in another account', () => {
    const result = only(run(logsBucketPublic, parts(ok([bucket('other')]), trail('main'))));
    expect(result).toMatchObject({ resourceId: 'arn:aws:s3:::cloudtrail-logs', region: 'us-east-1', status: 'unknown' });
    expect(result.statusDetail).toContain('is not in this account\'s bucket list');
  });

  it('is unknown when the bucket list could not be read', () => {
    expect(only(run(logsBucketPublic, parts(failed(), trail('main'))))).toMatchObject({ status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` });
  });

  it('is unknown when the log bucket\'s policy could not be read', () => {
    expect(only(run(logsBucketPublic, parts(ok([logs({ policy: failed() })]), trail('main')))).status).toBe('unknown');
  });

  it('is unknown for a region whose trails could not be listed', () => {
    const results = run(logsBucketPublic, { 'cloudtrail.trails': perRegion({ 'us-east-1': failed(), 'eu-west-1': ok([]) }), 's3.buckets': ok([logs()]) });
    expect(results).toEqual([
      { resourceId: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:*`, region: 'us-east-1', status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` },
    ]);
  });

  it('gives no result when there are no trails', () => {
    expect(run(logsBucketPublic, parts(ok([logs()])))).toEqual([]);
  });
});

describe('aws-cloudtrail-logs-bucket-access-logging', () => {
  const parts = (buckets: S3Bucket[] | Collected<S3Bucket[]>): Partial<AwsParts> => ({
    'cloudtrail.trails': listed(trail('main')),
    's3.buckets': Array.isArray(buckets) ? ok(buckets) : buckets,
  });

  it('passes a log bucket with server access logging', () => {
    expect(only(run(logsBucketAccessLogging, parts([bucket('cloudtrail-logs')])))).toMatchObject({
      status: 'pass',
      statusDetail: 'Log bucket of trail main: server access logs go to s3://access-logs/cloudtrail-logs/',
    });
  });

  it('fails a log bucket without server access logging', () => {
    expect(only(run(logsBucketAccessLogging, parts([bucket('cloudtrail-logs', { logging: ok(null) })])))).toMatchObject({
      resourceId: 'arn:aws:s3:::cloudtrail-logs',
      status: 'fail',
      statusDetail: 'Log bucket of trail main: server access logging is not enabled',
    });
  });

  it('is unknown when the log bucket\'s logging could not be read', () => {
    expect(only(run(logsBucketAccessLogging, parts([bucket('cloudtrail-logs', { logging: failed() })])))).toMatchObject({
      status: 'unknown',
      statusDetail: `Could not check: ${ACCESS_DENIED}`,
    });
  });

  it('is unknown when the bucket list could not be read', () => {
    expect(only(run(logsBucketAccessLogging, parts(failed()))).status).toBe('unknown');
  });

  it('gives no result for a trail that delivers nowhere', () => {
    expect(run(logsBucketAccessLogging, { 'cloudtrail.trails': listed(trail('main', { s3BucketName: null })), 's3.buckets': ok([]) })).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------ KMS

describe('aws-kms-cmk-rotation', () => {
  it('passes a customer managed symmetric key with rotation on', () => {
    expect(run(kmsRotation, { 'kms.keys': perRegion({ 'us-east-1': ok([kmsKey()]), 'eu-west-1': ok([]) }) })).toEqual([
      { resourceId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, region: 'us-east-1', status: 'pass', statusDetail: 'Automatic key rotation is enabled' },
    ]);
  });

  it('fails a key with rotation off', () => {
    const results = run(kmsRotation, { 'kms.keys': perRegion({ 'us-east-1': ok([]), 'eu-west-1': ok([kmsKey('k2', { rotationEnabled: ok(false) }, 'eu-west-1')]) }) });
    expect(only(results)).toMatchObject({ region: 'eu-west-1', status: 'fail', statusDetail: 'Automatic key rotation is disabled' });
  });

  it('looks only at enabled customer managed symmetric keys', () => {
    const others = [
      kmsKey('aws', { keyManager: 'AWS', rotationEnabled: ok(false) }),
      kmsKey('rsa', { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', rotationEnabled: ok(false) }),
      kmsKey('hmac', { keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', rotationEnabled: ok(false) }),
      kmsKey('off', { keyState: 'Disabled', rotationEnabled: ok(false) }),
      kmsKey('going', { keyState: 'PendingDeletion', rotationEnabled: ok(false) }),
      // Imported key material and custom key stores cannot rotate automatically; CIS excludes them.
      kmsKey('imported', { origin: 'EXTERNAL', rotationEnabled: ok(false) }),
      kmsKey('hsm', { origin: 'AWS_CLOUDHSM', rotationEnabled: ok(false) }),
    ];
    expect(run(kmsRotation, { 'kms.keys': inRegions(others) })).toEqual([]);
  });

  it('is unknown when the rotation status could not be read', () => {
    expect(only(run(kmsRotation, { 'kms.keys': perRegion({ 'us-east-1': ok([kmsKey('k', { rotationEnabled: failed() })]), 'eu-west-1': ok([]) }) })).status).toBe('unknown');
  });

  it('is unknown for a region whose keys could not be listed', () => {
    expect(run(kmsRotation, { 'kms.keys': perRegion({ 'us-east-1': failed(), 'eu-west-1': ok([]) }) })).toEqual([
      { resourceId: `arn:aws:kms:us-east-1:${ACCOUNT}:*`, region: 'us-east-1', status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` },
    ]);
  });

  it('gives no result when there are no keys', () => {
    expect(run(kmsRotation, { 'kms.keys': inRegions([]) })).toEqual([]);
  });
});

describe('aws-kms-key-policy-public', () => {
  const inUsEast1 = (...keys: ReturnType<typeof kmsKey>[]): Partial<AwsParts> => ({ 'kms.keys': perRegion({ 'us-east-1': ok(keys), 'eu-west-1': ok([]) }) });

  it('passes a key policy that names the account', () => {
    expect(only(run(kmsPolicyPublic, inUsEast1(kmsKey())))).toMatchObject({ status: 'pass' });
  });

  it('fails a key policy that lets everyone decrypt, and marks it exposed', () => {
    const open = keyPolicy(ROOT_KEY_STATEMENT, { Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: '*' });
    const result = only(run(kmsPolicyPublic, inUsEast1(kmsKey('k', { policy: ok(open) }))));
    expect(result).toMatchObject({ status: 'fail', exposed: true, statusDetail: 'Statement "Anyone" allows kms:Decrypt, kms:DescribeKey to everyone, with no restricting condition' });
  });

  it('passes {"AWS": "*"} confined by kms:CallerAccount, as AWS managed key policies are written', () => {
    const scoped = keyPolicy({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } },
    });
    expect(only(run(kmsPolicyPublic, inUsEast1(kmsKey('k', { policy: ok(scoped) })))).status).toBe('pass');
  });

  it('skips AWS managed keys', () => {
    expect(run(kmsPolicyPublic, inUsEast1(kmsKey('aws', { keyManager: 'AWS' })))).toEqual([]);
  });

  it('is unknown when the key policy could not be read', () => {
    expect(only(run(kmsPolicyPublic, inUsEast1(kmsKey('k', { policy: failed() }))))).toMatchObject({ status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` });
  });

  it('is unknown for a region whose keys could not be listed', () => {
    expect(only(run(kmsPolicyPublic, { 'kms.keys': perRegion({ 'us-east-1': ok([]), 'eu-west-1': failed() }) })).resourceId).toBe(`arn:aws:kms:eu-west-1:${ACCOUNT}:*`);
  });

  it('gives no result when there are no keys', () => {
    expect(run(kmsPolicyPublic, { 'kms.keys': inRegions([]) })).toEqual([]);
  });
});

describe('aws-kms-key-pending-deletion', () => {
  const inUsEast1 = (...keys: ReturnType<typeof kmsKey>[]): Partial<AwsParts> => ({ 'kms.keys': perRegion({ 'us-east-1': ok(keys), 'eu-west-1': ok([]) }) });

  it('passes an enabled key', () => {
    expect(only(run(kmsPendingDeletion, inUsEast1(kmsKey())))).toMatchObject({ status: 'pass', statusDetail: 'The key is Enabled' });
  });

  it('fails a key scheduled for deletion', () => {
    expect(only(run(kmsPendingDeletion, inUsEast1(kmsKey('k', { keyState: 'PendingDeletion' }))))).toMatchObject({
      status: 'fail',
      statusDetail: 'The key is PendingDeletion: data encrypted under it becomes unreadable once it is deleted',
    });
  });

  it('skips AWS managed keys', () => {
    expect(run(kmsPendingDeletion, inUsEast1(kmsKey('aws', { keyManager: 'AWS' })))).toEqual([]);
  });

  it('is unknown for a region whose keys could not be listed', () => {
    expect(only(run(kmsPendingDeletion, { 'kms.keys': perRegion({ 'us-east-1': failed(), 'eu-west-1': ok([]) }) })).status).toBe('unknown');
  });

  it('gives no result when there are no keys', () => {
    expect(run(kmsPendingDeletion, { 'kms.keys': inRegions([]) })).toEqual([]);
  });
});

// ------------------------------------------------------------- Config, GuardDuty, Security Hub, Access Analyzer

describe('aws-config-recorder-enabled', () => {
  const arn = (region: string): string => `arn:aws:config:${region}:${ACCOUNT}:config-recorder`;

  it('passes each region with a recorder recording all resources', () => {
    expect(run(configRecorderEnabled, { 'config.recorders': inRegions([recorder()]) })).toEqual(
      REGIONS.map((region) => ({ resourceId: arn(region), region, status: 'pass', statusDetail: 'Recorder default is recording all supported resource types, including global resource types' })),
    );
  });

  it('passes a region that leaves global resource types to another region, saying so', () => {
    const result = run(configRecorderEnabled, { 'config.recorders': inRegions([recorder({ includeGlobalResourceTypes: false })]) })[0];
    expect(result?.status).toBe('pass');
    expect(result?.statusDetail).toContain('global resource types such as IAM are recorded elsewhere');
  });

  it('fails a region with no recorder', () => {
    expect(run(configRecorderEnabled, { 'config.recorders': perRegion({ 'us-east-1': ok([recorder()]), 'eu-west-1': ok([]) }) })[1]).toEqual({
      resourceId: arn('eu-west-1'),
      region: 'eu-west-1',
      status: 'fail',
      statusDetail: 'No configuration recorder in this region',
    });
  });

  it('fails a recorder that is stopped, selective or failing', () => {
    const [result] = run(configRecorderEnabled, { 'config.recorders': inRegions([recorder({ recording: false, allSupported: false, lastStatus: 'Failure' })]) });
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'Recorder default is not recording, records only selected resource types, failed its last recording' });
  });

  it('is unknown for a region that could not be read', () => {
    expect(run(configRecorderEnabled, { 'config.recorders': perRegion({ 'us-east-1': failed(), 'eu-west-1': ok([recorder()]) }) })[0]).toEqual({
      resourceId: `arn:aws:config:us-east-1:${ACCOUNT}:config-recorder`,
      region: 'us-east-1',
      status: 'unknown',
      statusDetail: `Could not check: ${ACCESS_DENIED}`,
    });
  });

  it('is unknown in every region when the part was not collected', () => {
    expect(run(configRecorderEnabled, {}).map(({ status }) => status)).toEqual(['unknown', 'unknown']);
  });
});

describe('aws-guardduty-enabled', () => {
  const arn = (region: string): string => `arn:aws:guardduty:${region}:${ACCOUNT}:detector`;

  it('passes a region with an enabled detector', () => {
    expect(run(guardDutyEnabled, { 'guardduty.detectors': inRegions([detector()]) })[0]).toEqual({
      resourceId: arn('us-east-1'),
      region: 'us-east-1',
      status: 'pass',
      statusDetail: 'Detector 12abc34d567e8fa901bc2d34e56789f0 is enabled',
    });
  });

  it('fails a region with no detector', () => {
    expect(run(guardDutyEnabled, { 'guardduty.detectors': inRegions([]) })[1]).toMatchObject({ resourceId: arn('eu-west-1'), status: 'fail', statusDetail: 'GuardDuty has no detector in this region' });
  });

  it('fails a region whose detector is suspended', () => {
    expect(run(guardDutyEnabled, { 'guardduty.detectors': inRegions([detector({ status: 'DISABLED' })]) })[0]?.status).toBe('fail');
  });

  it('is unknown for a region that could not be read', () => {
    expect(run(guardDutyEnabled, { 'guardduty.detectors': perRegion({ 'us-east-1': ok([detector()]), 'eu-west-1': failed() }) }).map(({ status }) => status)).toEqual(['pass', 'unknown']);
  });
});

describe('aws-securityhub-enabled', () => {
  it('passes a region where Security Hub is enabled, on the hub ARN', () => {
    expect(run(securityHubEnabled, { 'securityhub.hub': inRegions({ enabled: true }) })[0]).toEqual({
      resourceId: `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`,
      region: 'us-east-1',
      status: 'pass',
      statusDetail: 'Security Hub is enabled',
    });
  });

  it('fails a region where it is not enabled', () => {
    expect(run(securityHubEnabled, { 'securityhub.hub': perRegion<{ enabled: boolean }>({ 'us-east-1': ok({ enabled: true }), 'eu-west-1': ok({ enabled: false }) }) }).map(({ status }) => status)).toEqual(['pass', 'fail']);
  });

  it('is unknown for a region that could not be read', () => {
    expect(run(securityHubEnabled, { 'securityhub.hub': perRegion({ 'us-east-1': failed(), 'eu-west-1': ok({ enabled: true }) }) })[0]?.status).toBe('unknown');
  });
});

describe('aws-accessanalyzer-enabled', () => {
  const arn = (region: string): string => `arn:aws:access-analyzer:${region}:${ACCOUNT}:analyzer`;

  it('passes a region with an active external access analyzer', () => {
    const results = run(accessAnalyzerEnabled, { 'accessanalyzer.analyzers': perRegion({ 'us-east-1': ok([analyzer('us-east-1')]), 'eu-west-1': ok([analyzer('eu-west-1', { type: 'ORGANIZATION' })]) }) });
    expect(results.map(({ resourceId, status }) => ({ resourceId, status }))).toEqual([
      { resourceId: arn('us-east-1'), status: 'pass' },
      { resourceId: arn('eu-west-1'), status: 'pass' },
    ]);
  });

  it('fails a region with no analyzer', () => {
    expect(run(accessAnalyzerEnabled, { 'accessanalyzer.analyzers': inRegions([]) })[0]).toMatchObject({ status: 'fail', statusDetail: 'No IAM Access Analyzer analyzer in this region' });
  });

  it('fails a region with only an unused-access analyzer, or an inactive one', () => {
    const unused = analyzer('us-east-1', { name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' });
    const failing = analyzer('us-east-1', { name: 'broken', status: 'FAILED' });
    expect(run(accessAnalyzerEnabled, { 'accessanalyzer.analyzers': inRegions([unused, failing]) })[0]).toMatchObject({
      status: 'fail',
      statusDetail: 'No active external access analyzer; found unused (ACCOUNT_UNUSED_ACCESS, ACTIVE), broken (ACCOUNT, FAILED)',
    });
  });

  it('is unknown for a region that could not be read', () => {
    expect(run(accessAnalyzerEnabled, { 'accessanalyzer.analyzers': perRegion({ 'us-east-1': failed(), 'eu-west-1': ok([]) }) })[0]).toMatchObject({
      resourceId: `arn:aws:access-analyzer:us-east-1:${ACCOUNT}:analyzer`,
      status: 'unknown',
    });
  });
});
