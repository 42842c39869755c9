import { defineAwsCheck, fail, pass, unknown, withEachRegion } from '../lib/helpers.js';
import { publicStatements, type PublicStatement } from '../lib/policy.js';

function describe(statement: PublicStatement): string {
  const name = statement.Sid ? `Statement "${statement.Sid}"` : 'A statement';
  const actions = statement.exceptActions.length > 0 ? `every action except ${statement.exceptActions.join(', ')}` : statement.grantedActions.join(', ');
  return `${name} allows ${actions} to everyone`;
}

/**
 * A customer managed key whose key policy allows everyone (Principal `*`) with no restricting
 * condition. AWS managed keys are skipped: AWS writes their policies (scoped by kms:CallerAccount), and
 * they cannot be changed.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-kms-key-policy-public',
    title: 'KMS key policy allows access to everyone',
    service: 'kms',
    resourceType: 'AWS::KMS::Key',
    severity: 'critical',
    description:
      'Checks that no statement of a customer managed key\'s policy allows a public principal ("*" or {"AWS": "*"}) without a condition that restricts it to specific accounts, organizations, VPCs or source ARNs.',
    risk: 'Anyone with an AWS account can use the key as the statement allows: decrypt data encrypted under it, encrypt with it, or even change its policy or schedule its deletion.',
    remediation: {
      text: 'Replace the public principal with the account or role ARNs that need the key, or add a restricting condition such as aws:PrincipalOrgID or kms:CallerAccount.',
      cli: 'aws kms put-key-policy --key-id <KEY_ID> --policy-name default --policy file://<KEY_POLICY_JSON> --region <REGION>',
      url: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.5.15', 'A.8.24'],
      'nist-800-53-r5': ['AC-3', 'AC-6', 'SC-12'],
      'nist-csf-2.0': ['PR.AA-05', 'PR.DS-01'],
      'pci-dss-4.0': ['3.6.1', '7.2.1'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['kms.keys'],
  },
  (snapshot) =>
    withEachRegion(snapshot, 'kms.keys', 'kms', (keys, region) =>
      keys
        .filter((key) => key.keyManager === 'CUSTOMER')
        .map((key) => {
          if (!key.policy.ok) return unknown(key.arn, region, `Could not check: ${key.policy.error}`);
          if (!key.policy.value) return pass(key.arn, region, 'The key has no key policy');
          const statements = publicStatements(key.policy.value);
          if (statements.length === 0) return pass(key.arn, region, 'No key policy statement allows everyone without a restricting condition');
          return fail(key.arn, region, `${statements.map(describe).join('; ')}, with no restricting condition`, { exposed: true });
        }),
    ),
);
