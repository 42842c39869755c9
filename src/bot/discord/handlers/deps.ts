/** What every Discord handler is given: the core's dependencies and a way to post thread notes. */
import type { Keyring } from '../../../store/crypto.js';
import type { CoreDeps } from '../../core/triage.js';
import type { Notifier } from '../../core/types.js';

export interface HandlerDeps extends CoreDeps {
  keyring: Keyring;
  /** Posts a note under a card, paced with every other message to its channel. */
  notes: Pick<Notifier, 'postThreadNote'>;
}

export const nowOf = (deps: HandlerDeps): Date => (deps.clock ?? (() => new Date()))();
