/**
 * Risk score, 0–10, for ordering work: how bad the problem is (severity), whether anyone on the
 * internet can reach it (exposure), and how much the resource matters (its tags).
 *
 *   failing:  base(severity) + 1.0 if exposed + criticality(tags), clamped to 0–10, one decimal
 *             base: critical 9, high 7, medium 5, low 3, info 1
 *             criticality: tag criticality / business-criticality / data-classification of
 *               critical, high, restricted, confidential → +1.0; low, public → −1.0
 *             environment / env / stage of prod, production, prd → +0.5;
 *               dev, development, test, testing, sandbox, staging → −1.0
 *   unknown:  half the failing base (we could not tell; it may be as bad), no adjustments
 *   passing:  0
 */
import type { CheckResult, Severity } from './types.js';

const BASE: Record<Severity, number> = { critical: 9, high: 7, medium: 5, low: 3, info: 1 };
const CRITICALITY_KEYS = ['criticality', 'business-criticality', 'businesscriticality', 'data-classification', 'dataclassification'];
const ENVIRONMENT_KEYS = ['environment', 'env', 'stage'];
const HIGH_CRITICALITY = new Set(['critical', 'high', 'restricted', 'confidential']);
const LOW_CRITICALITY = new Set(['low', 'public']);
const PRODUCTION = new Set(['prod', 'production', 'prd']);
const NON_PRODUCTION = new Set(['dev', 'development', 'test', 'testing', 'sandbox', 'staging']);

function tagValue(tags: Record<string, string>, keys: string[]): string | null {
  for (const key in tags) {
    if (keys.includes(key.toLowerCase())) return (tags[key] as string).trim().toLowerCase();
  }
  return null;
}

export function criticalityAdjustment(tags?: Record<string, string>): number {
  // Results without tags (IAM principals, account-wide settings) need no work; a default parameter
  // of `{}` built an empty object for each of them.
  if (tags === undefined) return 0;
  let adjustment = 0;
  const criticality = tagValue(tags, CRITICALITY_KEYS);
  if (criticality && HIGH_CRITICALITY.has(criticality)) adjustment += 1;
  if (criticality && LOW_CRITICALITY.has(criticality)) adjustment -= 1;
  const environment = tagValue(tags, ENVIRONMENT_KEYS);
  if (environment && PRODUCTION.has(environment)) adjustment += 0.5;
  if (environment && NON_PRODUCTION.has(environment)) adjustment -= 1;
  return adjustment;
}

export function riskScore(severity: Severity, result: Pick<CheckResult, 'status' | 'exposed' | 'tags'>): number {
  if (result.status === 'pass') return 0;
  if (result.status === 'unknown') return BASE[severity] / 2;
  const score = BASE[severity] + (result.exposed ? 1 : 0) + criticalityAdjustment(result.tags);
  return Math.round(Math.min(10, Math.max(0, score)) * 10) / 10;
}
