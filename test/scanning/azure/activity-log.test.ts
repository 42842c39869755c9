/**
 * Which activity log alerts cover a CIS 5.2.x operation, from rule documents in Resource Manager's
 * own shape (as `az monitor activity-log alert show` prints them, and as the portal and the CIS
 * remediation create them): plain `allOf` leaves, operations grouped in an `anyOf`, `containsAny`,
 * names in any case — read by the collector's `conditionOf`, then matched by `alertCovers`.
 */
import { describe, expect, it } from 'vitest';
import { alertCovers } from '../../../src/scanning/checks/azure/lib/activity-log.js';
import { check as createPolicy } from '../../../src/scanning/checks/azure/monitor/azure-monitor-alert-create-policy-assignment-missing.js';
import { conditionOf } from '../../../src/scanning/providers/azure/collectors/monitor-security.js';
import type { ActivityLogAlert } from '../../../src/scanning/providers/azure/snapshot.js';
import { DEFAULT_SETTINGS } from '../../../src/scanning/types.js';
import { NOW, SUB, ok, snapshot } from './fixtures/snapshot.js';

const OP = 'Microsoft.Authorization/policyAssignments/write';

interface RuleDocument {
  name: string;
  properties: { scopes: string[]; enabled?: boolean; condition: { allOf: Array<Record<string, unknown>> } };
}

/** A rule as Resource Manager returns it, turned into the snapshot's alert the way the collector does. */
function alertOf(document: RuleDocument): ActivityLogAlert {
  const { name, properties } = document;
  return {
    id: `/subscriptions/${SUB}/resourceGroups/rg-monitor/providers/microsoft.insights/activityLogAlerts/${name}`,
    name,
    resourceGroup: 'rg-monitor',
    location: 'global',
    tags: {},
    enabled: properties.enabled ?? true,
    scopes: properties.scopes,
    conditions: properties.condition.allOf.map((condition) => conditionOf(condition)),
  };
}

const rule = (allOf: Array<Record<string, unknown>>, overrides: Partial<RuleDocument['properties']> = {}): RuleDocument => ({
  name: 'policy-assignment-alert',
  properties: { scopes: [`/subscriptions/${SUB}`], enabled: true, condition: { allOf }, ...overrides },
});

const covers = (document: RuleDocument, operation = OP): boolean => alertCovers(alertOf(document), SUB, operation);
const ADMINISTRATIVE = { field: 'category', equals: 'Administrative' };

describe('activity log alerts that cover an operation', () => {
  it('counts the portal\'s shape: category Administrative and an anyOf that includes the operation', () => {
    const portal = rule([
      ADMINISTRATIVE,
      { anyOf: [{ field: 'operationName', equals: OP }, { field: 'operationName', equals: 'Microsoft.Authorization/policyAssignments/delete' }] },
    ]);
    expect(covers(portal)).toBe(true);
    expect(covers(portal, 'Microsoft.Authorization/policyAssignments/delete')).toBe(true);
    expect(covers(portal, 'Microsoft.Network/networkSecurityGroups/write')).toBe(false);
  });

  it('counts an anyOf of one operation, and the plain allOf leaf of the older API', () => {
    expect(covers(rule([ADMINISTRATIVE, { anyOf: [{ field: 'operationName', equals: OP }] }]))).toBe(true);
    expect(covers(rule([ADMINISTRATIVE, { field: 'operationName', equals: OP }]))).toBe(true);
    expect(covers(rule([{ field: 'operationName', equals: OP }]))).toBe(true);
  });

  it('compares operation names, categories and field names case-insensitively', () => {
    expect(covers(rule([{ field: 'Category', equals: 'administrative' }, { anyOf: [{ field: 'OperationName', equals: OP.toLowerCase() }] }]))).toBe(true);
    expect(covers(rule([ADMINISTRATIVE, { field: 'operationName', equals: OP.toUpperCase() }]))).toBe(true);
  });

  it('reads containsAny as "equals one of"', () => {
    expect(covers(rule([ADMINISTRATIVE, { field: 'operationName', containsAny: ['Microsoft.Sql/servers/firewallRules/write', OP.toLowerCase()] }]))).toBe(true);
    expect(covers(rule([{ field: 'category', containsAny: ['Security', 'Administrative'] }, { field: 'operationName', equals: OP }]))).toBe(true);
  });

  it('counts an anyOf whose other leaf narrows, since the operation leaf alone fires it', () => {
    expect(covers(rule([ADMINISTRATIVE, { anyOf: [{ field: 'operationName', equals: OP }, { field: 'resourceGroup', equals: 'rg-app' }] }]))).toBe(true);
  });

  it('passes the check with the alert that covers it, among others that do not', () => {
    const alerts = [alertOf(rule([ADMINISTRATIVE, { anyOf: [{ field: 'operationName', equals: 'x/write' }] }])), alertOf({ ...rule([ADMINISTRATIVE, { anyOf: [{ field: 'operationName', equals: OP }] }]), name: 'policy' })];
    const [result] = createPolicy.evaluate(snapshot({ 'monitor.activityLogAlerts': ok(alerts) }), DEFAULT_SETTINGS, NOW);
    expect(result).toMatchObject({ status: 'pass', statusDetail: `Activity log alert policy fires on ${OP}` });
  });
});

describe('activity log alerts that do not cover an operation', () => {
  const good = [ADMINISTRATIVE, { anyOf: [{ field: 'operationName', equals: OP }] }];

  it('does not count a disabled alert', () => {
    expect(covers(rule(good, { enabled: false }))).toBe(false);
  });

  it('does not count an alert whose scopes do not include the subscription itself', () => {
    expect(covers(rule(good, { scopes: [`/subscriptions/${SUB}/resourceGroups/rg-app`] }))).toBe(false);
    expect(covers(rule(good, { scopes: ['/subscriptions/99999999-0000-0000-0000-000000000000'] }))).toBe(false);
    expect(covers(rule(good, { scopes: [] }))).toBe(false);
    expect(covers(rule(good, { scopes: [`/SUBSCRIPTIONS/${SUB.toUpperCase()}/`] }))).toBe(true);
  });

  it('does not count an alert on another category, or an anyOf without the operation', () => {
    expect(covers(rule([{ field: 'category', equals: 'Security' }, { anyOf: [{ field: 'operationName', equals: OP }] }]))).toBe(false);
    expect(covers(rule([ADMINISTRATIVE, { anyOf: [{ field: 'operationName', equals: 'Microsoft.Authorization/policyAssignments/delete' }] }]))).toBe(false);
  });

  it('does not count an alert narrowed to a resource, a resource group or a caller, in a leaf or a whole anyOf', () => {
    expect(covers(rule([...good, { field: 'resourceId', equals: `/subscriptions/${SUB}/resourceGroups/rg/providers/x/y` }]))).toBe(false);
    expect(covers(rule([...good, { anyOf: [{ field: 'resourceGroup', equals: 'rg-a' }, { field: 'resourceGroup', equals: 'rg-b' }] }]))).toBe(false);
    expect(covers(rule([...good, { field: 'caller', equals: 'admin@contoso.com' }]))).toBe(false);
  });

  it('does not count an alert that never names the operation, nor a leaf it cannot read', () => {
    expect(covers(rule([ADMINISTRATIVE]))).toBe(false);
    expect(covers(rule([ADMINISTRATIVE, { field: 'operationName' }]))).toBe(false);
    expect(covers(rule([ADMINISTRATIVE, { anyOf: [] }, { field: 'operationName', equals: OP }]))).toBe(false);
  });
});
