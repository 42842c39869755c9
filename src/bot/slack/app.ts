/**
 * The Slack app: Bolt on CloudSentinel's express server at `POST /slack/events` (slash commands,
 * buttons, modals, events), with `/slack/install` and `/slack/oauth_redirect` in OAuth mode.
 *
 * Bolt verifies every request's signature (v0 HMAC, 5-minute window) before anything here runs.
 * Each handler acknowledges first — Slack allows 3 seconds — and then does its work: commands answer
 * through the request's response_url, clicks update the clicked card at once (the refresh job brings
 * every other copy on every platform up to date), and scans are queued, never run here.
 */
import { randomUUID } from 'node:crypto';
import {
  App,
  ExpressReceiver,
  LogLevel,
  webApi as slackWebApi,
  type Authorize,
  type BlockAction,
  type ButtonAction,
  type Logger as BoltLogger,
  type UsersSelectAction,
  type webApi,
} from '@slack/bolt';
import { Router } from 'express';
import type { SlackConfig } from '../../config.js';
import { scrubSecrets, type Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import type { AlertMessage } from '../../store/alert-messages.js';
import type { Keyring } from '../../store/crypto.js';
import { freshReads } from '../../store/fresh-reads.js';
import { findWorkspaces, type ChatWorkspace } from '../../store/workspaces.js';
import { afterAckQueue } from '../core/after-ack.js';
import { loadAlertView } from '../core/alert-view.js';
import { renderNote } from '../core/capabilities.js';
import { parseCommand, runCommand } from '../core/commands.js';
import { decodeAlertRef } from '../core/present.js';
import { loadPosture } from '../core/posture.js';
import { returnCopy, triage, type CoreDeps } from '../core/triage.js';
import type { AlertView, ChatActor, TriageAction } from '../core/types.js';
import {
  ACTIONS,
  SUPPRESS_MODAL,
  parsePrivateMetadata,
  parseSuppressSubmission,
  renderAlertCard,
  renderCommandReply,
  renderHome,
  suppressModal,
} from './blocks.js';
import { slackFastAck, type RequestFront } from './fast-ack.js';
import { singleWorkspace, slackInstallationStore } from './installations.js';

export interface SlackAppDeps extends CoreDeps {
  slack: SlackConfig;
  keyring: Keyring;
  logger: Logger;
  metrics: Metrics;
  /** The largest request body read (express's `limit`, e.g. `1mb`). */
  bodyLimit: string;
}

export interface SlackApp {
  /** Mount at `/`: it serves /slack/events (and /slack/install, /slack/oauth_redirect with OAuth). */
  router: Router;
  /** Goes in front of the express app: acknowledges signed commands and clicks itself (fast-ack.ts). */
  front: RequestFront;
  app: App;
}

/** Bolt logs through CloudSentinel's pino logger (Bolt's own level filter is left wide open). */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  // Bolt and its WebClient log request bodies (OAuth client secrets, tokens) as text at debug level.
  const text = (msg: unknown[]) => scrubSecrets(msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
  // Bolt logs at debug on every request: the text is only made (and scrubbed) when it will be written.
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => {
    if (child.isLevelEnabled(level)) child[level](text(msg));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}

/**
 * Single-workspace mode's authorize: the bot token, with the bot's ids from one `auth.test` (asked
 * on first use, asked again only after a failure). Bolt's own, given `token` without token
 * verification, calls auth.test before every request's ack.
 */
function singleTokenAuthorize(botToken: string, clientOptions: webApi.WebClientOptions, logger: BoltLogger): Authorize<boolean> {
  const client = new slackWebApi.WebClient(botToken, { ...clientOptions, logger });
  let identity: Promise<{ botId: string; botUserId: string }> | null = null;
  return async ({ isEnterpriseInstall }) => {
    identity ??= client.auth.test().then(
      (result) => ({ botId: result.bot_id ?? '', botUserId: result.user_id ?? '' }),
      (error: unknown) => {
        identity = null;
        throw error;
      },
    );
    return { isEnterpriseInstall, botToken, ...(await identity) };
  };
}

export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { slack, logger } = deps;
  const clientOptions: webApi.WebClientOptions = { slackApiUrl: slack.apiUrl };
  const oauth = slack.oauth;
  const receiver = new ExpressReceiver({
    signingSecret: slack.signingSecret,
    endpoints: '/slack/events',
    logger: boltLogger(logger),
    ...(oauth
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: ['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:read', 'groups:read', 'im:write', 'app_mentions:read'],
          installationStore: slackInstallationStore(deps.db, deps.keyring),
          installerOptions: {
            installPath: '/slack/install',
            redirectUriPath: '/slack/oauth_redirect',
            directInstall: true,
            clientOptions,
            authorizationUrl: new URL('/oauth/v2/authorize', slack.apiUrl).toString(),
          },
        }
      : {}),
  });
  const app = new App({
    receiver,
    logger: boltLogger(logger),
    clientOptions,
    ...(oauth ? {} : { authorize: singleTokenAuthorize(slack.botToken ?? '', clientOptions, boltLogger(logger)) }),
  });

  /** The workspaces asked about at one moment, in one query (store/fresh-reads.ts: never older than the request). */
  const readWorkspace = freshReads((teamIds: string[]) => findWorkspaces(deps.db, 'slack', teamIds));

  /** The workspace a request comes from, registered on first use in single-workspace mode. */
  async function workspaceOf(teamId: string): Promise<ChatWorkspace | null> {
    const found = await readWorkspace(teamId);
    if (found) return found;
    if (!oauth && slack.botToken) return singleWorkspace(deps.db, deps.keyring, teamId, slack.botToken);
    return null;
  }

  async function actorOf(teamId: string | undefined, userId: string): Promise<ChatActor | null> {
    if (!teamId) return null;
    const workspace = await workspaceOf(teamId);
    if (!workspace) return null;
    return { platform: 'slack', tenantId: workspace.tenantId, workspaceId: workspace.id, workspaceExternalId: teamId, userId, auditId: `slack:${teamId}:${userId}` };
  }

  // Everything after an ack (but opening a modal, whose trigger expires in 3 seconds) goes through this.
  const later = afterAckQueue();
  const afterAck = <T>(work: () => Promise<T>): Promise<T> => later.run(work);

  const NOT_INSTALLED = 'CloudSentinel is not installed in this workspace. An admin can install it from /slack/install.';

  app.command('/sentinel', async ({ command, ack, respond, context }) => {
    await ack();
    // Slack retries what it thinks timed out; the first delivery already did the work.
    if (context.retryNum) return;
    await afterAck(async () => {
      const correlationId = randomUUID();
      const actor = await actorOf(command.team_id, command.user_id);
      if (!actor) {
        await respond({ response_type: 'ephemeral', text: NOT_INSTALLED });
        return;
      }
      const reply = await runCommand(deps, actor, { id: command.channel_id }, parseCommand(command.text), correlationId);
      const rendered = renderCommandReply(reply);
      await respond({ response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral', replace_original: false, ...rendered });
    });
  });

  /**
   * Redraws a card in place to show `view`. `claimed`: the copy the change claimed for this click
   * (`TriageOutcome.copy`), whose note goes under it here; if the card cannot be redrawn, the copy
   * goes back to the refresh job, which retries. Without a claim (a stale card, which only shows
   * the current state) nothing is noted: the change that did happen owes its own note.
   */
  async function redraw(client: webApi.WebClient, card: { channelId: string; ts: string }, view: AlertView, claimed: { tenantId: string; copy: AlertMessage; note: string } | null): Promise<void> {
    try {
      await client.chat.update({ channel: card.channelId, ts: card.ts, ...renderAlertCard(view) });
    } catch (error) {
      if (claimed) await returnCopy(deps, claimed.tenantId, claimed.copy, claimed.note);
      throw error;
    }
    if (claimed) await client.chat.postMessage({ channel: card.channelId, thread_ts: claimed.copy.threadId ?? card.ts, text: renderNote(claimed.note, 'slack') });
  }

  /** The card a click came from, unless it is an ephemeral list (which only the clicker sees). */
  function clickedCard(body: BlockAction): { channelId: string; ts: string } | null {
    const channelId = body.container.channel_id as string | undefined;
    const ts = body.container.message_ts as string | undefined;
    return channelId && ts && !body.container.is_ephemeral ? { channelId, ts } : null;
  }

  async function act(body: BlockAction, client: webApi.WebClient, ref: { id: string; version: number }, action: TriageAction): Promise<void> {
    const actor = await actorOf(body.team?.id, body.user.id);
    const channelId = body.channel?.id ?? (body.container.channel_id as string | undefined);
    const tell = async (text: string) => {
      if (channelId) await client.chat.postEphemeral({ channel: channelId, user: body.user.id, text });
    };
    if (!actor) {
      await tell(NOT_INSTALLED);
      return;
    }
    const card = clickedCard(body);
    const from = card ? { platform: 'slack' as const, channelId: card.channelId, messageId: card.ts } : undefined;
    const outcome = await triage(deps, actor, { alertId: ref.id, expectedVersion: ref.version, action, from });
    if (outcome.ok) {
      if (card) await redraw(client, card, outcome.view, outcome.copy ? { tenantId: actor.tenantId, copy: outcome.copy, note: outcome.note } : null);
      if (body.container.is_ephemeral) await tell(renderNote(outcome.note, 'slack'));
      return;
    }
    await tell(outcome.message);
    // A stale card shows the alert as it now is.
    if (card && 'view' in outcome) await redraw(client, card, outcome.view, null);
  }

  const buttonRef = (body: BlockAction) => {
    const action = body.actions[0] as ButtonAction | undefined;
    return action ? decodeAlertRef(action.value ?? '') : null;
  };

  const simple: Array<[string, TriageAction]> = [
    [ACTIONS.acknowledge, { kind: 'acknowledge' }],
    [ACTIONS.resolve, { kind: 'resolve' }],
    [ACTIONS.reopen, { kind: 'reopen' }],
  ];
  for (const [actionId, action] of simple) {
    app.action<BlockAction>(actionId, async ({ ack, body, client }) => {
      await ack();
      const ref = buttonRef(body);
      if (ref) await afterAck(() => act(body, client, ref, action));
    });
  }

  app.action<BlockAction>(ACTIONS.assign, async ({ ack, body, client }) => {
    await ack();
    const picker = body.actions[0] as UsersSelectAction | undefined;
    const ref = decodeAlertRef(picker?.block_id.split('|')[1] ?? '') ?? decodeAlertRef(picker?.action_id ?? '');
    const teamId = body.team?.id;
    if (!picker || !ref || !teamId) return;
    const assignee = picker.selected_user ? `slack:${teamId}:${picker.selected_user}` : null;
    await afterAck(() => act(body, client, ref, { kind: 'assign', assignee }));
  });

  app.action<BlockAction>(ACTIONS.suppress, async ({ ack, body, client }) => {
    await ack();
    const ref = buttonRef(body);
    if (!ref) return;
    const actor = await actorOf(body.team?.id, body.user.id);
    const view = actor ? await loadAlertView(deps.db, actor.tenantId, ref.id) : null;
    if (!view) return;
    const channelId = (body.container.channel_id as string | undefined) ?? body.channel?.id ?? '';
    const messageTs = body.container.is_ephemeral ? null : ((body.container.message_ts as string | undefined) ?? null);
    await client.views.open({ trigger_id: body.trigger_id, view: suppressModal(ref, { channelId, messageTs, title: view.title }) });
  });

  app.view(SUPPRESS_MODAL, async ({ ack, body, view, client }) => {
    const parsed = parseSuppressSubmission(view.state.values, (deps.clock ?? (() => new Date()))());
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    await ack();
    await afterAck(async () => {
      const meta = parsePrivateMetadata(view.private_metadata);
      const actor = await actorOf(body.team?.id, body.user.id);
      if (!meta || !actor) return;
      const card = meta.messageTs ? { channelId: meta.channelId, ts: meta.messageTs } : null;
      const from = card ? { platform: 'slack' as const, channelId: card.channelId, messageId: card.ts } : undefined;
      const outcome = await triage(deps, actor, { alertId: meta.alertId, expectedVersion: meta.version, action: { kind: 'suppress', reason: parsed.reason, until: parsed.until }, from });
      const tell = (text: string) => client.chat.postEphemeral({ channel: meta.channelId, user: body.user.id, text });
      if (!outcome.ok) {
        await tell(outcome.message);
        return;
      }
      if (!card) {
        await tell(renderNote(outcome.note, 'slack'));
        return;
      }
      await redraw(client, card, outcome.view, outcome.copy ? { tenantId: actor.tenantId, copy: outcome.copy, note: outcome.note } : null);
    });
  });

  app.action<BlockAction>(ACTIONS.more, async ({ ack, body, respond }) => {
    await ack();
    await afterAck(async () => {
      const button = body.actions[0] as ButtonAction | undefined;
      const actor = await actorOf(body.team?.id, body.user.id);
      const channelId = body.channel?.id ?? (body.container.channel_id as string | undefined);
      if (!button?.value || !actor || !channelId) return;
      const reply = await runCommand(deps, actor, { id: channelId }, parseCommand(button.value));
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderCommandReply(reply) });
    });
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const actor = await actorOf(body.team_id, event.user);
    if (!actor) return;
    await client.views.publish({ user_id: event.user, view: renderHome(await loadPosture(deps.db, actor.tenantId)) });
  });

  app.error(async (error) => {
    logger.error({ err: error }, 'Slack handler failed');
  });

  const router = Router();
  router.use('/slack', (_req, _res, next) => {
    later.arrived();
    next();
  });
  router.use(receiver.router);
  const front = slackFastAck({ app, signingSecret: slack.signingSecret, bodyLimit: deps.bodyLimit, logger, metrics: deps.metrics, later });
  return { router, front, app };
}
