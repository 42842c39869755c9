/** Reading AWS SDK errors: the service's error code, and the `<Code>: <message>` a failed part records. */

interface ErrorLike {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** The service's error code (`AccessDenied`, `NoSuchBucketPolicy`), or a Node one (`ECONNREFUSED`). */
export function awsErrorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'Error';
  const e = error as ErrorLike;
  if (typeof e.Code === 'string' && e.Code) return e.Code;
  if (typeof e.name === 'string' && e.name && e.name !== 'Error' && e.name !== 'AggregateError') return e.name;
  if (typeof e.code === 'string' && e.code) return e.code;
  return typeof e.name === 'string' && e.name ? e.name : 'Error';
}

export function hasErrorCode(error: unknown, codes: readonly string[]): boolean {
  return codes.includes(awsErrorCode(error));
}

function messageOf(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const e = error as ErrorLike;
  if (typeof e.message === 'string' && e.message) return e.message;
  // Node's happy-eyeballs connect reports an AggregateError with an empty message.
  if (Array.isArray(e.errors) && e.errors.length > 0) return messageOf(e.errors[0]);
  return '';
}

/** `AccessDenied: User: arn:... is not authorized to perform: iam:GetAccountSummary` */
export function describeAwsError(error: unknown): string {
  const code = awsErrorCode(error);
  const status = typeof error === 'object' && error !== null ? (error as ErrorLike).$metadata?.httpStatusCode : undefined;
  let message = messageOf(error) || 'no message';
  // An error the SDK could not parse (an empty 5xx body) says only "UnknownError": the status is the useful part.
  if ((code === 'Unknown' || code === 'UnknownError') && status !== undefined) message = `${message} (HTTP ${status})`;
  return `${code}: ${message}`;
}
