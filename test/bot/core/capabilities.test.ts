import { describe, expect, it } from 'vitest';
import { actorLabel, actorToken, CAPABILITIES, renderNote } from '../../../src/bot/core/capabilities.js';

describe('platform capabilities', () => {
  it('has a record for every platform, each within its own limits', () => {
    expect(Object.keys(CAPABILITIES).sort()).toEqual(['discord', 'slack', 'teams']);
    for (const [platform, caps] of Object.entries(CAPABILITIES)) {
      expect(caps.platform).toBe(platform);
      expect(caps.maxButtonsPerMessage).toBeGreaterThan(0);
      expect(caps.channelIntervalMs).toBeGreaterThan(0);
    }
  });

  it('names actors as mentions on their own platform and as readable text elsewhere', () => {
    expect(actorLabel('slack:T1:U1', 'slack')).toBe('<@U1>');
    expect(actorLabel('slack:T1:U1', 'discord')).toBe('Slack user U1');
    expect(actorLabel('discord:G1:42', 'discord')).toBe('<@42>');
    expect(actorLabel('discord:G1:42', 'teams')).toBe('Discord user 42');
    expect(actorLabel('teams:tenant:aad-1', 'teams')).toBe('**aad-1**');
    expect(actorLabel('scan', 'slack')).toBe('a scan');
    expect(actorLabel('maintenance', 'teams')).toBe('the suppression expiry');
    expect(actorLabel('api:tok_1', 'slack')).toBe('API token tok_1');
    expect(actorLabel(null, 'slack')).toBe('someone');
  });

  it('renders a note written once for every platform it is shown on', () => {
    const note = `Assigned to ${actorToken('discord:G1:42')} by ${actorToken('slack:T1:U1')}`;
    expect(renderNote(note, 'slack')).toBe('Assigned to Discord user 42 by <@U1>');
    expect(renderNote(note, 'discord')).toBe('Assigned to <@42> by Slack user U1');
    expect(renderNote('Resolved by a scan: the problem is gone.', 'teams')).toBe('Resolved by a scan: the problem is gone.');
  });
});
