/**
 * A tiny XML writer for the fake's responses. An object is a sequence of child elements; an array
 * repeats its key's element (a flattened list); a key starting with `@` is an attribute. A wrapped
 * list is written as `{ Users: { member: [...] } }` — exactly the nesting the real services use.
 */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function text(value: string | number | boolean | Date): string {
  return escapeXml(value instanceof Date ? value.toISOString() : String(value));
}

export function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (typeof value === 'object' && !(value instanceof Date)) {
    const attributes = Object.entries(value)
      .filter(([key, v]) => key.startsWith('@') && v !== undefined && v !== null)
      .map(([key, v]) => ` ${key.slice(1)}="${text(v as string)}"`)
      .join('');
    return `<${name}${attributes}>${children(value)}</${name}>`;
  }
  return `<${name}>${text(value)}</${name}>`;
}

export function children(object: XmlObject): string {
  return Object.entries(object)
    .filter(([key]) => !key.startsWith('@'))
    .map(([key, value]) => element(key, value))
    .join('');
}

export function xmlDocument(root: string, body: XmlObject, namespace?: string): string {
  const ns = namespace ? ` xmlns="${namespace}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${children(body)}</${root}>`;
}

/** `<member>` lists of the query protocols (IAM, STS, RDS's default). */
export const members = (list: XmlValue[]): XmlObject => ({ member: list });
/** `<item>` lists of EC2. */
export const items = (list: XmlValue[]): XmlObject => ({ item: list });
/** EC2 and IAM tag lists. */
export const ec2Tags = (tags: Record<string, string>): XmlObject => items(Object.entries(tags).map(([key, value]) => ({ key, value })));
