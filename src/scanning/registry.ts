/**
 * The explicit list of every check. A check exists for the engine, `checks list` and the reports
 * only once it is listed here (through its area's list).
 */
import { computeNetworkChecks } from './checks/aws/compute-network-checks.js';
import { iamChecks } from './checks/aws/iam-checks.js';
import type { AwsCheck } from './checks/aws/lib/helpers.js';
import { storageLoggingChecks } from './checks/aws/storage-logging-checks.js';
import type { CheckMeta } from './types.js';

export const awsChecks: readonly AwsCheck[] = [...iamChecks, ...storageLoggingChecks, ...computeNetworkChecks];

export const allChecks: ReadonlyArray<{ meta: CheckMeta }> = [...awsChecks];
