import { describe, expect, it } from 'vitest';
import { validateSchedule } from '../../src/integrations/schedule.js';

describe('scan schedules', () => {
  it('accepts 5-field cron expressions at most every 15 minutes', () => {
    expect(validateSchedule(' 0 3 * * * ')).toBe('0 3 * * *');
    expect(validateSchedule('*/15 * * * *')).toBe('*/15 * * * *');
    expect(validateSchedule('30 */6 * * 1-5')).toBe('30 */6 * * 1-5');
  });

  it('refuses malformed, 6-field and too frequent schedules with a field to point at', () => {
    expect(() => validateSchedule('every day')).toThrow(/5-field cron expression/);
    expect(() => validateSchedule('0 0 3 * * *')).toThrow(/5-field cron expression/);
    expect(() => validateSchedule('61 3 * * *')).toThrow(/not a valid cron expression/);
    expect(() => validateSchedule('*/5 * * * *')).toThrow(/more often than every 15 minutes/);
    expect(() => validateSchedule('* * * * *')).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', details: [expect.objectContaining({ field: 'schedule' })] }));
  });
});
