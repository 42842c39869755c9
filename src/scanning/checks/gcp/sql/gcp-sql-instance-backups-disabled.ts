import { RECOVERY } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, sqlInstanceName, withEachProject } from '../lib/helpers.js';

/** CIS 6.7: automated backups on every primary instance (read replicas cannot have them and are left out). */
export const check = defineGcpCheck(
  {
    id: 'gcp-sql-instance-backups-disabled',
    title: 'Cloud SQL instance does not have automated backups',
    service: 'sql',
    resourceType: 'sqladmin.googleapis.com/Instance',
    severity: 'medium',
    description: 'Checks that every Cloud SQL primary instance has automated backups enabled.',
    risk: 'Without backups, a bad migration, an accidental DROP or ransomware means the data is gone, and point-in-time recovery is impossible.',
    remediation: {
      text: 'Enable automated backups with a start time in a quiet period (and point-in-time recovery where the engine supports it).',
      cli: 'gcloud sql instances patch <INSTANCE> --project=<PROJECT_ID> --backup-start-time=<HH:MM>',
      url: 'https://cloud.google.com/sql/docs/mysql/backup-recovery/backups',
    },
    compliance: { 'cis-gcp-3.0': ['6.7'], ...RECOVERY, 'pci-dss-4.0': ['12.10.1'] },
    needs: ['sql.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'sql.instances', (instances, project) =>
      instances
        .filter((instance) => instance.instanceType !== 'READ_REPLICA_INSTANCE')
        .map((instance) => {
          const id = sqlInstanceName(project, instance.name);
          return instance.backupEnabled ? pass(id, instance.region, 'Automated backups are enabled', { tags: instance.labels }) : fail(id, instance.region, 'Automated backups are disabled', { tags: instance.labels });
        }),
    ),
);
