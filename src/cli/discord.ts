/**
 * `cloudsentinel discord register [--guild ID]`: registers the `/sentinel` command with Discord,
 * globally (every server the bot is in; Discord takes up to an hour to show it) or in one server
 * (at once; handy while setting up). Registration replaces the application's commands with ours, so
 * running it again after an upgrade is safe.
 */
import type { Command } from 'commander';
import { DiscordAPIError, HTTPError, Routes } from 'discord.js';
import { sentinelCommand } from '../bot/discord/commands.js';
import { createDiscordRest } from '../bot/discord/rest.js';
import { AppError } from '../errors.js';
import { context, type Io } from './context.js';

const NOT_CONFIGURED = new AppError(
  'CONFIG_ERROR',
  'Discord is not configured: set DISCORD_PUBLIC_KEY, DISCORD_BOT_TOKEN and DISCORD_APPLICATION_ID (from the Developer Portal).',
  { hint: 'See the Discord section of README.md.' },
);

/** What Discord said, as a message that says what to do. */
function refused(error: unknown): AppError {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    const hint =
      error.status === 401
        ? 'Check DISCORD_BOT_TOKEN: reset the token under Bot in the Developer Portal and set the new one.'
        : error.status === 403 || error.status === 404
          ? 'Check DISCORD_APPLICATION_ID, and that the bot was invited to the server with the applications.commands scope.'
          : 'Try again later; Discord may be having trouble.';
    return new AppError('PROVIDER_ERROR', `Discord refused to register the commands: HTTP ${error.status} ${error.message}`, { hint, cause: error });
  }
  return new AppError('PROVIDER_ERROR', `Could not reach Discord to register the commands: ${error instanceof Error ? error.message : String(error)}`, {
    hint: 'Check the network and DISCORD_API_URL.',
    cause: error,
  });
}

async function register(io: Io, options: { guild?: string }): Promise<void> {
  const { config } = context();
  if (!config.discord) throw NOT_CONFIGURED;
  const guild = options.guild?.trim();
  if (guild !== undefined && !/^\d{5,25}$/.test(guild)) throw new AppError('VALIDATION_ERROR', `--guild must be a server id (digits), not "${guild}".`);
  const { applicationId } = config.discord;
  // One attempt and a short wait: a person is watching, and can run it again.
  const rest = createDiscordRest(config.discord, { retries: 1, timeoutMs: 10_000 });
  const route = guild ? Routes.applicationGuildCommands(applicationId, guild) : Routes.applicationCommands(applicationId);
  const definition = sentinelCommand();
  let registered: unknown;
  try {
    registered = await rest.put(route, { body: [definition] });
  } catch (error) {
    throw refused(error);
  }
  const count = Array.isArray(registered) ? registered.length : 0;
  const subcommands = (definition.options ?? []).map((option) => option.name).join(', ');
  io.out(`Registered ${count} command for application ${applicationId} ${guild ? `in server ${guild} (available now)` : 'globally (servers see it within an hour)'}:`);
  io.out(`  /${definition.name} ${subcommands}`);
}

export function registerDiscordCommands(program: Command, io: Io): void {
  const discord = program.command('discord').description('Discord: set up the application');
  discord
    .command('register')
    .description('Register the /sentinel command with Discord (global, or in one server with --guild)')
    .option('--guild <id>', 'register in this server only (appears at once; global commands can take up to an hour)')
    .action((options: { guild?: string }) => register(io, options));
}
