import { CronExpressionParser } from 'cron-parser';
import { AppError } from '../errors.js';

/**
 * A scan schedule is a 5-field cron expression in UTC. Validated here so a typo is refused when it
 * is given, not discovered when the scheduler skips it. Also refuses schedules more frequent than
 * every 15 minutes: a full scan takes minutes and rescanning that often only burns API quota.
 */
export function validateSchedule(cron: string): string {
  const expression = cron.trim();
  if (expression.split(/\s+/).length !== 5) {
    throw new AppError('VALIDATION_ERROR', `The schedule "${cron}" must be a 5-field cron expression (minute hour day month weekday), e.g. "0 3 * * *".`, {
      details: [{ code: 'VALIDATION_ERROR', field: 'schedule', message: 'must be a 5-field cron expression' }],
    });
  }
  let next: Date[];
  try {
    const parsed = CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: new Date('2026-01-01T00:00:00Z') });
    next = [parsed.next().toDate(), parsed.next().toDate()];
  } catch (cause) {
    throw new AppError('VALIDATION_ERROR', `The schedule "${cron}" is not a valid cron expression.`, {
      details: [{ code: 'VALIDATION_ERROR', field: 'schedule', message: 'is not a valid cron expression' }],
      cause,
    });
  }
  const [first, second] = next as [Date, Date];
  if (second.getTime() - first.getTime() < 15 * 60_000) {
    throw new AppError('VALIDATION_ERROR', `The schedule "${cron}" runs more often than every 15 minutes; scans that frequent only burn API quota.`, {
      details: [{ code: 'VALIDATION_ERROR', field: 'schedule', message: 'must not run more often than every 15 minutes' }],
    });
  }
  return expression;
}
