import { daysSince, defineAwsCheck, fail, pass, unknown, withGlobal } from '../lib/helpers.js';
import { ago, isoDay } from './credential-report.js';

/**
 * CIS 1.18. One result per server certificate stored in IAM, in region `global`: fails when its
 * expiration is before the scan's `now`; unknown when IAM gave no expiration date.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-iam-expired-server-certificate',
    title: 'Expired SSL/TLS certificate is stored in IAM',
    service: 'iam',
    resourceType: 'AWS::IAM::ServerCertificate',
    severity: 'medium',
    description: 'Checks the SSL/TLS server certificates stored in IAM for certificates that have expired.',
    risk: 'An expired certificate still attached to a load balancer or CloudFront distribution breaks TLS for clients, and one deployed by mistake teaches users to click through certificate warnings.',
    remediation: {
      text: 'Delete expired server certificates from IAM (after making sure nothing uses them), and manage certificates with AWS Certificate Manager, which renews them.',
      cli: 'aws iam delete-server-certificate --server-certificate-name <CERTIFICATE_NAME>',
      url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
    },
    compliance: {
      'cis-aws-5.0': ['1.18'],
      soc2: ['CC6.7'],
      'iso27001-2022': ['A.8.24'],
      'nist-800-53-r5': ['SC-12', 'SC-17'],
      'nist-csf-2.0': ['PR.DS-02'],
      'pci-dss-4.0': ['4.2.1'],
      hipaa: ['164.312(e)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['iam.serverCertificates'],
  },
  (snapshot, _settings, now) =>
    withGlobal(snapshot, 'iam.serverCertificates', (certificates) =>
      certificates.map((certificate) => {
        const expiration = certificate.expiration;
        const expiredFor = daysSince(expiration, now);
        if (!expiration || expiredFor === null) return unknown(certificate.arn, 'global', `Could not check: IAM gave no expiration date for certificate ${certificate.name}`);
        if (Date.parse(expiration) <= now.getTime()) {
          return fail(certificate.arn, 'global', `Certificate ${certificate.name} expired on ${isoDay(expiration)} (${ago(expiredFor)})`);
        }
        return pass(certificate.arn, 'global', `Certificate ${certificate.name} expires on ${isoDay(expiration)}`);
      }),
    ),
);
