/** Parsing IAM-style policy documents: IAM returns them URL-encoded, S3 and KMS as plain JSON. */
import type { PolicyDocument } from './snapshot.js';

export function parsePolicyDocument(text: string): PolicyDocument {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('Policy document is not a JSON object');
  const doc = parsed as Partial<PolicyDocument>;
  return { ...doc, Statement: doc.Statement ?? [] };
}

/** IAM's documents (GetAccountAuthorizationDetails, role trust policies) are URL-encoded JSON. */
export function parseIamPolicyDocument(encoded: string): PolicyDocument {
  let text = encoded;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    // Already decoded (a literal `%` in it): parse as is.
  }
  return parsePolicyDocument(text);
}
