/**
 * Reading Azure SDK errors into the `<Code>: <message> (HTTP <status>)` a failed part records, with
 * Azure's own error code and message — what an operator needs to grant the missing permission —
 * and nothing secret.
 *
 * The classic management clients (network, SQL, monitor, ...) put the body's `error.code` and
 * `error.message` on the error they throw. The TypeSpec-generated ones (storage, key vault) do too
 * for single calls, but their list pagers throw `Pagination failed with unexpected statusCode 403`
 * with the code only, and drop the message. So a pipeline policy keeps the error body of every
 * failed response by its request (which the thrown error still carries), and the description
 * prefers that body's code and message to whatever the SDK put on the error.
 */
import { STATUS_CODES } from 'node:http';
import { scrubSecrets } from '../../../logger.js';
import type { PipelinePolicy } from './call-stats.js';

/** Azure's error document: `{ "error": { "code", "message", "innererror"?: { "code" } } }` or the same unwrapped. */
export interface AzureErrorBody {
  code: string | null;
  message: string | null;
  /** Key Vault's reason under a generic `Forbidden`, e.g. `ForbiddenByRbac`. */
  innerCode: string | null;
}

interface AzureErrorLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  request?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}

/** Azure's error in a response body, or null when the body is not one (empty, HTML from a proxy...). */
export function parseAzureErrorBody(body: string | undefined): AzureErrorBody | null {
  if (!body) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const outer = record(parsed);
  const error = record(outer?.error) ?? outer;
  if (!error) return null;
  const code = text(error.code);
  const message = text(error.message);
  if (!code && !message) return null;
  return { code, message, innerCode: text(record(error.innererror ?? error.innerError)?.code) };
}

/**
 * The error bodies of one set of clients' failed responses, by request object; entries go with
 * their requests. `policy` is added to every client's pipeline, per call (after the retries).
 */
export class AzureErrorBodies {
  readonly #byRequest = new WeakMap<object, AzureErrorBody>();

  readonly policy: PipelinePolicy = {
    name: 'cloudsentinelErrorBodies',
    sendRequest: async (request, next) => {
      const response = await next(request);
      if (response.status >= 400) {
        const body = parseAzureErrorBody(response.bodyAsText ?? undefined);
        if (body) this.#byRequest.set(request, body);
      }
      return response;
    },
  };

  /** The body of the failed response that `error` was thrown for, when one was kept. */
  of(error: unknown): AzureErrorBody | null {
    const request = record(error)?.request;
    return typeof request === 'object' && request !== null ? (this.#byRequest.get(request) ?? null) : null;
  }
}

const MAX_MESSAGE = 500;

/** One line of at most MAX_MESSAGE characters, without secrets. */
function cleanMessage(message: string): string {
  // The SDK's messages can span several lines (a JSON body); the first says what happened.
  const line = message.split('\n').find((l) => l.trim()) ?? message;
  // Azure's messages name the caller, the action and the scope, which stay; a proxy's or a data plane's may echo a URL.
  const clean = scrubSecrets(line.trim());
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE - 1)}…` : clean;
}

/** `Forbidden` for 403: the code to show when neither Azure nor the SDK gave one. */
function statusName(status: number | undefined): string | null {
  const name = status === undefined ? undefined : STATUS_CODES[status];
  return name ? name.replace(/[^A-Za-z]/g, '') : null;
}

/**
 * `AuthorizationFailed: The client '...' does not have authorization to perform action '...' (HTTP 403)`;
 * with Key Vault's inner code when there is one: `Forbidden (ForbiddenByRbac): ...`.
 */
export function describeAzureError(error: unknown, bodies?: AzureErrorBodies): string {
  if (typeof error !== 'object' || error === null) return `Error: ${cleanMessage(String(error))}`;
  const e = error as AzureErrorLike;
  const body = bodies?.of(error) ?? null;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const sdkName = text(e.name);
  const code = body?.code ?? text(e.code) ?? (sdkName && sdkName !== 'RestError' ? sdkName : null) ?? statusName(status) ?? sdkName ?? 'Error';
  const inner = body?.innerCode && body.innerCode !== code ? ` (${body.innerCode})` : '';
  const message = body?.message ?? text(e.message);
  return `${code}${inner}: ${message ? cleanMessage(message) : 'no message'}${status === undefined ? '' : ` (HTTP ${status})`}`;
}

/** Whether the error is Resource Manager's 404 — "this setting does not exist" for some child resources. */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as AzureErrorLike).statusCode === 404;
}
