/** Every EC2, EBS, VPC and RDS check, for the engine's registry. */
import type { AwsCheck } from './lib/helpers.js';
import { check as ec2DefaultSecurityGroupAllowsTraffic } from './ec2/aws-ec2-default-security-group-allows-traffic.js';
import { check as ec2InstanceImdsv1Allowed } from './ec2/aws-ec2-instance-imdsv1-allowed.js';
import { check as ec2InstanceNoIamProfile } from './ec2/aws-ec2-instance-no-iam-profile.js';
import { check as ec2InstancePublicIp } from './ec2/aws-ec2-instance-public-ip.js';
import { check as ec2SecurityGroupAdminPortsOpenToInternet } from './ec2/aws-ec2-security-group-admin-ports-open-to-internet.js';
import { check as ec2SecurityGroupAllPortsOpenToInternet } from './ec2/aws-ec2-security-group-all-ports-open-to-internet.js';
import { check as ec2SecurityGroupCifsOpenToInternet } from './ec2/aws-ec2-security-group-cifs-open-to-internet.js';
import { check as ec2SecurityGroupDatabasePortsOpenToInternet } from './ec2/aws-ec2-security-group-database-ports-open-to-internet.js';
import { check as ec2SecurityGroupInternetIngressOtherPorts } from './ec2/aws-ec2-security-group-internet-ingress-other-ports.js';
import { check as ec2SecurityGroupRdpOpenToInternet } from './ec2/aws-ec2-security-group-rdp-open-to-internet.js';
import { check as ec2SecurityGroupSshOpenToInternet } from './ec2/aws-ec2-security-group-ssh-open-to-internet.js';
import { check as ec2SecurityGroupUnused } from './ec2/aws-ec2-security-group-unused.js';
import { check as ebsEncryptionByDefaultDisabled } from './ebs/aws-ebs-encryption-by-default-disabled.js';
import { check as ebsSnapshotPublic } from './ebs/aws-ebs-snapshot-public.js';
import { check as ebsSnapshotUnencrypted } from './ebs/aws-ebs-snapshot-unencrypted.js';
import { check as ebsVolumeUnencrypted } from './ebs/aws-ebs-volume-unencrypted.js';
import { check as vpcDefaultVpcInUse } from './vpc/aws-vpc-default-vpc-in-use.js';
import { check as vpcFlowLogsDisabled } from './vpc/aws-vpc-flow-logs-disabled.js';
import { check as vpcNetworkAclAdminPortsOpenToInternet } from './vpc/aws-vpc-network-acl-admin-ports-open-to-internet.js';
import { check as rdsInstanceAutoMinorVersionUpgradeDisabled } from './rds/aws-rds-instance-auto-minor-version-upgrade-disabled.js';
import { check as rdsInstanceBackupRetentionShort } from './rds/aws-rds-instance-backup-retention-short.js';
import { check as rdsInstanceDeletionProtectionDisabled } from './rds/aws-rds-instance-deletion-protection-disabled.js';
import { check as rdsInstanceNotMultiAz } from './rds/aws-rds-instance-not-multi-az.js';
import { check as rdsInstancePubliclyAccessible } from './rds/aws-rds-instance-publicly-accessible.js';
import { check as rdsInstanceStorageUnencrypted } from './rds/aws-rds-instance-storage-unencrypted.js';
import { check as rdsSnapshotPublic } from './rds/aws-rds-snapshot-public.js';

export const computeNetworkChecks: AwsCheck[] = [
  ec2DefaultSecurityGroupAllowsTraffic,
  ec2InstanceImdsv1Allowed,
  ec2InstanceNoIamProfile,
  ec2InstancePublicIp,
  ec2SecurityGroupAdminPortsOpenToInternet,
  ec2SecurityGroupAllPortsOpenToInternet,
  ec2SecurityGroupCifsOpenToInternet,
  ec2SecurityGroupDatabasePortsOpenToInternet,
  ec2SecurityGroupInternetIngressOtherPorts,
  ec2SecurityGroupRdpOpenToInternet,
  ec2SecurityGroupSshOpenToInternet,
  ec2SecurityGroupUnused,
  ebsEncryptionByDefaultDisabled,
  ebsSnapshotPublic,
  ebsSnapshotUnencrypted,
  ebsVolumeUnencrypted,
  vpcDefaultVpcInUse,
  vpcFlowLogsDisabled,
  vpcNetworkAclAdminPortsOpenToInternet,
  rdsInstanceAutoMinorVersionUpgradeDisabled,
  rdsInstanceBackupRetentionShort,
  rdsInstanceDeletionProtectionDisabled,
  rdsInstanceNotMultiAz,
  rdsInstancePubliclyAccessible,
  rdsInstanceStorageUnencrypted,
  rdsSnapshotPublic,
];
