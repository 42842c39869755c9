/**
 * `cloudsentinel discord register` through the CLI's entry point (`main`, with captured output)
 * against the fake Discord REST API: global and per-server registration, and the exit statuses and
 * messages for a missing configuration (2) and an API that refuses (1).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli.js';
import type { Io } from '../../../src/cli/context.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord.js';
import { generateDiscordKeys } from '../../helpers/discord.js';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await fake?.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function captured(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), errRaw: (t) => stderr.push(t), stderrIsTty: false, stdoutIsTty: false };
}

function discordEnv(overrides: Record<string, string> = {}): void {
  const env: Record<string, string> = {
    LOG_LEVEL: 'silent',
    DISCORD_PUBLIC_KEY: generateDiscordKeys().publicKeyHex,
    DISCORD_BOT_TOKEN: fake.botToken,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.url,
    ...overrides,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

const SUBCOMMANDS = ['help', 'scan', 'status', 'alerts', 'subscribe', 'unsubscribe', 'integrations', 'suppressions', 'role'];

describe('cloudsentinel discord register', () => {
  it('registers /sentinel globally with the bot token and prints what it registered', async () => {
    discordEnv();
    const io = captured();
    expect(await main(['discord', 'register'], io)).toBe(0);
    const [put] = fake.callsTo('PUT', /^\/applications\/\d+\/commands$/);
    expect(put?.authorization).toBe(`Bot ${fake.botToken}`);
    const [command] = fake.commands.global ?? [];
    expect(command).toMatchObject({ name: 'sentinel', type: 1 });
    expect(JSON.stringify(command)).toContain('"name":"min_severity"');
    expect((command as { options: Array<{ name: string }> }).options.map((o) => o.name)).toEqual(SUBCOMMANDS);
    expect(io.stdout.join('\n')).toContain(`Registered 1 command for application ${fake.applicationId} globally`);
    expect(io.stdout.join('\n')).toContain(`/sentinel ${SUBCOMMANDS.join(', ')}`);
  });

  it('registers in one server with --guild', async () => {
    discordEnv();
    const io = captured();
    expect(await main(['discord', 'register', '--guild', '900000000000000077'], io)).toBe(0);
    expect(fake.commands.guilds.get('900000000000000077')).toHaveLength(1);
    expect(io.stdout.join('\n')).toContain('in server 900000000000000077 (available now)');
  });

  it('exits 2 when Discord is not configured or the server id is not one', async () => {
    discordEnv({ DISCORD_PUBLIC_KEY: '', DISCORD_BOT_TOKEN: '', DISCORD_APPLICATION_ID: '' });
    const io = captured();
    expect(await main(['discord', 'register'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('Discord is not configured: set DISCORD_PUBLIC_KEY, DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID');

    discordEnv({ DISCORD_BOT_TOKEN: '' });
    const partial = captured();
    expect(await main(['discord', 'register'], partial)).toBe(2);
    expect(partial.stderr.join('\n')).toContain('DISCORD_BOT_TOKEN: is required when Discord is on');

    discordEnv();
    const badGuild = captured();
    expect(await main(['discord', 'register', '--guild', 'my-server'], badGuild)).toBe(2);
    expect(badGuild.stderr.join('\n')).toContain('--guild must be a server id');
  });

  it('exits 1 with a hint when Discord refuses the token or keeps failing, and never prints the token', async () => {
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gwrong.not-the-right-token-at-all';
    discordEnv({ DISCORD_BOT_TOKEN: wrong });
    const io = captured();
    expect(await main(['discord', 'register'], io)).toBe(1);
    const err = io.stderr.join('\n');
    expect(err).toContain('Discord refused to register the commands: HTTP 401');
    expect(err).toContain('Check DISCORD_BOT_TOKEN');
    expect(err).not.toContain(wrong);

    discordEnv();
    fake.fail({ method: 'PUT', path: /commands$/ }, 500, 5);
    const down = captured();
    expect(await main(['discord', 'register'], down)).toBe(1);
    expect(down.stderr.join('\n')).toContain('HTTP 500');
  });
});
