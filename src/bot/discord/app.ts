/**
 * Discord's HTTP interactions endpoint, `POST /discord/interactions`: the transport only. It reads
 * the raw body (the signature covers the exact bytes), verifies the Ed25519 signature and its
 * timestamp, answers PINGs, and hands every other interaction to its handler (./handlers), whose
 * answer it delivers within Discord's 3 seconds.
 *
 * Discord drops an interaction that is not answered in 3 seconds, so an answer not ready within
 * `deadlineMs` (2 s) is deferred — "thinking…" for a new message, or a silent acknowledgement for
 * an edit of the clicked message — and delivered later by editing the original response
 * (`PATCH /webhooks/{app}/{token}/messages/@original`) and posting follow-ups. Handlers never see
 * the difference. A handler that fails is logged and the user told so, never shown a stack trace.
 */
import type { KeyObject } from 'node:crypto';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteractionResponse,
  type REST,
} from 'discord.js';
import express, { Router, type Request, type Response } from 'express';
import type { DiscordConfig } from '../../config.js';
import { describeError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Keyring } from '../../store/crypto.js';
import type { CoreDeps } from '../core/triage.js';
import type { Answer, Deferral, Plan } from './answer.js';
import { planFor, type HandlerDeps } from './handlers/index.js';
import { readInteraction, type Interaction } from './interaction.js';
import { createDiscordNotifier } from './notifier.js';
import { renderNotice, type DiscordMessage } from './render.js';
import { createDiscordRest } from './rest.js';
import { discordPublicKey, verifyInteraction } from './verify.js';

export interface DiscordAppDeps extends CoreDeps {
  discord: DiscordConfig;
  keyring: Keyring;
  logger: Logger;
  /** The largest request body accepted (express's `limit`, e.g. `1mb`); the router reads the raw body itself to verify its signature. */
  bodyLimit: string;
  /**
   * How long an answer may take before the interaction is deferred (default 2000 ms, leaving a
   * second of Discord's three for the network). 0 defers every answer that needs any I/O.
   */
  deadlineMs?: number;
}

export interface DiscordApp {
  /** Mount at `/`: it serves POST /discord/interactions. */
  router: Router;
}

export const INTERACTIONS_PATH = '/discord/interactions';
const DEFAULT_DEADLINE_MS = 2000;

const withFlags = (message: DiscordMessage, ephemeral: boolean) => (ephemeral ? { ...message, flags: MessageFlags.Ephemeral } : message);

/** The interaction's HTTP response when the answer is ready in time. */
function immediateResponse(answer: Answer): APIInteractionResponse {
  switch (answer.kind) {
    case 'message':
      return { type: InteractionResponseType.ChannelMessageWithSource, data: withFlags(answer.messages[0] ?? { content: '…', allowed_mentions: { parse: [] } }, answer.ephemeral) };
    case 'update':
      return { type: InteractionResponseType.UpdateMessage, data: answer.message };
    case 'modal':
      return { type: InteractionResponseType.Modal, data: answer.modal };
  }
}

function deferredResponse(defer: Deferral): APIInteractionResponse {
  if (defer.kind === 'update') return { type: InteractionResponseType.DeferredMessageUpdate };
  return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: defer.ephemeral ? { flags: MessageFlags.Ephemeral } : {} };
}

/** Resolves with the answer if it is ready within `ms`, else with null (the answer keeps going). */
async function within(answer: Promise<Answer>, ms: number): Promise<Answer | null> {
  if (ms <= 0) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function createDiscordApp(deps: DiscordAppDeps): DiscordApp {
  const key: KeyObject = discordPublicKey(deps.discord.publicKey);
  const log = deps.logger.child({ component: 'discord' });
  // Webhook calls (answers after a deferral, follow-ups) are authorised by the interaction token, not the bot token.
  const rest: REST = createDiscordRest(deps.discord);
  const handlerDeps: HandlerDeps = {
    db: deps.db,
    queue: deps.queue,
    config: deps.config,
    keyring: deps.keyring,
    notes: createDiscordNotifier({ db: deps.db, discord: deps.discord, logger: deps.logger }),
    ...(deps.clock ? { clock: deps.clock } : {}),
  };
  const deadlineMs = deps.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const appId = deps.discord.applicationId;

  const followUp = (interaction: Interaction, message: DiscordMessage, ephemeral: boolean) =>
    rest.post(Routes.webhook(appId, interaction.token), { body: withFlags(message, ephemeral), auth: false });
  const editOriginal = (interaction: Interaction, message: DiscordMessage) =>
    rest.patch(Routes.webhookMessage(appId, interaction.token, '@original'), { body: message, auth: false });

  /** What comes after the first response: further messages, the clicker's notice, the card's note. */
  async function finish(interaction: Interaction, answer: Answer, alreadySent: number): Promise<void> {
    if (answer.kind === 'message') {
      for (const message of answer.messages.slice(alreadySent)) await followUp(interaction, message, answer.ephemeral);
    }
    if (answer.kind === 'update' && answer.notice) await followUp(interaction, answer.notice, true);
    if (answer.kind !== 'modal') await answer.afterwards?.();
  }

  /** Delivers an answer after a deferral: the original response edited, the rest as follow-ups. */
  async function deliverLate(interaction: Interaction, defer: Deferral, answer: Answer): Promise<void> {
    switch (answer.kind) {
      case 'modal':
        // A modal can only be the first response; handlers return theirs at once, so this is a bug.
        await followUp(interaction, renderNotice('That form could not be opened in time. Please try again.'), true);
        return;
      case 'update':
        await editOriginal(interaction, answer.message);
        await finish(interaction, answer, 0);
        return;
      case 'message': {
        const [first] = answer.messages;
        if (defer.kind === 'message' && first) {
          await editOriginal(interaction, first);
          await finish(interaction, answer, 1);
        } else {
          await finish(interaction, answer, 0);
        }
        return;
      }
    }
  }

  /** A failed handler becomes a private answer that says so; the details go to the log. */
  const safely = (interaction: Interaction, answer: Promise<Answer>): Promise<Answer> =>
    answer.catch((error: unknown) => {
      log.error({ err: error, interactionId: interaction.id, type: interaction.type }, 'Discord interaction failed');
      return { kind: 'message', messages: [renderNotice(`Something went wrong: ${describeError(error)}`)], ephemeral: true };
    });

  const background = (interaction: Interaction, work: Promise<void>) => {
    work.catch((error: unknown) => log.error({ err: error, interactionId: interaction.id }, 'Discord follow-up failed'));
  };

  async function respond(res: Response, interaction: Interaction, plan: Plan): Promise<void> {
    if (!(plan.answer instanceof Promise)) {
      res.json(immediateResponse(plan.answer));
      background(interaction, finish(interaction, plan.answer, 1));
      return;
    }
    const answer = safely(interaction, plan.answer);
    const ready = await within(answer, deadlineMs);
    if (ready) {
      res.json(immediateResponse(ready));
      background(interaction, finish(interaction, ready, 1));
      return;
    }
    res.json(deferredResponse(plan.defer));
    background(interaction, answer.then((late) => deliverLate(interaction, plan.defer, late)));
  }

  async function handle(req: Request, res: Response): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verified = verifyInteraction(key, { signature: req.get('x-signature-ed25519'), timestamp: req.get('x-signature-timestamp') }, raw, Date.now());
    if (!verified.ok) {
      log.info({ reason: verified.reason }, 'Discord interaction refused');
      res.status(401).json({ error: 'invalid request signature' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).json({ error: 'the body is not JSON' });
      return;
    }
    const interaction = readInteraction(body);
    if (!interaction) {
      res.status(400).json({ error: 'not an interaction' });
      return;
    }
    if (interaction.type === InteractionType.Ping) {
      res.json({ type: InteractionResponseType.Pong });
      return;
    }
    const plan = planFor(handlerDeps, interaction);
    if (!plan) {
      res.status(400).json({ error: `interaction type ${interaction.type} is not handled` });
      return;
    }
    await respond(res, interaction, plan);
  }

  const router = Router();
  router.post(INTERACTIONS_PATH, express.raw({ type: () => true, limit: deps.bodyLimit }), (req, res, next) => {
    handle(req, res).catch(next);
  });
  return { router };
}
