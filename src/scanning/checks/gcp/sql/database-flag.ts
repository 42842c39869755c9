/**
 * One shape for the CIS "database flag" recommendations (section 6.1–6.3): for every Cloud SQL
 * instance of one engine, the flag's value — or, when the flag is not set, the engine's default —
 * must be acceptable. Instances of other engines give no result.
 */
import type { ComplianceMap, Severity } from '../../../types.js';
import type { SqlInstance } from '../../../providers/gcp/snapshot.js';
import { defineGcpCheck, fail, pass, sqlInstanceName, withEachProject, type GcpCheck } from '../lib/helpers.js';

export type SqlEngine = 'MYSQL' | 'POSTGRES' | 'SQLSERVER';

const ENGINE_NAMES: Record<SqlEngine, string> = { MYSQL: 'MySQL', POSTGRES: 'PostgreSQL', SQLSERVER: 'SQL Server' };
const DOCS: Record<SqlEngine, string> = {
  MYSQL: 'https://cloud.google.com/sql/docs/mysql/flags',
  POSTGRES: 'https://cloud.google.com/sql/docs/postgres/flags',
  SQLSERVER: 'https://cloud.google.com/sql/docs/sqlserver/flags',
};

export interface DatabaseFlagSpec {
  id: string;
  cis: string;
  engine: SqlEngine;
  flag: string;
  /** What the flag should be, for titles and remediation (`on`, `off`, `-1`). */
  wanted: string;
  /** Whether a value is acceptable; `null` is "not set" (the engine's default applies). */
  ok: (value: string | null) => boolean;
  severity: Severity;
  title: string;
  risk: string;
  compliance: ComplianceMap;
}

export function isEngine(instance: SqlInstance, engine: SqlEngine): boolean {
  return instance.databaseVersion.toUpperCase().startsWith(`${engine}_`);
}

/** Flag values are case-insensitive words (`on`, `ON`, `On`). */
export const flagIs = (value: string | null, ...accepted: string[]) => value !== null && accepted.includes(value.trim().toLowerCase());

export function defineDatabaseFlagCheck(spec: DatabaseFlagSpec): GcpCheck {
  const engine = ENGINE_NAMES[spec.engine];
  return defineGcpCheck(
    {
      id: spec.id,
      title: spec.title,
      service: 'sql',
      resourceType: 'sqladmin.googleapis.com/Instance',
      severity: spec.severity,
      description: `Checks that every Cloud SQL ${engine} instance has the '${spec.flag}' database flag set to '${spec.wanted}' (CIS ${spec.cis}).`,
      risk: spec.risk,
      remediation: {
        text: `Set the '${spec.flag}' flag to '${spec.wanted}'. --database-flags replaces every flag of the instance: list the flags already set and pass them too. Some flags restart the instance.`,
        cli: `gcloud sql instances patch <INSTANCE> --project=<PROJECT_ID> --database-flags="${spec.flag}=${spec.wanted},<OTHER_FLAGS_ALREADY_SET>"`,
        url: DOCS[spec.engine],
      },
      compliance: { 'cis-gcp-3.0': [spec.cis], ...spec.compliance },
      needs: ['sql.instances'],
    },
    (snapshot) =>
      withEachProject(snapshot, 'sql.instances', (instances, project) =>
        instances
          .filter((instance) => isEngine(instance, spec.engine))
          .map((instance) => {
            const id = sqlInstanceName(project, instance.name);
            const value = Object.hasOwn(instance.databaseFlags, spec.flag) ? (instance.databaseFlags[spec.flag] ?? '') : null;
            const shown = value === null ? 'is not set (the engine default applies)' : `is '${value}'`;
            return spec.ok(value)
              ? pass(id, instance.region, `'${spec.flag}' ${shown}`, { tags: instance.labels })
              : fail(id, instance.region, `'${spec.flag}' ${shown}; CIS ${spec.cis} wants '${spec.wanted}'`, { tags: instance.labels });
          }),
      ),
  );
}
