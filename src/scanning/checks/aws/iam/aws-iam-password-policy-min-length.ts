import { accountArn, defineAwsCheck, fail, pass, withGlobal } from '../lib/helpers.js';

/** CIS 1.7 asks for at least 14 characters. */
export const MIN_PASSWORD_LENGTH = 14;

/**
 * CIS 1.7. One result for the account, in region `global`. No password policy at all fails with its
 * own detail: IAM then applies its default, which requires only 8 characters.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-password-policy-min-length',
    title: `IAM password policy does not require at least ${MIN_PASSWORD_LENGTH} characters`,
    service: 'iam',
    resourceType: 'AWS::::Account',
    severity: 'medium',
    description: `Checks that the account password policy requires IAM user passwords of at least ${MIN_PASSWORD_LENGTH} characters.`,
    risk: 'Short passwords fall to brute-force and password-spraying attacks against the console sign-in page.',
    remediation: {
      text: `Set the account password policy's minimum length to ${MIN_PASSWORD_LENGTH} or more. The command replaces the whole policy, so include the other settings you want to keep.`,
      cli: `aws iam update-account-password-policy --minimum-password-length ${MIN_PASSWORD_LENGTH} --password-reuse-prevention 24 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --allow-users-to-change-password`,
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.7'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.5.17'],
      'nist-800-53-r5': ['IA-5(1)'],
      'nist-csf-2.0': ['PR.AA-01'],
      'pci-dss-4.0': ['8.3.6'],
      hipaa: ['164.308(a)(5)(ii)(D)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.passwordPolicy'],
  },
  (snapshot) => {
    const account = accountArn(snapshot);
    return withGlobal(snapshot, 'iam.passwordPolicy', (policy) => {
      if (!policy) return [fail(account, 'global', 'The account has no password policy, so IAM requires only 8 characters')];
      if (policy.minimumPasswordLength < MIN_PASSWORD_LENGTH) {
        return [fail(account, 'global', `The password policy requires ${policy.minimumPasswordLength} characters (at least ${MIN_PASSWORD_LENGTH} expected)`)];
      }
      return [pass(account, 'global', `The password policy requires ${policy.minimumPasswordLength} characters`)];
    });
  },
);
