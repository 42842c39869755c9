/**
 * `/sentinel <subcommand>`: the options become the core's text form, the core runs it, and the
 * reply is rendered for Discord. Subscribe, unsubscribe and role answer the channel; the rest only
 * the person who asked — decided from the subcommand up front, because a deferred answer's
 * visibility cannot change afterwards.
 */
import { randomUUID } from 'node:crypto';
import { parseCommand, runCommand } from '../../core/commands.js';
import { actorOf, NOT_IN_A_SERVER } from '../actor.js';
import { say, type Answer, type Plan } from '../answer.js';
import { COMMAND_NAME, commandText, isChannelVisible, readInvocation } from '../commands.js';
import type { Interaction } from '../interaction.js';
import { renderCommandReply, renderNotice } from '../render.js';
import { nowOf, type HandlerDeps } from './deps.js';

/** Runs a command's text for the person in the interaction; also serves the "Next page" button. */
export async function answerCommand(deps: HandlerDeps, interaction: Interaction & { guildId: string; userId: string; channelId: string }, text: string): Promise<Answer> {
  const actor = await actorOf(deps, interaction.guildId, interaction.userId);
  const reply = await runCommand(deps, actor, { id: interaction.channelId }, parseCommand(text), randomUUID());
  return { kind: 'message', messages: renderCommandReply(reply, { now: nowOf(deps) }), ephemeral: reply.visibility === 'ephemeral' };
}

export function handleCommand(deps: HandlerDeps, interaction: Interaction): Plan {
  const { subcommand, options } = readInvocation(interaction.data);
  const defer = { kind: 'message', ephemeral: !isChannelVisible(subcommand) } as const;
  const { guildId, userId, channelId } = interaction;
  if (interaction.data.name !== COMMAND_NAME) return { defer, answer: say(renderNotice(`I only know \`/${COMMAND_NAME}\`.`)) };
  if (!guildId || !userId || !channelId) return { defer, answer: say(renderNotice(NOT_IN_A_SERVER)) };
  return { defer, answer: answerCommand(deps, { ...interaction, guildId, userId, channelId }, commandText(subcommand, options)) };
}
