/** Every IAM check (CIS AWS 5.0 section 1, plus role trust). The engine's registry imports this list. */
import { check as accessKeyNotRotated } from './iam/aws-iam-access-key-not-rotated.js';
import { check as cloudShellFullAccess } from './iam/aws-iam-cloudshell-full-access.js';
import { check as expiredServerCertificate } from './iam/aws-iam-expired-server-certificate.js';
import { check as noSupportRole } from './iam/aws-iam-no-support-role.js';
import { check as passwordPolicyMinLength } from './iam/aws-iam-password-policy-min-length.js';
import { check as passwordPolicyReuse } from './iam/aws-iam-password-policy-reuse.js';
import { check as policyFullAdmin } from './iam/aws-iam-policy-full-admin.js';
import { check as roleTrustPublic } from './iam/aws-iam-role-trust-public.js';
import { check as rootAccessKey } from './iam/aws-iam-root-access-key.js';
import { check as rootMfaDisabled } from './iam/aws-iam-root-mfa-disabled.js';
import { check as rootNoHardwareMfa } from './iam/aws-iam-root-no-hardware-mfa.js';
import { check as rootRecentlyUsed } from './iam/aws-iam-root-recently-used.js';
import { check as userConsoleNoMfa } from './iam/aws-iam-user-console-no-mfa.js';
import { check as userDirectPolicies } from './iam/aws-iam-user-direct-policies.js';
import { check as userMultipleActiveKeys } from './iam/aws-iam-user-multiple-active-keys.js';
import { check as userUnusedCredentials } from './iam/aws-iam-user-unused-credentials.js';
import { check as userUnusedInitialAccessKey } from './iam/aws-iam-user-unused-initial-access-key.js';
import type { AwsCheck } from './lib/helpers.js';

/** In CIS order. */
export const iamChecks: AwsCheck[] = [
  rootAccessKey, // 1.3
  rootMfaDisabled, // 1.4
  rootNoHardwareMfa, // 1.5
  rootRecentlyUsed, // 1.6
  passwordPolicyMinLength, // 1.7
  passwordPolicyReuse, // 1.8
  userConsoleNoMfa, // 1.9
  userUnusedInitialAccessKey, // 1.10
  userUnusedCredentials, // 1.11
  userMultipleActiveKeys, // 1.12
  accessKeyNotRotated, // 1.13
  userDirectPolicies, // 1.14
  policyFullAdmin, // 1.15
  noSupportRole, // 1.16
  expiredServerCertificate, // 1.18
  cloudShellFullAccess, // 1.21
  roleTrustPublic, // not CIS
];
