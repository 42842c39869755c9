/** What the Teams handlers need: the core's dependencies, the keyring (workspaces) and a logger. */
import type { Logger } from '../../../logger.js';
import type { Keyring } from '../../../store/crypto.js';
import type { CoreDeps } from '../../core/triage.js';

export interface TeamsHandlerDeps extends CoreDeps {
  keyring: Keyring;
  logger: Logger;
}
