import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkFingerprintPrefix, evaluateChecks, fingerprint, remediationText } from '../../src/scanning/engine.js';
import { EvaluatedFinding, toContractFinding } from '../../src/scanning/finding.js';
import { allChecks } from '../../src/scanning/registry.js';
import { criticalityAdjustment, riskScore } from '../../src/scanning/risk.js';
import { DEFAULT_SETTINGS, type Check, type CheckMeta } from '../../src/scanning/types.js';

/** SHA-256('aws-test-check')[:8 hex] + SHA-256('arn:aws:test:::a')[:32 hex], computed apart from the engine. */
const PINNED_FINGERPRINT = '8b2613941803c12b1947e37532f0a10879762fa4';

const meta: CheckMeta = {
  id: 'aws-test-check',
  title: 'Test resource is misconfigured',
  provider: 'aws',
  service: 'test',
  resourceType: 'AWS::Test::Thing',
  severity: 'high',
  description: 'd',
  risk: 'r',
  remediation: { text: 'Fix it.', cli: 'aws test fix --id <ID>', url: 'https://docs.aws.amazon.com/test' },
  compliance: { soc2: ['CC6.1'] },
  needs: ['x'],
};

type Snap = { things: Array<{ id: string; bad: boolean; public?: boolean; tags?: Record<string, string> }> };

const check: Check<Snap> = {
  meta,
  evaluate: (snapshot) =>
    snapshot.things.map((t) => ({
      resourceId: `arn:aws:test:::${t.id}`,
      region: 'us-east-1',
      status: t.bad ? 'fail' : 'pass',
      statusDetail: t.bad ? 'bad' : 'fine',
      exposed: t.public,
      tags: t.tags,
    })),
};

const broken: Check<Snap> = { meta: { ...meta, id: 'aws-broken-check' }, evaluate: () => { throw new Error('unexpected null'); } };

describe('engine', () => {
  it('turns results into contract findings with stable fingerprints and risk scores', () => {
    const { findings, incompleteChecks } = evaluateChecks([check], { things: [{ id: 'a', bad: true, public: true, tags: { Environment: 'prod' } }, { id: 'b', bad: false }] }, DEFAULT_SETTINGS, new Date(), { scopeId: 'arn:aws:iam::1:root' });
    expect(incompleteChecks).toEqual([]);
    const [first] = findings;
    expect(first && toContractFinding(first)).toEqual({
      checkId: 'aws-test-check',
      provider: 'aws',
      service: 'test',
      resourceId: 'arn:aws:test:::a',
      resourceType: 'AWS::Test::Thing',
      region: 'us-east-1',
      status: 'fail',
      severity: 'high',
      riskScore: 8.5,
      title: 'Test resource is misconfigured',
      statusDetail: 'bad',
      remediation: 'Fix it.\nCLI: aws test fix --id <ID>\nDocs: https://docs.aws.amazon.com/test',
      compliance: { soc2: ['CC6.1'] },
      fingerprint: fingerprint('aws-test-check', 'arn:aws:test:::a'),
    });
    expect(findings[1]).toMatchObject({ status: 'pass', riskScore: 0 });
    expect(fingerprint('aws-test-check', 'arn:aws:test:::a')).toBe(fingerprint('aws-test-check', 'arn:aws:test:::a'));
    expect(fingerprint('aws-test-check', 'arn:aws:test:::a')).not.toBe(fingerprint('aws-other', 'arn:aws:test:::a'));
    expect(fingerprint('a', 'bc')).not.toBe(fingerprint('ab', 'c'));
    // Pinned: stored findings, SARIF partialFingerprints and OCSF uids depend on it not drifting.
    expect(fingerprint('aws-test-check', 'arn:aws:test:::a')).toBe(PINNED_FINGERPRINT);
    expect(remediationText(meta)).toContain('CLI: aws test fix');
  });

  it('fingerprints a resource reported by several checks per check, the same as fingerprint()', () => {
    const other: Check<Snap> = { ...check, meta: { ...meta, id: 'aws-test-other' } };
    const { findings } = evaluateChecks([check, other], { things: [{ id: 'a', bad: true }, { id: 'b', bad: false }] }, DEFAULT_SETTINGS, new Date(), { scopeId: 'x' });
    expect(findings.map((f) => f.fingerprint)).toEqual(findings.map((f) => fingerprint(f.checkId, f.resourceId)));
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(4);
    for (const f of findings) expect(f.fingerprint).toMatch(/^[0-9a-f]{40}$/);
  });

  it('fingerprints right whatever order and subset of the resources each check reports', () => {
    const reporting = (id: string, pick: (things: Snap['things']) => Snap['things']): Check<Snap> => ({
      meta: { ...meta, id },
      evaluate: (snapshot) => check.evaluate({ things: pick(snapshot.things) }, DEFAULT_SETTINGS, new Date()),
    });
    const checks = [
      reporting('aws-test-all', (things) => things),
      reporting('aws-test-same-order', (things) => things),
      reporting('aws-test-none', () => []),
      reporting('aws-test-reversed', (things) => [...things].reverse()),
      reporting('aws-test-every-other', (things) => things.filter((_, index) => index % 2 === 1)),
      reporting('aws-test-more', (things) => [...things, { id: 'new', bad: true }]),
    ];
    const things = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, bad: id === 'c' }));
    const { findings } = evaluateChecks(checks, { things }, DEFAULT_SETTINGS, new Date(), { scopeId: 'x' });
    expect(findings).toHaveLength(5 + 5 + 0 + 5 + 2 + 6);
    expect(findings.filter((f) => f.checkId === 'aws-test-reversed').map((f) => f.resourceId)).toEqual(['e', 'd', 'c', 'b', 'a'].map((id) => `arn:aws:test:::${id}`));
    for (const f of findings) expect(f.fingerprint).toBe(fingerprint(f.checkId, f.resourceId));
  });

  it('gives every check in the registry its own fingerprint prefix, so findings of two checks never share a fingerprint', () => {
    const prefixes = new Map(allChecks.map((c) => [checkFingerprintPrefix(c.meta.id), c.meta.id]));
    expect(prefixes.size).toBe(allChecks.length);
  });

  it('turns a check that throws into one unknown finding instead of a crashed scan', () => {
    const { findings, incompleteChecks } = evaluateChecks([broken, check], { things: [{ id: 'a', bad: true }] }, DEFAULT_SETTINGS, new Date(), { scopeId: 'arn:aws:iam::1:root' });
    expect(findings[0]).toMatchObject({ checkId: 'aws-broken-check', status: 'unknown', resourceId: 'arn:aws:iam::1:root', statusDetail: 'Check failed to evaluate: unexpected null' });
    expect(findings[1]).toMatchObject({ checkId: 'aws-test-check', status: 'fail' });
    expect(incompleteChecks).toEqual(['aws-broken-check']);
  });
});

describe('evaluated findings', () => {
  const facts = {
    checkId: 'aws-test-check',
    provider: 'aws' as const,
    service: 'test',
    severity: 'high' as const,
    title: 'Test resource is misconfigured',
    remediation: remediationText(meta),
    compliance: { soc2: ['CC6.1'] },
    fingerprintPrefix: checkFingerprintPrefix('aws-test-check'),
  };
  const resource = { resourceId: 'arn:aws:test:::a', digest: fingerprint('aws-test-check', 'arn:aws:test:::a').slice(8) };

  it('serialise to exactly the contract fields, in the contract order, through JSON and util.inspect', () => {
    const finding = new EvaluatedFinding(facts, resource, 'AWS::Test::Thing', 'us-east-1', 'fail', 'bad', 8.5);
    const contract = toContractFinding(finding);
    expect(Object.keys(contract)).toEqual(['checkId', 'provider', 'service', 'resourceId', 'resourceType', 'region', 'status', 'severity', 'riskScore', 'title', 'statusDetail', 'remediation', 'compliance', 'fingerprint']);
    expect(contract).toMatchObject({ checkId: 'aws-test-check', resourceId: 'arn:aws:test:::a', status: 'fail', riskScore: 8.5, fingerprint: PINNED_FINGERPRINT });
    expect(JSON.parse(JSON.stringify({ findings: [finding] }))).toEqual({ findings: [contract] });
    expect(inspect(finding)).toBe(inspect(contract));
  });

  it('compare in tests by their contract fields (test/setup/finding-equality.ts)', () => {
    const failing = new EvaluatedFinding(facts, resource, 'AWS::Test::Thing', 'us-east-1', 'fail', 'bad', 8.5);
    const passing = new EvaluatedFinding(facts, resource, 'AWS::Test::Thing', 'us-east-1', 'pass', 'fine', 0);
    expect(failing).toEqual(toContractFinding(failing));
    expect(failing).toEqual(new EvaluatedFinding(facts, resource, 'AWS::Test::Thing', 'us-east-1', 'fail', 'bad', 8.5));
    expect(failing).not.toEqual(passing);
    expect([failing, passing]).toContainEqual({ ...toContractFinding(passing) });
    expect(failing).toMatchObject({ status: 'fail', riskScore: 8.5 });
    expect(failing).not.toMatchObject({ status: 'pass' });
  });

  it('give back every one-decimal risk score exactly, and 0 for a pass', () => {
    for (let tenths = 0; tenths <= 100; tenths += 1) {
      const score = tenths / 10;
      expect(new EvaluatedFinding(facts, resource, 'AWS::Test::Thing', 'us-east-1', 'fail', 'bad', score).riskScore).toBe(score);
    }
    expect(new EvaluatedFinding(facts, resource, 'AWS::Test::Thing', 'us-east-1', 'unknown', 'denied', riskScore('high', { status: 'unknown' })).riskScore).toBe(3.5);
  });

  it('share one object per check: findings of a check read the same metadata, not copies', () => {
    const { findings } = evaluateChecks([check], { things: [{ id: 'a', bad: true }, { id: 'b', bad: false }] }, DEFAULT_SETTINGS, new Date(), { scopeId: 'x' });
    const [a, b] = findings;
    expect(a).toBeInstanceOf(EvaluatedFinding);
    expect(a?.compliance).toBe(b?.compliance);
    expect(a?.remediation).toBe(b?.remediation);
    expect([a?.riskScore, b?.riskScore]).toEqual([7, 0]);
  });
});

describe('risk score', () => {
  it('follows the documented formula', () => {
    expect(riskScore('critical', { status: 'fail', exposed: true, tags: { criticality: 'High' } })).toBe(10);
    expect(riskScore('high', { status: 'fail' })).toBe(7);
    expect(riskScore('medium', { status: 'fail', exposed: true })).toBe(6);
    expect(riskScore('low', { status: 'fail', tags: { env: 'dev' } })).toBe(2);
    expect(riskScore('info', { status: 'fail', tags: { env: 'sandbox', 'data-classification': 'public' } })).toBe(0);
    expect(riskScore('high', { status: 'unknown', exposed: true })).toBe(3.5);
    expect(riskScore('critical', { status: 'pass', exposed: true })).toBe(0);
  });

  it('reads criticality and environment tags case-insensitively', () => {
    expect(criticalityAdjustment({ Criticality: 'CRITICAL', Environment: 'Production' })).toBe(1.5);
    expect(criticalityAdjustment({ stage: 'staging' })).toBe(-1);
    expect(criticalityAdjustment({ Name: 'web' })).toBe(0);
  });
});
