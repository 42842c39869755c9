/**
 * `--format json`: the public Finding JSON contract (ARCHITECTURE.md, "Finding JSON"). Fields are
 * copied one by one, in the contract's order, so nothing else on the objects leaks into the output.
 */
import { toContractFinding } from '../finding.js';
import type { ScanReport } from './report.js';

export function renderJson(report: ScanReport): string {
  const { scan } = report;
  const output = {
    scan: {
      id: scan.id,
      provider: scan.provider,
      accountId: scan.accountId,
      startedAt: scan.startedAt,
      finishedAt: scan.finishedAt,
      status: scan.status,
      regions: scan.regions,
      checks: scan.checks,
      toolVersion: scan.toolVersion,
      errors: scan.errors,
    },
    findings: report.findings.map(toContractFinding),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
