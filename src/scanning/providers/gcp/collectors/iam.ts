/** IAM: a project's service accounts and their user-managed keys. */
import pLimit from 'p-limit';
import type { ServiceAccount } from '../snapshot.js';
import { attempt, paginate, type GcpCollectorContext } from './context.js';

export async function collectServiceAccounts(ctx: GcpCollectorContext, project: string): Promise<ServiceAccount[]> {
  const iam = await ctx.rest.iam();
  const accounts = await paginate((pageToken) =>
    iam.projects.serviceAccounts.list({ name: `projects/${project}`, pageSize: 100, ...(pageToken ? { pageToken } : {}) }).then(({ data }) => ({ items: data.accounts, next: data.nextPageToken })),
  );
  const limit = pLimit(8);
  return Promise.all(
    accounts.map((account) =>
      limit(async () => {
        const name = account.name ?? `projects/${project}/serviceAccounts/${account.email ?? ''}`;
        const keys = await attempt(async () => {
          const { data } = await iam.projects.serviceAccounts.keys.list({ name, keyTypes: ['USER_MANAGED'] });
          return (data.keys ?? [])
            .filter((key) => (key.keyType ?? 'USER_MANAGED') === 'USER_MANAGED')
            .map((key) => ({ name: key.name ?? '', validAfterTime: key.validAfterTime ?? null, validBeforeTime: key.validBeforeTime ?? null, disabled: key.disabled ?? false }));
        });
        return { email: account.email ?? '', name, displayName: account.displayName ?? null, disabled: account.disabled ?? false, userManagedKeys: keys };
      }),
    ),
  );
}
