/**
 * Scans and alerts through the API against the whole service: a scan started over HTTP runs as a
 * job, its alerts are posted as cards to a subscribed Slack channel (the fake Slack), and triage
 * over HTTP goes through the same core as a click — version check, audit row, and the card on
 * Slack updated with a thread note naming the API token.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEvidencePack } from '../../src/reports/evidence-pack.js';
import { listAlertMessages } from '../../src/store/alert-messages.js';
import { insertEvidence } from '../../src/store/evidence.js';
import { listAudit, verifyAuditChain } from '../../src/store/audit.js';
import { createIntegration, type PublicIntegration } from '../../src/store/integrations.js';
import { alerts } from '../../src/store/schema.js';
import type { SlackResponseCall } from '../fakes/slack.js';
import { dataOf, problems, startApiService, type ApiWorld, type Json } from '../helpers/api.js';
import { waitFor } from '../helpers/wait.js';

const ADMIN = 'UADMIN';
const CHANNEL = 'C-API-ALERTS';
const PUBLIC_ACL = 'aws-s3-bucket-public-acl';
const ROOT_MFA = 'aws-iam-root-mfa-disabled';

let api: ApiWorld;
let prod: PublicIntegration;
let responder: string;
let responderId: string;
let viewer: string;
let otherAdmin: string;
let otherIntegration: PublicIntegration;

beforeAll(async () => {
  api = await startApiService({ env: { CLOUDSENTINEL_ADMINS: `slack:${ADMIN}` } });
  if (!api.world.integration) throw new Error('the harness made no integration');
  prod = api.world.integration;
  ({ token: responder, id: responderId } = await api.token('responder'));
  ({ token: viewer } = await api.token('viewer'));
  const other = await api.tenant('other-co');
  ({ token: otherAdmin } = await api.token('admin', other.id));
  otherIntegration = await createIntegration(api.world.db, api.world.service.keyring, {
    tenantId: other.id,
    name: 'theirs',
    provider: 'aws',
    credentials: { access_key_id: 'AKIAEXAMPLEEXAMPLE34', secret_access_key: 'z'.repeat(40) },
  });
  // Alerts of `prod` are posted to CHANNEL, as `/sentinel subscribe prod` there arranges.
  const responseId = `r-${randomUUID()}`;
  await api.world.command('subscribe prod', { userId: ADMIN, channelId: CHANNEL, responseId });
  await waitFor(() => api.world.fake.responsesTo(responseId).length > 0);
  expect(JSON.stringify((api.world.fake.responsesTo(responseId)[0] as SlackResponseCall).body)).toContain('prod');
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

async function finishedScan(scanId: string): Promise<Json> {
  let scan: Json = {};
  await waitFor(async () => {
    scan = dataOf(await api.call('GET', `/api/v1/scans/${scanId}`, { token: viewer }));
    return scan.finished_at !== null;
  }, 20_000, 100);
  return scan;
}

describe('scans', () => {
  let scanId = '';

  it('starts a scan (coalescing a second request into it), and lists and reads it', async () => {
    api.world.scanner.willFind([
      { checkId: PUBLIC_ACL, resourceId: 'arn:aws:s3:::api-public-bucket' },
      { checkId: ROOT_MFA, resourceId: 'arn:aws:iam::123456789012:root' },
    ]);
    // The scan stays in flight until both requests are in, however fast the worker picks it up.
    const release = api.world.scanner.hold();
    const started = await api.call('POST', '/api/v1/scans', { token: responder, body: { integration_id: prod.id } });
    expect(started.status).toBe(202);
    expect(dataOf(started)).toMatchObject({ integration_id: prod.id, platform: 'aws', status: 'queued', requested_by: `api:${responderId}`, coalesced: false });
    scanId = String(dataOf(started).scan_id);
    const again = await api.call('POST', '/api/v1/scans', { token: responder, body: { integration_id: prod.id } });
    expect(dataOf(again)).toMatchObject({ scan_id: scanId, coalesced: true });
    release();

    const scan = await finishedScan(scanId);
    expect(scan).toMatchObject({ status: 'complete', summary: { fail: 2, new: 2 } });
    const list = await api.call('GET', `/api/v1/scans?integration_id=${prod.id}&status=complete,partial&limit=1`, { token: viewer });
    expect(dataOf(list)).toMatchObject({ scans: [{ scan_id: scanId }], paging: { limit: 1, offset: 0, next_offset: null } });
    const audit = await listAudit(api.world.db, { targetType: 'scan', targetId: scanId });
    expect(audit.filter((a) => a.action === 'scan.requested').map((a) => [a.action, a.actor])).toEqual([
      ['scan.requested', `api:${responderId}`],
      ['scan.requested', `api:${responderId}`],
    ]);
  });

  it('validates the request, needs scan:run, and keeps tenants apart', async () => {
    const bad = await api.call('POST', '/api/v1/scans', { token: responder, body: { integration_id: 'prod', regions: ['mars-1'] } });
    expect(bad.status).toBe(400);
    expect(problems(bad)).toEqual([
      { code: 'VALIDATION_ERROR', field: 'integration_id' },
      { code: 'VALIDATION_ERROR', field: 'regions.0' },
    ]);
    const checks = await api.call('POST', '/api/v1/scans', { token: responder, body: { integration_id: prod.id, checks: [PUBLIC_ACL, 'no-such-check'] } });
    expect(problems(checks)).toEqual([{ code: 'VALIDATION_ERROR', field: 'checks.1' }]);
    const paging = await api.call('GET', '/api/v1/scans?limit=500&offset=-1&status=done', { token: viewer });
    expect(problems(paging).map((p) => p.field)).toEqual(['status.0', 'limit', 'offset']);
    const denied = await api.call('POST', '/api/v1/scans', { token: viewer, body: { integration_id: prod.id } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toContain('scan:run');
    expect((await api.call('POST', '/api/v1/scans', { token: responder, body: { integration_id: otherIntegration.id } })).status).toBe(404);
    expect((await api.call('GET', `/api/v1/scans/${scanId}`, { token: otherAdmin })).status).toBe(404);
    expect(dataOf(await api.call('GET', '/api/v1/scans', { token: otherAdmin })).scans).toEqual([]);
  });
});

describe('alerts', () => {
  let target: Json = {};

  it('lists with filters and paging, most severe first', async () => {
    const all = await api.call('GET', `/api/v1/alerts?state=open&integration_id=${prod.id}`, { token: viewer });
    expect(all.status).toBe(200);
    const list = dataOf(all).alerts as Json[];
    expect(list).toHaveLength(2);
    expect(list.map((a) => a.check_id)).toEqual([ROOT_MFA, PUBLIC_ACL]);
    expect(list[0]).toMatchObject({ state: 'open', version: 1, platform: 'aws', integration_id: prod.id, integration_name: 'prod', assignee: null });
    const first = await api.call('GET', `/api/v1/alerts?integration_id=${prod.id}&limit=1`, { token: viewer });
    expect(dataOf(first).paging).toEqual({ limit: 1, offset: 0, next_offset: 1 });
    const second = await api.call('GET', `/api/v1/alerts?integration_id=${prod.id}&limit=1&offset=1`, { token: viewer });
    expect((dataOf(second).alerts as Json[])[0]?.check_id).toBe(PUBLIC_ACL);
    expect(dataOf(second).paging).toEqual({ limit: 1, offset: 1, next_offset: null });
    const high = await api.call('GET', `/api/v1/alerts?severity=${String(list[1]?.severity)}&state=open,acknowledged`, { token: viewer });
    expect((dataOf(high).alerts as Json[]).map((a) => a.check_id)).toContain(PUBLIC_ACL);
    const bad = await api.call('GET', '/api/v1/alerts?state=open,closed&severity=urgent', { token: viewer });
    expect(problems(bad).map((p) => p.field)).toEqual(['state.1', 'severity.0']);
    target = list[1] ?? {};
    const one = await api.call('GET', `/api/v1/alerts/${String(target.alert_id)}`, { token: viewer });
    expect(dataOf(one)).toEqual(target);
  });

  it('acknowledges through the triage core: audit row, version bump, and the Slack card refreshed with a note', async () => {
    const alertId = String(target.alert_id);
    await waitFor(async () => (await listAlertMessages(api.world.db, alertId)).length > 0, 15_000);
    const [card] = await listAlertMessages(api.world.db, alertId);
    if (!card) throw new Error('no card posted');
    const answer = await api.call('POST', `/api/v1/alerts/${alertId}/acknowledge`, { token: responder, body: { expected_version: 1 } });
    expect(answer.status).toBe(200);
    expect(dataOf(answer)).toMatchObject({ alert_id: alertId, state: 'acknowledged', version: 2, changed_by: `api:${responderId}` });
    expect(answer.body.message).toBe(`Acknowledged by api:${responderId}`);
    const [audit] = await listAudit(api.world.db, { targetType: 'alert', targetId: alertId });
    expect(audit).toMatchObject({ action: 'alert.acknowledge', actor: `api:${responderId}`, outcome: 'success' });
    // The refresh job updates the card on Slack and posts the note in its thread.
    await waitFor(() => (api.world.fake.message(card.channelId, card.messageId)?.updates ?? 0) > 0, 15_000);
    expect(JSON.stringify(api.world.fake.message(card.channelId, card.messageId)?.blocks)).toMatch(/[Aa]cknowledged/);
    await waitFor(() => api.world.fake.callsTo('chat.postMessage').some((call) => call.body.thread_ts === card.messageId && String(call.body.text).includes(`API token ${responderId}`)), 15_000);
  });

  it('answers 409 CONFLICT for a stale version or a state the action does not apply to, changing nothing', async () => {
    const alertId = String(target.alert_id);
    const stale = await api.call('POST', `/api/v1/alerts/${alertId}/resolve`, { token: responder, body: { expected_version: 1 } });
    expect(stale.status).toBe(409);
    expect(problems(stale)).toEqual([{ code: 'CONFLICT', field: 'expected_version' }]);
    expect(stale.body.error).toMatch(/acknowledged by api:.* \(version 2\)/);
    const invalid = await api.call('POST', `/api/v1/alerts/${alertId}/acknowledge`, { token: responder, body: { expected_version: 2 } });
    expect(invalid.status).toBe(409);
    const [row] = await api.world.db.select({ version: alerts.version, state: alerts.state }).from(alerts).where(eq(alerts.id, alertId));
    expect(row).toEqual({ version: 2, state: 'acknowledged' });
    const audit = await listAudit(api.world.db, { targetType: 'alert', targetId: alertId });
    expect(audit.filter((a) => a.outcome === 'failure').map((a) => (a.details as { error: Json }).error.code)).toEqual(['CONFLICT', 'CONFLICT']);
  });

  it('suppresses, assigns, resolves and reopens, validating each body', async () => {
    const alertId = String(target.alert_id);
    const post = (action: string, body: unknown) => api.call('POST', `/api/v1/alerts/${alertId}/${action}`, { token: responder, body });
    expect(problems(await post('suppress', { expected_version: 2 }))).toEqual([{ code: 'VALIDATION_ERROR', field: 'reason' }]);
    expect(problems(await post('suppress', { expected_version: 2, reason: 'noisy', until: '2001-01-01T00:00:00Z' }))).toEqual([{ code: 'VALIDATION_ERROR', field: 'until' }]);
    expect(problems(await post('assign', { expected_version: 'two' }))).toEqual([
      { code: 'VALIDATION_ERROR', field: 'expected_version' },
      { code: 'VALIDATION_ERROR', field: 'assignee' },
    ]);
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const suppressed = await post('suppress', { expected_version: 2, reason: 'test bucket, public by design', until });
    expect(dataOf(suppressed)).toMatchObject({ state: 'suppressed', version: 3, reason: 'test bucket, public by design', suppressed_until: until });
    expect(dataOf(await post('assign', { expected_version: 3, assignee: 'slack:U0456' }))).toMatchObject({ state: 'suppressed', assignee: 'slack:U0456', version: 4 });
    const mine = await api.call('GET', '/api/v1/alerts?assignee=slack:U0456', { token: viewer });
    expect((dataOf(mine).alerts as Json[]).map((a) => a.alert_id)).toEqual([alertId]);
    expect(dataOf(await post('resolve', { expected_version: 4 }))).toMatchObject({ state: 'resolved', version: 5 });
    expect(dataOf(await post('reopen', { expected_version: 5 }))).toMatchObject({ state: 'open', version: 6 });
    expect(await verifyAuditChain(api.world.db)).toMatchObject({ ok: true });
  });

  it('lets viewers look but not triage, and other tenants neither', async () => {
    const alertId = String(target.alert_id);
    const denied = await api.call('POST', `/api/v1/alerts/${alertId}/acknowledge`, { token: viewer, body: { expected_version: 6 } });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toContain('alert:triage');
    const foreign = await api.call('POST', `/api/v1/alerts/${alertId}/acknowledge`, { token: otherAdmin, body: { expected_version: 6 } });
    expect(foreign.status).toBe(404);
    expect((await api.call('GET', `/api/v1/alerts/${alertId}`, { token: otherAdmin })).status).toBe(404);
    expect(dataOf(await api.call('GET', '/api/v1/alerts', { token: otherAdmin })).alerts).toEqual([]);
    const [row] = await api.world.db.select({ version: alerts.version }).from(alerts).where(eq(alerts.id, alertId));
    expect(row?.version).toBe(6);
    const audit = await listAudit(api.world.db, { targetType: 'alert', targetId: alertId });
    expect(audit.find((a) => (a.details as Json).denied === true)).toMatchObject({ action: 'alert.acknowledge', outcome: 'failure' });
  });
});

describe('reports', () => {
  it('answers the compliance report of a framework as JSON or CSV, from the scan\'s findings', async () => {
    const report = await api.call('GET', `/api/v1/reports/compliance?framework=cis&integration_id=${prod.id}`, { token: viewer });
    expect(report.status).toBe(200);
    const data = dataOf(report);
    expect(data).toMatchObject({ framework: 'cis', integration_id: prod.id });
    const failing = (data.controls as Json[]).filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(JSON.stringify(failing)).toContain(ROOT_MFA);
    const csv = await api.call('GET', `/api/v1/reports/compliance?framework=cis&integration_id=${prod.id}&format=csv`, { token: viewer });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('compliance-cis.csv');
    expect(csv.text.split('\r\n')[0]).toMatch(/^framework_id,control_id,control_status/);
    expect(csv.text).toContain(ROOT_MFA);
    const bad = await api.call('GET', '/api/v1/reports/compliance?framework=sox&format=pdf', { token: viewer });
    expect(problems(bad).map((p) => p.field)).toEqual(['framework', 'format']);
    expect((await api.call('GET', `/api/v1/reports/compliance?framework=cis&integration_id=${prod.id}`, { token: otherAdmin })).status).toBe(404);
  });

  it('exports an evidence pack that verifies offline, and audits the export', async () => {
    await insertEvidence(api.world.db, [
      {
        tenantId: api.defaultTenant.id,
        integrationId: prod.id,
        syncId: null,
        title: 'AWS IAM Policies Evidence',
        description: 'IAM policies collected from AWS',
        evidenceType: 'api_response',
        status: 'collected',
        framework: 'soc2',
        controlId: 'CC6.1',
        data: { policy_name: 'example-policy', policy_arn: 'arn:aws:iam::123456789012:policy/example-policy' },
        evidenceMetadata: { platform: 'aws', collection_type: 'policies', collected_at: new Date().toISOString(), resource_id: 'arn:aws:iam::123456789012:policy/example-policy' },
        confidenceScore: 0.95,
        trustPoints: 10,
      },
    ]);
    const pack = await api.call('GET', `/api/v1/reports/evidence-pack?framework=soc2&integration_id=${prod.id}`, { token: viewer });
    expect(pack.status).toBe(200);
    expect(pack.headers.get('content-type')).toBe('application/zip');
    expect(pack.headers.get('content-disposition')).toMatch(/evidence-pack-soc2-\d{4}-\d{2}-\d{2}\.zip/);
    expect(verifyEvidencePack(pack.bytes)).toMatchObject({ ok: true, evidence: 1, problems: [] });
    const [audit] = await listAudit(api.world.db, { targetType: 'integration', targetId: prod.id });
    expect(audit).toMatchObject({ action: 'report.evidence_pack', outcome: 'success', details: { framework: 'soc2', evidence: 1 } });
  });
});
