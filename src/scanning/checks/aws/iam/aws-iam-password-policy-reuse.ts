import { accountArn, defineAwsCheck, fail, pass, withGlobal } from '../lib/helpers.js';

/** CIS 1.8 asks that the last 24 passwords cannot be reused (IAM's maximum). */
export const PASSWORD_REUSE_PREVENTION = 24;

/**
 * CIS 1.8. One result for the account, in region `global`. No password policy at all fails with its
 * own detail (passwords can then be reused freely), as does a policy without reuse prevention.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-password-policy-reuse',
    title: `IAM password policy does not prevent reuse of the last ${PASSWORD_REUSE_PREVENTION} passwords`,
    service: 'iam',
    resourceType: 'AWS::::Account',
    severity: 'medium',
    description: `Checks that the account password policy prevents IAM users from reusing any of their last ${PASSWORD_REUSE_PREVENTION} passwords.`,
    risk: 'When old passwords can be reused, a password that leaked or was cracked once keeps working after a "change", and forced rotation achieves nothing.',
    remediation: {
      text: `Set the account password policy's password reuse prevention to ${PASSWORD_REUSE_PREVENTION}. The command replaces the whole policy, so include the other settings you want to keep.`,
      cli: `aws iam update-account-password-policy --password-reuse-prevention ${PASSWORD_REUSE_PREVENTION} --minimum-password-length 14 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters --allow-users-to-change-password`,
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.8'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.5.17'],
      'nist-800-53-r5': ['IA-5(1)'],
      'nist-csf-2.0': ['PR.AA-01'],
      'pci-dss-4.0': ['8.3.7'],
      hipaa: ['164.308(a)(5)(ii)(D)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.passwordPolicy'],
  },
  (snapshot) => {
    const account = accountArn(snapshot);
    return withGlobal(snapshot, 'iam.passwordPolicy', (policy) => {
      if (!policy) return [fail(account, 'global', 'The account has no password policy, so IAM users can reuse old passwords')];
      const remembered = policy.passwordReusePrevention;
      if (remembered === null || remembered === 0) return [fail(account, 'global', 'The password policy does not prevent password reuse')];
      if (remembered < PASSWORD_REUSE_PREVENTION) {
        return [fail(account, 'global', `The password policy prevents reuse of the last ${remembered} passwords (${PASSWORD_REUSE_PREVENTION} expected)`)];
      }
      return [pass(account, 'global', `The password policy prevents reuse of the last ${remembered} passwords`)];
    });
  },
);
