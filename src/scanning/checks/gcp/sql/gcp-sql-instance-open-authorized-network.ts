import { NETWORK_EXPOSURE } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, sqlInstanceName, withEachProject } from '../lib/helpers.js';

const ANYWHERE = new Set(['0.0.0.0/0', '0.0.0.0', '::/0']);

/** CIS 6.5: no Cloud SQL instance authorizes 0.0.0.0/0. */
export const check = defineGcpCheck(
  {
    id: 'gcp-sql-instance-open-authorized-network',
    title: 'Cloud SQL instance is open to the whole internet',
    service: 'sql',
    resourceType: 'sqladmin.googleapis.com/Instance',
    severity: 'critical',
    description: 'Checks that no Cloud SQL instance with a public IP lists 0.0.0.0/0 (or ::/0) among its authorized networks.',
    risk: 'Anyone on the internet can connect to the database engine and try passwords or exploit engine flaws.',
    remediation: {
      text: 'Replace 0.0.0.0/0 with the specific client ranges, or use the Cloud SQL Auth Proxy / connectors and private IP instead of authorized networks.',
      cli: 'gcloud sql instances patch <INSTANCE> --project=<PROJECT_ID> --authorized-networks=<TRUSTED_CIDR>',
      url: 'https://cloud.google.com/sql/docs/mysql/configure-ip',
    },
    compliance: { 'cis-gcp-3.0': ['6.5'], ...NETWORK_EXPOSURE },
    needs: ['sql.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'sql.instances', (instances, project) =>
      instances.map((instance) => {
        const id = sqlInstanceName(project, instance.name);
        const open = instance.authorizedNetworks.filter((network) => ANYWHERE.has(network.value.trim()));
        if (instance.ipv4Enabled && open.length > 0) return fail(id, instance.region, `Authorized networks allow ${open.map((n) => n.value).join(', ')}`, { exposed: true, tags: instance.labels });
        return pass(id, instance.region, instance.ipv4Enabled ? 'No authorized network is open to the whole internet' : 'No public IP', { tags: instance.labels });
      }),
    ),
);
