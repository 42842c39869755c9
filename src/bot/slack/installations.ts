/**
 * Slack workspaces as CloudSentinel tenants. In single-workspace mode (SLACK_BOT_TOKEN) the one
 * workspace belongs to the default tenant, where CLI-added integrations live. With the OAuth install,
 * the first workspace takes the default tenant and every later one gets a tenant of its own, so
 * nothing of one workspace is visible from another. Bot tokens are stored only as keyring envelopes.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { AppError } from '../../errors.js';
import { appendAudit } from '../../store/audit.js';
import type { Keyring } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { setMemberRole } from '../../store/members.js';
import { lockWorkspace, tenantForNewWorkspace, workspaceOnFirstUse } from '../core/workspaces.js';
import { findWorkspace, getWorkspaceBotToken, removeWorkspace, upsertWorkspace, type ChatWorkspace } from '../../store/workspaces.js';

/** The single workspace of SLACK_BOT_TOKEN, registered on its first request. */
export async function singleWorkspace(db: Db, keyring: Keyring, teamId: string, botToken: string): Promise<ChatWorkspace> {
  const existing = await findWorkspace(db, 'slack', teamId);
  if (existing) return existing;
  return workspaceOnFirstUse(db, keyring, { platform: 'slack', externalId: teamId, botToken });
}

export function slackInstallationStore(db: Db, keyring: Keyring): InstallationStore {
  const teamOf = (query: InstallationQuery<boolean>): string => {
    if (!query.teamId) throw new AppError('VALIDATION_ERROR', 'Enterprise-wide Slack installs are not supported; install CloudSentinel per workspace.');
    return query.teamId;
  };
  return {
    async storeInstallation(installation: Installation) {
      const teamId = installation.team?.id;
      if (!teamId || !installation.bot) throw new AppError('VALIDATION_ERROR', 'The Slack install gave no workspace or bot token.');
      const bot = installation.bot;
      await db.transaction(async (tx) => {
        await lockWorkspace(tx, 'slack', teamId);
        const existing = await findWorkspace(tx, 'slack', teamId);
        const tenantId = existing?.tenantId ?? (await tenantForNewWorkspace(tx, 'slack', teamId, installation.team?.name));
        const workspace = await upsertWorkspace(
          tx,
          {
            tenantId,
            platform: 'slack',
            externalId: teamId,
            name: installation.team?.name,
            botUserId: bot.userId,
            botToken: bot.token,
            installedBy: `slack:${teamId}:${installation.user.id}`,
            metadata: { botId: bot.id, scopes: bot.scopes, appId: installation.appId ?? null },
          },
          keyring,
        );
        // The installer administers their workspace's CloudSentinel.
        await setMemberRole(tx, { tenantId, platform: 'slack', externalUserId: installation.user.id, role: 'admin', grantedBy: 'install' });
        await appendAudit(tx, {
          tenantId,
          actor: `slack:${teamId}:${installation.user.id}`,
          action: existing ? 'workspace.reinstall' : 'workspace.install',
          targetType: 'workspace',
          targetId: workspace.id,
          details: { platform: 'slack', teamId, scopes: bot.scopes },
        });
      });
    },
    async fetchInstallation(query) {
      const teamId = teamOf(query);
      const workspace = await findWorkspace(db, 'slack', teamId);
      const token = workspace ? await getWorkspaceBotToken(db, workspace, keyring) : null;
      if (!workspace || !token) throw new AppError('NOT_FOUND', `CloudSentinel is not installed in Slack workspace ${teamId}.`);
      const metadata = workspace.metadata as { botId?: string; scopes?: string[] };
      return {
        team: { id: teamId, ...(workspace.name ? { name: workspace.name } : {}) },
        enterprise: undefined,
        user: { token: undefined, scopes: undefined, id: workspace.installedBy?.split(':').at(-1) ?? '' },
        bot: { token, scopes: metadata.scopes ?? [], id: metadata.botId ?? '', userId: workspace.botUserId ?? '' },
        tokenType: 'bot',
        isEnterpriseInstall: false,
        authVersion: 'v2',
      };
    },
    async deleteInstallation(query) {
      const workspace = await findWorkspace(db, 'slack', teamOf(query));
      if (workspace) await removeWorkspace(db, workspace.id);
    },
  };
}
