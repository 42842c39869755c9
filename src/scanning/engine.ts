/**
 * The engine: picks the checks to run, tells the collectors which snapshot parts those checks
 * need (each collected once, however many checks read it), and turns check results into findings.
 */
import { createHash, hash } from 'node:crypto';
import { AppError } from '../errors.js';
import { EvaluatedFinding, type CheckFacts, type ResourceKey } from './finding.js';
import { riskScore } from './risk.js';
import type { Check, CheckMeta, ScanSettings } from './types.js';

function sha256Hex(input: string): string {
  // crypto.hash is the one-shot form (Node >= 20.12): several times faster for short inputs.
  return typeof hash === 'function' ? hash('sha256', input, 'hex') : createHash('sha256').update(input).digest('hex');
}

/** A check's part of its findings' fingerprints: 32 bits of its id's SHA-256 (distinct over the registry; a test holds it to that). */
export function checkFingerprintPrefix(checkId: string): string {
  return sha256Hex(checkId).slice(0, 8);
}

/** A resource's part of its findings' fingerprints: 128 bits of its id's SHA-256. */
export function resourceFingerprint(resourceId: string): string {
  return sha256Hex(resourceId).slice(0, 32);
}

/**
 * Stable across scans for the same check and resource: 40 hex digits, the check's prefix then the
 * resource's digest. Two findings of one check collide only if two resource ids share 128 bits of
 * SHA-256; findings of different checks never do. Hashing the two ids apart lets a scan hash each
 * resource once, however many checks report on it (~6 in an AWS account), instead of every pair.
 * migrations/0005_fingerprint_v2.sql computes the same in SQL.
 */
export function fingerprint(checkId: string, resourceId: string): string {
  return checkFingerprintPrefix(checkId) + resourceFingerprint(resourceId);
}

/** The checks named in `ids` (all when none), failing clearly on an id that does not exist. */
export function selectChecks<C extends { meta: CheckMeta }>(registry: readonly C[], ids?: readonly string[]): C[] {
  if (!ids || ids.length === 0) return [...registry];
  const byId = new Map(registry.map((check) => [check.meta.id, check]));
  const unknownIds = ids.filter((id) => !byId.has(id));
  if (unknownIds.length > 0) {
    throw new AppError('VALIDATION_ERROR', `Unknown check id(s): ${unknownIds.join(', ')}.`, {
      hint: 'See `cloudsentinel checks list` for the ids.',
      details: unknownIds.map((id) => ({ code: 'VALIDATION_ERROR', field: 'checks', message: `no check ${id}` })),
    });
  }
  return ids.map((id) => byId.get(id) as C);
}

/** The union of what the checks need, in a stable order. */
export function neededParts<P extends string>(checks: ReadonlyArray<{ meta: CheckMeta<P> }>): P[] {
  return [...new Set(checks.flatMap((check) => check.meta.needs))].sort();
}

export function remediationText(meta: CheckMeta): string {
  const { text, cli, url } = meta.remediation;
  return [text, cli ? `CLI: ${cli}` : null, `Docs: ${url}`].filter(Boolean).join('\n');
}

export interface Evaluation {
  /** Read them like any `Finding`; `toContractFinding()` makes a plain object of one. */
  findings: EvaluatedFinding[];
  /** Checks that reported `unknown` for something: their absence of a failure proves nothing. */
  incompleteChecks: string[];
}

/**
 * Runs every check over the snapshot. A check that throws (a bug meeting data it did not expect)
 * becomes one `unknown` finding naming the error, never a crashed scan.
 */
export function evaluateChecks<S, P extends string>(checks: ReadonlyArray<Check<S, P>>, snapshot: S, settings: ScanSettings, now: Date, scope: { scopeId: string }): Evaluation {
  const findingsPerCheck: EvaluatedFinding[][] = [];
  const incomplete = new Set<string>();
  // One entry per resource, however many checks report on it: its digest, hashed once, and one copy
  // of its id for all its findings (checks build the id afresh, e.g. an ARN from a name).
  const resources = new Map<string, ResourceKey>();
  // Checks that read the same part report its resources in the same order, so the previous check's
  // key at the same position is usually this result's: that saves ~80 % of the lookups in the map
  // of every resource on the benchmark's account (each one a likely cache miss).
  // The two key arrays take turns, so a large account's evaluation does not grow a new one per check.
  // Past the current check's results a reused array holds older keys: only hints, which the id
  // comparison below checks like any other.
  let previousKeys: ResourceKey[] = [];
  let spareKeys: ResourceKey[] = [];
  for (const check of checks) {
    let results;
    try {
      results = check.evaluate(snapshot, settings, now);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results = [{ resourceId: scope.scopeId, region: 'global', status: 'unknown' as const, statusDetail: `Check failed to evaluate: ${message}` }];
    }
    const { meta } = check;
    const { id: checkId, resourceType, severity } = meta;
    const facts: CheckFacts = {
      checkId,
      provider: meta.provider,
      service: meta.service,
      severity,
      title: meta.title,
      remediation: remediationText(meta),
      compliance: meta.compliance,
      fingerprintPrefix: checkFingerprintPrefix(checkId),
    };
    const keys = spareKeys;
    // Checks build many details afresh per resource from templates (`${bucketState}, and account-level
    // Block Public Access does not cover it`), and runs of them read the same: a run keeps one copy
    // instead of one per finding (15 MB less on the benchmark's 100,000 resources).
    let previousDetail = '';
    // map() makes each check's array at its final size, and concat() the whole list at the end:
    // growing one list push by push copied it again and again, each copy fresh memory.
    findingsPerCheck.push(
      results.map((result, index) => {
        if (result.status === 'unknown') incomplete.add(checkId);
        let key = previousKeys[index];
        if (key === undefined || key.resourceId !== result.resourceId) {
          key = resources.get(result.resourceId);
          if (key === undefined) {
            key = { resourceId: result.resourceId, digest: resourceFingerprint(result.resourceId) };
            resources.set(result.resourceId, key);
          }
        }
        keys[index] = key;
        let detail = result.statusDetail;
        if (detail === previousDetail) detail = previousDetail;
        else previousDetail = detail;
        return new EvaluatedFinding(facts, key, result.resourceType ?? resourceType, result.region, result.status, detail, riskScore(severity, result));
      }),
    );
    if (results.length > 0) {
      spareKeys = previousKeys;
      previousKeys = keys;
    }
  }
  const findings = ([] as EvaluatedFinding[]).concat(...findingsPerCheck);
  return { findings, incompleteChecks: [...incomplete].sort() };
}
