import { accountArn, daysSince, defineAwsCheck, fail, pass, unknown, withGlobal } from '../lib/helpers.js';
import { accessKeySlots, ago, isRootEntry, isoDay, ROOT_USER } from './credential-report.js';

/** How far back a use of the root user counts as recent. CIS 1.6 asks for the root user not to be used for daily work; 90 days is the usual review window. */
export const ROOT_RECENT_USE_DAYS = 90;

interface Use {
  what: string;
  at: string;
  days: number;
}

/**
 * CIS 1.6. Fails when the credential report shows the root password or a root access key used in the
 * last 90 days (`ROOT_RECENT_USE_DAYS`, counted back from the scan's `now`). One result, for the
 * account, in region `global`; unknown when the report or its root row is missing.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-root-recently-used',
    title: 'Root user was used recently',
    service: 'iam',
    resourceType: 'AWS::::Account',
    severity: 'medium',
    description: `Checks the credential report for use of the root user's password or access keys in the last ${ROOT_RECENT_USE_DAYS} days.`,
    risk: 'Every root sign-in exposes the one identity no policy can restrict; regular use means the root password and MFA are handled often, and mistakes made as root cannot be contained.',
    remediation: {
      text: 'Find out who used the root user and why (CloudTrail events with userIdentity.type "Root"), move that work to IAM roles or IAM Identity Center, and keep root for the few tasks that require it.',
      cli: 'aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --start-time <START_DATE> --max-results 50',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.6'],
      soc2: ['CC6.1', 'CC6.3'],
      'iso27001-2022': ['A.8.2'],
      'nist-800-53-r5': ['AC-6(2)', 'AC-6(9)'],
      'nist-csf-2.0': ['PR.AA-05', 'DE.CM-03'],
      'pci-dss-4.0': ['7.2.2', '8.2.2'],
      hipaa: ['164.312(a)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.credentialReport'],
  },
  (snapshot, _settings, now) => {
    const account = accountArn(snapshot);
    return withGlobal(snapshot, 'iam.credentialReport', (report) => {
      const root = report.find(isRootEntry);
      if (!root) return [unknown(account, 'global', `Could not check: the credential report has no ${ROOT_USER} row`)];
      const candidates = [
        { what: 'password (console sign-in)', at: root.passwordLastUsed },
        ...accessKeySlots(root).map((key) => ({ what: `access key ${key.slot}`, at: key.lastUsed })),
      ];
      const uses = candidates.flatMap(({ what, at }): Use[] => {
        const days = daysSince(at, now);
        return at && days !== null ? [{ what, at, days }] : [];
      });
      const recent = uses.filter((use) => use.days < ROOT_RECENT_USE_DAYS);
      if (recent.length > 0) {
        const detail = recent.map((use) => `${use.what} used ${isoDay(use.at)} (${ago(use.days)})`).join('; ');
        return [fail(account, 'global', `Root user ${detail}`)];
      }
      if (uses.length === 0) return [pass(account, 'global', 'The root user has never been used to sign in or call AWS')];
      const last = uses.reduce((latest, use) => (use.days < latest.days ? use : latest));
      return [pass(account, 'global', `The root user has not been used in the last ${ROOT_RECENT_USE_DAYS} days (last use: ${last.what}, ${isoDay(last.at)})`)];
    });
  },
);
