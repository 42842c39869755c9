/** Which collector produces each snapshot part (every part is collected once per project). */
import type { GcpPart, GcpPartValue } from './snapshot.js';
import type { GcpCollectorContext } from './collectors/context.js';
import { collectDatasets } from './collectors/bigquery.js';
import { collectComputeProject, collectFirewalls, collectInstances, collectNetworks, collectSubnetworks } from './collectors/compute.js';
import { collectDnsPolicies, collectManagedZones } from './collectors/dns.js';
import { collectServiceAccounts } from './collectors/iam.js';
import { collectKmsKeys } from './collectors/kms.js';
import { collectMetrics, collectSinks } from './collectors/logging.js';
import { collectProjectIamPolicy } from './collectors/resourcemanager.js';
import { collectSqlInstances } from './collectors/sql.js';
import { collectBuckets } from './collectors/storage.js';

export const PART_COLLECTORS: { [P in GcpPart]: (ctx: GcpCollectorContext, project: string) => Promise<GcpPartValue<P>> } = {
  'resourcemanager.iamPolicy': collectProjectIamPolicy,
  'iam.serviceAccounts': collectServiceAccounts,
  'storage.buckets': collectBuckets,
  'compute.firewalls': collectFirewalls,
  'compute.networks': collectNetworks,
  'compute.subnetworks': collectSubnetworks,
  'compute.instances': collectInstances,
  'compute.project': collectComputeProject,
  'sql.instances': collectSqlInstances,
  'kms.keys': collectKmsKeys,
  'logging.sinks': collectSinks,
  'logging.metrics': collectMetrics,
  'dns.managedZones': collectManagedZones,
  'dns.policies': collectDnsPolicies,
  'bigquery.datasets': collectDatasets,
};
