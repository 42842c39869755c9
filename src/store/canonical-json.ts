/**
 * Deterministic JSON and SHA-256, for anything whose hash must not depend on how a value was built:
 * the audit log's hash chain, evidence checksums. Two values that JSON.stringify would turn into the
 * same data, whatever their key order, give the same text here.
 */
import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted (recursively, by UTF-16 code unit), no whitespace, and otherwise
 * JSON.stringify's rules: `toJSON` is honoured (so Dates become ISO strings), undefined, functions
 * and symbols are left out of objects and become null in arrays, non-finite numbers become null.
 * Following JSON.stringify matters: a value stored as jsonb and read back must hash the same.
 * Throws a TypeError for a bigint, a cycle, or a top-level value with no JSON form.
 */
export function canonicalJson(value: unknown): string {
  const text = serialize(value, new Set());
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form (undefined, a function or a symbol)');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** `undefined` means "no JSON form": the caller drops the property or writes null. */
function serialize(value: unknown, ancestors: Set<object>): string | undefined {
  const plain = withToJson(value);
  switch (typeof plain) {
    case 'string':
      return JSON.stringify(plain);
    case 'number':
      return Number.isFinite(plain) ? JSON.stringify(plain) : 'null';
    case 'boolean':
      return plain ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint has no JSON form; convert it to a string or number first');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      return plain === null ? 'null' : serializeContainer(plain, ancestors);
  }
}

function withToJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}

function serializeContainer(value: object, ancestors: Set<object>): string {
  // Only the current path counts as a cycle: the same object twice side by side is fine.
  if (ancestors.has(value)) throw new TypeError('canonicalJson: the value contains a cycle');
  ancestors.add(value);
  try {
    return Array.isArray(value) ? serializeArray(value, ancestors) : serializeObject(value, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function serializeArray(items: unknown[], ancestors: Set<object>): string {
  return `[${items.map((item) => serialize(item, ancestors) ?? 'null').join(',')}]`;
}

function serializeObject(object: object, ancestors: Set<object>): string {
  const record = object as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const text = serialize(record[key], ancestors);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}
