/** The storage, logging and detection checks: S3, CloudTrail, KMS, Config, GuardDuty, Security Hub, IAM Access Analyzer. */
import type { AwsCheck } from './lib/helpers.js';
import { check as accessAnalyzerEnabled } from './accessanalyzer/aws-accessanalyzer-enabled.js';
import { check as cloudTrailCloudWatchLogs } from './cloudtrail/aws-cloudtrail-cloudwatch-logs.js';
import { check as cloudTrailKmsEncryption } from './cloudtrail/aws-cloudtrail-kms-encryption.js';
import { check as cloudTrailLogFileValidation } from './cloudtrail/aws-cloudtrail-log-file-validation.js';
import { check as cloudTrailLogsBucketAccessLogging } from './cloudtrail/aws-cloudtrail-logs-bucket-access-logging.js';
import { check as cloudTrailLogsBucketPublic } from './cloudtrail/aws-cloudtrail-logs-bucket-public.js';
import { check as cloudTrailMultiRegionEnabled } from './cloudtrail/aws-cloudtrail-multi-region-enabled.js';
import { check as cloudTrailS3DataEventsRead } from './cloudtrail/aws-cloudtrail-s3-data-events-read.js';
import { check as cloudTrailS3DataEventsWrite } from './cloudtrail/aws-cloudtrail-s3-data-events-write.js';
import { check as configRecorderEnabled } from './config/aws-config-recorder-enabled.js';
import { check as guardDutyEnabled } from './guardduty/aws-guardduty-enabled.js';
import { check as kmsCmkRotation } from './kms/aws-kms-cmk-rotation.js';
import { check as kmsKeyPendingDeletion } from './kms/aws-kms-key-pending-deletion.js';
import { check as kmsKeyPolicyPublic } from './kms/aws-kms-key-policy-public.js';
import { check as s3AccountPublicAccessBlock } from './s3/aws-s3-account-public-access-block.js';
import { check as s3BucketAccessLogging } from './s3/aws-s3-bucket-access-logging.js';
import { check as s3BucketDefaultEncryption } from './s3/aws-s3-bucket-default-encryption.js';
import { check as s3BucketDefaultEncryptionKms } from './s3/aws-s3-bucket-default-encryption-kms.js';
import { check as s3BucketMfaDelete } from './s3/aws-s3-bucket-mfa-delete.js';
import { check as s3BucketPublicAccessBlock } from './s3/aws-s3-bucket-public-access-block.js';
import { check as s3BucketPublicAcl } from './s3/aws-s3-bucket-public-acl.js';
import { check as s3BucketPublicPolicy } from './s3/aws-s3-bucket-public-policy.js';
import { check as s3BucketPublicWriteAcl } from './s3/aws-s3-bucket-public-write-acl.js';
import { check as s3BucketSecureTransport } from './s3/aws-s3-bucket-secure-transport.js';
import { check as s3BucketVersioning } from './s3/aws-s3-bucket-versioning.js';
import { check as securityHubEnabled } from './securityhub/aws-securityhub-enabled.js';

export const storageLoggingChecks: AwsCheck[] = [
  s3BucketPublicAcl,
  s3BucketPublicWriteAcl,
  s3BucketPublicPolicy,
  s3BucketPublicAccessBlock,
  s3AccountPublicAccessBlock,
  s3BucketSecureTransport,
  s3BucketMfaDelete,
  s3BucketVersioning,
  s3BucketAccessLogging,
  s3BucketDefaultEncryption,
  s3BucketDefaultEncryptionKms,
  cloudTrailMultiRegionEnabled,
  cloudTrailLogFileValidation,
  cloudTrailKmsEncryption,
  cloudTrailCloudWatchLogs,
  cloudTrailS3DataEventsWrite,
  cloudTrailS3DataEventsRead,
  cloudTrailLogsBucketPublic,
  cloudTrailLogsBucketAccessLogging,
  kmsCmkRotation,
  kmsKeyPolicyPublic,
  kmsKeyPendingDeletion,
  configRecorderEnabled,
  guardDutyEnabled,
  securityHubEnabled,
  accessAnalyzerEnabled,
];
