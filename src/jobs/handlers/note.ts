/**
 * Posts a change's note ("Acknowledged by …") under one copy of an alert's card. The refresh job
 * queues it once it has updated that copy, so the card update does not wait out the platform's
 * posting pace for the note, and a refresh worker is free for the next change at once.
 */
import { AppError } from '../../errors.js';
import { getAlertMessage } from '../../store/alert-messages.js';
import type { NotifierRegistry } from '../../bot/core/types.js';
import type { JobHandler } from '../job-queue.js';
import type { JobPayloads } from '../queues.js';
import type { HandlerDeps } from './index.js';

export function noteHandler(deps: HandlerDeps & { notifiers: NotifierRegistry }): JobHandler<JobPayloads['note']> {
  return async (data, context) => {
    const message = await getAlertMessage(deps.db, data.messageId);
    if (!message) {
      context.logger.info({ messageId: data.messageId }, 'the card is gone; note not posted');
      return;
    }
    const notifier = deps.notifiers[message.platform];
    if (!notifier) throw new AppError('PROVIDER_ERROR', `No ${message.platform} notifier in this process for the note under ${message.channelId}/${message.messageId}.`);
    await notifier.postThreadNote(message, data.text);
  };
}
