import type { GitHubAppJob } from '../../../jobs/queues.js';

/** A verified delivery: `X-GitHub-Delivery`, `X-GitHub-Event` and the parsed body. */
export interface Delivery {
  id: string;
  name: string;
  payload: unknown;
}

/**
 * One kind of webhook: the events it listens to (`event` or `event.action`, as @octokit/webhooks
 * names them) and the work a delivery asks for, as neutral job payloads. Pure: no I/O.
 */
export interface WebhookHandler {
  events: readonly string[];
  jobsFor(delivery: Delivery): GitHubAppJob[];
}
