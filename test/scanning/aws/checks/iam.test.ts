import { describe, expect, it } from 'vitest';
import { iamChecks } from '../../../../src/scanning/checks/aws/iam-checks.js';
import { check as accessKeyNotRotated } from '../../../../src/scanning/checks/aws/iam/aws-iam-access-key-not-rotated.js';
import { check as cloudShellFullAccess } from '../../../../src/scanning/checks/aws/iam/aws-iam-cloudshell-full-access.js';
import { check as expiredServerCertificate } from '../../../../src/scanning/checks/aws/iam/aws-iam-expired-server-certificate.js';
import { check as noSupportRole } from '../../../../src/scanning/checks/aws/iam/aws-iam-no-support-role.js';
import { check as passwordPolicyMinLength } from '../../../../src/scanning/checks/aws/iam/aws-iam-password-policy-min-length.js';
import { check as passwordPolicyReuse } from '../../../../src/scanning/checks/aws/iam/aws-iam-password-policy-reuse.js';
import { check as policyFullAdmin } from '../../../../src/scanning/checks/aws/iam/aws-iam-policy-full-admin.js';
import { check as roleTrustPublic } from '../../../../src/scanning/checks/aws/iam/aws-iam-role-trust-public.js';
import { check as rootAccessKey } from '../../../../src/scanning/checks/aws/iam/aws-iam-root-access-key.js';
import { check as rootMfaDisabled } from '../../../../src/scanning/checks/aws/iam/aws-iam-root-mfa-disabled.js';
import { check as rootNoHardwareMfa } from '../../../../src/scanning/checks/aws/iam/aws-iam-root-no-hardware-mfa.js';
import { check as rootRecentlyUsed } from '../../../../src/scanning/checks/aws/iam/aws-iam-root-recently-used.js';
import { check as userConsoleNoMfa } from '../../../../src/scanning/checks/aws/iam/aws-iam-user-console-no-mfa.js';
import { check as userDirectPolicies } from '../../../../src/scanning/checks/aws/iam/aws-iam-user-direct-policies.js';
import { check as userMultipleActiveKeys } from '../../../../src/scanning/checks/aws/iam/aws-iam-user-multiple-active-keys.js';
import { check as userUnusedCredentials } from '../../../../src/scanning/checks/aws/iam/aws-iam-user-unused-credentials.js';
import { check as userUnusedInitialAccessKey } from '../../../../src/scanning/checks/aws/iam/aws-iam-user-unused-initial-access-key.js';
import type { AwsCheck } from '../../../../src/scanning/checks/aws/lib/helpers.js';
import type { AwsParts } from '../../../../src/scanning/providers/aws/snapshot.js';
import { DEFAULT_SETTINGS, SEVERITIES, type CheckResult, type ScanSettings } from '../../../../src/scanning/types.js';
import {
  accountSummary,
  ADMIN_DOCUMENT,
  attached,
  authorization,
  awsManagedPolicy,
  awsPolicyArn,
  iamGroup,
  iamRole,
  iamUser,
  managedPolicy,
  passwordPolicy,
  POWER_USER_DOCUMENT,
  READ_ONLY_DOCUMENT,
  reportRoot,
  reportUser,
  ROOT_ARN,
  serverCertificate,
  trustPolicy,
  userArn,
  virtualMfa,
} from '../fixtures/iam.js';
import { ACCESS_DENIED, daysAgo, failed, NOW, ok, snapshot } from '../fixtures/snapshot.js';

function run(check: AwsCheck, parts: Partial<AwsParts>, settings: ScanSettings = DEFAULT_SETTINGS): CheckResult[] {
  return check.evaluate(snapshot(parts), settings, NOW);
}

/** The single result of an account-level check. */
function only(results: CheckResult[]): CheckResult {
  expect(results).toHaveLength(1);
  const [result] = results;
  if (!result) throw new Error('no result');
  return result;
}

function byResource(results: CheckResult[]): Record<string, Pick<CheckResult, 'status' | 'statusDetail'>> {
  return Object.fromEntries(results.map((result) => [result.resourceId, { status: result.status, statusDetail: result.statusDetail }]));
}

const COULD_NOT = `Could not check: ${ACCESS_DENIED}`;

describe('IAM check metadata', () => {
  it('lists at least 16 checks with unique ids', () => {
    expect(iamChecks.length).toBeGreaterThanOrEqual(16);
    expect(new Set(iamChecks.map((check) => check.meta.id)).size).toBe(iamChecks.length);
  });

  it.each(iamChecks.map((check) => [check.meta.id, check] as const))('%s is well formed', (_id, check) => {
    const { meta } = check;
    expect(meta.id).toMatch(/^aws-iam-[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(meta.provider).toBe('aws');
    expect(meta.service).toBe('iam');
    expect(meta.resourceType).toMatch(/^AWS::[A-Za-z0-9]*::[A-Za-z0-9]+$/);
    expect(SEVERITIES).toContain(meta.severity);
    for (const text of [meta.title, meta.description, meta.risk, meta.remediation.text]) expect(text.trim()).not.toBe('');
    expect(meta.remediation.cli).toMatch(/^aws /);
    expect(meta.remediation.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(Object.keys(meta.compliance).length).toBeGreaterThan(0);
    for (const controls of Object.values(meta.compliance)) {
      expect(controls.length).toBeGreaterThan(0);
      for (const control of controls) expect(typeof control).toBe('string');
    }
    expect(meta.needs.length).toBeGreaterThan(0);
    for (const part of meta.needs) expect(part).toMatch(/^iam\./);
  });

  it('maps the CIS AWS 5.0 section 1 controls', () => {
    const cis = iamChecks.flatMap((check) => check.meta.compliance['cis-aws-5.0'] ?? []);
    expect(cis.sort()).toEqual(['1.10', '1.11', '1.12', '1.13', '1.14', '1.15', '1.16', '1.18', '1.21', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9'].sort());
  });

  it('needs exactly what it reads: every check answers unknown or nothing, never pass, with no parts at all', () => {
    for (const check of iamChecks) {
      const results = run(check, {});
      expect(results.every((result) => result.status === 'unknown'), check.meta.id).toBe(true);
    }
  });
});

// --------------------------------------------------------------------------------------- root

describe('aws-iam-root-access-key (CIS 1.3)', () => {
  it('passes when root has no active key', () => {
    const result = only(run(rootAccessKey, { 'iam.credentialReport': ok([reportRoot()]), 'iam.accountSummary': ok(accountSummary()) }));
    expect(result).toMatchObject({ status: 'pass', resourceId: ROOT_ARN, region: 'global' });
  });

  it('fails naming the active key and its last use', () => {
    const root = reportRoot({ accessKey2Active: true, accessKey2LastRotated: daysAgo(900), accessKey2LastUsed: daysAgo(3) });
    const result = only(run(rootAccessKey, { 'iam.credentialReport': ok([root]), 'iam.accountSummary': ok(accountSummary({ AccountAccessKeysPresent: 1 })) }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toBe(`Root access key 2 is active (last used ${daysAgo(3).slice(0, 10)} (3 days ago))`);
  });

  it('does not count an inactive root key', () => {
    const root = reportRoot({ accessKey1Active: false, accessKey1LastRotated: daysAgo(900), accessKey1LastUsed: daysAgo(800) });
    expect(only(run(rootAccessKey, { 'iam.credentialReport': ok([root]), 'iam.accountSummary': ok(accountSummary({ AccountAccessKeysPresent: 1 })) })).status).toBe('pass');
  });

  it('falls back to the account summary when the report failed', () => {
    expect(only(run(rootAccessKey, { 'iam.credentialReport': failed(), 'iam.accountSummary': ok(accountSummary({ AccountAccessKeysPresent: 1 })) }))).toMatchObject({
      status: 'fail',
      statusDetail: expect.stringContaining('AccountAccessKeysPresent = 1') as string,
    });
    expect(only(run(rootAccessKey, { 'iam.credentialReport': failed(), 'iam.accountSummary': ok(accountSummary()) })).status).toBe('pass');
  });

  it('falls back to the account summary when the report has no root row', () => {
    expect(only(run(rootAccessKey, { 'iam.credentialReport': ok([reportUser('alice')]), 'iam.accountSummary': ok(accountSummary({ AccountAccessKeysPresent: 1 })) })).status).toBe('fail');
  });

  it('is unknown with both reasons when neither source is available', () => {
    const result = only(run(rootAccessKey, { 'iam.credentialReport': failed('ReportInProgress'), 'iam.accountSummary': failed() }));
    expect(result).toMatchObject({ status: 'unknown', resourceId: ROOT_ARN, region: 'global' });
    expect(result.statusDetail).toBe(`Could not check: credential report: ReportInProgress; account summary: ${ACCESS_DENIED}`);
  });

  it('is unknown on an empty report and a summary without the key', () => {
    expect(only(run(rootAccessKey, { 'iam.credentialReport': ok([]), 'iam.accountSummary': ok({}) })).status).toBe('unknown');
  });
});

describe('aws-iam-root-mfa-disabled (CIS 1.4)', () => {
  it('passes with MFA enabled', () => {
    expect(only(run(rootMfaDisabled, { 'iam.accountSummary': ok(accountSummary()), 'iam.credentialReport': ok([reportRoot()]) }))).toMatchObject({ status: 'pass', resourceId: ROOT_ARN });
  });

  it('fails without MFA', () => {
    const result = only(run(rootMfaDisabled, { 'iam.accountSummary': ok(accountSummary({ AccountMFAEnabled: 0 })), 'iam.credentialReport': ok([reportRoot({ mfaActive: false })]) }));
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'MFA is not enabled for the root user' });
  });

  it('passes a root user without password and keys (root credentials removed), as the CIS audit does', () => {
    const summary = accountSummary({ AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 0 });
    const result = only(run(rootMfaDisabled, { 'iam.accountSummary': ok(summary), 'iam.credentialReport': ok([reportRoot({ mfaActive: false })]) }));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('no password and no active access key');
  });

  it('fails a root user without password but with an active key', () => {
    const summary = accountSummary({ AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 1 });
    const root = reportRoot({ mfaActive: false, accessKey1Active: true, accessKey1LastRotated: daysAgo(10) });
    expect(only(run(rootMfaDisabled, { 'iam.accountSummary': ok(summary), 'iam.credentialReport': ok([root]) })).status).toBe('fail');
  });

  it('does not trust the report\'s root password_enabled (always not_supported): without the summary, no MFA fails', () => {
    const root = reportRoot({ mfaActive: false, passwordEnabled: false });
    expect(only(run(rootMfaDisabled, { 'iam.accountSummary': failed(), 'iam.credentialReport': ok([root]) })).status).toBe('fail');
  });

  it('uses the report when the summary failed', () => {
    expect(only(run(rootMfaDisabled, { 'iam.accountSummary': failed(), 'iam.credentialReport': ok([reportRoot()]) })).status).toBe('pass');
  });

  it('is unknown when neither source is available', () => {
    const result = only(run(rootMfaDisabled, { 'iam.accountSummary': failed(), 'iam.credentialReport': failed() }));
    expect(result.status).toBe('unknown');
    expect(result.statusDetail).toMatch(/^Could not check: credential report: .*; account summary: /);
  });

  it('is unknown when the report is empty and the summary is not collected', () => {
    const result = only(run(rootMfaDisabled, { 'iam.credentialReport': ok([]) }));
    expect(result.statusDetail).toBe('Could not check: credential report: the credential report has no <root_account> row; account summary: iam.accountSummary was not collected');
  });
});

describe('aws-iam-root-no-hardware-mfa (CIS 1.5)', () => {
  const base = { 'iam.accountSummary': ok(accountSummary()), 'iam.credentialReport': ok([reportRoot()]) };

  it('passes when root has MFA and no virtual device', () => {
    const result = only(run(rootNoHardwareMfa, { ...base, 'iam.virtualMfaDevices': ok([virtualMfa('alice', userArn('alice')), virtualMfa('spare', null)]) }));
    expect(result).toMatchObject({ status: 'pass', resourceId: ROOT_ARN, region: 'global' });
  });

  it('fails when root\'s MFA is a virtual device (assigned to the root ARN)', () => {
    const result = only(run(rootNoHardwareMfa, { ...base, 'iam.virtualMfaDevices': ok([virtualMfa('my-phone', ROOT_ARN)]) }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toContain('mfa/my-phone');
  });

  it('fails on the legacy root virtual device serial', () => {
    const result = only(run(rootNoHardwareMfa, { ...base, 'iam.virtualMfaDevices': ok([virtualMfa('root-account-mfa-device', null)]) }));
    expect(result.status).toBe('fail');
  });

  it('fails when root has no MFA at all', () => {
    const result = only(
      run(rootNoHardwareMfa, { 'iam.accountSummary': ok(accountSummary({ AccountMFAEnabled: 0 })), 'iam.credentialReport': ok([reportRoot({ mfaActive: false })]), 'iam.virtualMfaDevices': ok([]) }),
    );
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'The root user has no MFA device at all' });
  });

  it('passes a root user without credentials', () => {
    const summary = accountSummary({ AccountMFAEnabled: 0, AccountPasswordPresent: 0, AccountAccessKeysPresent: 0 });
    expect(only(run(rootNoHardwareMfa, { 'iam.accountSummary': ok(summary), 'iam.credentialReport': ok([reportRoot({ mfaActive: false })]), 'iam.virtualMfaDevices': ok([]) })).status).toBe('pass');
  });

  it('is unknown when the virtual MFA devices could not be listed', () => {
    expect(only(run(rootNoHardwareMfa, { ...base, 'iam.virtualMfaDevices': failed() }))).toMatchObject({ status: 'unknown', statusDetail: COULD_NOT });
  });

  it('is unknown when root\'s MFA status is unknown', () => {
    expect(only(run(rootNoHardwareMfa, { 'iam.accountSummary': failed(), 'iam.credentialReport': failed(), 'iam.virtualMfaDevices': ok([]) })).status).toBe('unknown');
  });
});

describe('aws-iam-root-recently-used (CIS 1.6)', () => {
  it('passes when root was last used long ago', () => {
    const result = only(run(rootRecentlyUsed, { 'iam.credentialReport': ok([reportRoot({ passwordLastUsed: daysAgo(200) })]) }));
    expect(result).toMatchObject({ status: 'pass', resourceId: ROOT_ARN, region: 'global' });
    expect(result.statusDetail).toContain(daysAgo(200).slice(0, 10));
  });

  it('passes when root was never used (all dates null)', () => {
    const result = only(run(rootRecentlyUsed, { 'iam.credentialReport': ok([reportRoot({ passwordLastUsed: null })]) }));
    expect(result).toMatchObject({ status: 'pass', statusDetail: 'The root user has never been used to sign in or call AWS' });
  });

  it('fails when the root password was used in the last 90 days', () => {
    const result = only(run(rootRecentlyUsed, { 'iam.credentialReport': ok([reportRoot({ passwordLastUsed: daysAgo(12) })]) }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toBe(`Root user password (console sign-in) used ${daysAgo(12).slice(0, 10)} (12 days ago)`);
  });

  it('fails when a root access key was used recently, even an inactive one', () => {
    const root = reportRoot({ passwordLastUsed: daysAgo(300), accessKey1Active: false, accessKey1LastRotated: daysAgo(400), accessKey1LastUsed: daysAgo(89) });
    const result = only(run(rootRecentlyUsed, { 'iam.credentialReport': ok([root]) }));
    expect(result.status).toBe('fail');
    expect(result.statusDetail).toContain('access key 1 used');
  });

  it('passes a use exactly 90 days ago', () => {
    expect(only(run(rootRecentlyUsed, { 'iam.credentialReport': ok([reportRoot({ passwordLastUsed: daysAgo(90) })]) })).status).toBe('pass');
  });

  it('is unknown when the report failed or has no root row', () => {
    expect(only(run(rootRecentlyUsed, { 'iam.credentialReport': failed() }))).toMatchObject({ status: 'unknown', statusDetail: COULD_NOT, resourceId: ROOT_ARN });
    expect(only(run(rootRecentlyUsed, { 'iam.credentialReport': ok([]) }))).toMatchObject({ status: 'unknown', statusDetail: 'Could not check: the credential report has no <root_account> row' });
  });
});

// ------------------------------------------------------------------------------ password policy

describe('aws-iam-password-policy-min-length (CIS 1.7)', () => {
  it('passes at 14 characters', () => {
    expect(only(run(passwordPolicyMinLength, { 'iam.passwordPolicy': ok(passwordPolicy()) }))).toMatchObject({ status: 'pass', resourceId: ROOT_ARN, region: 'global' });
  });

  it('fails below 14 characters', () => {
    expect(only(run(passwordPolicyMinLength, { 'iam.passwordPolicy': ok(passwordPolicy({ minimumPasswordLength: 8 })) }))).toMatchObject({
      status: 'fail',
      statusDetail: 'The password policy requires 8 characters (at least 14 expected)',
    });
  });

  it('fails with its own detail when there is no password policy', () => {
    expect(only(run(passwordPolicyMinLength, { 'iam.passwordPolicy': ok(null) }))).toMatchObject({
      status: 'fail',
      statusDetail: 'The account has no password policy, so IAM requires only 8 characters',
    });
  });

  it('is unknown when the policy could not be read', () => {
    expect(only(run(passwordPolicyMinLength, { 'iam.passwordPolicy': failed() }))).toMatchObject({ status: 'unknown', statusDetail: COULD_NOT });
  });
});

describe('aws-iam-password-policy-reuse (CIS 1.8)', () => {
  it('passes at 24 remembered passwords', () => {
    expect(only(run(passwordPolicyReuse, { 'iam.passwordPolicy': ok(passwordPolicy()) })).status).toBe('pass');
  });

  it('fails below 24', () => {
    expect(only(run(passwordPolicyReuse, { 'iam.passwordPolicy': ok(passwordPolicy({ passwordReusePrevention: 5 })) }))).toMatchObject({
      status: 'fail',
      statusDetail: 'The password policy prevents reuse of the last 5 passwords (24 expected)',
    });
  });

  it('fails when reuse prevention is off', () => {
    expect(only(run(passwordPolicyReuse, { 'iam.passwordPolicy': ok(passwordPolicy({ passwordReusePrevention: null })) })).statusDetail).toBe(
      'The password policy does not prevent password reuse',
    );
  });

  it('fails with its own detail when there is no password policy', () => {
    expect(only(run(passwordPolicyReuse, { 'iam.passwordPolicy': ok(null) })).statusDetail).toBe('The account has no password policy, so IAM users can reuse old passwords');
  });

  it('is unknown when the policy could not be read', () => {
    expect(only(run(passwordPolicyReuse, { 'iam.passwordPolicy': failed() })).status).toBe('unknown');
  });
});

// -------------------------------------------------------------------- credential report users

describe('aws-iam-user-console-no-mfa (CIS 1.9)', () => {
  it('passes console users with MFA and users without a password, and skips root', () => {
    const results = run(userConsoleNoMfa, {
      'iam.credentialReport': ok([reportRoot({ mfaActive: false }), reportUser('alice'), reportUser('ci', { passwordEnabled: false, mfaActive: false })]),
    });
    expect(byResource(results)).toEqual({
      [userArn('alice')]: { status: 'pass', statusDetail: 'The user has a console password and an MFA device' },
      [userArn('ci')]: { status: 'pass', statusDetail: 'The user has no console password' },
    });
    expect(results.every((result) => result.region === 'global')).toBe(true);
  });

  it('fails a console user without MFA', () => {
    const [result] = run(userConsoleNoMfa, { 'iam.credentialReport': ok([reportUser('bob', { mfaActive: false })]) });
    expect(result).toMatchObject({ status: 'fail', resourceId: userArn('bob'), statusDetail: 'User bob can sign in to the console with a password and has no MFA device' });
  });

  it('is unknown for the account when the report failed', () => {
    expect(only(run(userConsoleNoMfa, { 'iam.credentialReport': failed() }))).toMatchObject({ status: 'unknown', resourceId: ROOT_ARN, statusDetail: COULD_NOT });
  });

  it('has no results without IAM users', () => {
    expect(run(userConsoleNoMfa, { 'iam.credentialReport': ok([reportRoot()]) })).toEqual([]);
  });
});

describe('aws-iam-user-unused-initial-access-key (CIS 1.10)', () => {
  it('passes console users whose keys were used, and users without a password', () => {
    const results = run(userUnusedInitialAccessKey, {
      'iam.credentialReport': ok([
        reportUser('alice', { accessKey1Active: true, accessKey1LastRotated: daysAgo(100), accessKey1LastUsed: daysAgo(1) }),
        reportUser('ci', { passwordEnabled: false, accessKey1Active: true, accessKey1LastRotated: daysAgo(100), accessKey1LastUsed: null }),
      ]),
    });
    expect(results.map((result) => result.status)).toEqual(['pass', 'pass']);
  });

  it('fails a console user with an active key never used', () => {
    const user = reportUser('bob', { userCreationTime: daysAgo(30), accessKey1Active: true, accessKey1LastRotated: daysAgo(30), accessKey1LastUsed: null });
    const [result] = run(userUnusedInitialAccessKey, { 'iam.credentialReport': ok([user]) });
    expect(result).toMatchObject({ status: 'fail', resourceId: userArn('bob') });
    expect(result?.statusDetail).toBe(`Console user bob has an active, never used access key 1 (created ${daysAgo(30).slice(0, 10)}, 30 days ago)`);
  });

  it('does not count an inactive never-used key', () => {
    const user = reportUser('bob', { accessKey2Active: false, accessKey2LastRotated: daysAgo(30), accessKey2LastUsed: null });
    expect(run(userUnusedInitialAccessKey, { 'iam.credentialReport': ok([user]) })[0]?.status).toBe('pass');
  });

  it('copes with a key without a creation date', () => {
    const user = reportUser('bob', { accessKey2Active: true, accessKey2LastRotated: null, accessKey2LastUsed: null });
    expect(run(userUnusedInitialAccessKey, { 'iam.credentialReport': ok([user]) })[0]?.statusDetail).toBe('Console user bob has an active, never used access key 2');
  });

  it('is unknown when the report failed, and empty without users', () => {
    expect(only(run(userUnusedInitialAccessKey, { 'iam.credentialReport': failed() })).status).toBe('unknown');
    expect(run(userUnusedInitialAccessKey, { 'iam.credentialReport': ok([]) })).toEqual([]);
  });
});

describe('aws-iam-user-unused-credentials (CIS 1.11)', () => {
  it('passes a user whose credentials were used recently, and a user without credentials', () => {
    const results = run(userUnusedCredentials, {
      'iam.credentialReport': ok([
        reportUser('alice', { passwordLastUsed: daysAgo(10), accessKey1Active: true, accessKey1LastRotated: daysAgo(60), accessKey1LastUsed: daysAgo(2) }),
        reportUser('nobody', { passwordEnabled: false }),
      ]),
    });
    expect(byResource(results)).toEqual({
      [userArn('alice')]: { status: 'pass', statusDetail: 'Every active credential was used within 45 days' },
      [userArn('nobody')]: { status: 'pass', statusDetail: 'The user has no console password and no active access key' },
    });
  });

  it('fails naming the password and each key separately', () => {
    const user = reportUser('bob', {
      passwordLastUsed: daysAgo(60),
      accessKey1Active: true,
      accessKey1LastRotated: daysAgo(200),
      accessKey1LastUsed: daysAgo(50),
      accessKey2Active: true,
      accessKey2LastRotated: daysAgo(100),
      accessKey2LastUsed: null,
    });
    const [result] = run(userUnusedCredentials, { 'iam.credentialReport': ok([user]) });
    expect(result?.status).toBe('fail');
    expect(result?.statusDetail).toBe(
      `User bob: console password last used ${daysAgo(60).slice(0, 10)} (60 days ago); access key 1 last used ${daysAgo(50).slice(0, 10)} (50 days ago); access key 2 never used since ${daysAgo(100).slice(0, 10)} (100 days ago) (limit 45 days)`,
    );
  });

  it('fails a password never used since it was set 45+ days ago, and passes a new one', () => {
    const stale = reportUser('old', { passwordLastUsed: null, passwordLastChanged: daysAgo(45) });
    const fresh = reportUser('new', { passwordLastUsed: null, passwordLastChanged: daysAgo(3), userCreationTime: daysAgo(3) });
    expect(byResource(run(userUnusedCredentials, { 'iam.credentialReport': ok([stale, fresh]) }))).toMatchObject({
      [userArn('old')]: { status: 'fail' },
      [userArn('new')]: { status: 'pass' },
    });
  });

  it('counts from user creation when the password change date is null', () => {
    const user = reportUser('carol', { passwordLastUsed: null, passwordLastChanged: null, userCreationTime: daysAgo(80) });
    expect(run(userUnusedCredentials, { 'iam.credentialReport': ok([user]) })[0]?.statusDetail).toContain('console password never used since');
  });

  it('does not count inactive keys', () => {
    const user = reportUser('dave', { accessKey1Active: false, accessKey1LastRotated: daysAgo(400), accessKey1LastUsed: daysAgo(300) });
    expect(run(userUnusedCredentials, { 'iam.credentialReport': ok([user]) })[0]?.status).toBe('pass');
  });

  it('follows settings.maxUnusedCredentialDays', () => {
    const user = reportUser('erin', { passwordLastUsed: daysAgo(20) });
    expect(run(userUnusedCredentials, { 'iam.credentialReport': ok([user]) })[0]?.status).toBe('pass');
    expect(run(userUnusedCredentials, { 'iam.credentialReport': ok([user]) }, { ...DEFAULT_SETTINGS, maxUnusedCredentialDays: 14 })[0]?.statusDetail).toContain('(limit 14 days)');
  });

  it('is unknown when the report failed, and empty without users', () => {
    expect(only(run(userUnusedCredentials, { 'iam.credentialReport': failed() }))).toMatchObject({ status: 'unknown', statusDetail: COULD_NOT });
    expect(run(userUnusedCredentials, { 'iam.credentialReport': ok([reportRoot()]) })).toEqual([]);
  });
});

describe('aws-iam-user-multiple-active-keys (CIS 1.12)', () => {
  const twoKeys = { accessKey1Active: true, accessKey1LastRotated: daysAgo(10), accessKey2LastRotated: daysAgo(5) };

  it('passes one active key (the second inactive) and no keys', () => {
    const results = run(userMultipleActiveKeys, { 'iam.credentialReport': ok([reportUser('alice', { ...twoKeys, accessKey2Active: false }), reportUser('bob')]) });
    expect(byResource(results)).toEqual({
      [userArn('alice')]: { status: 'pass', statusDetail: 'The user has one active access key' },
      [userArn('bob')]: { status: 'pass', statusDetail: 'The user has no active access key' },
    });
  });

  it('fails two active keys', () => {
    const [result] = run(userMultipleActiveKeys, { 'iam.credentialReport': ok([reportUser('carol', { ...twoKeys, accessKey2Active: true })]) });
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'User carol has 2 active access keys' });
  });

  it('is unknown when the report failed, and empty without users', () => {
    expect(only(run(userMultipleActiveKeys, { 'iam.credentialReport': failed() })).status).toBe('unknown');
    expect(run(userMultipleActiveKeys, { 'iam.credentialReport': ok([]) })).toEqual([]);
  });
});

describe('aws-iam-access-key-not-rotated (CIS 1.13)', () => {
  it('passes keys up to 90 days old, and users without active keys', () => {
    const results = run(accessKeyNotRotated, {
      'iam.credentialReport': ok([
        reportUser('alice', { accessKey1Active: true, accessKey1LastRotated: daysAgo(90) }),
        reportUser('bob', { accessKey1Active: false, accessKey1LastRotated: daysAgo(900) }),
      ]),
    });
    expect(byResource(results)).toEqual({
      [userArn('alice')]: { status: 'pass', statusDetail: 'Every active access key is at most 90 days old' },
      [userArn('bob')]: { status: 'pass', statusDetail: 'The user has no active access key' },
    });
  });

  it('fails an active key older than 90 days', () => {
    const user = reportUser('carol', { accessKey1Active: true, accessKey1LastRotated: daysAgo(10), accessKey2Active: true, accessKey2LastRotated: daysAgo(91) });
    const [result] = run(accessKeyNotRotated, { 'iam.credentialReport': ok([user]) });
    expect(result).toMatchObject({ status: 'fail', statusDetail: `User carol: access key 2 is 91 days old (created ${daysAgo(91).slice(0, 10)}) (limit 90 days)` });
  });

  it('follows settings.maxAccessKeyAgeDays', () => {
    const user = reportUser('dave', { accessKey1Active: true, accessKey1LastRotated: daysAgo(40) });
    expect(run(accessKeyNotRotated, { 'iam.credentialReport': ok([user]) }, { ...DEFAULT_SETTINGS, maxAccessKeyAgeDays: 30 })[0]?.status).toBe('fail');
  });

  it('is unknown for a user whose active key has no date (null)', () => {
    const user = reportUser('erin', { accessKey1Active: true, accessKey1LastRotated: null });
    expect(run(accessKeyNotRotated, { 'iam.credentialReport': ok([user]) })[0]).toMatchObject({
      status: 'unknown',
      statusDetail: 'Could not check: the credential report gives no creation date for active access key 1',
    });
  });

  it('is unknown when the report failed, and empty without users', () => {
    expect(only(run(accessKeyNotRotated, { 'iam.credentialReport': failed() })).status).toBe('unknown');
    expect(run(accessKeyNotRotated, { 'iam.credentialReport': ok([]) })).toEqual([]);
  });
});

// ------------------------------------------------------------------------------- authorization

describe('aws-iam-user-direct-policies (CIS 1.14)', () => {
  it('passes users with permissions from groups only, with tags', () => {
    const user = iamUser('alice', { groups: ['Developers'], tags: { team: 'web' } });
    expect(run(userDirectPolicies, { 'iam.authorization': ok(authorization({ users: [user] })) })).toEqual([
      { resourceId: userArn('alice'), region: 'global', status: 'pass', statusDetail: 'The user gets its permissions only through groups Developers', tags: { team: 'web' } },
    ]);
  });

  it('fails attached and inline user policies', () => {
    const user = iamUser('bob', { attachedPolicies: [attached('ReadOnlyAccess')], inlinePolicies: [{ name: 'adhoc', document: READ_ONLY_DOCUMENT }] });
    const [result] = run(userDirectPolicies, { 'iam.authorization': ok(authorization({ users: [user] })) });
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'User bob has managed policy ReadOnlyAccess, inline policy adhoc attached directly' });
  });

  it('is unknown when authorization details failed, and empty without users', () => {
    expect(only(run(userDirectPolicies, { 'iam.authorization': failed() }))).toMatchObject({ status: 'unknown', statusDetail: COULD_NOT });
    expect(run(userDirectPolicies, { 'iam.authorization': ok(authorization({ roles: [iamRole('app')] })) })).toEqual([]);
  });
});

describe('aws-iam-policy-full-admin (CIS 1.15)', () => {
  it('passes policies that do not grant admin, PowerUserAccess included', () => {
    const results = run(policyFullAdmin, {
      'iam.authorization': ok(authorization({ policies: [managedPolicy('Reports', READ_ONLY_DOCUMENT), awsManagedPolicy('PowerUserAccess', POWER_USER_DOCUMENT)] })),
    });
    expect(results.map((result) => result.status)).toEqual(['pass', 'pass']);
  });

  it('fails an attached customer-managed admin policy, naming who has it', () => {
    const policy = managedPolicy('EverythingPolicy', { Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*:*', Resource: '*' }] });
    const role = iamRole('Ops', { attachedPolicies: [attached(policy.name, policy.arn)] });
    const [result] = run(policyFullAdmin, { 'iam.authorization': ok(authorization({ roles: [role], policies: [policy] })) });
    expect(result).toMatchObject({
      status: 'fail',
      resourceId: policy.arn,
      statusDetail: 'Policy EverythingPolicy grants full administrative access (statement "All" allows every action on every resource) and is attached to role Ops',
    });
  });

  it('fails the AWS managed AdministratorAccess when attached, even without its document', () => {
    const admin = awsManagedPolicy('AdministratorAccess', null, { attachmentCount: 2 });
    const [result] = run(policyFullAdmin, { 'iam.authorization': ok(authorization({ policies: [admin] })) });
    expect(result).toMatchObject({ status: 'fail', resourceId: awsPolicyArn('AdministratorAccess') });
    expect(result?.statusDetail).toContain('attached to 2 principal(s)');
  });

  it('fails a NotAction policy that leaves IAM writable', () => {
    const policy = managedPolicy('AlmostAll', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: ['s3:DeleteBucket'], Resource: '*' }] });
    const [result] = run(policyFullAdmin, { 'iam.authorization': ok(authorization({ policies: [policy] })) });
    expect(result?.statusDetail).toContain('every action except s3:DeleteBucket');
  });

  it('passes an admin policy whose explicit Deny takes IAM away', () => {
    const policy = managedPolicy('AdminButIam', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }] });
    expect(run(policyFullAdmin, { 'iam.authorization': ok(authorization({ policies: [policy] })) })[0]?.status).toBe('pass');
  });

  it('passes an admin policy attached to nobody, saying so', () => {
    const [result] = run(policyFullAdmin, { 'iam.authorization': ok(authorization({ policies: [managedPolicy('Unused', ADMIN_DOCUMENT, { attachmentCount: 0 })] })) });
    expect(result).toMatchObject({ status: 'pass', statusDetail: expect.stringContaining('not attached to any user, group or role') as string });
  });

  it('reports inline policies as <principal ARN>/policy/<name>, failing admin ones', () => {
    const results = run(policyFullAdmin, {
      'iam.authorization': ok(
        authorization({
          users: [iamUser('alice', { tags: { env: 'prod' }, inlinePolicies: [{ name: 'God', document: ADMIN_DOCUMENT }] })],
          groups: [iamGroup('Readers', { inlinePolicies: [{ name: 'Read', document: READ_ONLY_DOCUMENT }] })],
          roles: [iamRole('Deploy', { inlinePolicies: [{ name: 'Full', document: ADMIN_DOCUMENT }] })],
        }),
      ),
    });
    expect(results.map(({ resourceId, status, resourceType, tags }) => ({ resourceId, status, resourceType, tags }))).toEqual([
      { resourceId: `${userArn('alice')}/policy/God`, status: 'fail', resourceType: 'AWS::IAM::UserPolicy', tags: { env: 'prod' } },
      { resourceId: 'arn:aws:iam::123456789012:group/Readers/policy/Read', status: 'pass', resourceType: 'AWS::IAM::GroupPolicy', tags: undefined },
      { resourceId: 'arn:aws:iam::123456789012:role/Deploy/policy/Full', status: 'fail', resourceType: 'AWS::IAM::RolePolicy', tags: {} },
    ]);
  });

  it('is unknown for a customer policy whose document was not read', () => {
    const [result] = run(policyFullAdmin, { 'iam.authorization': ok(authorization({ policies: [managedPolicy('Mystery', null)] })) });
    expect(result).toMatchObject({ status: 'unknown', statusDetail: 'Could not check: the default version of policy Mystery was not read' });
  });

  it('is unknown when authorization details failed, and empty without policies', () => {
    expect(only(run(policyFullAdmin, { 'iam.authorization': failed() })).status).toBe('unknown');
    expect(run(policyFullAdmin, { 'iam.authorization': ok(authorization()) })).toEqual([]);
  });
});

describe('aws-iam-no-support-role (CIS 1.16)', () => {
  it('passes when a role has AWSSupportAccess', () => {
    const role = iamRole('SupportRole', { attachedPolicies: [attached('AWSSupportAccess')] });
    expect(only(run(noSupportRole, { 'iam.authorization': ok(authorization({ roles: [role] })) }))).toMatchObject({
      status: 'pass',
      resourceId: ROOT_ARN,
      statusDetail: 'AWSSupportAccess is attached to role SupportRole',
    });
  });

  it('passes when a group has it', () => {
    const group = iamGroup('Support', { attachedPolicies: [attached('AWSSupportAccess')] });
    expect(only(run(noSupportRole, { 'iam.authorization': ok(authorization({ groups: [group] })) })).status).toBe('pass');
  });

  it('fails when nobody has it (a customer policy of the same name does not count)', () => {
    const role = iamRole('Lookalike', { attachedPolicies: [attached('AWSSupportAccess', 'arn:aws:iam::123456789012:policy/AWSSupportAccess')] });
    expect(only(run(noSupportRole, { 'iam.authorization': ok(authorization({ roles: [role] })) })).status).toBe('fail');
  });

  it('fails in an account with no principals at all', () => {
    expect(only(run(noSupportRole, { 'iam.authorization': ok(authorization()) })).status).toBe('fail');
  });

  it('is unknown when authorization details failed', () => {
    expect(only(run(noSupportRole, { 'iam.authorization': failed() }))).toMatchObject({ status: 'unknown', statusDetail: COULD_NOT });
  });
});

describe('aws-iam-expired-server-certificate (CIS 1.18)', () => {
  it('passes a valid certificate', () => {
    const [result] = run(expiredServerCertificate, { 'iam.serverCertificates': ok([serverCertificate('www', daysAgo(-30))]) });
    expect(result).toMatchObject({ status: 'pass', resourceId: 'arn:aws:iam::123456789012:server-certificate/www', region: 'global' });
  });

  it('fails an expired certificate', () => {
    const [result] = run(expiredServerCertificate, { 'iam.serverCertificates': ok([serverCertificate('old', daysAgo(10))]) });
    expect(result).toMatchObject({ status: 'fail', statusDetail: `Certificate old expired on ${daysAgo(10).slice(0, 10)} (10 days ago)` });
  });

  it('is unknown for a certificate without an expiration date', () => {
    expect(run(expiredServerCertificate, { 'iam.serverCertificates': ok([serverCertificate('odd', null)]) })[0]?.status).toBe('unknown');
  });

  it('is unknown when the list failed, and empty without certificates', () => {
    expect(only(run(expiredServerCertificate, { 'iam.serverCertificates': failed() })).statusDetail).toBe(COULD_NOT);
    expect(run(expiredServerCertificate, { 'iam.serverCertificates': ok([]) })).toEqual([]);
  });
});

describe('aws-iam-cloudshell-full-access (CIS 1.21)', () => {
  const policyArn = awsPolicyArn('AWSCloudShellFullAccess');

  it('passes when nobody has AWSCloudShellFullAccess', () => {
    const user = iamUser('alice', { attachedPolicies: [attached('ReadOnlyAccess')] });
    expect(only(run(cloudShellFullAccess, { 'iam.authorization': ok(authorization({ users: [user] })) }))).toMatchObject({ status: 'pass', resourceId: policyArn });
  });

  it('fails naming who has it', () => {
    const user = iamUser('alice', { attachedPolicies: [attached('AWSCloudShellFullAccess')] });
    const role = iamRole('Admin', { attachedPolicies: [attached('AWSCloudShellFullAccess')] });
    expect(only(run(cloudShellFullAccess, { 'iam.authorization': ok(authorization({ users: [user], roles: [role] })) }))).toMatchObject({
      status: 'fail',
      statusDetail: 'AWSCloudShellFullAccess is attached to user alice, role Admin',
    });
  });

  it('passes in an empty account', () => {
    expect(only(run(cloudShellFullAccess, { 'iam.authorization': ok(authorization()) })).status).toBe('pass');
  });

  it('is unknown for the policy when authorization details failed', () => {
    expect(only(run(cloudShellFullAccess, { 'iam.authorization': failed() }))).toMatchObject({ status: 'unknown', resourceId: policyArn, statusDetail: COULD_NOT });
  });
});

describe('aws-iam-role-trust-public', () => {
  it('passes service, account and organization-restricted trust', () => {
    const roles = [
      iamRole('ec2', { tags: { app: 'web' } }),
      iamRole('cross', { assumeRolePolicy: trustPolicy({ AWS: 'arn:aws:iam::111122223333:root' }) }),
      iamRole('org', { assumeRolePolicy: trustPolicy({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }) }),
    ];
    const results = run(roleTrustPublic, { 'iam.authorization': ok(authorization({ roles })) });
    expect(results.map((result) => result.status)).toEqual(['pass', 'pass', 'pass']);
    expect(results[0]).toMatchObject({ tags: { app: 'web' }, region: 'global' });
  });

  it('fails a role any AWS principal can assume, as exposed', () => {
    const role = iamRole('open', { assumeRolePolicy: trustPolicy({ AWS: '*' }), tags: { env: 'prod' } });
    const [result] = run(roleTrustPublic, { 'iam.authorization': ok(authorization({ roles: [role] })) });
    expect(result).toMatchObject({ status: 'fail', exposed: true, tags: { env: 'prod' }, statusDetail: 'A statement lets any AWS principal assume the role with no condition' });
  });

  it('fails when the only condition does not restrict the caller (sts:ExternalId, wildcard org id)', () => {
    const roles = [
      iamRole('external', { assumeRolePolicy: trustPolicy('*', { StringEquals: { 'sts:ExternalId': 'abc' } }) }),
      iamRole('wildorg', { assumeRolePolicy: trustPolicy({ AWS: '*' }, { StringLike: { 'aws:PrincipalOrgID': '*' } }) }),
    ];
    const results = run(roleTrustPublic, { 'iam.authorization': ok(authorization({ roles })) });
    expect(results.map((result) => result.status)).toEqual(['fail', 'fail']);
    expect(results[0]?.statusDetail).toContain('its conditions do not restrict who the caller is');
  });

  it('is unknown for a role whose trust policy was not read', () => {
    const [result] = run(roleTrustPublic, { 'iam.authorization': ok(authorization({ roles: [iamRole('odd', { assumeRolePolicy: null })] })) });
    expect(result?.status).toBe('unknown');
  });

  it('is unknown when authorization details failed, and empty without roles', () => {
    expect(only(run(roleTrustPublic, { 'iam.authorization': failed() })).status).toBe('unknown');
    expect(run(roleTrustPublic, { 'iam.authorization': ok(authorization()) })).toEqual([]);
  });
});
