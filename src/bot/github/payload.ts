/**
 * Reading webhook payloads defensively. A delivery is signed by GitHub, but its shape is still
 * checked: a payload that lacks what its event must carry is refused as malformed (400), never a
 * crash half-way through queuing work.
 */
import { AppError } from '../../errors.js';
import type { GitHubAccount } from '../../jobs/queues.js';

type Json = Record<string, unknown>;

export function malformed(event: string, what: string): AppError {
  return new AppError('VALIDATION_ERROR', `The ${event} delivery is malformed: ${what}.`);
}

export function objectAt(value: unknown, key: string): Json | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as Json)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Json) : undefined;
}

export function stringAt(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const inner = (value as Json)[key];
  return typeof inner === 'string' ? inner : undefined;
}

/** The installation id every App delivery carries (`installation.id`). */
export function installationIdOf(event: string, payload: unknown): number {
  const id = objectAt(payload, 'installation')?.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw malformed(event, 'no installation id');
  return id;
}

/** The account an installation belongs to: an organization or user (`login`), or an enterprise (`slug`). */
export function accountOf(event: string, payload: unknown): GitHubAccount {
  const account = objectAt(objectAt(payload, 'installation'), 'account');
  const login = stringAt(account, 'login') ?? stringAt(account, 'slug');
  if (!login) throw malformed(event, 'no installation account');
  return { login, type: stringAt(account, 'type') ?? 'Enterprise' };
}

/** `owner/repo` of each repository in a list (`repositories`, `repositories_added`, ...). */
export function repositoryNames(event: string, payload: unknown, key: string): string[] {
  const list = typeof payload === 'object' && payload !== null ? (payload as Json)[key] : undefined;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw malformed(event, `${key} is not a list`);
  return list.map((repository) => {
    const name = stringAt(repository, 'full_name');
    if (!name || !isRepositoryName(name)) throw malformed(event, `a repository in ${key} has no full name`);
    return name;
  });
}

/** The delivery's `repository.full_name`, or undefined when it has none (an organization-level ruleset). */
export function repositoryOf(event: string, payload: unknown): string | undefined {
  const repository = objectAt(payload, 'repository');
  if (!repository) return undefined;
  const name = stringAt(repository, 'full_name');
  if (!name || !isRepositoryName(name)) throw malformed(event, 'the repository has no full name');
  return name;
}

/** Who did it on GitHub, for the audit log. */
export function actorOf(payload: unknown): string {
  return `github:${stringAt(objectAt(payload, 'sender'), 'login') ?? 'unknown'}`;
}

function isRepositoryName(name: string): boolean {
  return /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(name);
}
