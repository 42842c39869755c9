/**
 * toEqual, toMatchObject and the like compare the engine's findings by their contract fields. An
 * `EvaluatedFinding` keeps its fields private behind getters, so vitest's own equality (which walks
 * own enumerable keys) would see none: any two findings would be "equal" and none would match a plain
 * object. Listed in vitest.config.ts `setupFiles`.
 */
import { expect } from 'vitest';
import { EvaluatedFinding, toContractFinding } from '../../src/scanning/finding.js';

const plain = (value: unknown): unknown => (value instanceof EvaluatedFinding ? toContractFinding(value) : value);

expect.addEqualityTesters([
  function findingEquality(a: unknown, b: unknown, customTesters) {
    if (!(a instanceof EvaluatedFinding) && !(b instanceof EvaluatedFinding)) return undefined;
    // With the matcher's own testers: toMatchObject still compares a subset.
    return this.equals(plain(a), plain(b), customTesters);
  },
]);
