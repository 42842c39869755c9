import { defineAzureCheck, fail, forEachParent, pass, tagsOf } from '../lib/helpers.js';

const MIN_DAYS = 90;

/**
 * A server with auditing off fails here too: no records are kept at all.
 */
export const check = defineAzureCheck(
  {
    id: 'azure-sql-auditing-retention-below-90-days',
    title: 'SQL server audit logs are kept fewer than 90 days',
    service: 'sql',
    resourceType: 'Microsoft.Sql/servers',
    severity: 'low',
    description: 'Checks that the SQL server auditing policy keeps audit records at least 90 days (0 means forever).',
    risk: 'Investigations often start months after the event; audit records deleted after a few days cannot show what was accessed.',
    remediation: {
      text: 'Set the audit retention to 90 days or more (or 0 for unlimited).',
      cli: 'az sql server audit-policy update --resource-group <RESOURCE_GROUP> --name <SERVER_NAME> --state Enabled --retention-days 90',
      url: 'https://learn.microsoft.com/azure/azure-sql/database/auditing-overview',
    },
    compliance: {
      'cis-azure-3.0': ['5.1.6'],
      soc2: ['CC7.2'],
      'iso27001-2022': ['A.8.15'],
      'nist-800-53-r5': ['AU-11', 'AU-4'],
      'nist-csf-2.0': ['PR.PS-04'],
      'pci-dss-4.0': ['10.5.1'],
      hipaa: ['164.312(b)', '164.316(b)(2)(i)'],
      gdpr: ['Art.32'],
    },
    needs: ['sql.auditing'],
  },
  (snapshot) =>
    forEachParent(snapshot, 'sql.auditing', 'Microsoft.Sql/servers', (server, policy) => {
      if (policy.state !== 'Enabled') return [fail(server.id, server.location, 'Auditing is off, so no audit records are kept', tagsOf(server))];
      if (policy.retentionDays === 0) return [pass(server.id, server.location, 'Audit records are kept forever (retention 0 days)', tagsOf(server))];
      if (policy.retentionDays < MIN_DAYS) return [fail(server.id, server.location, `Audit records are kept ${policy.retentionDays} days, fewer than ${MIN_DAYS}`, tagsOf(server))];
      return [pass(server.id, server.location, `Audit records are kept ${policy.retentionDays} days`, tagsOf(server))];
    }),
);
