import { KEY_MANAGEMENT } from '../lib/compliance.js';
import { defineGcpCheck, fail, kmsKeyName, pass, withEachProject } from '../lib/helpers.js';

const MAX_ROTATION_SECONDS = 90 * 86_400;

/**
 * CIS 1.10: symmetric (ENCRYPT_DECRYPT) keys rotate automatically at least every 90 days. Other
 * purposes cannot rotate automatically, and keys whose primary version is destroyed or disabled
 * protect nothing new: neither gives a result.
 */
export const check = defineGcpCheck(
  {
    id: 'gcp-kms-key-rotation',
    title: 'Cloud KMS key does not rotate within 90 days',
    service: 'kms',
    resourceType: 'cloudkms.googleapis.com/CryptoKey',
    severity: 'medium',
    description: 'Checks that every enabled symmetric Cloud KMS key has automatic rotation set to a period of 90 days or less.',
    risk: 'Key material that never changes protects ever more data for ever longer, so a compromise of it exposes all of that data; standards ask for a defined cryptoperiod.',
    remediation: {
      text: 'Set a rotation period of 90 days or less and the next rotation time on the key.',
      cli: 'gcloud kms keys update <KEY> --keyring=<KEY_RING> --location=<LOCATION> --rotation-period=90d --next-rotation-time=<RFC3339_TIME>',
      url: 'https://cloud.google.com/kms/docs/key-rotation',
    },
    compliance: { 'cis-gcp-3.0': ['1.10'], ...KEY_MANAGEMENT },
    needs: ['kms.keys'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'kms.keys', (keys) =>
      keys
        .filter((key) => key.purpose === 'ENCRYPT_DECRYPT' && key.primaryState === 'ENABLED')
        .map((key) => {
          const id = kmsKeyName(key.name);
          const period = key.rotationPeriodSeconds;
          if (period === null) return fail(id, key.location, 'Automatic rotation is off');
          const days = Math.round(period / 86_400);
          if (period > MAX_ROTATION_SECONDS) return fail(id, key.location, `Rotates every ${days} days (more than 90)`);
          return pass(id, key.location, `Rotates every ${days} days`);
        }),
    ),
);
