/** Naming a bucket's default encryption for result details. */
import type { S3Bucket } from '../../../providers/aws/snapshot.js';

type Encryption = NonNullable<Extract<S3Bucket['encryption'], { ok: true }>['value']>;

/** Since 5 January 2023 S3 applies SSE-S3 to every new object in buckets with no configuration. */
export const SSE_S3_DEFAULT_SINCE = '2023-01-05';

export const KMS_ALGORITHMS: ReadonlySet<string> = new Set(['aws:kms', 'aws:kms:dsse']);
export const KNOWN_ALGORITHMS: ReadonlySet<string> = new Set(['AES256', ...KMS_ALGORITHMS]);

export function describeEncryption(encryption: Encryption): string {
  const bucketKey = encryption.bucketKeyEnabled ? ', S3 Bucket Key on' : '';
  switch (encryption.algorithm) {
    case 'AES256':
      return 'SSE-S3 (AES-256, keys managed by S3)';
    case 'aws:kms':
      return `SSE-KMS with ${encryption.kmsKeyId ?? 'the AWS managed key aws/s3'}${bucketKey}`;
    case 'aws:kms:dsse':
      return `DSSE-KMS with ${encryption.kmsKeyId ?? 'the AWS managed key aws/s3'}${bucketKey}`;
    default:
      return `"${encryption.algorithm}"`;
  }
}
