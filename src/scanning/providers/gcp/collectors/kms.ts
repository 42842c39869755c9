/**
 * Cloud KMS over its REST API (there is no generated client for it here): the project's locations,
 * their key rings, each ring's keys, and each key's IAM policy. Key rings are listed per location
 * because the API has no "every location" wildcard for them.
 */
import pLimit from 'p-limit';
import type { KmsKey } from '../snapshot.js';
import { attempt, bindingsOf, lastSegment, paginate, withPage, type GcpCollectorContext } from './context.js';

interface KmsCryptoKey {
  name?: string;
  purpose?: string;
  rotationPeriod?: string;
  nextRotationTime?: string;
  primary?: { state?: string };
}

/** `7776000s` → 7776000; null when there is none. */
function seconds(duration: string | undefined): number | null {
  if (!duration) return null;
  const value = Number.parseFloat(duration.replace(/s$/, ''));
  return Number.isFinite(value) ? value : null;
}

export async function collectKmsKeys(ctx: GcpCollectorContext, project: string): Promise<KmsKey[]> {
  const base = `${ctx.kmsEndpoint}/v1`;
  const get = <T>(url: string) => ctx.transport.json<T>(url);
  const locations = await paginate((token) =>
    get<{ locations?: Array<{ locationId?: string }>; nextPageToken?: string }>(withPage(`${base}/projects/${project}/locations?pageSize=100`, token)).then((d) => ({ items: d.locations, next: d.nextPageToken })),
  );
  const limit = pLimit(8);
  const rings = (
    await Promise.all(
      locations.map((location) =>
        limit(() =>
          paginate((token) =>
            get<{ keyRings?: Array<{ name?: string }>; nextPageToken?: string }>(withPage(`${base}/projects/${project}/locations/${location.locationId ?? ''}/keyRings?pageSize=1000`, token)).then((d) => ({
              items: d.keyRings,
              next: d.nextPageToken,
            })),
          ),
        ),
      ),
    )
  ).flat();
  const keys = (
    await Promise.all(
      rings.map((ring) =>
        limit(() =>
          paginate((token) =>
            get<{ cryptoKeys?: KmsCryptoKey[]; nextPageToken?: string }>(withPage(`${base}/${ring.name ?? ''}/cryptoKeys?pageSize=1000`, token)).then((d) => ({ items: d.cryptoKeys, next: d.nextPageToken })),
          ),
        ),
      ),
    )
  ).flat();
  return Promise.all(
    keys.map((key) =>
      limit(async () => {
        const name = key.name ?? '';
        const iamPolicy = await attempt(async () => bindingsOf(await get<Parameters<typeof bindingsOf>[0]>(`${base}/${name}:getIamPolicy?options.requestedPolicyVersion=3`)));
        return {
          name,
          location: name.split('/')[3] ?? lastSegment(name),
          purpose: key.purpose ?? 'ENCRYPT_DECRYPT',
          rotationPeriodSeconds: seconds(key.rotationPeriod),
          nextRotationTime: key.nextRotationTime ?? null,
          primaryState: key.primary?.state ?? null,
          iamPolicy,
        };
      }),
    ),
  );
}
