/** IAM parts: account summary, password policy, virtual MFA devices, server certificates (and re-exports the larger two). */
import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { unlessCode } from '../collected.js';
import type { PasswordPolicy, ServerCertificate, VirtualMfaDevice } from '../snapshot.js';
import { allPages, iso } from './values.js';

export { collectAuthorization } from './iam-authorization.js';
export { collectCredentialReport } from './iam-credential-report.js';

export async function collectAccountSummary(iam: IAMClient): Promise<Record<string, number>> {
  const out = await iam.send(new GetAccountSummaryCommand({}));
  const summary: Record<string, number> = {};
  for (const [key, value] of Object.entries(out.SummaryMap ?? {})) if (typeof value === 'number') summary[key] = value;
  return summary;
}

/** NoSuchEntity means the account has no password policy: null. */
export async function collectPasswordPolicy(iam: IAMClient): Promise<PasswordPolicy | null> {
  const out = await unlessCode(['NoSuchEntity', 'NoSuchEntityException'], null, () => iam.send(new GetAccountPasswordPolicyCommand({})));
  const p = out?.PasswordPolicy;
  if (!p) return null;
  return {
    minimumPasswordLength: p.MinimumPasswordLength ?? 0,
    requireSymbols: p.RequireSymbols ?? false,
    requireNumbers: p.RequireNumbers ?? false,
    requireUppercaseCharacters: p.RequireUppercaseCharacters ?? false,
    requireLowercaseCharacters: p.RequireLowercaseCharacters ?? false,
    allowUsersToChangePassword: p.AllowUsersToChangePassword ?? false,
    maxPasswordAge: p.ExpirePasswords === false ? null : (p.MaxPasswordAge ?? null),
    passwordReusePrevention: p.PasswordReusePrevention ?? null,
    hardExpiry: p.HardExpiry ?? false,
  };
}

export async function collectVirtualMfaDevices(iam: IAMClient): Promise<VirtualMfaDevice[]> {
  const devices = await allPages(paginateListVirtualMFADevices({ client: iam, pageSize: 1000 }, {}), (page) => page.VirtualMFADevices);
  return devices.map((d) => ({ serialNumber: d.SerialNumber ?? '', userArn: d.User?.Arn ?? null }));
}

export async function collectServerCertificates(iam: IAMClient): Promise<ServerCertificate[]> {
  const certs = await allPages(paginateListServerCertificates({ client: iam, pageSize: 1000 }, {}), (page) => page.ServerCertificateMetadataList);
  return certs.map((c) => ({ name: c.ServerCertificateName ?? '', arn: c.Arn ?? '', expiration: iso(c.Expiration) }));
}
