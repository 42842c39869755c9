/**
 * CloudSentinel with all three chat platforms on at once — Slack, Teams and Discord, each against
 * its fake — for the cross-platform tests and the sync benchmark. Every request is signed as its
 * platform signs it (Slack HMAC, Bot Framework JWT, Ed25519).
 */
import type { FakeDiscord } from '../fakes/discord.js';
import { startFakeDiscord } from '../fakes/discord.js';
import { startFakeTeams, type FakeTeams } from '../fakes/teams.js';
import { generateDiscordKeys, postInteraction, type DiscordKeys, type InteractionResult, type PostOptions } from './discord.js';
import { startSlackService, type SlackService, type SlackServiceOptions } from './slack-service.js';
import { postActivity, type ActivityContext, type TeamsHttpResult } from './teams.js';

type Json = Record<string, unknown>;

export interface ChatService extends SlackService {
  teams: FakeTeams;
  teamsCtx: ActivityContext;
  /** POSTs a Bot Framework activity with a valid channel token. */
  sendTeams(activity: Json): Promise<TeamsHttpResult>;
  discord: FakeDiscord;
  discordKeys: DiscordKeys;
  /** POSTs a signed Discord interaction. */
  interact(body: Json, options?: PostOptions): Promise<InteractionResult>;
}

export async function startChatService(options: SlackServiceOptions = {}): Promise<ChatService> {
  const [teams, discord] = await Promise.all([startFakeTeams(), startFakeDiscord()]);
  const discordKeys = generateDiscordKeys();
  const env = {
    ...teams.env,
    DISCORD_PUBLIC_KEY: discordKeys.publicKeyHex,
    DISCORD_BOT_TOKEN: discord.botToken,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.url,
    ...options.env,
  };
  const world = await startSlackService({ ...options, env });
  const stopWorld = world.stop.bind(world);
  return Object.assign(world, {
    teams,
    teamsCtx: { appId: teams.appId, serviceUrl: teams.serviceUrl },
    sendTeams: (activity: Json) => postActivity(world.baseUrl, activity, teams.channelToken()),
    discord,
    discordKeys,
    interact: (body: Json, postOptions?: PostOptions) => postInteraction(world.baseUrl, body, discordKeys, postOptions),
    async stop() {
      await stopWorld();
      await Promise.all([teams.close(), discord.close()]);
    },
  });
}
