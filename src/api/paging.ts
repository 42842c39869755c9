/** Offset paging for the API's lists. */

/** A page of `limit` rows out of `limit + 1` fetched, and where the next page starts. */
export function page<T>(rows: T[], limit: number, offset: number): { items: T[]; paging: { limit: number; offset: number; next_offset: number | null } } {
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, paging: { limit, offset, next_offset: more ? offset + limit : null } };
}
