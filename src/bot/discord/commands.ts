/**
 * The `/sentinel` application command: its definition as Discord registers it (one subcommand per
 * Slack verb), and the way an invocation's options become the text form the core parses, so every
 * platform runs the same commands with the same answers.
 */
import { SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { SEVERITIES } from '../core/commands.js';
import { isRecord } from '../core/present.js';

export const COMMAND_NAME = 'sentinel';

const choices = (values: readonly string[]) => values.map((value) => ({ name: value, value }));
const STATES = ['open', 'acknowledged', 'suppressed', 'resolved', 'mine'] as const;
const ROLES = ['admin', 'responder', 'viewer'] as const;

/** The command as `PUT /applications/{app}/commands` takes it. */
export function sentinelCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('CloudSentinel: cloud misconfigurations, triaged here')
    .setDMPermission(false)
    .addSubcommand((s) => s.setName('help').setDescription('What CloudSentinel can do'))
    .addSubcommand((s) =>
      s
        .setName('scan')
        .setDescription('Start a scan; progress and the summary are posted in this channel')
        .addStringOption((o) => o.setName('integration').setDescription('The integration to scan, e.g. prod').setRequired(true).setMaxLength(100)),
    )
    .addSubcommand((s) =>
      s
        .setName('status')
        .setDescription('The latest scans, or one scan')
        .addStringOption((o) => o.setName('scan_id').setDescription('A scan id').setMaxLength(100)),
    )
    .addSubcommand((s) =>
      s
        .setName('alerts')
        .setDescription('Alerts with their buttons')
        .addStringOption((o) => o.setName('state').setDescription('Which alerts (default open)').addChoices(...choices(STATES)))
        .addStringOption((o) => o.setName('severity').setDescription('Only this severity').addChoices(...choices(SEVERITIES.filter((s) => s !== 'info'))))
        .addIntegerOption((o) => o.setName('page').setDescription('Page number').setMinValue(1).setMaxValue(10_000)),
    )
    .addSubcommand((s) =>
      s
        .setName('subscribe')
        .setDescription('Post new alerts of an integration (or all) to this channel')
        .addStringOption((o) => o.setName('integration').setDescription('An integration name, or all').setRequired(true).setMaxLength(100))
        .addStringOption((o) => o.setName('min_severity').setDescription('The least severity posted (default low)').addChoices(...choices(SEVERITIES))),
    )
    .addSubcommand((s) =>
      s
        .setName('unsubscribe')
        .setDescription('Stop posting alerts of an integration (or all) here')
        .addStringOption((o) => o.setName('integration').setDescription('An integration name, or all').setRequired(true).setMaxLength(100)),
    )
    .addSubcommand((s) => s.setName('integrations').setDescription('Connected clouds and their health'))
    .addSubcommand((s) => s.setName('suppressions').setDescription('Active suppressions and when they end'))
    .addSubcommand((s) =>
      s
        .setName('role')
        .setDescription('Grant a role (admins)')
        .addUserOption((o) => o.setName('user').setDescription('Who').setRequired(true))
        .addStringOption((o) => o.setName('role').setDescription('The role').setRequired(true).addChoices(...choices(ROLES))),
    )
    .toJSON();
}

/** Subcommands whose answer the whole channel sees (the rest answer only the person who asked). */
const CHANNEL_VISIBLE = new Set(['subscribe', 'unsubscribe', 'role']);

export function isChannelVisible(subcommand: string): boolean {
  return CHANNEL_VISIBLE.has(subcommand);
}

/** The subcommand and its options (name → value) of an APPLICATION_COMMAND interaction's `data`. */
export function readInvocation(data: unknown): { subcommand: string; options: Map<string, string> } {
  const options = new Map<string, string>();
  if (!isRecord(data) || !Array.isArray(data.options)) return { subcommand: 'help', options };
  const [sub] = data.options as unknown[];
  if (!isRecord(sub) || typeof sub.name !== 'string') return { subcommand: 'help', options };
  for (const option of Array.isArray(sub.options) ? (sub.options as unknown[]) : []) {
    if (!isRecord(option) || typeof option.name !== 'string') continue;
    if (typeof option.value === 'string' || typeof option.value === 'number') options.set(option.name, String(option.value).trim());
  }
  return { subcommand: sub.name, options };
}

/**
 * The text form of an invocation (`scan prod`, `alerts acknowledged high page 2`, `role <@123>
 * responder`), for `parseCommand`. A value with spaces stays one word only where the core allows.
 */
export function commandText(subcommand: string, options: Map<string, string>): string {
  const get = (name: string) => options.get(name) ?? '';
  switch (subcommand) {
    case 'scan':
      return `scan ${get('integration')}`;
    case 'status':
      return `status ${get('scan_id')}`;
    case 'alerts':
      return ['alerts', get('state'), get('severity'), options.has('page') ? `page ${get('page')}` : ''].filter(Boolean).join(' ');
    case 'subscribe':
      return `subscribe ${get('integration')} ${get('min_severity')}`;
    case 'unsubscribe':
      return `unsubscribe ${get('integration')}`;
    case 'role':
      return `role ${options.has('user') ? `<@${get('user')}>` : ''} ${get('role')}`;
    default:
      // help, integrations, suppressions — and anything unknown, which the core answers with help.
      return subcommand;
  }
}
