import { NETWORK_EXPOSURE } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, sqlInstanceName, withEachProject } from '../lib/helpers.js';

/** CIS 6.6: Cloud SQL instances have no public IP address (read replicas included). */
export const check = defineGcpCheck(
  {
    id: 'gcp-sql-instance-public-ip',
    title: 'Cloud SQL instance has a public IP address',
    service: 'sql',
    resourceType: 'sqladmin.googleapis.com/Instance',
    severity: 'high',
    description: 'Checks that no Cloud SQL instance has a public IPv4 address.',
    risk: 'A database with a public address can be reached from the internet whenever an authorized network is too broad, and is exposed to credential stuffing and database-engine flaws.',
    remediation: {
      text: 'Give the instance a private IP (private services access or Private Service Connect), point clients at it, then disable the public IP; enforce sql.restrictPublicIp.',
      cli: 'gcloud sql instances patch <INSTANCE> --project=<PROJECT_ID> --no-assign-ip',
      url: 'https://cloud.google.com/sql/docs/mysql/configure-private-ip',
    },
    compliance: { 'cis-gcp-3.0': ['6.6'], ...NETWORK_EXPOSURE },
    needs: ['sql.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'sql.instances', (instances, project) =>
      instances.map((instance) => {
        const id = sqlInstanceName(project, instance.name);
        return instance.ipv4Enabled ? fail(id, instance.region, 'The instance has a public IPv4 address', { tags: instance.labels }) : pass(id, instance.region, 'Private IP only', { tags: instance.labels });
      }),
    ),
);
