/**
 * The explicit list of every check. A check exists for the engine, `checks list` and the reports
 * only once it is listed here (through its area's list).
 */
import { computeNetworkChecks } from './checks/aws/compute-network-checks.js';
import { iamChecks } from './checks/aws/iam-checks.js';
import type { AwsCheck } from './checks/aws/lib/helpers.js';
import { azureChecks as azureCheckList } from './checks/azure/azure-checks.js';
import type { AzureCheck } from './checks/azure/lib/helpers.js';
import { githubChecks as githubCheckList } from './checks/github/github-checks.js';
import type { GitHubCheck } from './checks/github/lib/helpers.js';
import { storageLoggingChecks } from './checks/aws/storage-logging-checks.js';
import { gcpCheckList } from './checks/gcp/gcp-checks.js';
import type { GcpCheck } from './checks/gcp/lib/helpers.js';
import type { CheckMeta } from './types.js';

export const awsChecks: readonly AwsCheck[] = [...iamChecks, ...storageLoggingChecks, ...computeNetworkChecks];

export const azureChecks: readonly AzureCheck[] = azureCheckList;

export const githubChecks: readonly GitHubCheck[] = githubCheckList;

export const gcpChecks: readonly GcpCheck[] = gcpCheckList;

export const allChecks: ReadonlyArray<{ meta: CheckMeta }> = [...awsChecks, ...azureChecks, ...githubChecks, ...gcpChecks];
