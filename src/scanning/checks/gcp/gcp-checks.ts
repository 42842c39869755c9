/** Every GCP check (CIS Google Cloud Platform Foundation 3.0 and more), by service. The engine's registry imports this list. */
import { check as iamPersonalGmailAccounts } from './iam/gcp-iam-personal-gmail-accounts.js';
import { check as iamPrimitiveRoleUser } from './iam/gcp-iam-primitive-role-user.js';
import { check as iamSeparationOfDutiesKms } from './iam/gcp-iam-separation-of-duties-kms.js';
import { check as iamSeparationOfDutiesServiceAccounts } from './iam/gcp-iam-separation-of-duties-service-accounts.js';
import { check as iamServiceAccountAdminPrivileges } from './iam/gcp-iam-service-account-admin-privileges.js';
import { check as iamServiceAccountKeyNotRotated } from './iam/gcp-iam-service-account-key-not-rotated.js';
import { check as iamServiceAccountUserManagedKeys } from './iam/gcp-iam-service-account-user-managed-keys.js';
import { check as iamServiceAccountUserProjectLevel } from './iam/gcp-iam-service-account-user-project-level.js';
import { check as kmsKeyPublic } from './kms/gcp-kms-key-public.js';
import { check as kmsKeyRotation } from './kms/gcp-kms-key-rotation.js';
import { check as loggingAuditConfigIncomplete } from './logging/gcp-logging-audit-config-incomplete.js';
import { check as loggingMetricAuditConfigChanges } from './logging/gcp-logging-metric-audit-config-changes.js';
import { check as loggingMetricCustomRoleChanges } from './logging/gcp-logging-metric-custom-role-changes.js';
import { check as loggingMetricFirewallChanges } from './logging/gcp-logging-metric-firewall-changes.js';
import { check as loggingMetricNetworkChanges } from './logging/gcp-logging-metric-network-changes.js';
import { check as loggingMetricProjectOwnershipChanges } from './logging/gcp-logging-metric-project-ownership-changes.js';
import { check as loggingMetricRouteChanges } from './logging/gcp-logging-metric-route-changes.js';
import { check as loggingMetricSqlConfigChanges } from './logging/gcp-logging-metric-sql-config-changes.js';
import { check as loggingMetricStorageIamChanges } from './logging/gcp-logging-metric-storage-iam-changes.js';
import { check as loggingSinkAllEntriesMissing } from './logging/gcp-logging-sink-all-entries-missing.js';
import { check as storageBucketPublicAccessPreventionOff } from './storage/gcp-storage-bucket-public-access-prevention-off.js';
import { check as storageBucketPublicAccess } from './storage/gcp-storage-bucket-public-access.js';
import { check as storageBucketUniformAccessDisabled } from './storage/gcp-storage-bucket-uniform-access-disabled.js';
import { check as storageBucketVersioningDisabled } from './storage/gcp-storage-bucket-versioning-disabled.js';
import { check as storageLogBucketRetentionLocked } from './storage/gcp-storage-log-bucket-retention-locked.js';
import { check as networkDefaultNetwork } from './network/gcp-network-default-network.js';
import { check as networkFirewallAllPortsOpen } from './network/gcp-network-firewall-all-ports-open.js';
import { check as networkFirewallRdpOpen } from './network/gcp-network-firewall-rdp-open.js';
import { check as networkFirewallSshOpen } from './network/gcp-network-firewall-ssh-open.js';
import { check as networkLegacyNetwork } from './network/gcp-network-legacy-network.js';
import { check as networkSubnetFlowLogsDisabled } from './network/gcp-network-subnet-flow-logs-disabled.js';
import { check as computeInstanceDefaultSaFullAccess } from './compute/gcp-compute-instance-default-sa-full-access.js';
import { check as computeInstanceDefaultServiceAccount } from './compute/gcp-compute-instance-default-service-account.js';
import { check as computeInstanceIpForwarding } from './compute/gcp-compute-instance-ip-forwarding.js';
import { check as computeInstanceProjectSshKeysAllowed } from './compute/gcp-compute-instance-project-ssh-keys-allowed.js';
import { check as computeInstancePublicIp } from './compute/gcp-compute-instance-public-ip.js';
import { check as computeInstanceSerialPortEnabled } from './compute/gcp-compute-instance-serial-port-enabled.js';
import { check as computeInstanceShieldedVmDisabled } from './compute/gcp-compute-instance-shielded-vm-disabled.js';
import { check as computeOsloginDisabled } from './compute/gcp-compute-oslogin-disabled.js';
import { check as sqlInstanceBackupsDisabled } from './sql/gcp-sql-instance-backups-disabled.js';
import { check as sqlInstanceOpenAuthorizedNetwork } from './sql/gcp-sql-instance-open-authorized-network.js';
import { check as sqlInstancePublicIp } from './sql/gcp-sql-instance-public-ip.js';
import { check as sqlInstanceSslNotRequired } from './sql/gcp-sql-instance-ssl-not-required.js';
import { check as sqlMysqlLocalInfileOn } from './sql/gcp-sql-mysql-local-infile-on.js';
import { check as sqlMysqlSkipShowDatabaseOff } from './sql/gcp-sql-mysql-skip-show-database-off.js';
import { check as sqlPostgresLogConnectionsOff } from './sql/gcp-sql-postgres-log-connections-off.js';
import { check as sqlPostgresLogDisconnectionsOff } from './sql/gcp-sql-postgres-log-disconnections-off.js';
import { check as sqlPostgresLogErrorVerbosity } from './sql/gcp-sql-postgres-log-error-verbosity.js';
import { check as sqlPostgresLogMinDurationStatementEnabled } from './sql/gcp-sql-postgres-log-min-duration-statement-enabled.js';
import { check as sqlPostgresPgauditDisabled } from './sql/gcp-sql-postgres-pgaudit-disabled.js';
import { check as sqlSqlserverContainedDatabaseAuthentication } from './sql/gcp-sql-sqlserver-contained-database-authentication.js';
import { check as sqlSqlserverCrossDbOwnershipChaining } from './sql/gcp-sql-sqlserver-cross-db-ownership-chaining.js';
import { check as sqlSqlserverExternalScriptsEnabled } from './sql/gcp-sql-sqlserver-external-scripts-enabled.js';
import { check as sqlSqlserverRemoteAccessOn } from './sql/gcp-sql-sqlserver-remote-access-on.js';
import { check as dnsDnssecDisabled } from './dns/gcp-dns-dnssec-disabled.js';
import { check as dnsDnssecKskRsasha1 } from './dns/gcp-dns-dnssec-ksk-rsasha1.js';
import { check as dnsDnssecZskRsasha1 } from './dns/gcp-dns-dnssec-zsk-rsasha1.js';
import { check as dnsVpcLoggingDisabled } from './dns/gcp-dns-vpc-logging-disabled.js';
import { check as bigqueryDatasetCmekDefaultMissing } from './bigquery/gcp-bigquery-dataset-cmek-default-missing.js';
import { check as bigqueryDatasetPublic } from './bigquery/gcp-bigquery-dataset-public.js';
import type { GcpCheck } from './lib/helpers.js';

export const gcpCheckList: GcpCheck[] = [
  iamPersonalGmailAccounts,
  iamPrimitiveRoleUser,
  iamSeparationOfDutiesKms,
  iamSeparationOfDutiesServiceAccounts,
  iamServiceAccountAdminPrivileges,
  iamServiceAccountKeyNotRotated,
  iamServiceAccountUserManagedKeys,
  iamServiceAccountUserProjectLevel,
  kmsKeyPublic,
  kmsKeyRotation,
  loggingAuditConfigIncomplete,
  loggingMetricAuditConfigChanges,
  loggingMetricCustomRoleChanges,
  loggingMetricFirewallChanges,
  loggingMetricNetworkChanges,
  loggingMetricProjectOwnershipChanges,
  loggingMetricRouteChanges,
  loggingMetricSqlConfigChanges,
  loggingMetricStorageIamChanges,
  loggingSinkAllEntriesMissing,
  storageBucketPublicAccessPreventionOff,
  storageBucketPublicAccess,
  storageBucketUniformAccessDisabled,
  storageBucketVersioningDisabled,
  storageLogBucketRetentionLocked,
  networkDefaultNetwork,
  networkFirewallAllPortsOpen,
  networkFirewallRdpOpen,
  networkFirewallSshOpen,
  networkLegacyNetwork,
  networkSubnetFlowLogsDisabled,
  computeInstanceDefaultSaFullAccess,
  computeInstanceDefaultServiceAccount,
  computeInstanceIpForwarding,
  computeInstanceProjectSshKeysAllowed,
  computeInstancePublicIp,
  computeInstanceSerialPortEnabled,
  computeInstanceShieldedVmDisabled,
  computeOsloginDisabled,
  sqlInstanceBackupsDisabled,
  sqlInstanceOpenAuthorizedNetwork,
  sqlInstancePublicIp,
  sqlInstanceSslNotRequired,
  sqlMysqlSkipShowDatabaseOff,
  sqlMysqlLocalInfileOn,
  sqlPostgresLogErrorVerbosity,
  sqlPostgresLogConnectionsOff,
  sqlPostgresLogDisconnectionsOff,
  sqlPostgresLogMinDurationStatementEnabled,
  sqlPostgresPgauditDisabled,
  sqlSqlserverExternalScriptsEnabled,
  sqlSqlserverCrossDbOwnershipChaining,
  sqlSqlserverRemoteAccessOn,
  sqlSqlserverContainedDatabaseAuthentication,
  dnsDnssecDisabled,
  dnsDnssecKskRsasha1,
  dnsDnssecZskRsasha1,
  dnsVpcLoggingDisabled,
  bigqueryDatasetPublic,
  bigqueryDatasetCmekDefaultMissing,
];
