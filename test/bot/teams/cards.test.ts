/**
 * Adaptive Cards for Teams, as pure functions: schema 1.5, the actions each state offers (within
 * Teams' six per card), the inline suppress and assign forms, limits on outside text, escaping, and
 * no Slack markup leaking into Teams.
 */
import { describe, expect, it } from 'vitest';
import { SUPPRESS_DURATIONS } from '../../../src/bot/core/present.js';
import type { AlertView } from '../../../src/bot/core/types.js';
import {
  INPUTS,
  LIMITS,
  VERBS,
  escapeMarkdown,
  renderAlertCard,
  renderCommandReply,
  renderDigest,
  renderScanStatus,
  teamsMarkdown,
  type AdaptiveCard,
  type CardElement,
} from '../../../src/bot/teams/cards.js';
import { sampleAlertView } from '../../helpers/teams.js';

const NOW = new Date('2026-12-05T12:00:00Z');

/** Every element and action of a card, sub-cards included. */
function walk(card: AdaptiveCard): CardElement[] {
  const out: CardElement[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const element = node as CardElement;
      if (typeof element.type === 'string') out.push(element);
      for (const value of Object.values(element)) visit(value);
    }
  };
  visit(card);
  return out;
}

const verbsOf = (card: AdaptiveCard): string[] => walk(card).filter((e) => e.type === 'Action.Execute').map((e) => String(e.verb));
const topActions = (card: AdaptiveCard): string[] => (card.actions ?? []).map((a) => String(a.type === 'Action.Execute' ? a.verb : a.title));

describe('alert cards', () => {
  it('are Adaptive Cards 1.5 with what the Slack card shows', () => {
    const card = renderAlertCard(sampleAlertView(), { now: NOW });
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
    const text = JSON.stringify(card);
    for (const expected of ['HIGH', 'S3 bucket allows public read', 'arn:aws:s3:::logs-bucket', '123456789012', 'us-east-1', '7.5 / 10', 'CIS AWS 5.0 2.1.4', 'SOC 2 CC6.1, CC6.6', 'Remediation', 'put-public-access-block', '2026-12-01 10:00 UTC', 'Open · raised by a scan']) {
      expect(text).toContain(expected);
    }
  });

  it('offer the actions of each state, carrying the alert id and version, never more than six', () => {
    const open = renderAlertCard(sampleAlertView(), { now: NOW });
    expect(topActions(open)).toEqual([VERBS.acknowledge, 'Suppress…', VERBS.resolve, 'Assign…', VERBS.assignMe]);
    expect(topActions(renderAlertCard(sampleAlertView({ state: 'acknowledged' }), { now: NOW }))).toEqual(['Suppress…', VERBS.resolve, 'Assign…', VERBS.assignMe]);
    expect(topActions(renderAlertCard(sampleAlertView({ state: 'suppressed' }), { now: NOW }))).toEqual([VERBS.reopen, VERBS.resolve, 'Assign…', VERBS.assignMe]);
    expect(topActions(renderAlertCard(sampleAlertView({ state: 'resolved' }), { now: NOW }))).toEqual([VERBS.reopen]);
    for (const action of walk(open).filter((e) => e.type === 'Action.Execute')) {
      expect(action.data).toMatchObject({ alertId: sampleAlertView().id, version: 3 });
    }
    expect((open.actions ?? []).length).toBeLessThanOrEqual(LIMITS.actions);
  });

  it('ask for suppression inline: a required reason, the durations, a date, and the Execute that sends them', () => {
    const card = renderAlertCard(sampleAlertView(), { now: NOW });
    const form = (card.actions ?? []).find((a) => a.type === 'Action.ShowCard' && a.title === 'Suppress…');
    const sub = form?.card as AdaptiveCard;
    const inputs = sub.body;
    expect(inputs.find((i) => i.id === INPUTS.reason)).toMatchObject({ type: 'Input.Text', isRequired: true, maxLength: 500 });
    const duration = inputs.find((i) => i.id === INPUTS.duration);
    expect(duration).toMatchObject({ type: 'Input.ChoiceSet', value: '7d' });
    expect((duration?.choices as Array<{ value: string }>).map((c) => c.value)).toEqual(Object.keys(SUPPRESS_DURATIONS));
    expect(inputs.find((i) => i.id === INPUTS.date)).toMatchObject({ type: 'Input.Date' });
    expect(verbsOf(sub)).toEqual([VERBS.suppress]);
  });

  it('assign with the Teams people picker', () => {
    const card = renderAlertCard(sampleAlertView(), { now: NOW });
    const picker = walk(card).find((e) => e.id === INPUTS.assignee);
    expect(picker).toMatchObject({ type: 'Input.ChoiceSet', 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } });
  });

  it('show who did what, when and why', () => {
    const card = renderAlertCard(sampleAlertView({ state: 'suppressed', changedBy: 'teams:tenant:aad-1', reason: 'test bucket', suppressedUntil: new Date('2026-12-31T23:59:59Z'), assignee: 'discord:g:42', updatedAt: new Date('2026-12-05T09:30:00Z') }), { now: NOW });
    const text = JSON.stringify(card);
    expect(text).toContain('Suppressed until 2026-12-31 23:59 UTC by **aad-1** · 2026-12-05 09:30 UTC · test bucket');
    expect(text).toContain('Discord user 42');
  });

  it('show a message on top, for a refused or stale click', () => {
    const card = renderAlertCard(sampleAlertView(), { now: NOW, message: 'Someone acted on this alert first.' });
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', color: 'attention', text: 'Someone acted on this alert first.' });
  });

  it('escape outside text and cut it to its limits', () => {
    const evil = sampleAlertView({ title: `[click me](https://evil.example.com) **boss** ${'x'.repeat(5000)}`, statusDetail: '<script>alert(1)</script>', remediation: 'y'.repeat(20_000) });
    const card = renderAlertCard(evil, { now: NOW });
    const text = JSON.stringify(card);
    expect(text).not.toContain('[click me](https');
    expect(text).toContain('\\\\[click me\\\\]');
    expect(text).not.toContain('<script>');
    expect(text.length).toBeLessThan(28_000);
    const title = walk(card).find((e) => e.type === 'TextBlock' && String(e.text).includes('click me'));
    expect(String(title?.text).length).toBeLessThan(LIMITS.title * 2);
  });

  it('leak no Slack markup', () => {
    const text = JSON.stringify([renderAlertCard(sampleAlertView({ changedBy: 'slack:T1:U1', state: 'acknowledged' }), { now: NOW }), renderDigest({ integrationName: 'prod', scanId: 's', total: 3, bySeverity: { critical: 1, high: 2, medium: 0, low: 0, info: 0 }, top: [sampleAlertView()], listCommand: '/sentinel alerts open' })]);
    expect(text).not.toMatch(/<!date|:red_circle:|:large_|<@U|mrkdwn|block_id/);
    expect(text).toContain('Slack user U1');
  });
});

describe('other cards and replies', () => {
  it('digests hold counts and lines, and one button that lists the alerts', () => {
    const views: AlertView[] = Array.from({ length: 5 }, (_, i) => sampleAlertView({ id: `id-${i}`, title: `Alert ${i}` }));
    const card = renderDigest({ integrationName: 'prod', scanId: 'scan-1', total: 12, bySeverity: { critical: 1, high: 11, medium: 0, low: 0, info: 0 }, top: views, listCommand: '/sentinel alerts open' });
    const text = JSON.stringify(card);
    expect(text).toContain('12 new alerts from prod');
    expect(text).toContain('Showing the top 5 of 12');
    expect(text).toContain('@CloudSentinel alerts open');
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: VERBS.more, data: { command: 'alerts open' } })]);
  });

  it('scan status shows progress, then the summary or the error', () => {
    const base = { scanId: 'scan-1', integrationName: 'prod', progress: { done: 3, total: 10 }, summary: null, error: null, requestedBy: 'teams:t:u1' };
    expect(JSON.stringify(renderScanStatus({ ...base, status: 'running' }))).toContain('3/10 (30%)');
    const done = JSON.stringify(renderScanStatus({ ...base, status: 'complete', summary: { failing: 4, newFailing: 2, resolved: 1, bySeverity: { high: 4 } } }));
    expect(done).toContain('Scan of **prod** complete');
    expect(done).toContain('requested by **u1**');
    expect(JSON.stringify(renderScanStatus({ ...base, status: 'failed', error: 'AccessDenied' }))).toContain('AccessDenied');
  });

  it('command replies: Teams markdown, one card per alert and a next-page card', () => {
    const reply = renderCommandReply({ visibility: 'ephemeral', text: '*Alerts open* — 1–2\n`/sentinel help` and *more*', alerts: [sampleAlertView(), sampleAlertView({ id: 'other' })], nextPage: 'alerts open page 2' }, { now: NOW });
    expect(reply.text).toBe('**Alerts open** — 1–2\n\n`@CloudSentinel help` and **more**');
    expect(reply.attachments).toHaveLength(3);
    expect(reply.attachments?.[2]?.content.actions).toEqual([expect.objectContaining({ verb: VERBS.more, data: { command: 'alerts open page 2' } })]);
    expect(renderCommandReply({ visibility: 'ephemeral', text: 'x'.repeat(30_000) }).text?.length).toBeLessThanOrEqual(LIMITS.replyText);
  });

  it('teamsMarkdown leaves code alone and turns mentions into the Teams style', () => {
    expect(teamsMarkdown('*a* `*b*` ```*c*```')).toBe('**a** `*b*` ```*c*```');
    expect(teamsMarkdown('<@0000-aad> is now a viewer.')).toBe('**0000-aad** is now a viewer.');
    expect(escapeMarkdown('a_b*c (ok)')).toBe('a\\_b\\*c (ok)');
    expect(escapeMarkdown('# h\n- i\n12. j')).toBe('\\# h\n\\- i\n12\\. j');
  });
});
