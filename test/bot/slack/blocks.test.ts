import type { ActionsBlock, Button, KnownBlock, SectionBlock, UsersSelect } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  SUPPRESS_INPUTS,
  SUPPRESS_MODAL,
  parsePrivateMetadata,
  parseSuppressSubmission,
  renderAlertCard,
  renderCommandReply,
  renderDigest,
  renderHome,
  renderScanStatus,
  suppressModal,
} from '../../../src/bot/slack/blocks.js';
import { decodeAlertRef, encodeAlertRef, truncate } from '../../../src/bot/core/present.js';
import type { AlertView, DigestView, PostureView, ScanStatusView } from '../../../src/bot/core/types.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const DAY = 86_400_000;

let nextId = 0;
function alertView(overrides: Partial<AlertView> = {}): AlertView {
  nextId += 1;
  return {
    id: `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
    version: 3,
    state: 'open',
    severity: 'high',
    riskScore: 8.5,
    title: 'S3 bucket allows public read',
    statusDetail: 'Bucket policy grants s3:GetObject to "*".',
    checkId: 'aws-s3-bucket-public-read',
    provider: 'aws',
    service: 's3',
    resourceId: 'arn:aws:s3:::prod-logs',
    resourceType: 'AWS::S3::Bucket',
    region: 'us-east-1',
    integrationName: 'prod',
    account: '123456789012',
    compliance: { 'cis-aws-5.0': ['2.1.4'], soc2: ['CC6.1', 'CC6.6'] },
    remediation: 'Turn on S3 Block Public Access for the bucket.',
    remediationCommand: 'aws s3api put-public-access-block --bucket prod-logs --public-access-block-configuration BlockPublicPolicy=true',
    firstSeenAt: new Date('2026-03-01T10:00:00.000Z'),
    assignee: null,
    reason: null,
    suppressedUntil: null,
    changedBy: 'scan',
    updatedAt: new Date('2026-03-02T09:30:00.000Z'),
    ...overrides,
  };
}

const actionsBlocks = (blocks: KnownBlock[]) => blocks.filter((b): b is ActionsBlock => b.type === 'actions');
const buttonsOf = (block: ActionsBlock) => block.elements.filter((e): e is Button => e.type === 'button');
const pickerOf = (block: ActionsBlock) => block.elements.find((e): e is UsersSelect => e.type === 'users_select');
const sections = (blocks: KnownBlock[]) => blocks.filter((b): b is SectionBlock => b.type === 'section');
const fieldText = (blocks: KnownBlock[], label: string) =>
  sections(blocks)
    .flatMap((s) => s.fields ?? [])
    .find((f) => f.text.startsWith(`*${label}*`))?.text;
/** All text a reader sees, for "does it say X" checks. */
const allText = (blocks: KnownBlock[]) => JSON.stringify(blocks);

/** Block Kit's limits: breaking any one makes Slack reject the whole message. */
function expectWithinLimits(blocks: KnownBlock[], maxBlocks = 50): void {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  const blockIds = blocks.map((b) => b.block_id).filter((id): id is string => id !== undefined);
  expect(new Set(blockIds).size, 'block ids are unique').toBe(blockIds.length);
  for (const id of blockIds) expect(id.length).toBeLessThanOrEqual(255);
  for (const block of blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.type === 'section') {
      expect(block.text !== undefined || block.fields !== undefined).toBe(true);
      if (block.text) expect(block.text.text.length).toBeGreaterThan(0);
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
      for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(25);
      for (const button of buttonsOf(block)) expect(button.value?.length ?? 0).toBeLessThanOrEqual(2000);
    }
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
  }
}

describe('truncate', () => {
  it('leaves short text alone and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('x'.repeat(50), 10);
    expect(cut).toHaveLength(10);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe(`${'a'.repeat(8)}…`);
  });
});

describe('alert refs', () => {
  it('round-trips through a button value, and reads the JSON form too', () => {
    const ref = { id: 'a1b2', version: 7 };
    expect(decodeAlertRef(encodeAlertRef(ref))).toEqual(ref);
    expect(decodeAlertRef('{"id":"a1b2","version":7}')).toEqual(ref);
  });

  it.each([
    '',
    'garbage',
    ':3',
    'id:',
    'id:-1',
    'id:1.5',
    'id:1e3',
    'id:99999999999999999999',
    '{',
    '{"id":1,"version":2}',
    '{"id":"a","version":"2"}',
    '{"id":"a","version":-1}',
    '{"id":"","version":1}',
    'null',
    '[1,2]',
    `x:${'1'.repeat(3000)}`,
  ])('reads %j as null without throwing', (value) => {
    expect(decodeAlertRef(value)).toBeNull();
  });
});

describe('renderAlertCard', () => {
  const cases: Array<[AlertView['state'], string[], boolean]> = [
    ['open', [ACTIONS.acknowledge, ACTIONS.suppress, ACTIONS.resolve], true],
    ['acknowledged', [ACTIONS.suppress, ACTIONS.resolve], true],
    ['suppressed', [ACTIONS.reopen, ACTIONS.resolve], true],
    ['resolved', [ACTIONS.reopen], false],
  ];
  it.each(cases)('a %s alert has exactly its buttons, each carrying a decodable ref', (state, expected, assignable) => {
    const view = alertView({ state, version: 12 });
    const { blocks } = renderAlertCard(view, { now: NOW });
    const [actions, ...others] = actionsBlocks(blocks);
    expect(others).toHaveLength(0);
    expect(actions).toBeDefined();
    const buttons = buttonsOf(actions!);
    expect(buttons.map((b) => b.action_id)).toEqual(expected);
    for (const button of buttons) expect(decodeAlertRef(button.value ?? '')).toEqual({ id: view.id, version: 12 });
    expect(buttons.find((b) => b.action_id === ACTIONS.acknowledge)?.style).toBe(state === 'open' ? 'primary' : undefined);
    expect(pickerOf(actions!) !== undefined).toBe(assignable);
    // The assign listener reads the alert from the block id, since a users_select has no value.
    expect(actions!.block_id).toContain(view.id);
    expect(decodeAlertRef(actions!.block_id?.split('|')[1] ?? '')).toEqual({ id: view.id, version: 12 });
    expectWithinLimits(blocks);
  });

  it('labels the buttons and the picker', () => {
    const { blocks } = renderAlertCard(alertView(), { now: NOW });
    const actions = actionsBlocks(blocks)[0]!;
    expect(buttonsOf(actions).map((b) => b.text.text)).toEqual(['Acknowledge', 'Suppress…', 'Resolve']);
    expect(pickerOf(actions)).toMatchObject({ action_id: ACTIONS.assign, placeholder: { text: 'Assign…' } });
    expect(pickerOf(actions)?.initial_user).toBeUndefined();
  });

  it('heads the card with the severity and gives a notification fallback', () => {
    const view = alertView({ severity: 'critical' });
    const { text, blocks } = renderAlertCard(view, { now: NOW });
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: ':red_circle: CRITICAL · S3 bucket allows public read' } });
    expect(text).toContain('CRITICAL');
    expect(text).toContain(view.title);
    expect(text).toContain(view.resourceId);
  });

  it('shows resource, account and region, risk score and first seen as a Slack date', () => {
    const { blocks } = renderAlertCard(alertView(), { now: NOW });
    expect(fieldText(blocks, 'Resource')).toContain('`arn:aws:s3:::prod-logs`');
    expect(fieldText(blocks, 'Account / Region')).toMatch(/123456789012.*us-east-1[\s\S]*prod/);
    expect(fieldText(blocks, 'Risk score')).toContain('8.5 / 10');
    const unix = Date.parse('2026-03-01T10:00:00.000Z') / 1000;
    expect(fieldText(blocks, 'First seen')).toContain(`<!date^${unix}^{date_short_pretty} {time}|2026-03-01T10:00:00.000Z>`);
  });

  it('says who changed the state, when and why', () => {
    const ack = renderAlertCard(alertView({ state: 'acknowledged', changedBy: 'slack:T1:U123', reason: 'known test bucket' }), { now: NOW });
    const state = fieldText(ack.blocks, 'State');
    expect(state).toMatch(/^\*State\*\nAcknowledged by <@U123> · <!date\^\d+\^/);
    expect(state).toContain('· known test bucket');

    const until = new Date(NOW.getTime() + 7 * DAY);
    const suppressed = fieldText(renderAlertCard(alertView({ state: 'suppressed', suppressedUntil: until, changedBy: 'teams:tid:aad-42', reason: 'accepted risk' }), { now: NOW }).blocks, 'State');
    expect(suppressed).toContain(`Suppressed until <!date^${until.getTime() / 1000}^`);
    expect(suppressed).toContain('by Teams user aad-42');
    expect(suppressed).toContain('accepted risk');

    const forever = fieldText(renderAlertCard(alertView({ state: 'suppressed', changedBy: 'discord:g1:99' }), { now: NOW }).blocks, 'State');
    expect(forever).toContain('Suppressed forever by Discord user 99');

    expect(fieldText(renderAlertCard(alertView({ state: 'resolved', changedBy: 'scan' }), { now: NOW }).blocks, 'State')).toContain('Resolved by a scan');
    expect(fieldText(renderAlertCard(alertView({ state: 'resolved', changedBy: 'api:ci-bot' }), { now: NOW }).blocks, 'State')).toContain('Resolved by API token ci-bot');
    expect(fieldText(renderAlertCard(alertView({ state: 'open', changedBy: 'maintenance' }), { now: NOW }).blocks, 'State')).toContain('suppression ended');
    expect(fieldText(renderAlertCard(alertView({ state: 'open', changedBy: 'scan' }), { now: NOW }).blocks, 'State')).toContain('raised by a scan');
  });

  it('pre-selects a Slack assignee in the picker and names other assignees', () => {
    const slack = renderAlertCard(alertView({ assignee: 'slack:T1:U777' }), { now: NOW });
    expect(pickerOf(actionsBlocks(slack.blocks)[0]!)?.initial_user).toBe('U777');
    expect(fieldText(slack.blocks, 'Assignee')).toBe('*Assignee*\n<@U777>');

    const teams = renderAlertCard(alertView({ assignee: 'teams:tid:aad-1' }), { now: NOW });
    expect(pickerOf(actionsBlocks(teams.blocks)[0]!)?.initial_user).toBeUndefined();
    expect(fieldText(teams.blocks, 'Assignee')).toContain('Teams user aad-1');
  });

  it('lists compliance controls with readable framework names', () => {
    const view = alertView({
      compliance: { 'cis-aws-5.0': ['2.1.4'], soc2: ['CC6.1'], 'iso27001-2022': ['A.8.3'], 'nist-800-53-r5': ['AC-3'], 'pci-dss-4.0': ['7.2.1'], 'made-up-fw': ['X1'] },
    });
    const text = allText(renderAlertCard(view, { now: NOW }).blocks);
    expect(text).toContain('CIS AWS 5.0 2.1.4 · SOC 2 CC6.1 · ISO 27001:2022 A.8.3 · NIST 800-53 r5 AC-3 · PCI DSS 4.0 7.2.1 · made-up-fw X1');
  });

  it('shows the remediation and the CLI command in a code block, when there is one', () => {
    const view = alertView();
    const blocks = renderAlertCard(view, { now: NOW }).blocks;
    const texts = sections(blocks).map((s) => s.text?.text ?? '');
    expect(texts).toContain(`*Remediation*\n${view.remediation}`);
    expect(texts).toContain(`\`\`\`${view.remediationCommand}\`\`\``);
    const none = sections(renderAlertCard(alertView({ remediationCommand: null }), { now: NOW }).blocks);
    expect(none.some((s) => s.text?.text.startsWith('```'))).toBe(false);
  });

  it('escapes finding text so it cannot mention anyone or break the markup', () => {
    const blocks = renderAlertCard(alertView({ statusDetail: 'Policy <!channel> & <@U1>' }), { now: NOW }).blocks;
    expect(sections(blocks).map((s) => s.text?.text)).toContain('Policy &lt;!channel&gt; &amp; &lt;@U1&gt;');
  });

  it('keeps an oversized alert within Block Kit limits', () => {
    const view = alertView({
      title: 'T'.repeat(400),
      statusDetail: 'd'.repeat(5000),
      remediation: 'r'.repeat(5000),
      remediationCommand: 'c'.repeat(5000),
      resourceId: 'arn:'.padEnd(2500, 'x'),
      reason: 'why '.repeat(200),
      state: 'acknowledged',
      changedBy: 'slack:T1:U1',
      compliance: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`fw-${i}`, ['a'.repeat(50)]])),
    });
    const { text, blocks } = renderAlertCard(view, { now: NOW });
    expectWithinLimits(blocks);
    const detail = sections(blocks).find((s) => s.text?.text.startsWith('ddd'));
    expect(detail?.text?.text.length).toBeLessThanOrEqual(3000);
    expect(detail?.text?.text.endsWith('…')).toBe(true);
    const command = sections(blocks).find((s) => s.text?.text.startsWith('```'))?.text?.text ?? '';
    expect(command.endsWith('```')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(3000);
    const context = blocks.filter((b) => b.type === 'context').flatMap((b) => b.elements);
    for (const element of context) expect('text' in element ? element.text.length : 0).toBeLessThanOrEqual(3000);
  });
});

describe('renderDigest', () => {
  const digest = (top: AlertView[], overrides: Partial<DigestView> = {}): DigestView => ({
    integrationName: 'prod',
    scanId: 'scan-1',
    total: 12,
    bySeverity: { critical: 2, high: 5, medium: 5, low: 0, info: 0 },
    top,
    listCommand: '/sentinel alerts open',
    ...overrides,
  });

  it('heads with the count, counts by severity, and says how to see the rest', () => {
    const top = [alertView({ severity: 'critical' }), alertView()];
    const { text, blocks } = renderDigest(digest(top), { now: NOW });
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: '12 new alerts from prod' } });
    expect(text).toBe('12 new alerts from prod: 2 critical, 5 high, 5 medium');
    expect(allText(blocks)).toContain(':red_circle: 2 critical');
    const footer = blocks.at(-1);
    expect(footer?.type).toBe('context');
    expect(allText([footer!])).toContain('Showing the top 2 of 12');
    expect(allText([footer!])).toContain('`/sentinel alerts open`');
    const actions = actionsBlocks(blocks);
    expect(actions).toHaveLength(2);
    expect(actions.map((a) => decodeAlertRef(buttonsOf(a)[0]?.value ?? '')?.id)).toEqual(top.map((v) => v.id));
    expectWithinLimits(blocks);
  });

  it('stays within 50 blocks when handed 200 alerts', () => {
    const top = Array.from({ length: 200 }, () => alertView());
    const { blocks } = renderDigest(digest(top, { total: 200 }), { now: NOW });
    expectWithinLimits(blocks);
    expect(actionsBlocks(blocks).length).toBeGreaterThan(10);
    expect(allText(blocks)).toContain('of 200');
  });

  it('shows one copy of an alert listed twice, so block ids stay unique', () => {
    const view = alertView();
    const { blocks } = renderDigest(digest([view, view], { total: 1 }), { now: NOW });
    expect(actionsBlocks(blocks)).toHaveLength(1);
    expectWithinLimits(blocks);
  });
});

describe('renderCommandReply', () => {
  it('splits long text into sections within the limit', () => {
    const text = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(30)}`).join('\n');
    const { blocks } = renderCommandReply({ visibility: 'ephemeral', text });
    expect(blocks.length).toBeGreaterThan(2);
    for (const block of sections(blocks)) expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    expect(sections(blocks).map((s) => s.text?.text).join('\n')).toBe(text);
  });

  it('shows alerts as compact cards with their buttons and a next-page button', () => {
    const alerts = [alertView({ state: 'acknowledged', changedBy: 'slack:T1:U9' }), alertView({ state: 'resolved' })];
    const { text, blocks } = renderCommandReply({ visibility: 'ephemeral', text: '*Alerts open* — 1–2', alerts, nextPage: 'alerts open page 2' }, { now: NOW });
    expect(text).toBe('*Alerts open* — 1–2');
    expect(sections(blocks)[0]?.text?.text).toBe('*Alerts open* — 1–2');
    expect(sections(blocks)[1]?.text?.text).toContain('Acknowledged by <@U9>');
    expect(sections(blocks)[1]?.text?.text).toContain('`arn:aws:s3:::prod-logs`');
    const actions = actionsBlocks(blocks);
    expect(buttonsOf(actions[0]!).map((b) => b.action_id)).toEqual([ACTIONS.suppress, ACTIONS.resolve]);
    expect(buttonsOf(actions[1]!).map((b) => b.action_id)).toEqual([ACTIONS.reopen]);
    const more = actions.at(-1)!;
    expect(blocks.at(-1)).toBe(more);
    const [next, ...rest] = buttonsOf(more);
    expect(rest).toHaveLength(0);
    expect(next).toMatchObject({ action_id: ACTIONS.more, value: 'alerts open page 2', text: { text: 'Next page' } });
    expectWithinLimits(blocks);
  });

  it('has no paging button without a next page', () => {
    const { blocks } = renderCommandReply({ visibility: 'ephemeral', text: 'No alerts (open).' });
    expect(JSON.stringify(blocks)).not.toContain(ACTIONS.more);
  });

  it('shows as many alerts as fit in 50 blocks and keeps the paging button', () => {
    const alerts = Array.from({ length: 100 }, () => alertView());
    const { blocks } = renderCommandReply({ visibility: 'ephemeral', text: 'y'.repeat(7000), alerts, nextPage: 'alerts open page 2' }, { now: NOW });
    expectWithinLimits(blocks);
    expect(blocks.length).toBeGreaterThanOrEqual(49); // two blocks an alert: parity can leave one unused
    expect(buttonsOf(actionsBlocks(blocks).at(-1)!)[0]?.action_id).toBe(ACTIONS.more);
    expect(allText(blocks)).toMatch(/and \d+ more alerts not shown/);
  });

  it('keeps a runaway text within 50 blocks', () => {
    const { blocks } = renderCommandReply({ visibility: 'channel', text: 'z '.repeat(200_000), nextPage: 'alerts open page 2' });
    expectWithinLimits(blocks);
    expect(buttonsOf(actionsBlocks(blocks).at(-1)!)[0]?.action_id).toBe(ACTIONS.more);
  });
});

describe('renderScanStatus', () => {
  const status = (overrides: Partial<ScanStatusView>): ScanStatusView => ({
    scanId: 'scan-42',
    integrationName: 'prod',
    status: 'queued',
    progress: { done: 0, total: 0 },
    summary: null,
    error: null,
    requestedBy: 'slack:T1:U5',
    ...overrides,
  });

  it('shows a queued scan with who asked', () => {
    const { text, blocks } = renderScanStatus(status({}));
    expect(text).toBe('Scan of prod queued: 0/0 (0%)');
    expect(allText(blocks)).toContain('requested by <@U5>');
    expect(allText(blocks)).toContain('`scan-42`');
    expect(allText(blocks)).not.toContain('NaN');
    expectWithinLimits(blocks);
  });

  it('shows a running scan with its progress', () => {
    const { text, blocks } = renderScanStatus(status({ status: 'running', progress: { done: 12, total: 40 } }));
    expect(text).toBe('Scanning prod…: 12/40 (30%)');
    expect(sections(blocks)[1]?.text?.text).toBe('`▓▓▓░░░░░░░` 12/40 (30%)');
  });

  it.each(['complete', 'partial'] as const)('summarises a %s scan', (state) => {
    const summary = { failing: 14, newFailing: 3, resolved: 2, bySeverity: { critical: 1, high: 13 } };
    const { text, blocks } = renderScanStatus(status({ status: state, progress: { done: 40, total: 40 }, summary }));
    expect(text).toContain('14 failing (3 new), 2 resolved');
    expect(fieldText(blocks, 'Failing')).toBe('*Failing*\n14');
    expect(fieldText(blocks, 'New')).toBe('*New*\n3');
    expect(fieldText(blocks, 'Resolved')).toBe('*Resolved*\n2');
    expect(fieldText(blocks, 'By severity')).toBe('*By severity*\n:red_circle: 1 critical\n:large_orange_circle: 13 high');
    if (state === 'partial') expect(allText(blocks)).toContain('some checks could not run');
    expectWithinLimits(blocks);
  });

  it('shows why a scan failed, cut to fit', () => {
    const { text, blocks } = renderScanStatus(status({ status: 'failed', error: `AccessDenied: ${'e'.repeat(6000)}` }));
    expect(text).toContain('Scan of prod failed: AccessDenied');
    expect(sections(blocks)[1]?.text?.text).toMatch(/^```AccessDenied: e+…```$/);
    expectWithinLimits(blocks);
  });
});

describe('suppress modal', () => {
  it('has the callback id, inputs and the alert title', () => {
    const modal = suppressModal({ id: 'a1', version: 4 }, { channelId: 'C1', messageTs: '1700000000.000100', title: 'Public <bucket>' });
    expect(modal).toMatchObject({ type: 'modal', callback_id: SUPPRESS_MODAL, title: { text: 'Suppress alert' }, submit: { text: 'Suppress' } });
    expect(modal.blocks.map((b) => b.block_id ?? b.type)).toEqual(['context', 'reason', 'duration', 'until']);
    expect(JSON.stringify(modal.blocks[0])).toContain('Public &lt;bucket&gt;');
    expect(modal.blocks[1]).toMatchObject({ type: 'input', element: { type: 'plain_text_input', action_id: 'value', multiline: true } });
    expect(modal.blocks[1]).not.toHaveProperty('optional');
    const duration = modal.blocks[2];
    expect(duration).toMatchObject({ type: 'input', element: { type: 'static_select', action_id: 'value', initial_option: { value: '7d' } } });
    expect(JSON.stringify(duration)).toMatch(/"1d".*"7d".*"30d".*"date".*"forever"/);
    expect(modal.blocks[3]).toMatchObject({ type: 'input', optional: true, element: { type: 'datepicker', action_id: 'value' } });
  });

  it('round-trips its private metadata', () => {
    const withTs = suppressModal({ id: 'a1', version: 4 }, { channelId: 'C1', messageTs: '1700000000.000100', title: 't' });
    expect(parsePrivateMetadata(withTs.private_metadata ?? '')).toEqual({ alertId: 'a1', version: 4, channelId: 'C1', messageTs: '1700000000.000100' });
    const ephemeral = suppressModal({ id: 'a2', version: 1 }, { channelId: 'C2', messageTs: null, title: 't' });
    expect(parsePrivateMetadata(ephemeral.private_metadata ?? '')).toEqual({ alertId: 'a2', version: 1, channelId: 'C2', messageTs: null });
  });

  it.each(['', 'nope', '[]', '{"alertId":"a"}', '{"alertId":"a","version":"1","channelId":"C","messageTs":null}', '{"alertId":"a","version":1,"channelId":"C","messageTs":5}'])(
    'reads private metadata %j as null',
    (value) => {
      expect(parsePrivateMetadata(value)).toBeNull();
    },
  );
});

describe('parseSuppressSubmission', () => {
  const values = (reason: string | null, duration: string | null, date?: string | null) => ({
    [SUPPRESS_INPUTS.reason.blockId]: { value: { type: 'plain_text_input', value: reason } },
    [SUPPRESS_INPUTS.duration.blockId]: { value: { type: 'static_select', selected_option: duration ? { text: { type: 'plain_text', text: duration }, value: duration } : null } },
    [SUPPRESS_INPUTS.until.blockId]: { value: { type: 'datepicker', selected_date: date ?? null } },
  });

  it.each([
    ['1d', 1],
    ['7d', 7],
    ['30d', 30],
  ] as const)('suppresses for %s', (duration, days) => {
    expect(parseSuppressSubmission(values('  test bucket  ', duration), NOW)).toEqual({ ok: true, reason: 'test bucket', until: new Date(NOW.getTime() + days * DAY) });
  });

  it('suppresses forever, ignoring a date picked before switching away from "Until a date"', () => {
    expect(parseSuppressSubmission(values('accepted', 'forever', '2026-04-01'), NOW)).toEqual({ ok: true, reason: 'accepted', until: null });
  });

  it('suppresses until the end of the picked day, UTC', () => {
    expect(parseSuppressSubmission(values('accepted', 'date', '2026-04-01'), NOW)).toEqual({ ok: true, reason: 'accepted', until: new Date('2026-04-01T23:59:59.999Z') });
    // Today still has hours left, so it counts as the future.
    expect(parseSuppressSubmission(values('accepted', 'date', '2026-03-10'), NOW)).toMatchObject({ ok: true });
  });

  it('requires a reason', () => {
    expect(parseSuppressSubmission(values(null, '7d'), NOW)).toEqual({ ok: false, errors: { reason: expect.any(String) as string } });
    expect(parseSuppressSubmission(values('   ', '7d'), NOW)).toEqual({ ok: false, errors: { reason: expect.any(String) as string } });
    expect(parseSuppressSubmission(values('x'.repeat(501), '7d'), NOW)).toEqual({ ok: false, errors: { reason: expect.stringContaining('500') as string } });
  });

  it('needs a real date in the future for "Until a date"', () => {
    expect(parseSuppressSubmission(values('ok', 'date', '2026-03-09'), NOW)).toEqual({ ok: false, errors: { until: 'Pick a date in the future.' } });
    expect(parseSuppressSubmission(values('ok', 'date', null), NOW)).toEqual({ ok: false, errors: { until: expect.any(String) as string } });
    expect(parseSuppressSubmission(values('ok', 'date', '2026-02-30'), NOW)).toEqual({ ok: false, errors: { until: 'Pick a valid date (YYYY-MM-DD).' } });
  });

  it('reports every problem at once, keyed by block id', () => {
    const result = parseSuppressSubmission(values('', 'date', '2020-01-01'), NOW);
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual(['reason', 'until']);
  });

  it.each([null, 'x', 42, {}, { reason: 'nope' }, values('ok', 'someday')])('rejects a malformed submission %#', (input) => {
    const result = parseSuppressSubmission(input, NOW);
    expect(result.ok).toBe(false);
  });
});

describe('renderHome', () => {
  const posture: PostureView = {
    openBySeverity: { critical: 2, high: 7, medium: 11, low: 3, info: 0 },
    openByProvider: { aws: 18, github: 5 },
    lastScans: [
      { scanId: 's1', integrationName: 'prod', status: 'complete', finishedAt: new Date('2026-03-09T08:00:00Z'), failing: 23 },
      { scanId: 's2', integrationName: 'gh-org', status: 'running', finishedAt: null, failing: null },
    ],
    integrations: [
      { name: 'prod', provider: 'aws', status: 'connected', health: 'healthy', lastScanAt: new Date('2026-03-09T08:00:00Z') },
      { name: 'gh-org', provider: 'github', status: 'error', health: 'unhealthy', lastScanAt: null },
    ],
  };

  it('shows open alerts, providers, scans, integrations and a command hint', () => {
    const home = renderHome(posture);
    expect(home.type).toBe('home');
    const blocks = home.blocks as KnownBlock[];
    expectWithinLimits(blocks, 100);
    expect(sections(blocks)[0]?.text?.text).toBe('*Open alerts* · 23');
    expect(fieldText(blocks, ':red_circle: Critical')).toBe('*:red_circle: Critical*\n2');
    const text = allText(blocks);
    expect(text).toContain('AWS · 18');
    expect(text).toContain('GitHub · 5');
    expect(text).toContain('*prod* · complete · 23 failing');
    expect(text).toContain(':red_circle: *gh-org* · GitHub · error · health unhealthy · last scan never');
    expect(text).toContain('/sentinel alerts');
  });

  it('renders an empty workspace', () => {
    const home = renderHome({ openBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, openByProvider: {}, lastScans: [], integrations: [] });
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('No scans yet');
    expect(text).toContain('No integrations connected yet');
    expectWithinLimits(home.blocks as KnownBlock[], 100);
  });
});
