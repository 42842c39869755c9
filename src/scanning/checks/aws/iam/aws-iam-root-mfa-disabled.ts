import { accountArn, defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { rootHasNoCredentials, rootMfaEnabled, rootUnavailable, rootView } from './root-user.js';

/**
 * CIS 1.4. MFA comes from GetAccountSummary (AccountMFAEnabled), or the credential report's root row
 * when the summary is unavailable. A root user without MFA passes only when it has no password and no
 * active access key (AccountPasswordPresent 0: root credentials removed, as centralized root access
 * does for member accounts), which the CIS audit procedure accepts. One result, for the account, in
 * region `global`.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-root-mfa-disabled',
    title: 'Root user has no MFA',
    service: 'iam',
    resourceType: 'AWS::::Account',
    severity: 'critical',
    description: 'Checks that the root user has multi-factor authentication enabled, unless it has no password and no access key at all.',
    risk: 'With only a password protecting it, the root user falls to one phished, reused or guessed password, and root can close the account, change its e-mail and bypass every IAM control.',
    remediation: {
      text: 'Sign in as the root user, open Security credentials and assign an MFA device (preferably a FIDO security key). For member accounts of an organization, you can instead remove root credentials with centralized root access.',
      cli: 'aws sts assume-root --target-principal <MEMBER_ACCOUNT_ID> --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials   # then: aws iam delete-login-profile',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.4'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.2', 'A.8.5'],
      'nist-800-53-r5': ['IA-2(1)'],
      'nist-csf-2.0': ['PR.AA-03'],
      'pci-dss-4.0': ['8.4.1'],
      hipaa: ['164.312(d)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.accountSummary', 'iam.credentialReport'],
  },
  (snapshot) => {
    const account = accountArn(snapshot);
    const view = rootView(snapshot);
    const mfa = rootMfaEnabled(view);
    if (mfa === null) return [unknown(account, 'global', rootUnavailable(snapshot))];
    if (mfa) return [pass(account, 'global', 'MFA is enabled for the root user')];
    if (rootHasNoCredentials(view)) {
      return [pass(account, 'global', 'The root user has no MFA, but also no password and no active access key, so it cannot sign in')];
    }
    return [fail(account, 'global', 'MFA is not enabled for the root user')];
  },
);
