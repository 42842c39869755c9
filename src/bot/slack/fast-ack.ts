/**
 * Slash commands and button clicks are acknowledged as soon as their signature checks out, before
 * express and Bolt see them. Slack allows 3 seconds, but an incident brings a channel's worth of
 * them at once, and each answer waits for every request read before it: on a small machine
 * express's routing and Bolt's middleware chain, run for every request of a burst before the
 * last one is answered, are most of that wait.
 *
 * This is a Bolt custom-receiver front: it verifies the v0 signature (Bolt's own
 * `verifySlackRequest`, 5-minute window), parses the body as Bolt does, answers `200` with an
 * empty body — which is all our command and action listeners ever send with `ack()` — and hands
 * the event, with the retry headers, to `app.processEvent` once the burst it came in has been
 * answered (the after-ack queue's quiet: at most 250 ms later).
 * Everything else takes the ordinary path through express and Bolt's ExpressReceiver, with the
 * body already read (`rawBody`, which the receiver takes as is): events (`url_verification`,
 * `app_home_opened`), modal submissions (whose ack may carry validation errors), requests that
 * fail verification (Bolt answers 401 and logs why), and the OAuth routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HTTPModuleFunctions, verifySlackRequest, type App } from '@slack/bolt';
import getRawBody from 'raw-body';
import type { Logger } from '../../logger.js';
import type { Metrics } from '../../metrics.js';
import type { AfterAck } from '../core/after-ack.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface FastAckOptions {
  app: App;
  signingSecret: string;
  /** The largest body read, as express's `limit` (e.g. `1mb`). */
  bodyLimit: string;
  logger: Logger;
  metrics: Metrics;
  /** The after-ack queue: told of every Slack request, and when the burst has been answered. */
  later: Pick<AfterAck, 'arrived' | 'quiet'>;
}

/**
 * A request front for the HTTP server: `handle(req, res, fallback)` answers a signed slash command
 * or block action itself, and passes anything else to `fallback` (the express app).
 */
export type RequestFront = (req: IncomingMessage, res: ServerResponse, fallback: (req: IncomingMessage, res: ServerResponse) => void) => void;

interface Parsed {
  command?: unknown;
  type?: unknown;
}

/** Payloads whose listeners ack with nothing: a slash command, a button or menu in a message. */
function acksEmpty(body: Parsed | null): boolean {
  return body !== null && (typeof body.command === 'string' || body.type === 'block_actions');
}

export function slackFastAck(options: FastAckOptions): RequestFront {
  const { app, signingSecret, bodyLimit, logger, metrics, later } = options;
  const log = logger.child({ component: 'slack' });

  return (req, res, fallback) => {
    const path = req.url?.split('?', 1)[0];
    if (req.method !== 'POST' || path !== SLACK_EVENTS_PATH) {
      fallback(req, res);
      return;
    }
    const started = process.hrtime.bigint();
    later.arrived();
    getRawBody(req, { limit: bodyLimit, length: req.headers['content-length'] }).then(
      (raw) => {
        // Bolt's body parser and its ExpressReceiver read `rawBody` when it is there instead of the (consumed) stream.
        const buffered = Object.assign(req, { rawBody: raw });
        const body = verifiedBody(signingSecret, buffered);
        if (!acksEmpty(body)) {
          fallback(req, res);
          return;
        }
        res.writeHead(200, { 'Content-Length': '0', 'X-Request-Id': randomUUID() });
        res.end();
        metrics.httpDuration.observe({ method: 'POST', route: SLACK_EVENTS_PATH, status: '200' }, Number(process.hrtime.bigint() - started) / 1e9);
        const event = {
          body: body as Record<string, unknown>,
          retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
          retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
          ack: async (response?: unknown) => {
            if (response !== undefined && response !== '') log.warn('A Slack listener acked with a body after the fast acknowledgement; send it with respond() instead');
          },
        };
        // Bolt's middleware runs once the burst this request came in has been answered.
        later
          .quiet()
          .then(() => app.processEvent(event))
          .catch((error: unknown) => log.error({ err: error }, 'Slack handler failed'));
      },
      (error: { status?: number; type?: string }) => {
        // raw-body's errors carry the HTTP status: 413 too large, 400 length mismatch or aborted.
        if (res.headersSent || req.destroyed) return;
        const status = error.status ?? 400;
        log.warn({ status, reason: error.type }, 'Slack request body could not be read');
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message: status === 413 ? `The request body is over ${bodyLimit}.` : 'The request body could not be read.' } }));
      },
    );
  };
}

/** The parsed body when the signature is right, null otherwise (Bolt's own path then answers and logs why). */
function verifiedBody(signingSecret: string, req: IncomingMessage & { rawBody: Buffer }): Parsed | null {
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return null;
  try {
    verifySlackRequest({ signingSecret, body: req.rawBody.toString('utf8'), headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } });
    return HTTPModuleFunctions.parseHTTPRequestBody(req) as Parsed;
  } catch {
    return null;
  }
}
