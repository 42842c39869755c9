/**
 * IAM policy analysis for checks: pure functions over policy documents (identity policies, trust
 * policies, and resource policies such as S3 bucket and KMS key policies). No I/O, no SDK types.
 *
 * What it answers, and how far it goes:
 * - `parsePolicyDocument` turns the text IAM, S3 or KMS return (JSON, or URL-encoded JSON as IAM
 *   returns it) into a validated `PolicyDocument`, or throws a `PolicyParseError` that says what is wrong.
 * - `actionMatches`, `resourceMatches`, `statementAllows`: IAM wildcard matching of one action and
 *   resource against a statement, honouring NotAction / NotResource. Conditions and principals are
 *   not evaluated by these (they describe what a statement covers, not whether a request succeeds).
 * - `grantsAdmin` / `findAdminStatement`: full administrative access (CIS 1.15), explicit Deny included.
 * - `isPublicPrincipal`, `publicStatements`: what makes a resource policy public, following S3's
 *   definition in "Blocking public access to your Amazon S3 storage" → "The meaning of public".
 * - `deniesInsecureTransport`: the CIS 2.1.1 Deny on `aws:SecureTransport` = false.
 *
 * The analysis is deliberately one-sided where it cannot be exact: when in doubt it reports the
 * riskier answer (admin, public, not denied), so a check errs towards a finding someone reviews rather
 * than a silent pass. Each function documents the cases it treats that way.
 */
import type { PolicyDocument, PolicyStatement, PrincipalValue } from '../../../providers/aws/snapshot.js';

export type { PolicyDocument, PolicyStatement, PrincipalValue };

// ------------------------------------------------------------------------------------ normalising

/** A policy element that may be written as one string or a list (Action, Resource, principal ids...). */
export function toArray(value: string | readonly string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** The statements of a document, whether `Statement` is one object or a list. */
export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  const statement = document.Statement as PolicyStatement | PolicyStatement[] | undefined;
  if (statement === undefined) return [];
  return Array.isArray(statement) ? statement : [statement];
}

export interface PrincipalEntry {
  /** `*` for a bare `"Principal": "*"`, otherwise `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  kind: string;
  value: string;
}

/** Every principal id in a Principal / NotPrincipal element, one entry per value. */
export function principalEntries(principal: PrincipalValue | undefined): PrincipalEntry[] {
  if (principal === undefined) return [];
  if (typeof principal === 'string') return [{ kind: '*', value: principal }];
  return Object.entries(principal).flatMap(([kind, values]) => toArray(values).map((value) => ({ kind, value })));
}

// -------------------------------------------------------------------------------------- parsing

/** A policy document that is not valid JSON, not a JSON object, or not shaped like an IAM policy. */
export class PolicyParseError extends Error {
  override name = 'PolicyParseError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrStrings(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

function validateStatement(statement: unknown, where: string): string | null {
  if (!isRecord(statement)) return `${where} must be an object`;
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return `${where}.Effect must be "Allow" or "Deny"`;
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (statement[key] !== undefined && !isStringOrStrings(statement[key])) return `${where}.${key} must be a string or a list of strings`;
  }
  if (statement.Action !== undefined && statement.NotAction !== undefined) return `${where} has both Action and NotAction`;
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    const principal = statement[key];
    if (principal === undefined || principal === '*') continue;
    if (!isRecord(principal) || !Object.values(principal).every(isStringOrStrings)) {
      return `${where}.${key} must be "*" or an object of principal ids`;
    }
  }
  if (statement.Condition !== undefined && !(isRecord(statement.Condition) && Object.values(statement.Condition).every(isRecord))) {
    return `${where}.Condition must be an object of condition operators`;
  }
  return null;
}

function decodeIfEncoded(text: string): string {
  if (text.startsWith('{')) return text;
  // IAM returns documents URL-encoded per RFC 3986 (`%7B%22Version%22...`); S3 and KMS return plain JSON.
  try {
    return decodeURIComponent(text).trim();
  } catch {
    throw new PolicyParseError('Policy document is neither JSON nor valid URL-encoded JSON');
  }
}

/**
 * Parses a policy document as IAM, S3 or KMS return it: plain JSON, or URL-encoded JSON (IAM's
 * GetPolicyVersion, GetRolePolicy, GetAccountAuthorizationDetails...). Validates the shape the rest
 * of this module relies on and throws a `PolicyParseError` naming the first problem.
 */
export function parsePolicyDocument(text: string): PolicyDocument {
  const trimmed = text.trim();
  if (trimmed === '') throw new PolicyParseError('Policy document is empty');
  const json = decodeIfEncoded(trimmed);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new PolicyParseError(`Policy document is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) throw new PolicyParseError('Policy document must be a JSON object');
  if (parsed.Statement === undefined) throw new PolicyParseError('Policy document has no Statement');
  const statements: unknown[] = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  for (const [index, statement] of statements.entries()) {
    const problem = validateStatement(statement, Array.isArray(parsed.Statement) ? `Statement[${index}]` : 'Statement');
    if (problem) throw new PolicyParseError(`Invalid policy document: ${problem}`);
  }
  return parsed as unknown as PolicyDocument;
}

// ------------------------------------------------------------------------------------- matching

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
}

const globCache = new Map<string, RegExp>();

/**
 * IAM glob: `*` any run of characters, `?` any one character. In resources, policy variables
 * (`${aws:username}`) may stand for anything, so they match like `*`; the escapes `${*}`, `${?}`
 * and `${$}` stand for the literal character.
 */
function glob(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  const cached = globCache.get(key);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '$' && pattern.charAt(i + 1) === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end !== -1) {
        const variable = pattern.slice(i + 2, end);
        source += variable === '*' || variable === '?' || variable === '$' ? escapeRegExp(variable) : '.*';
        i = end;
        continue;
      }
    }
    source += char === '*' ? '.*' : char === '?' ? '.' : escapeRegExp(char);
  }
  const regex = new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
  globCache.set(key, regex);
  return regex;
}

/**
 * Whether an IAM action pattern covers an action: `s3:Get*` covers `s3:GetObject`, `*` covers
 * everything. Service prefixes and action names are case-insensitive in IAM.
 */
export function actionMatches(pattern: string, action: string): boolean {
  return glob(pattern, true).test(action);
}

/** Whether a Resource pattern covers a resource ARN (case-sensitive, as ARNs are). */
export function resourceMatches(pattern: string, resource: string): boolean {
  return glob(pattern, false).test(resource);
}

/** Whether the statement's Action (or NotAction) covers the action. */
export function statementMatchesAction(statement: PolicyStatement, action: string): boolean {
  if (statement.NotAction !== undefined) return !toArray(statement.NotAction).some((pattern) => actionMatches(pattern, action));
  return toArray(statement.Action).some((pattern) => actionMatches(pattern, action));
}

/**
 * Whether the statement's Resource (or NotResource) covers the resource. A statement with neither
 * (a trust policy, or a resource policy statement that omits it) covers every resource.
 */
export function statementMatchesResource(statement: PolicyStatement, resource: string): boolean {
  if (statement.NotResource !== undefined) return !toArray(statement.NotResource).some((pattern) => resourceMatches(pattern, resource));
  if (statement.Resource === undefined) return true;
  return toArray(statement.Resource).some((pattern) => resourceMatches(pattern, resource));
}

/**
 * Whether the statement is an Allow that covers the action on the resource. Principals and
 * conditions are not evaluated: this says what the statement grants when it applies.
 */
export function statementAllows(statement: PolicyStatement, action: string, resource: string): boolean {
  return statement.Effect === 'Allow' && statementMatchesAction(statement, action) && statementMatchesResource(statement, resource);
}

/**
 * Whether a statement covers every action a pattern may stand for, comparing patterns as literal
 * strings: `s3:*` covers `s3:Get*`; `s3:GetObject` does not. With NotAction, the statement covers the
 * pattern when no excluded pattern overlaps it.
 */
function coversActionPattern(statement: PolicyStatement, pattern: string): boolean {
  if (statement.NotAction !== undefined) {
    return toArray(statement.NotAction).every((excluded) => !actionMatches(excluded, pattern) && !actionMatches(pattern, excluded));
  }
  return toArray(statement.Action).some((covering) => actionMatches(covering, pattern));
}

/** Like `coversActionPattern`, for resources. */
function coversResourcePattern(statement: PolicyStatement, pattern: string): boolean {
  if (statement.NotResource !== undefined) {
    return toArray(statement.NotResource).every((excluded) => !resourceMatches(excluded, pattern) && !resourceMatches(pattern, excluded));
  }
  if (statement.Resource === undefined) return true;
  return toArray(statement.Resource).some((covering) => resourceMatches(covering, pattern));
}

// ---------------------------------------------------------------------------------------- admin

/** Action patterns that mean "every action": `*`, and `*:*` as CIS writes it. */
function isAllActions(pattern: string): boolean {
  return pattern === '*' || pattern === '*:*';
}

/** Resource patterns that mean "every resource": `*`, `arn:*`, `arn:aws:*`, `arn:aws:*:*:*:*`. */
function isAllResources(pattern: string): boolean {
  return pattern === '*' || pattern === 'arn:*' || /^arn:[^:]*:\*(?::\*)*$/.test(pattern);
}

/**
 * IAM actions that let a principal grant itself (or a principal it creates) any permission. A
 * statement that still allows any of these on every resource is administrator-equivalent, whatever
 * else it leaves out.
 */
const SELF_ESCALATION_ACTIONS = [
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:PutGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:CreatePolicyVersion',
];

function appliesToEveryone(statement: PolicyStatement): boolean {
  return statement.NotPrincipal === undefined && (statement.Principal === undefined || isPublicPrincipal(statement.Principal));
}

/** A Deny that always applies (no condition, every principal) and covers every resource. */
function isUnconditionalBlanketDeny(statement: PolicyStatement): boolean {
  return (
    statement.Effect === 'Deny' &&
    (statement.Condition === undefined || Object.keys(statement.Condition).length === 0) &&
    appliesToEveryone(statement) &&
    statement.NotResource === undefined &&
    (statement.Resource === undefined || toArray(statement.Resource).some(isAllResources))
  );
}

/**
 * The first Allow statement that grants full administrative access, or null. A statement grants it
 * when it allows, on every resource (`*`), either every action (`*` or `*:*`) or every action except
 * a NotAction list; and, after the document's explicit Denies, the principal can still change IAM
 * permissions (attach or put a policy, or write a new policy version).
 *
 * That rule settles the in-between cases the same way an attacker would see them:
 * - `NotAction: ["s3:DeleteBucket"]` on `*` is admin (a small exclusion list changes nothing);
 *   `NotAction: ["iam:*", "organizations:*", "account:*"]` (PowerUserAccess) is not.
 * - An explicit Deny beats the Allow: `Deny *` or `Deny NotAction []` (which denies everything) on `*`
 *   removes admin; `Deny iam:*` does too; `Deny s3:*` does not (the principal can still grant itself
 *   anything through IAM).
 * - Only Denies that always apply count: a Deny with a Condition (MFA, source IP...) might not apply
 *   to a given request, so the Allow is still reported. Conditions on the Allow are ignored too: an
 *   admin grant behind a condition is still an admin grant.
 * - An Allow with NotResource is not counted as admin.
 */
export function findAdminStatement(document: PolicyDocument): PolicyStatement | null {
  const statements = statementsOf(document);
  const denies = statements.filter(isUnconditionalBlanketDeny);
  const deniedEverywhere = (action: string): boolean => denies.some((deny) => statementMatchesAction(deny, action));

  for (const statement of statements) {
    if (statement.Effect !== 'Allow' || statement.NotResource !== undefined) continue;
    if (!toArray(statement.Resource).some(isAllResources)) continue;
    const broad = statement.NotAction !== undefined || toArray(statement.Action).some(isAllActions);
    if (!broad) continue;
    const canEscalate = SELF_ESCALATION_ACTIONS.some((action) => statementMatchesAction(statement, action) && !deniedEverywhere(action));
    if (canEscalate) return statement;
  }
  return null;
}

/** Whether the document grants full administrative access; see `findAdminStatement` for the rule. */
export function grantsAdmin(document: PolicyDocument): boolean {
  return findAdminStatement(document) !== null;
}

// --------------------------------------------------------------------------------------- public

/**
 * Whether a Principal element means "anyone": `"*"`, `{"AWS": "*"}`, `{"AWS": ["*"]}`, an AWS
 * principal with a wildcard such as `arn:aws:iam::*:root`, or `*` for any other principal kind.
 */
export function isPublicPrincipal(principal: PrincipalValue | undefined): boolean {
  return principalEntries(principal).some(({ kind, value }) => {
    if (value === '*') return true;
    return kind.toUpperCase() === 'AWS' && /[*?]/.test(value);
  });
}

/**
 * Condition keys that, given fixed values with a positive operator, confine a statement to known
 * callers, per S3's "meaning of public": a principal, account or organization (the aws:Principal*
 * keys, aws:userid, and kms:CallerAccount, which KMS key policies use the same way), the source
 * (aws:SourceArn, aws:SourceAccount, aws:SourceOwner, aws:SourceOrgID, aws:SourceOrgPaths,
 * aws:SourceVpc, aws:SourceVpce) or an S3 access point. aws:SourceIp is handled apart.
 */
const RESTRICTING_KEYS: ReadonlySet<string> = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalservicename',
  'aws:userid',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
  'kms:calleraccount',
]);

const SOURCE_IP = 'aws:sourceip';
const POSITIVE_OPERATORS: ReadonlySet<string> = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);
const NEGATED_OPERATORS: ReadonlySet<string> = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike', 'arnnotequals', 'arnnotlike']);

type ConditionValue = string | string[] | boolean | number;

function conditionValues(value: ConditionValue): string[] {
  return (Array.isArray(value) ? value : [value]).map(String);
}

function hasWildcard(value: string): boolean {
  return /[*?]/.test(value) || value.includes('${');
}

/**
 * A value is fixed when it has no wildcard and no policy variable. Three documented exceptions keep
 * a wildcard fixed: aws:userid `AROLEID:*` (every session of one role), an S3 access point ARN with
 * a fixed account (`arn:aws:s3:us-west-2:123456789012:accesspoint/*`), and an organization path whose
 * organization id is fixed (`o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*`: still one organization).
 */
function isFixedValue(key: string, value: string): boolean {
  if (value === '') return false;
  if (!hasWildcard(value)) return true;
  if (key === 'aws:userid') return /^[A-Z0-9]+:\*$/i.test(value);
  if (key === 's3:dataaccesspointarn') {
    const account = value.split(':')[4];
    return account !== undefined && /^\d{12}$/.test(account);
  }
  if (key === 'aws:principalorgpaths' || key === 'aws:sourceorgpaths') {
    const organization = value.split('/')[0];
    return organization !== undefined && /^o-[a-z0-9]+$/.test(organization);
  }
  return false;
}

/**
 * Whether a CIDR in aws:SourceIp confines access: S3 treats ranges broader than /8 (IPv4) or /32
 * (IPv6) as public, which includes 0.0.0.0/0 and ::/0. A bare address is a /32 or /128.
 */
function isNarrowCidr(value: string): boolean {
  const [address = '', prefixText, ...rest] = value.trim().split('/');
  if (rest.length > 0) return false;
  const ipv6 = address.includes(':');
  const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(address) && address.split('.').every((octet) => Number(octet) <= 255);
  if (!ipv4 && !(ipv6 && /^[0-9a-f:.]+$/i.test(address))) return false;
  const prefix = prefixText === undefined ? (ipv6 ? 128 : 32) : /^\d+$/.test(prefixText) ? Number(prefixText) : NaN;
  return ipv6 ? prefix >= 32 && prefix <= 128 : prefix >= 8 && prefix <= 32;
}

interface ParsedOperator {
  base: string;
  ifExists: boolean;
  set: 'ForAnyValue' | 'ForAllValues' | null;
}

function parseOperator(operator: string): ParsedOperator {
  const [prefix, rest] = operator.includes(':') ? operator.split(':', 2) : [null, operator];
  const set = prefix?.toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : prefix?.toLowerCase() === 'forallvalues' ? 'ForAllValues' : null;
  const name = (rest ?? '').toLowerCase();
  const ifExists = name.endsWith('ifexists');
  return { base: ifExists ? name.slice(0, -'ifexists'.length) : name, ifExists, set };
}

/**
 * Whether one condition entry confines the statement to known callers. Only positive operators
 * count; `...IfExists` and `ForAllValues:` do not (both are true when the key is absent, as it is for
 * an anonymous caller), and every listed value must be fixed (one `*` among them lets anyone in).
 */
function isRestrictingCondition(operator: string, key: string, value: ConditionValue): boolean {
  const parsed = parseOperator(operator);
  if (parsed.ifExists || parsed.set === 'ForAllValues') return false;
  const values = conditionValues(value);
  if (values.length === 0) return false;
  const lowerKey = key.toLowerCase();
  if (lowerKey === SOURCE_IP) return parsed.base === 'ipaddress' && values.every(isNarrowCidr);
  return RESTRICTING_KEYS.has(lowerKey) && POSITIVE_OPERATORS.has(parsed.base) && values.every((item) => isFixedValue(lowerKey, item));
}

/**
 * The negative form, for a Deny: "deny unless the caller is one of these fixed sources", e.g.
 * `StringNotEquals aws:SourceVpce vpce-1a2b3c4d` or `NotIpAddress aws:SourceIp 203.0.113.0/24`.
 */
function isNegatedRestrictingCondition(operator: string, key: string, value: ConditionValue): boolean {
  const parsed = parseOperator(operator);
  if (parsed.set !== null) return false;
  const values = conditionValues(value);
  if (values.length === 0) return false;
  const lowerKey = key.toLowerCase();
  if (lowerKey === SOURCE_IP) return parsed.base === 'notipaddress' && values.every(isNarrowCidr);
  return RESTRICTING_KEYS.has(lowerKey) && NEGATED_OPERATORS.has(parsed.base) && values.every((item) => isFixedValue(lowerKey, item));
}

function conditionEntries(statement: PolicyStatement): Array<{ operator: string; key: string; value: ConditionValue }> {
  return Object.entries(statement.Condition ?? {}).flatMap(([operator, keys]) => Object.entries(keys).map(([key, value]) => ({ operator, key, value })));
}

/** The condition keys of a statement that confine it to known callers (empty when nothing does). */
export function restrictingConditionKeys(statement: PolicyStatement): string[] {
  return conditionEntries(statement)
    .filter(({ operator, key, value }) => isRestrictingCondition(operator, key, value))
    .map(({ key }) => key);
}

/** Whether a Deny applies to every caller who is not one of a fixed set of principals or sources. */
function deniesAllButKnownCallers(deny: PolicyStatement): boolean {
  if (deny.Effect !== 'Deny') return false;
  const everyone = deny.Principal !== undefined && isPublicPrincipal(deny.Principal);
  const allButFixed =
    deny.NotPrincipal !== undefined && principalEntries(deny.NotPrincipal).every(({ value }) => value !== '*' && !hasWildcard(value));
  if (!everyone && !allButFixed) return false;
  return conditionEntries(deny).every(({ operator, key, value }) => isNegatedRestrictingCondition(operator, key, value));
}

/** Whether `deny` takes away from unknown callers everything `allow` grants them (for `actions`, when given). */
function confines(deny: PolicyStatement, allow: PolicyStatement, actions: readonly string[] | undefined): boolean {
  if (!deniesAllButKnownCallers(deny)) return false;
  const granted = actions ?? (allow.NotAction !== undefined ? ['*'] : toArray(allow.Action));
  const resources = allow.NotResource !== undefined || allow.Resource === undefined ? ['*'] : toArray(allow.Resource);
  return granted.every((action) => coversActionPattern(deny, action)) && resources.every((resource) => coversResourcePattern(deny, resource));
}

export interface PublicStatementOptions {
  /**
   * Only statements that allow at least one of these actions, e.g. `['sts:AssumeRole']` for a trust
   * policy or `['s3:PutObject', 's3:DeleteObject']` for "public write".
   */
  actions?: readonly string[];
}

/** A public Allow statement (the statement itself, copied) and what it grants. */
export type PublicStatement = PolicyStatement & {
  /** The Action patterns granted; `['*']` when the statement uses NotAction. */
  grantedActions: string[];
  /** The NotAction patterns (every action except these is granted); empty for Action. */
  exceptActions: string[];
};

/**
 * The Allow statements that make a resource policy public, following S3's rule ("The meaning of
 * public"): a statement is public when its principal is anyone (see `isPublicPrincipal`; an Allow
 * with NotPrincipal counts as anyone) and no condition confines it to known callers — fixed values of
 * aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceArn, aws:SourceVpc,
 * aws:SourceVpce, aws:SourceAccount, aws:SourceOwner, aws:userid, s3:DataAccessPoint*, and
 * aws:SourceIp with no range broader than /8 (IPv4) or /32 (IPv6). A wildcard value (StringLike
 * aws:PrincipalOrgID `*`), a policy variable, a negated operator or an `...IfExists` operator does
 * not confine.
 *
 * A public Allow is also not reported when a Deny in the same document takes it away from everyone
 * but known callers: `Deny` to `*` (or NotPrincipal of fixed principals), covering the same actions
 * and resources, whose only conditions are negated restrictions, e.g. `StringNotEquals
 * aws:SourceVpce`. Service principals (`cloudfront.amazonaws.com`), CloudFront origin access
 * identities and account principals are fixed principals, hence never public.
 *
 * Callers tell "public read" from "public write" with `grantedActions` / `exceptActions`, or with
 * `statementMatchesAction(statement, 's3:PutObject')`.
 */
export function publicStatements(document: PolicyDocument, options: PublicStatementOptions = {}): PublicStatement[] {
  const statements = statementsOf(document);
  const denies = statements.filter((statement) => statement.Effect === 'Deny');
  const found: PublicStatement[] = [];
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') continue;
    const toAnyone = statement.NotPrincipal !== undefined || isPublicPrincipal(statement.Principal);
    if (!toAnyone) continue;
    if (options.actions && !options.actions.some((action) => statementMatchesAction(statement, action))) continue;
    if (restrictingConditionKeys(statement).length > 0) continue;
    if (denies.some((deny) => confines(deny, statement, options.actions))) continue;
    const usesNotAction = statement.NotAction !== undefined;
    found.push({
      ...statement,
      grantedActions: usesNotAction ? ['*'] : toArray(statement.Action),
      exceptActions: usesNotAction ? toArray(statement.NotAction) : [],
    });
  }
  return found;
}

// ------------------------------------------------------------------------------ secure transport

function isFalse(value: ConditionValue): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.length > 0 && values.every((item) => item === false || String(item).toLowerCase() === 'false');
}

/** A condition that is exactly `Bool` / `BoolIfExists` `aws:SecureTransport` = false, nothing else. */
function onlyInsecureTransportCondition(statement: PolicyStatement): boolean {
  const entries = conditionEntries(statement);
  if (entries.length !== 1) return false;
  const [entry] = entries;
  if (!entry) return false;
  const operator = entry.operator.toLowerCase();
  return (operator === 'bool' || operator === 'boolifexists') && entry.key.toLowerCase() === 'aws:securetransport' && isFalse(entry.value);
}

/** Whether the statement's resources cover a bucket and all its objects (`arn:aws:s3:::b` and `arn:aws:s3:::b/*`). */
function coversBucketAndObjects(statement: PolicyStatement, bucketArn: string | undefined): boolean {
  if (bucketArn !== undefined) return coversResourcePattern(statement, bucketArn) && coversResourcePattern(statement, `${bucketArn}/*`);
  if (statement.NotResource !== undefined) return false;
  if (statement.Resource === undefined) return true;
  const resources = toArray(statement.Resource);
  if (resources.some(isAllResources)) return true;
  return resources.some((resource) => !resource.includes('/') && coversResourcePattern(statement, `${resource}/*`));
}

/**
 * CIS 2.1.1: whether the bucket policy denies every S3 request made without TLS. Needs a Deny
 * statement that applies to everyone (Principal `*` or `{"AWS": "*"}`), covers `s3:*` (Action `*` or
 * `s3:*`), covers the bucket and its objects, and whose only condition is `Bool` or `BoolIfExists`
 * `aws:SecureTransport` = false (string or boolean). A statement with further conditions denies only
 * some insecure requests and does not count. Pass the bucket ARN to check the resources against that
 * bucket; without it, any statement covering some bucket and all its objects counts.
 */
export function deniesInsecureTransport(document: PolicyDocument, bucketArn?: string): boolean {
  return statementsOf(document).some(
    (statement) =>
      statement.Effect === 'Deny' &&
      statement.NotPrincipal === undefined &&
      isPublicPrincipal(statement.Principal) &&
      coversActionPattern(statement, 's3:*') &&
      onlyInsecureTransportCondition(statement) &&
      coversBucketAndObjects(statement, bucketArn),
  );
}
