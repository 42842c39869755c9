/** A repository's current findings, with whether triage suppressed each: what its check run reports. */
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Executor } from './db.js';
import { ofRepositories } from './findings.js';
import { alerts, findings } from './schema.js';

export interface CurrentFinding {
  checkId: string;
  title: string;
  severity: (typeof findings.$inferSelect)['severity'];
  status: (typeof findings.$inferSelect)['status'];
  resourceId: string;
  statusDetail: string;
  suppressed: boolean;
}

/**
 * What a repository's check run reports after `scanId`: the failures not resolved (whichever scan
 * saw them last), and what that scan could not check. An `unknown` result leaves a finding's
 * resolution as it was, so unknowns are taken from the scan itself.
 */
export async function currentRepositoryFindings(executor: Executor, integrationId: string, repository: string, scanId: string): Promise<CurrentFinding[]> {
  const rows = await executor
    .select({
      checkId: findings.checkId,
      title: findings.title,
      severity: findings.severity,
      status: findings.status,
      resourceId: findings.resourceId,
      statusDetail: findings.statusDetail,
      alertState: alerts.state,
    })
    .from(findings)
    .leftJoin(alerts, eq(alerts.findingId, findings.id))
    .where(
      and(
        eq(findings.integrationId, integrationId),
        ofRepositories([repository]),
        or(and(eq(findings.status, 'fail'), isNull(findings.resolvedAt)), and(eq(findings.status, 'unknown'), eq(findings.lastScanId, scanId))),
      ),
    )
    .orderBy(findings.severity, findings.checkId, findings.resourceId);
  return rows.map(({ alertState, ...row }) => ({ ...row, suppressed: alertState === 'suppressed' }));
}
