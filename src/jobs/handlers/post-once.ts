/**
 * "Post this to that channel once", across job retries: the post is marked by an audit row, written
 * after it succeeded, which a retry finds and skips. Used for messages that have no record of their
 * own to check (digests, health notices). The one gap: a post that reached the platform but whose
 * mark was lost (the process died in between) is posted again by the retry.
 */
import type { PostedMessage } from '../../bot/core/types.js';
import { appendAudit, listAudit } from '../../store/audit.js';
import type { Db } from '../../store/db.js';
import type { JobContext } from '../job-queue.js';

export interface PostMark {
  tenantId: string;
  /** The audit action that marks the post, e.g. `notify.digest`. */
  action: string;
  targetType: string;
  /** Unique per message and channel. */
  targetId: string;
  details: Record<string, unknown>;
}

export async function postOnce(db: Db, mark: PostMark, post: () => Promise<PostedMessage>, context: JobContext): Promise<void> {
  const marked = await listAudit(db, { tenantId: mark.tenantId, targetType: mark.targetType, targetId: mark.targetId, limit: 10 });
  if (marked.some((row) => row.action === mark.action)) {
    context.logger.debug({ targetId: mark.targetId, action: mark.action }, 'already posted to this channel; not posting it again');
    return;
  }
  const posted = await post();
  await appendAudit(db, {
    tenantId: mark.tenantId,
    actor: 'notify',
    action: mark.action,
    targetType: mark.targetType,
    targetId: mark.targetId,
    details: { ...mark.details, channelId: posted.channelId, messageId: posted.messageId },
  });
}
