/**
 * Discord rendering as pure functions: cards per state, custom ids that round-trip, Discord's
 * limits under oversized cloud text, no way for finding text to mention anyone, the core's markup
 * turned into Discord markdown, the suppress modal read back, and the signature check.
 */
import { describe, expect, it } from 'vitest';
import { alertComponentId, decodeComponentId, decodeSuppressModalId, pageComponentId, suppressModalId } from '../../../src/bot/discord/custom-ids.js';
import { LIMITS, escapeMarkdown, fromSlackMarkup, splitContent } from '../../../src/bot/discord/markdown.js';
import { parseSuppressModal, suppressModal } from '../../../src/bot/discord/modal.js';
import { embedLength, renderAlertCard, renderCommandReply, renderDigest, renderNoteMessage, renderScanStatus, type DiscordMessage } from '../../../src/bot/discord/render.js';
import { discordPublicKey, verifyInteraction } from '../../../src/bot/discord/verify.js';
import type { AlertView } from '../../../src/bot/core/types.js';
import { generateDiscordKeys, signDiscord } from '../../helpers/discord.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const ALERT_ID = '0b7e1c52-5c4f-4a8e-9d0e-3f1f6a2b9c11';

function view(overrides: Partial<AlertView> = {}): AlertView {
  return {
    id: ALERT_ID,
    version: 3,
    state: 'open',
    severity: 'high',
    riskScore: 7.5,
    title: 'S3 bucket allows public read',
    statusDetail: 'The bucket ACL grants READ to AllUsers.',
    checkId: 'aws-s3-bucket-public-acl',
    provider: 'aws',
    service: 's3',
    resourceId: 'arn:aws:s3:::logs',
    resourceType: 'AWS::S3::Bucket',
    region: 'us-east-1',
    integrationName: 'prod',
    account: '123456789012',
    compliance: { 'cis-aws-5.0': ['2.1.4'], soc2: ['CC6.1'] },
    remediation: 'Remove the public grants.',
    remediationCommand: 'aws s3api put-bucket-acl --bucket logs --acl private',
    firstSeenAt: new Date('2026-02-01T00:00:00Z'),
    assignee: null,
    reason: null,
    suppressedUntil: null,
    changedBy: null,
    updatedAt: new Date('2026-02-02T00:00:00Z'),
    ...overrides,
  };
}

const ids = (message: DiscordMessage): string[] => [...JSON.stringify(message.components ?? []).matchAll(/"custom_id":"([^"]+)"/g)].map((m) => m[1] ?? '');

/** Every Discord limit a message must keep, checked at once. */
function expectWithinLimits(message: DiscordMessage): void {
  expect((message.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  const embeds = message.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
  expect(embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedsTotal);
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(field.value.length).toBeGreaterThan(0);
    }
  }
  const rows = message.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(LIMITS.actionRows);
  for (const row of rows) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const component of row.components) {
      if ('label' in component && typeof component.label === 'string') expect(component.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  }
  for (const id of ids(message)) expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
  expect(message.allowed_mentions.parse).toEqual([]);
}

describe('alert cards', () => {
  it('offers the buttons each state allows, and the assign picker until resolved', () => {
    const expected: Record<AlertView['state'], string[]> = {
      open: ['acknowledge', 'suppress', 'resolve', 'assign'],
      acknowledged: ['suppress', 'resolve', 'assign'],
      suppressed: ['reopen', 'resolve', 'assign'],
      resolved: ['reopen'],
    };
    for (const [state, verbs] of Object.entries(expected)) {
      const card = renderAlertCard(view({ state: state as AlertView['state'] }), { now: NOW });
      expect(ids(card)).toEqual(verbs.map((verb) => `alert:${verb}:${ALERT_ID}:3`));
      expectWithinLimits(card);
    }
  });

  it('shows who did what, when and why, with the assignee preselected', () => {
    const card = renderAlertCard(
      view({ state: 'suppressed', changedBy: 'discord:9:42', reason: 'known *test* bucket', suppressedUntil: new Date('2026-04-01T00:00:00Z'), assignee: 'discord:9:77' }),
      { now: NOW },
    );
    const text = JSON.stringify(card);
    expect(text).toContain('Suppressed until <t:1775001600:f> by <@42>');
    expect(text).toContain('known \\\\*test\\\\* bucket');
    expect(text).toContain('"default_values":[{"id":"77","type":"user"}]');
    expect(text).toContain('```sh\\naws s3api put-bucket-acl');
    expect(card.embeds?.[0]?.color).toBe(0xe65100);
    expect(card.embeds?.[0]?.footer?.text).toContain('aws-s3-bucket-public-acl');
    const other = JSON.stringify(renderAlertCard(view({ state: 'acknowledged', changedBy: 'slack:T1:U1' })));
    expect(other).toContain('Acknowledged by Slack user U1');
  });

  it('keeps every limit whatever the cloud sends', () => {
    const huge = 'x'.repeat(10_000);
    const card = renderAlertCard(
      view({ title: huge, statusDetail: huge, resourceId: huge, resourceType: huge, remediation: huge, remediationCommand: `${huge}\`\`\``, reason: huge, changedBy: 'discord:1:2', state: 'acknowledged' }),
      { now: NOW },
    );
    expectWithinLimits(card);
    expect(JSON.stringify(card)).not.toContain('x```');
  });

  it('never lets finding text mention anyone or inject markup', () => {
    const card = renderAlertCard(view({ title: '@everyone look <@123>', resourceId: '<@&456> @here', statusDetail: '[click](https://evil.example) <#789>', reason: '@everyone' , state: 'acknowledged', changedBy: 'discord:1:2' }));
    const text = JSON.stringify(card);
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).not.toMatch(/(?<!\\\\)<@123>/);
    expect(text).not.toMatch(/(?<!\\\\)<#789>/);
    expect(text).toContain('\\\\[click\\\\]');
    expect(card.allowed_mentions).toEqual({ parse: [] });
    expect(escapeMarkdown('a_b*c~d`e|f>g<h')).toBe('a\\_b\\*c\\~d\\`e\\|f\\>g\\<h');
  });
});

describe('custom ids', () => {
  it('round-trip, and anything else decodes to nothing', () => {
    for (const verb of ['acknowledge', 'suppress', 'resolve', 'reopen', 'assign'] as const) {
      for (const surface of ['card', 'list'] as const) {
        const id = alertComponentId(surface, verb, { id: ALERT_ID, version: 12 });
        expect(id?.length).toBeLessThanOrEqual(100);
        expect(decodeComponentId(id)).toEqual({ kind: 'alert', surface, verb, ref: { id: ALERT_ID, version: 12 } });
      }
    }
    expect(decodeComponentId(pageComponentId('alerts open page 2'))).toEqual({ kind: 'page', command: 'alerts open page 2' });
    expect(decodeSuppressModalId(suppressModalId('card', { id: ALERT_ID, version: 4 }))).toEqual({ surface: 'card', ref: { id: ALERT_ID, version: 4 } });
    for (const bad of ['', 'alert:delete:x:1', `alert:acknowledge:${ALERT_ID}`, `alert:acknowledge:${ALERT_ID}:-1`, `alert:acknowledge:${ALERT_ID}:1:extra`, `x:acknowledge:${ALERT_ID}:1`, 'a'.repeat(101), 42, null]) {
      expect(decodeComponentId(bad)).toBeNull();
    }
    expect(decodeSuppressModalId(`suppress:elsewhere:${ALERT_ID}:1`)).toBeNull();
    expect(pageComponentId('x'.repeat(100))).toBeNull();
  });
});

describe('command replies, digests, status and notes', () => {
  it('turns core markup into Discord markdown, leaving code alone, and splits long text', () => {
    expect(fromSlackMarkup('*Alerts* in `*code*` and ```*block*``` *x*')).toBe('**Alerts** in `*code*` and ```*block*``` **x**');
    const pieces = splitContent(`\`\`\`\n${'line\n'.repeat(1000)}\`\`\``);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(2000);
      expect((piece.match(/```/g) ?? []).length % 2).toBe(0);
    }
    const long = renderCommandReply({ visibility: 'ephemeral', text: 'word '.repeat(5000) });
    expect(long.length).toBe(5);
    for (const message of long) expectWithinLimits(message);
  });

  it('lists alerts as numbered embeds with one button row each and a Next page button, within limits', () => {
    const alerts = Array.from({ length: 12 }, (_, i) => view({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, title: 't'.repeat(400) }));
    const [message, ...rest] = renderCommandReply({ visibility: 'ephemeral', text: '*Alerts open* — 1–12', alerts, nextPage: 'alerts open page 2' }, { now: NOW });
    expect(rest).toEqual([]);
    if (!message) throw new Error('no message');
    expectWithinLimits(message);
    expect(message.components?.length).toBe(5);
    expect(ids(message).at(-1)).toBe('page:alerts open page 2');
    expect(ids(message).every((id) => id.startsWith('list:') || id.startsWith('page:'))).toBe(true);
    expect(message.content).toContain('7 more alerts not shown here');
    expect(message.embeds).toHaveLength(5);
    expect(message.embeds?.[0]?.title).toMatch(/^1\. 🟠 HIGH · /);
  });

  it('renders digests and scan status within limits', () => {
    const digest = renderDigest({ integrationName: 'prod', scanId: 's-1', total: 40, bySeverity: { critical: 1, high: 39, medium: 0, low: 0, info: 0 }, top: [view(), view({ id: 'other' })], listCommand: '/sentinel alerts open' });
    expectWithinLimits(digest);
    expect(digest.content).toContain('**40 new alerts from prod**');
    expect(digest.content).toContain('Showing the top 2 of 40');
    const status = renderScanStatus({ scanId: 's-1', integrationName: 'prod', status: 'failed', progress: { done: 1, total: 2 }, summary: null, error: 'e'.repeat(9000), requestedBy: 'discord:1:2' });
    expectWithinLimits(status);
    expect(status.embeds?.[0]?.title).toBe('❌ Scan of prod failed');
  });

  it('pings only a new assignee in a note', () => {
    expect(renderNoteMessage('Assigned to <@7> by <@8>', 'Assigned to {{actor:discord:1:7}} by {{actor:discord:1:8}}').allowed_mentions).toEqual({ parse: [], replied_user: false, users: ['7'] });
    expect(renderNoteMessage('Acknowledged by <@8> @everyone', 'Acknowledged by {{actor:discord:1:8}} @everyone')).toEqual({ content: 'Acknowledged by <@8> @\u200beveryone', allowed_mentions: { parse: [], replied_user: false } });
  });
});

describe('the suppress modal', () => {
  const submitted = (reason: string, duration: string) => [
    { type: 18, component: { type: 4, custom_id: 'reason', value: reason } },
    { type: 1, components: [{ type: 4, custom_id: 'duration', value: duration }] },
  ];

  it('asks for a required reason and a duration defaulting to 7d', () => {
    const modal = suppressModal('card', { id: ALERT_ID, version: 1 }, null);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(JSON.stringify(modal)).toContain('"custom_id":"reason","style":2,"required":true');
    expect(JSON.stringify(modal)).toContain('"value":"7d"');
  });

  it('reads durations and dates, and names what is wrong', () => {
    const days = (parsed: ReturnType<typeof parseSuppressModal>) => (parsed.ok && parsed.until ? Math.round((parsed.until.getTime() - NOW.getTime()) / 86_400_000) : null);
    expect(days(parseSuppressModal(submitted('noisy', ''), NOW))).toBe(7);
    expect(days(parseSuppressModal(submitted('noisy', '1D'), NOW))).toBe(1);
    expect(parseSuppressModal(submitted('noisy', 'forever'), NOW)).toEqual({ ok: true, reason: 'noisy', until: null });
    expect(parseSuppressModal(submitted('noisy', '2026-03-10'), NOW)).toEqual({ ok: true, reason: 'noisy', until: new Date('2026-03-10T23:59:59.999Z') });
    expect(parseSuppressModal(submitted('', '7d'), NOW)).toEqual({ ok: false, errors: { reason: 'Say why this alert can be suppressed.' } });
    expect(parseSuppressModal(submitted('noisy', 'soon'), NOW)).toMatchObject({ ok: false, errors: { duration: expect.stringContaining('1d, 7d, 30d, forever') as unknown } });
    expect(parseSuppressModal(submitted('noisy', '2026-02-30'), NOW)).toMatchObject({ ok: false, errors: { date: 'Pick a valid date (YYYY-MM-DD).' } });
    expect(parseSuppressModal('garbage', NOW).ok).toBe(false);
  });
});

describe('signatures', () => {
  const keys = generateDiscordKeys();
  const key = discordPublicKey(keys.publicKeyHex);
  const body = '{"type":1}';
  const check = (headers: Record<string, string>, raw = body, now = Date.now()) =>
    verifyInteraction(key, { signature: headers['x-signature-ed25519'], timestamp: headers['x-signature-timestamp'] }, Buffer.from(raw), now);

  it('accepts Discord-shaped signatures and refuses everything else without throwing', () => {
    const headers = signDiscord(keys, body);
    expect(check(headers)).toEqual({ ok: true });
    expect(check(headers, '{"type":2}').ok).toBe(false);
    expect(check({ ...headers, 'x-signature-ed25519': 'ab' }).ok).toBe(false);
    expect(check({ ...headers, 'x-signature-ed25519': '0'.repeat(128) }).ok).toBe(false);
    expect(check({ ...headers, 'x-signature-timestamp': 'yesterday' }).ok).toBe(false);
    expect(check(headers, body, Date.now() + 301_000)).toEqual({ ok: false, reason: 'timestamp outside the 5-minute window' });
    expect(check({}).ok).toBe(false);
    expect(() => discordPublicKey('not-hex')).toThrow(RangeError);
  });
});
