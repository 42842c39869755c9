/**
 * The Emulator mode (TEAMS_ENABLED=true, no MICROSOFT_APP_ID): requests are not authenticated and
 * replies carry no token, as the Bot Framework Emulator expects on a laptop.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findWorkspace } from '../../../src/store/workspaces.js';
import { messageActivity, postActivity, startTeamsService, type TeamsService } from '../../helpers/teams.js';

let world: TeamsService;

beforeAll(async () => {
  world = await startTeamsService({ emulator: true });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

it('answers an unauthenticated command and replies without a token', async () => {
  const who = { tenantId: 'emulator-tenant', userId: 'emulator-user', conversationId: 'emulator-conversation', conversationType: 'personal' as const };
  const activity = messageActivity(world.ctx, who, 'help', { mention: false });
  const http = await postActivity(world.baseUrl, activity);
  expect(http.status).toBe(200);
  const reply = world.teams.calls.find((call) => call.activityId === activity.id);
  expect(reply).toMatchObject({ kind: 'reply', status: 201 });
  expect(reply?.authorization ?? null).toBeNull();
  expect(String(reply?.body.text)).toContain('CloudSentinel');
  expect(world.teams.issuedTokens).toEqual([]);
});

it('counts the Emulator, which has no Teams organisation, as one called "emulator"', async () => {
  const activity: Record<string, unknown> = { ...messageActivity(world.ctx, { tenantId: 'x', userId: 'emulator-user-2', conversationId: 'emulator-chat', conversationType: 'personal' }, 'help', { mention: false }), channelId: 'emulator', channelData: {} };
  const conversation = activity.conversation as Record<string, unknown>;
  delete conversation.tenantId;
  const http = await postActivity(world.baseUrl, activity);
  expect(http.status).toBe(200);
  const reply = world.teams.calls.find((call) => call.activityId === activity.id);
  expect(String(reply?.body.text)).toContain('@CloudSentinel scan');
  expect((await findWorkspace(world.db, 'teams', 'emulator'))?.platform).toBe('teams');
});
