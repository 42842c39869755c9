/** The health notice as each platform renders it: headline, the test's error, what to do next. */
import { describe, expect, it } from 'vitest';
import type { HealthNoticeView } from '../../src/bot/core/types.js';
import { renderHealthNotice as discordNotice } from '../../src/bot/discord/render.js';
import { renderHealthNotice as slackNotice } from '../../src/bot/slack/blocks.js';
import { healthSummary, renderHealthNotice as teamsNotice } from '../../src/bot/teams/cards.js';

const broken: HealthNoticeView = {
  integrationId: 'i-1',
  integrationName: 'prod_<main>',
  provider: 'aws',
  turned: 'unhealthy',
  errorMessage: 'AccessDenied: User is not authorized to perform sts:GetCallerIdentity',
  checkedAt: '2026-12-05T13:45:10.000Z',
};
const fixed: HealthNoticeView = { ...broken, turned: 'healthy', errorMessage: null };

describe('health notices', () => {
  it('Slack: a section with the escaped name, the error as code, and the advice with the CLI test', () => {
    const { text, blocks } = slackNotice(broken);
    const json = JSON.stringify(blocks);
    expect(text).toContain('prod_&lt;main&gt; (aws) is unhealthy');
    expect(json).toContain(':rotating_light:');
    expect(json).toContain('```AccessDenied: User is not authorized');
    expect(json).toContain('Checked 2026-12-05 13:45 UTC');
    expect(json).toContain('cloudsentinel integrations test prod_&lt;main&gt;');
    const healthy = slackNotice(fixed);
    expect(healthy.text).toContain('is healthy again');
    expect(healthy.blocks).toHaveLength(2);
  });

  it('Teams: an Adaptive Card in attention colour with the error and advice; a plain summary', () => {
    const card = JSON.stringify(teamsNotice(broken));
    expect(card).toContain('"color":"attention"');
    expect(card).toContain('is unhealthy');
    expect(card).toContain('sts:GetCallerIdentity');
    expect(healthSummary(fixed)).toBe('Integration prod_<main> (aws) is healthy again');
    expect(JSON.stringify(teamsNotice(fixed))).not.toContain('attention');
  });

  it('Discord: a red embed with the error as its description and the advice in the footer, no mentions', () => {
    const message = discordNotice(broken);
    const [embed] = message.embeds ?? [];
    expect(embed?.color).toBe(0xb71c1c);
    expect(embed?.title).toContain('is unhealthy');
    expect(embed?.description).toContain('sts:GetCallerIdentity');
    expect(embed?.footer?.text).toContain('cloudsentinel integrations test');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(discordNotice(fixed).embeds?.[0]?.description).toBeUndefined();
  });
});
