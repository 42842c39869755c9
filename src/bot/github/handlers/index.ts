/** Every webhook the App acts on, one handler per file. */
import { checkRunActionHandler } from './check-run-action.js';
import { installationRepositoriesHandler } from './installation-repositories.js';
import { installationHandler } from './installation.js';
import { repositoryChangeHandler } from './repository-change.js';
import type { WebhookHandler } from './types.js';

export type { Delivery, WebhookHandler } from './types.js';

export const WEBHOOK_HANDLERS: readonly WebhookHandler[] = [installationHandler, installationRepositoriesHandler, repositoryChangeHandler, checkRunActionHandler];
