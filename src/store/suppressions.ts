/** Suppression rules: findings they match open no alerts while the rule is active. */
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Executor } from './db.js';
import { suppressionRules } from './schema.js';

export type SuppressionRule = typeof suppressionRules.$inferSelect;

export interface SuppressionRuleInput {
  tenantId: string;
  integrationId?: string | null;
  checkId?: string | null;
  /** Glob over resource ids: `*` matches any run of characters, everything else is literal. */
  resourcePattern?: string | null;
  reason: string;
  createdBy: string;
  /** null or undefined: until removed. */
  expiresAt?: Date | null;
}

/** A rule that names nothing would silence every finding of the tenant, which is never what was meant. */
export async function createSuppressionRule(executor: Executor, input: SuppressionRuleInput): Promise<SuppressionRule> {
  if (!input.integrationId && !input.checkId && !input.resourcePattern) {
    throw new AppError('VALIDATION_ERROR', 'A suppression rule must name an integration, a check or a resource pattern.', {
      hint: 'To silence everything, disable the integration instead.',
    });
  }
  const [row] = await executor.insert(suppressionRules).values(input).returning();
  return row as SuppressionRule;
}

export async function listActiveSuppressionRules(executor: Executor, tenantId: string, now: Date): Promise<SuppressionRule[]> {
  return executor
    .select()
    .from(suppressionRules)
    .where(and(eq(suppressionRules.tenantId, tenantId), or(isNull(suppressionRules.expiresAt), gt(suppressionRules.expiresAt, now))))
    .orderBy(asc(suppressionRules.createdAt));
}

/** Scoped by tenant so a rule id from one tenant cannot lift another tenant's suppression. */
export async function removeSuppressionRule(executor: Executor, tenantId: string, id: string): Promise<boolean> {
  const removed = await executor
    .delete(suppressionRules)
    .where(and(eq(suppressionRules.id, id), eq(suppressionRules.tenantId, tenantId)))
    .returning({ id: suppressionRules.id });
  return removed.length > 0;
}

export interface SuppressionSubject {
  integrationId: string | null;
  checkId: string;
  resourceId: string;
}

type MatchableRule = Pick<SuppressionRule, 'integrationId' | 'checkId' | 'resourcePattern' | 'expiresAt'>;

export function ruleMatches(rule: MatchableRule, subject: SuppressionSubject, now: Date): boolean {
  if (rule.expiresAt !== null && rule.expiresAt.getTime() <= now.getTime()) return false;
  if (rule.integrationId !== null && rule.integrationId !== subject.integrationId) return false;
  if (rule.checkId !== null && rule.checkId !== subject.checkId) return false;
  if (rule.resourcePattern === null) return true;
  return globToRegExp(rule.resourcePattern).test(subject.resourceId);
}

/**
 * Resource ids are full of regex metacharacters (`arn:aws:s3:::my.bucket+1`, Azure paths), so
 * everything but `*` is escaped. Anchored: a pattern matches the whole id, not a part of it.
 */
function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .split('*')
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  // `s`: `*` spans any character, even a line break in an odd id.
  return new RegExp(`^${source}$`, 's');
}
