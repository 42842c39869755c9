/**
 * Real Bot Framework activities as Teams sends them (a message with an `<at>` mention of the bot, an
 * `invoke` named `adaptiveCard/action`, a `conversationUpdate` adding the bot), posted over HTTP to
 * CloudSentinel's `/api/messages` with a channel token from the fake, and a whole service with Teams
 * on against that fake.
 */
import { randomUUID } from 'node:crypto';
import type { AlertView } from '../../src/bot/core/types.js';
import { startFakeTeams, type FakeTeams } from '../fakes/teams.js';
import { startSlackService, type SlackService, type SlackServiceOptions } from './slack-service.js';

type Json = Record<string, unknown>;

export const BOT_NAME = 'CloudSentinel';

/** Who is talking, and where. */
export interface TeamsWho {
  tenantId: string;
  /** The Entra object id. */
  userId: string;
  /** The channel or chat (for a channel, without `;messageid=`). */
  conversationId: string;
  conversationType?: 'channel' | 'personal' | 'groupChat';
}

export interface ActivityContext {
  appId: string;
  serviceUrl: string;
}

function base(ctx: ActivityContext, who: TeamsWho, threadRoot: string | null): Json {
  const type = who.conversationType ?? 'channel';
  return {
    id: `act-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: ctx.serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${who.userId}`, name: `User ${who.userId}`, aadObjectId: who.userId },
    conversation: {
      id: type === 'channel' && threadRoot ? `${who.conversationId};messageid=${threadRoot}` : who.conversationId,
      conversationType: type,
      tenantId: who.tenantId,
      ...(type === 'personal' ? {} : { isGroup: true }),
    },
    recipient: { id: `28:${ctx.appId}`, name: BOT_NAME },
    channelData: { tenant: { id: who.tenantId }, ...(type === 'channel' ? { channel: { id: who.conversationId }, team: { id: 'team-1' } } : {}) },
    locale: 'en-US',
  };
}

/** `@CloudSentinel <text>` (or just `<text>` with `mention: false`, as in a personal chat). */
export function messageActivity(ctx: ActivityContext, who: TeamsWho, text: string, options: { mention?: boolean; mentions?: Array<{ name: string; aadObjectId: string }> } = {}): Json {
  const activity = base(ctx, who, null);
  const id = String(activity.id);
  if (who.conversationType === undefined || who.conversationType === 'channel') {
    (activity.conversation as Json).id = `${who.conversationId};messageid=${id}`;
  }
  const mention = options.mention ?? true;
  const botTag = `<at>${BOT_NAME}</at>`;
  const entities: Json[] = mention ? [{ type: 'mention', text: botTag, mentioned: { id: `28:${ctx.appId}`, name: BOT_NAME } }] : [];
  for (const other of options.mentions ?? []) {
    entities.push({ type: 'mention', text: `<at>${other.name}</at>`, mentioned: { id: `29:${other.aadObjectId}`, name: other.name, aadObjectId: other.aadObjectId } });
  }
  return { ...activity, type: 'message', text: mention ? `${botTag} ${text}` : text, textFormat: 'plain', entities };
}

/** A click on a card's Action.Execute; `replyToId` is the message holding the card. */
export function invokeActivity(ctx: ActivityContext, who: TeamsWho, input: { verb: string; data: Json; replyToId: string; threadRoot?: string }): Json {
  const activity = base(ctx, who, input.threadRoot ?? input.replyToId);
  return {
    ...activity,
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: input.replyToId,
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb: input.verb, data: input.data }, trigger: 'manual' },
  };
}

/** The bot added to a team, a group chat or a personal chat. */
export function botAddedActivity(ctx: ActivityContext, who: TeamsWho): Json {
  const activity = base(ctx, who, null);
  return { ...activity, type: 'conversationUpdate', membersAdded: [{ id: `28:${ctx.appId}`, name: BOT_NAME }] };
}

export interface TeamsHttpResult {
  status: number;
  body: unknown;
  text: string;
}

/** POSTs an activity to `/api/messages`, with `Authorization: Bearer <token>` when a token is given. */
export async function postActivity(baseUrl: string, activity: unknown, token?: string): Promise<TeamsHttpResult> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body, text };
}

export interface TeamsService extends SlackService {
  teams: FakeTeams;
  ctx: ActivityContext;
  /** Posts an activity with a valid channel token. */
  send(activity: Json): Promise<TeamsHttpResult>;
}

/** The whole service (Slack on as always, Teams on against a fake Teams). */
export async function startTeamsService(options: SlackServiceOptions & { emulator?: boolean } = {}): Promise<TeamsService> {
  const teams = await startFakeTeams({ allowAnonymous: options.emulator });
  // The Emulator mode: Teams on with no app id, so nothing is authenticated either way.
  const teamsEnv = options.emulator ? { TEAMS_ENABLED: 'true' } : teams.env;
  const world = await startSlackService({ ...options, env: { ...teamsEnv, ...options.env } });
  const ctx: ActivityContext = { appId: teams.appId, serviceUrl: teams.serviceUrl };
  const stopWorld = world.stop.bind(world);
  return Object.assign(world, {
    teams,
    ctx,
    send: (activity: Json) => postActivity(world.baseUrl, activity, teams.channelToken()),
    async stop() {
      await stopWorld();
      await teams.close();
    },
  });
}

/** An alert as a card shows it, with fields a test may override. */
export function sampleAlertView(overrides: Partial<AlertView> = {}): AlertView {
  return {
    id: '7b0c6a0e-0000-4000-8000-000000000001',
    version: 3,
    state: 'open',
    severity: 'high',
    riskScore: 7.5,
    title: 'S3 bucket allows public read',
    statusDetail: 'The bucket ACL grants READ to AllUsers.',
    checkId: 'aws-s3-bucket-public-acl',
    provider: 'aws',
    service: 's3',
    resourceId: 'arn:aws:s3:::logs-bucket',
    resourceType: 'AWS::S3::Bucket',
    region: 'us-east-1',
    integrationName: 'prod',
    account: '123456789012',
    compliance: { 'cis-aws-5.0': ['2.1.4'], soc2: ['CC6.1', 'CC6.6'] },
    remediation: 'Remove public grants from the bucket ACL and turn on Block Public Access.',
    remediationCommand: 'aws s3api put-public-access-block --bucket logs-bucket --public-access-block-configuration BlockPublicAcls=true',
    firstSeenAt: new Date('2026-12-01T10:00:00Z'),
    assignee: null,
    reason: null,
    suppressedUntil: null,
    changedBy: 'scan',
    updatedAt: new Date('2026-12-01T10:00:00Z'),
    ...overrides,
  };
}
