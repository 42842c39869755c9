/** Tenants: the unit of isolation. Every other row belongs to exactly one. */
import { eq } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Executor } from './db.js';
import { tenants } from './schema.js';

export type Tenant = typeof tenants.$inferSelect;

export const DEFAULT_TENANT_SLUG = 'default';

export async function createTenant(executor: Executor, input: { slug: string; name: string }): Promise<Tenant> {
  // DO NOTHING instead of catching the unique violation: the error shape differs between drivers.
  const [row] = await executor.insert(tenants).values(input).onConflictDoNothing({ target: tenants.slug }).returning();
  if (!row) throw new AppError('CONFLICT', `A tenant with the slug "${input.slug}" already exists.`);
  return row;
}

export async function getTenant(executor: Executor, id: string): Promise<Tenant> {
  const [row] = await executor.select().from(tenants).where(eq(tenants.id, id));
  if (!row) throw new AppError('NOT_FOUND', `Tenant ${id} does not exist.`);
  return row;
}

export async function getTenantBySlug(executor: Executor, slug: string): Promise<Tenant> {
  const [row] = await executor.select().from(tenants).where(eq(tenants.slug, slug));
  if (!row) throw new AppError('NOT_FOUND', `Tenant "${slug}" does not exist.`);
  return row;
}

/**
 * The tenant a single-organisation deployment uses. Servers and workers starting together may all
 * call this at once, so the insert yields to whichever got there first and everyone reads that row.
 */
export async function ensureDefaultTenant(executor: Executor): Promise<Tenant> {
  await executor.insert(tenants).values({ slug: DEFAULT_TENANT_SLUG, name: 'Default' }).onConflictDoNothing({ target: tenants.slug });
  return getTenantBySlug(executor, DEFAULT_TENANT_SLUG);
}
