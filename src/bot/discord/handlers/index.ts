/** Which handler takes an interaction, by its type; PINGs are answered by the endpoint itself. */
import { InteractionType } from 'discord.js';
import type { Plan } from '../answer.js';
import type { Interaction } from '../interaction.js';
import { handleCommand } from './command.js';
import { handleComponent } from './component.js';
import type { HandlerDeps } from './deps.js';
import { handleModalSubmit } from './modal-submit.js';

export type { HandlerDeps } from './deps.js';

/** The plan for an interaction, or null for a type we do not take (autocomplete, unknown ones). */
export function planFor(deps: HandlerDeps, interaction: Interaction): Plan | null {
  switch (interaction.type) {
    case InteractionType.ApplicationCommand:
      return handleCommand(deps, interaction);
    case InteractionType.MessageComponent:
      return handleComponent(deps, interaction);
    case InteractionType.ModalSubmit:
      return handleModalSubmit(deps, interaction);
    case InteractionType.Ping:
    case InteractionType.ApplicationCommandAutocomplete:
      // PINGs are the endpoint's; the command has no autocompleted options.
      return null;
    default:
      return null;
  }
}
