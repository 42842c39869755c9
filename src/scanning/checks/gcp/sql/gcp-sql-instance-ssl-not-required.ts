import { ENCRYPTION_IN_TRANSIT } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, sqlInstanceName, withEachProject } from '../lib/helpers.js';

/**
 * CIS 6.4: every incoming connection uses TLS — sslMode ENCRYPTED_ONLY or
 * TRUSTED_CLIENT_CERTIFICATE_REQUIRED (or the older requireSsl flag when sslMode is not set).
 */
export const check = defineGcpCheck(
  {
    id: 'gcp-sql-instance-ssl-not-required',
    title: 'Cloud SQL instance accepts unencrypted connections',
    service: 'sql',
    resourceType: 'sqladmin.googleapis.com/Instance',
    severity: 'high',
    description: 'Checks that every Cloud SQL instance requires TLS for all incoming connections.',
    risk: 'Credentials and query results cross the network in clear text, readable and alterable by anyone on the path.',
    remediation: {
      text: 'Require TLS for every connection (ENCRYPTED_ONLY, or TRUSTED_CLIENT_CERTIFICATE_REQUIRED for client certificates).',
      cli: 'gcloud sql instances patch <INSTANCE> --project=<PROJECT_ID> --ssl-mode=ENCRYPTED_ONLY',
      url: 'https://cloud.google.com/sql/docs/mysql/configure-ssl-instance',
    },
    compliance: { 'cis-gcp-3.0': ['6.4'], ...ENCRYPTION_IN_TRANSIT },
    needs: ['sql.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'sql.instances', (instances, project) =>
      instances.map((instance) => {
        const id = sqlInstanceName(project, instance.name);
        const required = instance.sslMode ? instance.sslMode !== 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' && instance.sslMode !== 'SSL_MODE_UNSPECIFIED' : instance.requireSsl;
        if (required) return pass(id, instance.region, `TLS required (${instance.sslMode ?? 'requireSsl'})`, { tags: instance.labels });
        return fail(id, instance.region, `Unencrypted connections accepted (${instance.sslMode ?? 'requireSsl is false'})`, { tags: instance.labels });
      }),
    ),
);
