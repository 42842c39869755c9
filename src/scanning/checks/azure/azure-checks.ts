/** Every Azure check, grouped by CIS Azure 3.0 section. The engine's registry imports this list. */
import { check as defenderPlansOff } from './defender/azure-defender-plans-off.js';
import { check as iamCustomRoleSubscriptionOwner } from './iam/azure-iam-custom-role-subscription-owner.js';
import { check as iamUserAccessAdministratorAssigned } from './iam/azure-iam-user-access-administrator-assigned.js';
import { check as keyvaultKeyWithoutExpiry } from './keyvault/azure-keyvault-key-without-expiry.js';
import { check as keyvaultPurgeProtectionDisabled } from './keyvault/azure-keyvault-purge-protection-disabled.js';
import { check as keyvaultRbacDisabled } from './keyvault/azure-keyvault-rbac-disabled.js';
import { check as keyvaultSecretWithoutExpiry } from './keyvault/azure-keyvault-secret-without-expiry.js';
import { check as keyvaultSoftDeleteDisabled } from './keyvault/azure-keyvault-soft-delete-disabled.js';
import { check as monitorAlertCreatePolicyAssignmentMissing } from './monitor/azure-monitor-alert-create-policy-assignment-missing.js';
import { check as monitorAlertCreateUpdateNsgMissing } from './monitor/azure-monitor-alert-create-update-nsg-missing.js';
import { check as monitorAlertCreateUpdatePublicIpMissing } from './monitor/azure-monitor-alert-create-update-public-ip-missing.js';
import { check as monitorAlertCreateUpdateSecuritySolutionMissing } from './monitor/azure-monitor-alert-create-update-security-solution-missing.js';
import { check as monitorAlertCreateUpdateSqlFirewallRuleMissing } from './monitor/azure-monitor-alert-create-update-sql-firewall-rule-missing.js';
import { check as monitorAlertDeleteNsgMissing } from './monitor/azure-monitor-alert-delete-nsg-missing.js';
import { check as monitorAlertDeletePolicyAssignmentMissing } from './monitor/azure-monitor-alert-delete-policy-assignment-missing.js';
import { check as monitorAlertDeletePublicIpMissing } from './monitor/azure-monitor-alert-delete-public-ip-missing.js';
import { check as monitorAlertDeleteSecuritySolutionMissing } from './monitor/azure-monitor-alert-delete-security-solution-missing.js';
import { check as monitorAlertDeleteSqlFirewallRuleMissing } from './monitor/azure-monitor-alert-delete-sql-firewall-rule-missing.js';
import { check as networkFlowLogRetentionBelow90Days } from './network/azure-network-flow-log-retention-below-90-days.js';
import { check as networkNsgHttpOpenToInternet } from './network/azure-network-nsg-http-open-to-internet.js';
import { check as networkNsgRdpOpenToInternet } from './network/azure-network-nsg-rdp-open-to-internet.js';
import { check as networkNsgSshOpenToInternet } from './network/azure-network-nsg-ssh-open-to-internet.js';
import { check as networkNsgUdpOpenToInternet } from './network/azure-network-nsg-udp-open-to-internet.js';
import { check as networkVnetFlowLogsDisabled } from './network/azure-network-vnet-flow-logs-disabled.js';
import { check as networkWatcherDisabled } from './network/azure-network-watcher-disabled.js';
import { check as sqlAuditingDisabled } from './sql/azure-sql-auditing-disabled.js';
import { check as sqlAuditingRetentionBelow90Days } from './sql/azure-sql-auditing-retention-below-90-days.js';
import { check as sqlDatabaseTdeDisabled } from './sql/azure-sql-database-tde-disabled.js';
import { check as sqlEntraAdminMissing } from './sql/azure-sql-entra-admin-missing.js';
import { check as sqlFirewallAllowsAllIps } from './sql/azure-sql-firewall-allows-all-ips.js';
import { check as sqlFirewallAllowsAzureServices } from './sql/azure-sql-firewall-allows-azure-services.js';
import { check as storageBlobPublicAccessAllowed } from './storage/azure-storage-blob-public-access-allowed.js';
import { check as storageInfrastructureEncryptionDisabled } from './storage/azure-storage-infrastructure-encryption-disabled.js';
import { check as storageMinTlsBelow12 } from './storage/azure-storage-min-tls-below-1-2.js';
import { check as storageNetworkDefaultAllow } from './storage/azure-storage-network-default-allow.js';
import { check as storageSecureTransferDisabled } from './storage/azure-storage-secure-transfer-disabled.js';
import { check as storageSharedKeyAccessAllowed } from './storage/azure-storage-shared-key-access-allowed.js';
import type { AzureCheck } from './lib/helpers.js';

export const azureChecks: AzureCheck[] = [
  iamCustomRoleSubscriptionOwner, // 1.23
  iamUserAccessAdministratorAssigned, // not CIS
  defenderPlansOff, // 2.1.1, 2.1.2, 2.1.3, 2.1.4, 2.1.5, 2.1.6, 2.1.7, 2.1.8, 2.1.9, 2.1.11
  storageBlobPublicAccessAllowed, // 3.7, 3.17
  storageInfrastructureEncryptionDisabled, // 3.2
  storageMinTlsBelow12, // 3.15
  storageNetworkDefaultAllow, // 3.8
  storageSecureTransferDisabled, // 3.1
  storageSharedKeyAccessAllowed, // not CIS
  sqlAuditingDisabled, // 4.1.1
  sqlAuditingRetentionBelow90Days, // 4.1.6
  sqlDatabaseTdeDisabled, // 4.1.5
  sqlEntraAdminMissing, // 4.1.4
  sqlFirewallAllowsAllIps, // 4.1.2
  sqlFirewallAllowsAzureServices, // 4.1.2
  monitorAlertCreatePolicyAssignmentMissing, // 5.2.1
  monitorAlertCreateUpdateNsgMissing, // 5.2.3
  monitorAlertCreateUpdatePublicIpMissing, // 5.2.9
  monitorAlertCreateUpdateSecuritySolutionMissing, // 5.2.5
  monitorAlertCreateUpdateSqlFirewallRuleMissing, // 5.2.7
  monitorAlertDeleteNsgMissing, // 5.2.4
  monitorAlertDeletePolicyAssignmentMissing, // 5.2.2
  monitorAlertDeletePublicIpMissing, // 5.2.10
  monitorAlertDeleteSecuritySolutionMissing, // 5.2.6
  monitorAlertDeleteSqlFirewallRuleMissing, // 5.2.8
  networkFlowLogRetentionBelow90Days, // 6.5
  networkNsgHttpOpenToInternet, // 6.4
  networkNsgRdpOpenToInternet, // 6.1
  networkNsgSshOpenToInternet, // 6.2
  networkNsgUdpOpenToInternet, // 6.3
  networkVnetFlowLogsDisabled, // 6.5
  networkWatcherDisabled, // 6.6
  keyvaultKeyWithoutExpiry, // 8.1, 8.2
  keyvaultPurgeProtectionDisabled, // 8.5
  keyvaultRbacDisabled, // 8.6
  keyvaultSecretWithoutExpiry, // 8.3, 8.4
  keyvaultSoftDeleteDisabled, // 8.5
];
