/**
 * Request validation from zod schemas: every problem becomes one VALIDATION_ERROR detail naming its
 * field (`credentials.region`, `evidence_types.1`, `limit`). Messages come from the schemas and never
 * echo the value sent, so a secret typed into the wrong field does not come back in the answer.
 */
import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../errors.js';

export type InputLocation = 'body' | 'query' | 'path';

const WHAT: Record<InputLocation, string> = {
  body: 'The request body is not valid.',
  query: 'The query parameters are not valid.',
  path: 'The URL is not valid.',
};

export function issueDetails(issues: readonly z.core.$ZodIssue[], fallbackField: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) details.push({ code: 'VALIDATION_ERROR', field: base ? `${base}.${key}` : key, message: 'is not a known field' });
      continue;
    }
    details.push({ code: 'VALIDATION_ERROR', field: base || fallbackField, message: issue.message });
  }
  return details;
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new AppError('VALIDATION_ERROR', WHAT[location], { details: issueDetails(result.error.issues, location) });
}
