/**
 * The `github-check` queue: after a scan of a GitHub App integration is recorded, the
 * "CloudSentinel posture" check run of one repository, on its default branch's head commit,
 * through the installation's own token. A separate job, so GitHub being down delays the check run
 * but never the findings, alerts and chat notices the scan already recorded.
 */
import type { Keyring } from '../../../store/crypto.js';
import type { Db } from '../../../store/db.js';
import { getIntegration, readCredentials } from '../../../store/integrations.js';
import { currentRepositoryFindings } from '../../../store/repository-findings.js';
import { getScan } from '../../../store/scans.js';
import type { JobHandler } from '../../../jobs/job-queue.js';
import type { JobPayloads } from '../../../jobs/queues.js';
import { CHECK_NAME, checkRunFor } from '../check-run.js';
import type { OctokitApp } from '../octokit-app.js';

export interface CheckRunJobDeps {
  db: Db;
  keyring: Keyring;
  app: OctokitApp;
  clock?: () => Date;
}

type InstallationOctokit = Awaited<ReturnType<OctokitApp['getInstallationOctokit']>>;

export function githubCheckJobHandler(deps: CheckRunJobDeps): JobHandler<JobPayloads['github-check']> {
  const clock = deps.clock ?? (() => new Date());
  return async (job, context) => {
    const log = context.logger.child({ repository: job.repository, scanId: job.scanId });
    const scan = await getScan(deps.db, job.scanId);
    if (scan.status !== 'complete' && scan.status !== 'partial') return;
    const integration = await getIntegration(deps.db, job.tenantId, job.integrationId);
    if (integration.status === 'disabled') {
      log.info('the integration is disabled; no check run');
      return;
    }
    const credentials = await readCredentials(deps.db, deps.keyring, integration);
    const installationId = Number(credentials.installation_id);
    if (!Number.isSafeInteger(installationId) || installationId <= 0) return;
    const [owner = '', repo = ''] = job.repository.split('/');
    const octokit = await deps.app.getInstallationOctokit(installationId);
    try {
      const sha = await defaultBranchHead(octokit, owner, repo);
      if (!sha) {
        log.info('the repository has no commits; no check run');
        return;
      }
      // A retry after a create whose answer was lost must not post a second check run for this scan.
      if (context.retryCount > 0 && (await alreadyPosted(octokit, owner, repo, sha, job.scanId))) return;
      const findings = await currentRepositoryFindings(deps.db, integration.id, job.repository, job.scanId);
      const output = checkRunFor({ repository: job.repository, scanId: job.scanId, scanStatus: scan.status, findings });
      await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        owner,
        repo,
        name: CHECK_NAME,
        head_sha: sha,
        external_id: job.scanId,
        status: 'completed',
        conclusion: output.conclusion,
        completed_at: clock().toISOString(),
        output: { title: output.title, summary: output.summary },
        actions: output.actions,
      });
      log.info({ conclusion: output.conclusion, sha }, 'check run posted');
    } catch (error) {
      // Gone or out of the installation's reach: retrying cannot help.
      const status = statusOf(error);
      if (status === 404 || status === 403 || status === 422) {
        log.warn({ status, reason: (error as Error).message }, 'no check run: GitHub refused it');
        return;
      }
      throw error;
    }
  };
}

/** The head commit of the default branch, or null for an empty repository. */
async function defaultBranchHead(octokit: InstallationOctokit, owner: string, repo: string): Promise<string | null> {
  const { data: repository } = await octokit.request('GET /repos/{owner}/{repo}', { owner, repo });
  try {
    const { data: branch } = await octokit.request('GET /repos/{owner}/{repo}/branches/{branch}', { owner, repo, branch: repository.default_branch });
    return branch.commit.sha;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

async function alreadyPosted(octokit: InstallationOctokit, owner: string, repo: string, ref: string, scanId: string): Promise<boolean> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { owner, repo, ref, check_name: CHECK_NAME, filter: 'all' });
  return data.check_runs.some((run) => run.external_id === scanId);
}

/** The HTTP status of an Octokit RequestError (the package is Octokit's own dependency, not ours). */
function statusOf(error: unknown): number | undefined {
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : undefined;
}
