/**
 * KMS keys in a region: metadata, rotation and the key policy. Rotation is asked only where
 * GetKeyRotationStatus means something (enabled or disabled symmetric customer keys with KMS key
 * material); for the rest the value is what is true of the key, not an error:
 *   - AWS-managed keys: true (AWS rotates them every year);
 *   - asymmetric, HMAC, imported-material and custom-key-store keys: false (they cannot rotate);
 *   - keys pending deletion or import: false (nothing rotates them).
 * A key whose DescribeKey is denied (its key policy does not let us in) stays in the list with
 * `UNKNOWN` metadata, and its rotation and policy say why.
 */
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  paginateListKeys,
  type KeyMetadata,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { attempt, failed, ok } from '../collected.js';
import { parsePolicyDocument } from '../policy-document.js';
import type { Collected, KmsKey } from '../snapshot.js';
import { allPages } from './values.js';

function rotationIsAsked(meta: KeyMetadata): boolean {
  return (
    meta.KeyManager === 'CUSTOMER' &&
    meta.KeySpec === 'SYMMETRIC_DEFAULT' &&
    (meta.Origin ?? 'AWS_KMS') === 'AWS_KMS' &&
    (meta.KeyState === 'Enabled' || meta.KeyState === 'Disabled')
  );
}

async function rotation(kms: KMSClient, meta: KeyMetadata): Promise<Collected<boolean>> {
  if (meta.KeyManager === 'AWS') return ok(true);
  if (!rotationIsAsked(meta)) return ok(false);
  return attempt(async () => (await kms.send(new GetKeyRotationStatusCommand({ KeyId: meta.KeyId }))).KeyRotationEnabled ?? false);
}

export async function collectKeys(kms: KMSClient): Promise<KmsKey[]> {
  const keys = await allPages(paginateListKeys({ client: kms, pageSize: 1000 }, {}), (page) => page.Keys);
  return Promise.all(
    keys.map(async (key): Promise<KmsKey> => {
      const keyId = key.KeyId ?? '';
      let meta: KeyMetadata;
      try {
        meta = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata ?? { KeyId: keyId };
      } catch (error) {
        const why = failed(error);
        const reason = { ok: false as const, error: `DescribeKey failed: ${why.error}` };
        return { keyId, arn: key.KeyArn ?? '', keyManager: 'UNKNOWN', keyState: 'UNKNOWN', keySpec: 'UNKNOWN', keyUsage: 'UNKNOWN', origin: 'UNKNOWN', rotationEnabled: reason, policy: reason };
      }
      const [rotationEnabled, policy] = await Promise.all([
        rotation(kms, meta),
        attempt(async () => {
          const out = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
          return out.Policy ? parsePolicyDocument(out.Policy) : null;
        }),
      ]);
      return {
        keyId,
        arn: meta.Arn ?? key.KeyArn ?? '',
        keyManager: meta.KeyManager ?? 'UNKNOWN',
        keyState: meta.KeyState ?? 'UNKNOWN',
        keySpec: meta.KeySpec ?? 'UNKNOWN',
        keyUsage: meta.KeyUsage ?? 'UNKNOWN',
        origin: meta.Origin ?? 'AWS_KMS',
        rotationEnabled,
        policy,
      };
    }),
  );
}
