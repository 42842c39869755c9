import { LOGGING } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, projectName, withEachProject } from '../lib/helpers.js';

const LOG_TYPES = ['ADMIN_READ', 'DATA_READ', 'DATA_WRITE'];

/**
 * CIS 2.1: Data Access audit logs are on for all services — an `allServices` audit config with
 * ADMIN_READ, DATA_READ and DATA_WRITE — and no user is exempted anywhere.
 */
export const check = defineGcpCheck(
  {
    id: 'gcp-logging-audit-config-incomplete',
    title: 'Cloud Audit Logs do not record data access for all services',
    service: 'logging',
    resourceType: 'cloudresourcemanager.googleapis.com/Project',
    severity: 'medium',
    description: 'Checks the project IAM policy\'s audit configuration: allServices must log ADMIN_READ, DATA_READ and DATA_WRITE, and no audit config may exempt members.',
    risk: 'Without Data Access logs, reads and changes of data (who downloaded which object, who queried which table) leave no trace for an investigation.',
    remediation: {
      text: 'Enable Data Access audit logs for all services with all three log types (IAM & Admin → Audit Logs, or the project policy\'s auditConfigs), and remove exempted members.',
      cli: 'gcloud projects get-iam-policy <PROJECT_ID> --format=json > policy.json  # add {"service":"allServices","auditLogConfigs":[{"logType":"ADMIN_READ"},{"logType":"DATA_READ"},{"logType":"DATA_WRITE"}]} to auditConfigs, then: gcloud projects set-iam-policy <PROJECT_ID> policy.json',
      url: 'https://cloud.google.com/logging/docs/audit/configure-data-access',
    },
    compliance: { 'cis-gcp-3.0': ['2.1'], ...LOGGING },
    needs: ['resourcemanager.iamPolicy'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'resourcemanager.iamPolicy', (policy, project) => {
      const id = projectName(project);
      const all = policy.auditConfigs.find((config) => config.service === 'allServices');
      const problems: string[] = [];
      if (!all) problems.push('no allServices audit config');
      else {
        const types = new Set(all.auditLogConfigs.map((log) => log.logType));
        const absent = LOG_TYPES.filter((type) => !types.has(type));
        if (absent.length > 0) problems.push(`allServices does not log ${absent.join(', ')}`);
      }
      const exempted = policy.auditConfigs.flatMap((config) => config.auditLogConfigs.flatMap((log) => log.exemptedMembers.map((member) => `${member} (${config.service} ${log.logType})`)));
      if (exempted.length > 0) problems.push(`exempted: ${exempted.join(', ')}`);
      if (problems.length === 0) return [pass(id, 'global', 'All services log ADMIN_READ, DATA_READ and DATA_WRITE with no exemptions')];
      return [fail(id, 'global', problems.join('; '))];
    }),
);
