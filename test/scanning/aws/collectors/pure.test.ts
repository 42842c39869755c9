/** The collectors' pure pieces: CSV, event selectors, bucket locations, policy documents, error text, retry decisions. */
import type { AdvancedFieldSelector } from '@aws-sdk/client-cloudtrail';
import type { SdkError } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { parseCredentialReport } from '../../../../src/scanning/providers/aws/collectors/iam-credential-report.js';
import { combineReadWrite, summariseEventSelectors } from '../../../../src/scanning/providers/aws/collectors/event-selectors.js';
import { bucketRegion } from '../../../../src/scanning/providers/aws/collectors/s3.js';
import { describeAwsError } from '../../../../src/scanning/providers/aws/errors.js';
import { parseIamPolicyDocument } from '../../../../src/scanning/providers/aws/policy-document.js';
import { backoffDelay, retryKind, ScanRetryStrategy } from '../../../../src/scanning/providers/aws/retry.js';

describe('parseCredentialReport', () => {
  it('reads columns by name, quoted fields, CRLF; N/A, no_information, not_supported are null', () => {
    const csv = [
      'arn,user,mfa_active,password_enabled,password_last_used,user_creation_time,access_key_1_active,access_key_1_last_rotated,extra_column',
      'arn:aws:iam::1:root,<root_account>,true,not_supported,no_information,2020-01-01T00:00:00+00:00,false,N/A,x',
      'arn:aws:iam::1:user/a,"odd,name ""quoted""",false,true,2024-01-02T03:04:05+00:00,2021-01-01T00:00:00+00:00,true,2023-06-01T00:00:00+00:00,y',
      '',
    ].join('\r\n');
    const [root, odd] = parseCredentialReport(csv);
    expect(root).toMatchObject({ user: '<root_account>', passwordEnabled: false, passwordLastUsed: null, userCreationTime: '2020-01-01T00:00:00.000Z', mfaActive: true, accessKey1LastRotated: null, accessKey2Active: false });
    expect(odd).toMatchObject({ user: 'odd,name "quoted"', passwordEnabled: true, passwordLastUsed: '2024-01-02T03:04:05.000Z', accessKey1Active: true, accessKey1LastRotated: '2023-06-01T00:00:00.000Z' });
    expect(parseCredentialReport('')).toEqual([]);
  });
});

describe('summariseEventSelectors', () => {
  it('unions read/write types', () => {
    expect(combineReadWrite('None', 'ReadOnly')).toBe('ReadOnly');
    expect(combineReadWrite('ReadOnly', 'WriteOnly')).toBe('All');
    expect(combineReadWrite('WriteOnly', 'WriteOnly')).toBe('WriteOnly');
  });

  it('classic: management off, and S3 data events for some buckets only, do not count', () => {
    expect(
      summariseEventSelectors([{ ReadWriteType: 'All', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::one-bucket/'] }] }], undefined),
    ).toEqual({ readWriteType: 'None', includeManagementEvents: false, s3DataEvents: 'None' });
    expect(summariseEventSelectors([{ DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws-us-gov:s3:::'] }] }], undefined)).toEqual({
      readWriteType: 'All',
      includeManagementEvents: true,
      s3DataEvents: 'All',
    });
  });

  it('advanced: readOnly field, and resources.ARN limits', () => {
    const s3 = (extra: AdvancedFieldSelector[]) => ({ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, ...extra] });
    expect(summariseEventSelectors(undefined, [s3([{ Field: 'readOnly', Equals: ['true'] }])])).toEqual({ readWriteType: 'None', includeManagementEvents: false, s3DataEvents: 'ReadOnly' });
    expect(summariseEventSelectors(undefined, [s3([{ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::one-bucket/'] }])]).s3DataEvents).toBe('None');
    expect(summariseEventSelectors(undefined, [s3([{ Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::'] }])]).s3DataEvents).toBe('All');
    expect(summariseEventSelectors(undefined, [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }])).toEqual({ readWriteType: 'All', includeManagementEvents: true, s3DataEvents: 'None' });
  });
});

describe('small conversions', () => {
  it('bucketRegion: empty is us-east-1, EU is eu-west-1', () => {
    expect(bucketRegion(undefined)).toBe('us-east-1');
    expect(bucketRegion('')).toBe('us-east-1');
    expect(bucketRegion('EU')).toBe('eu-west-1');
    expect(bucketRegion('ap-south-2')).toBe('ap-south-2');
  });

  it('parseIamPolicyDocument: URL-decoded JSON; a literal % survives; Statement defaults to []', () => {
    expect(parseIamPolicyDocument('%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D')).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(parseIamPolicyDocument('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::100%"}]}').Statement).toEqual([
      { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::100%' },
    ]);
    expect(parseIamPolicyDocument('{"Version":"2012-10-17"}')).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(() => parseIamPolicyDocument('[1]')).toThrow(/not a JSON object/);
  });

  it('describeAwsError: <Code>: <message>; the status when the SDK could not read the body', () => {
    expect(describeAwsError(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }))).toBe('AccessDenied: Access Denied');
    expect(describeAwsError(Object.assign(new Error('UnknownError'), { name: 'Unknown', $metadata: { httpStatusCode: 502 } }))).toBe('Unknown: UnknownError (HTTP 502)');
    expect(describeAwsError(Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })], ''), { code: 'ECONNREFUSED' }))).toBe(
      'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});

describe('retry decisions', () => {
    // Shaped like the SDK's service exceptions: a name (the code) and the HTTP status in $metadata.
  const error = (name: string, status?: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } }) as SdkError;

  it('classifies throttling, transient and final errors', () => {
    for (const code of ['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'SlowDown', 'TooManyRequestsException']) expect(retryKind(error(code, 400))).toBe('throttling');
    expect(retryKind(error('Whatever', 429))).toBe('throttling');
    expect(retryKind(error('ServiceUnavailable', 503))).toBe('throttling');
    expect(retryKind(error('InternalError', 500))).toBe('transient');
    expect(retryKind(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe('transient');
    expect(retryKind(error('AccessDenied', 403))).toBeUndefined();
    expect(retryKind(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }))).toBeUndefined();
  });

  it('full jitter within an exponentially growing, capped window', () => {
    expect(backoffDelay(0, 100, 20_000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 20_000, () => 0.5)).toBe(400);
    expect(backoffDelay(20, 100, 20_000, () => 0.999)).toBe(19_980);
    expect(backoffDelay(5, 100, 20_000, () => 0)).toBe(0);
  });

  it('honours Retry-After, retries throttling up to maxAttempts and transient faults fewer times', async () => {
    const strategy = new ScanRetryStrategy({ maxAttempts: 4, maxTransientAttempts: 2, baseDelayMs: 10, random: () => 0.5 });
    let token = await strategy.acquireInitialRetryToken();
    token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error: error('Throttling', 400), retryAfterHint: new Date(Date.now() + 3_000) });
    expect(token.getRetryDelay()).toBeGreaterThan(2_900);
    token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error: error('SlowDown', 503) });
    expect(token.getRetryDelay()).toBe(10);
    token = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error: error('SlowDown', 503) });
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error: error('SlowDown', 503) })).rejects.toThrow();
    const fresh = await strategy.acquireInitialRetryToken();
    const once = await strategy.refreshRetryTokenForRetry(fresh, { errorType: 'TRANSIENT', error: error('InternalError', 500) });
    await expect(strategy.refreshRetryTokenForRetry(once, { errorType: 'TRANSIENT', error: error('InternalError', 500) })).rejects.toThrow();
    await expect(strategy.refreshRetryTokenForRetry(fresh, { errorType: 'CLIENT_ERROR', error: error('AccessDenied', 403) })).rejects.toThrow();
  });
});
