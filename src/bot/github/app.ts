/**
 * The GitHub App's webhook endpoint, `POST /github/webhooks`: the transport only. It reads the raw
 * body (the signature covers the exact bytes), verifies `X-Hub-Signature-256` with the webhook
 * secret (missing or forged: 401), parses the delivery (malformed: 400), and hands it to
 * @octokit/webhooks, which routes it by event and action to the handlers (./handlers). A handler
 * turns the delivery into job payloads; they are queued together with the delivery's id in one
 * transaction, so the answer goes back at once, and a redelivery of the same `X-GitHub-Delivery`
 * queues nothing.
 */
import express, { Router, type Request, type Response } from 'express';
import type { EmitterWebhookEvent, EmitterWebhookEventName } from '@octokit/webhooks';
import { isAppError } from '../../errors.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { JobPayloads } from '../../jobs/queues.js';
import type { Logger } from '../../logger.js';
import type { Db } from '../../store/db.js';
import { acceptDelivery } from './deliveries.js';
import { WEBHOOK_HANDLERS, type Delivery } from './handlers/index.js';
import type { OctokitApp } from './octokit-app.js';

export const WEBHOOKS_PATH = '/github/webhooks';
/** GitHub caps webhook payloads at 25 MB (a push of many commits comes close to it). */
const GITHUB_PAYLOAD_LIMIT = '25mb';

export interface GitHubWebhooksDeps {
  db: Db;
  queue: JobQueue<JobPayloads>;
  /** Built with the webhook secret: its `webhooks` verifies and routes deliveries. */
  app: OctokitApp;
  logger: Logger;
}

export interface GitHubWebhooks {
  /** Mount at `/`: it serves POST /github/webhooks. */
  router: Router;
}

export function createGitHubWebhooks(deps: GitHubWebhooksDeps): GitHubWebhooks {
  const log = deps.logger.child({ component: 'github' });
  const { webhooks } = deps.app;
  for (const handler of WEBHOOK_HANDLERS) {
    // The event names are @octokit/webhooks' own; `on` validates them when the router is built.
    webhooks.on(handler.events as EmitterWebhookEventName[], async (event) => {
      const delivery: Delivery = { id: event.id, name: event.name, payload: event.payload };
      const outcome = await acceptDelivery(deps.db, deps.queue, delivery, handler.jobsFor(delivery));
      log.info({ deliveryId: event.id, event: event.name, outcome }, 'GitHub delivery taken');
    });
  }

  async function handle(req: Request, res: Response): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const signature = req.get('x-hub-signature-256');
    if (!signature) {
      res.status(401).json({ error: 'missing X-Hub-Signature-256' });
      return;
    }
    if (!(await verified(raw, signature))) {
      log.warn({ deliveryId: req.get('x-github-delivery') }, 'GitHub delivery refused: the signature does not match');
      res.status(401).json({ error: 'invalid signature' });
      return;
    }
    const id = req.get('x-github-delivery');
    const name = req.get('x-github-event');
    if (!id || !name || id.length > 100 || name.length > 100) {
      res.status(400).json({ error: 'missing (or overlong) X-GitHub-Delivery or X-GitHub-Event' });
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      res.status(400).json({ error: 'the body is not JSON' });
      return;
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      res.status(400).json({ error: 'the body is not a JSON object' });
      return;
    }
    try {
      // Only the three fields @octokit/webhooks reads; the name is GitHub's, whatever it is (unknown
      // events have no handler and are acknowledged).
      await webhooks.receive({ id, name, payload } as EmitterWebhookEvent);
    } catch (error) {
      const errors = error instanceof AggregateError ? error.errors : [error];
      if (errors.length > 0 && errors.every((e) => isAppError(e) && e.code === 'VALIDATION_ERROR')) {
        log.warn({ deliveryId: id, event: name, reason: (errors[0] as Error).message }, 'GitHub delivery refused as malformed');
        res.status(400).json({ error: (errors[0] as Error).message });
        return;
      }
      // Nothing was queued (the transaction rolled back): GitHub shows the delivery as failed, and
      // redelivering it works.
      log.error({ err: error, deliveryId: id, event: name }, 'GitHub delivery could not be taken');
      res.status(500).json({ error: 'the delivery could not be taken; redeliver it later' });
      return;
    }
    res.status(202).json({ ok: true });
  }

  /** False for a signature that does not match, and for one that is not even well-formed. */
  async function verified(raw: string, signature: string): Promise<boolean> {
    try {
      return await webhooks.verify(raw, signature);
    } catch {
      return false;
    }
  }

  const router = Router();
  router.post(WEBHOOKS_PATH, express.raw({ type: () => true, limit: GITHUB_PAYLOAD_LIMIT }), (req, res, next) => {
    handle(req, res).catch(next);
  });
  return { router };
}
