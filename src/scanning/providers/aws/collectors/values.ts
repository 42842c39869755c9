/** Small conversions from SDK shapes to the snapshot's plain values. */

export function iso(date: Date | string | undefined | null): string | null {
  if (date === undefined || date === null || date === '') return null;
  const d = date instanceof Date ? date : new Date(date);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** `[{Key, Value}]` (EC2, IAM, S3, RDS all use this shape) → `{ key: value }`. */
export function tagRecord(tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) record[tag.Key] = tag.Value ?? '';
  return record;
}

/** Drains an SDK paginator into one list. */
export async function allPages<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => readonly Item[] | undefined): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

export function defined<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}
