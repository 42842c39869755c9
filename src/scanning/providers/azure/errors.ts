/** Reading Azure SDK errors into the `<Code>: <message>` a failed part records. */

interface AzureErrorLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

/** `AuthorizationFailed: The client '...' does not have authorization to perform action '...' (HTTP 403)` */
export function describeAzureError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return `Error: ${String(error)}`;
  const e = error as AzureErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e.code === 'string' && e.code ? e.code : typeof e.name === 'string' && e.name ? e.name : 'Error';
  // The SDK's messages can span several lines (a JSON body); the first says what happened.
  const message = typeof e.message === 'string' && e.message ? (e.message.split('\n')[0] ?? e.message) : 'no message';
  return `${code}: ${message}${status === undefined ? '' : ` (HTTP ${status})`}`;
}

/** Whether the error is Resource Manager's 404 — "this setting does not exist" for some child resources. */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as AzureErrorLike).statusCode === 404;
}
