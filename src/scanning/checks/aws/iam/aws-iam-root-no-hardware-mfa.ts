import type { VirtualMfaDevice } from '../../../providers/aws/snapshot.js';
import { accountArn, defineAwsCheck, fail, pass, unknown } from '../lib/helpers.js';
import { partProblem, rootHasNoCredentials, rootMfaEnabled, rootUnavailable, rootView } from './root-user.js';

/** Root's virtual MFA device: assigned to the root ARN, or the legacy serial `mfa/root-account-mfa-device`. */
function isRootDevice(device: VirtualMfaDevice, rootArn: string): boolean {
  return device.userArn === rootArn || device.serialNumber.endsWith(':mfa/root-account-mfa-device');
}

/**
 * CIS 1.5. Root has hardware MFA when MFA is enabled and none of the account's virtual MFA devices
 * belongs to root (a FIDO security key or hardware TOTP token is not listed as a virtual device).
 * A root user with no MFA fails here too; one with no password and no access key passes (as in
 * CIS 1.4). One result, for the account, in region `global`.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-root-no-hardware-mfa',
    title: 'Root user does not use a hardware MFA device',
    service: 'iam',
    resourceType: 'AWS::::Account',
    severity: 'medium',
    description: 'Checks that the root user\'s MFA is a hardware device (FIDO security key or hardware TOTP token), not a virtual authenticator app.',
    risk: 'A virtual MFA app lives on a phone or computer that can be lost, cloned, backed up to the cloud or compromised by malware; a hardware key cannot be copied and resists phishing.',
    remediation: {
      text: 'Sign in as the root user, register a FIDO security key or hardware TOTP token under Security credentials, then remove the virtual MFA device.',
      cli: 'aws iam list-virtual-mfa-devices --assignment-status Assigned --query "VirtualMFADevices[?User.Arn==\'arn:aws:iam::<ACCOUNT_ID>:root\'].SerialNumber"',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_fido.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.5'],
      soc2: ['CC6.1'],
      'iso27001-2022': ['A.8.2', 'A.8.5'],
      'nist-800-53-r5': ['IA-2(1)', 'IA-2(6)'],
      'nist-csf-2.0': ['PR.AA-03'],
      'pci-dss-4.0': ['8.4.1'],
      hipaa: ['164.312(d)'],
    },
    needs: ['iam.accountSummary', 'iam.credentialReport', 'iam.virtualMfaDevices'],
  },
  (snapshot) => {
    const account = accountArn(snapshot);
    const view = rootView(snapshot);
    const mfa = rootMfaEnabled(view);
    if (mfa === null) return [unknown(account, 'global', rootUnavailable(snapshot))];
    if (!mfa) {
      if (rootHasNoCredentials(view)) return [pass(account, 'global', 'The root user has no password and no active access key, so it needs no MFA device')];
      return [fail(account, 'global', 'The root user has no MFA device at all')];
    }
    const devices = snapshot.parts['iam.virtualMfaDevices'];
    if (!devices?.ok) return [unknown(account, 'global', `Could not check: ${partProblem(snapshot, 'iam.virtualMfaDevices')}`)];
    const virtual = devices.value.filter((device) => isRootDevice(device, account));
    if (virtual.length > 0) {
      return [fail(account, 'global', `The root user's MFA is a virtual device (${virtual.map((device) => device.serialNumber).join(', ')})`)];
    }
    return [pass(account, 'global', 'The root user\'s MFA is a hardware device (no virtual MFA device is assigned to root)')];
  },
);
