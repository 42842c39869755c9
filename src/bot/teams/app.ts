/**
 * The Teams bot: botbuilder's CloudAdapter on CloudSentinel's express server at `POST /api/messages`.
 *
 * With an app id, botbuilder checks every request's Bot Framework token (signature against the
 * channel's published keys, issuer, audience = our app id, the service URL it names) before
 * anything here runs; a missing, forged or misdirected token is answered 401 and changes nothing.
 * Without one (TEAMS_ENABLED=true), requests are not authenticated: the Bot Framework Emulator on a
 * laptop only.
 *
 * This file is transport: it reads the activity, hands it to the handler for its type and answers.
 * Messages are commands (handlers/message.ts), card clicks are Universal Actions
 * (handlers/card-action.ts), the bot being added says hello (handlers/welcome.ts).
 */
import { ActivityTypes, CloudAdapter, type TurnContext } from 'botbuilder';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { TeamsConfig } from '../../config.js';
import { scrubSecrets, type Logger } from '../../logger.js';
import type { Keyring } from '../../store/crypto.js';
import { isRecord } from '../core/present.js';
import type { CoreDeps } from '../core/triage.js';
import { createBotAuthentication } from './auth.js';
import { errorResponse } from './cards.js';
import { onCardAction, type UniversalActionResponse } from './handlers/card-action.js';
import type { TeamsHandlerDeps } from './handlers/deps.js';
import { onMessage } from './handlers/message.js';
import { onConversationUpdate } from './handlers/welcome.js';
import { statusOf } from './send.js';

export interface TeamsBotDeps extends CoreDeps {
  teams: TeamsConfig;
  keyring: Keyring;
  logger: Logger;
}

export interface TeamsBot {
  /** Mount at `/`: it serves POST /api/messages. */
  router: Router;
}

const ADAPTIVE_CARD_ACTION = 'adaptiveCard/action';
const SORRY = 'Sorry, something went wrong on CloudSentinel\'s side. Try again in a moment; if it keeps happening, tell whoever runs CloudSentinel.';

/** What may be logged about an error: never its request (which carries the bearer token) or its body. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubSecrets(String(error)) };
  return { name: error.name, message: scrubSecrets(error.message), status: statusOf(error) ?? undefined };
}

/**
 * Whether a body can be an activity at all. botbuilder throws outside its own error handling on a
 * body without a type, which would surface as a 500; such requests are the sender's mistake.
 */
function malformed(body: unknown): string | null {
  if (!isRecord(body)) return 'The body must be a Bot Framework activity (a JSON object).';
  if (typeof body.type !== 'string' || !body.type) return 'The activity has no type.';
  if (body.serviceUrl !== undefined && typeof body.serviceUrl !== 'string') return 'The activity\'s serviceUrl must be a string.';
  for (const field of ['conversation', 'from', 'recipient'] as const) {
    if (body[field] !== undefined && !isRecord(body[field])) return `The activity's ${field} must be an object.`;
  }
  return null;
}

async function onTurn(deps: TeamsHandlerDeps, context: TurnContext): Promise<void> {
  const activity = context.activity;
  switch (activity.type) {
    case 'message':
      await onMessage(deps, context);
      return;
    case 'conversationUpdate':
      await onConversationUpdate(deps, context);
      return;
    case 'invoke': {
      const response: UniversalActionResponse =
        activity.name === ADAPTIVE_CARD_ACTION ? await onCardAction(deps, context) : errorResponse(400, `CloudSentinel does not handle ${activity.name ?? 'this'} invokes.`);
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: response } });
      return;
    }
    default:
      // Reactions, typing, installation updates and the like need no answer.
      return;
  }
}

export function createTeamsBot(deps: TeamsBotDeps): TeamsBot {
  const logger = deps.logger.child({ component: 'teams' });
  const adapter = new CloudAdapter(createBotAuthentication(deps.teams));
  const handlerDeps: TeamsHandlerDeps = { ...deps, logger };

  adapter.onTurnError = async (context, error) => {
    const activity = context.activity;
    logger.error({ err: describeError(error), activityType: activity.type, conversationId: activity.conversation?.id }, 'Teams turn failed');
    try {
      if (activity.type === 'invoke') {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: errorResponse(500, SORRY) } });
      } else if (activity.type === 'message') {
        await context.sendActivity(SORRY);
      }
    } catch (replyError) {
      logger.warn({ err: describeError(replyError) }, 'could not tell the user that the turn failed');
    }
  };

  const router = Router();
  router.post('/api/messages', (req: Request, res: Response, next: NextFunction) => {
    const problem = malformed(req.body);
    if (problem) {
      res.status(400).json({ error: problem });
      return;
    }
    adapter.process(req, res, (context) => onTurn(handlerDeps, context)).catch(next);
  });
  return { router };
}
