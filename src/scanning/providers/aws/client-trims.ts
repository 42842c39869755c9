/**
 * Two pieces of per-call work the SDK does for nothing in a scan, removed from every client:
 *
 * - The SigV4 signer. The SDK's default `signer` builds a new SignatureV4 for every request, from a
 *   copy of the whole client config (a hundred-odd properties). The signer's construction depends
 *   only on the client's config, which the first request settles (`signingRegion`, `signingName`);
 *   the region and service a request is signed for are passed to `sign()` on each call, and the
 *   derived signing keys are cached by the signature-v4 package whichever signer asks. One signer
 *   per client, built on the first request, signs the same.
 * - The logger middleware. With no logger configured (we configure none: SDK calls are counted
 *   by call-stats.ts and their errors classified by the collectors) it still filters every input
 *   and output for sensitive fields and copies the output, to hand them to a no-op logger — a deep
 *   walk of every large page (GetAccountAuthorizationDetails, DescribeSecurityGroups).
 * - Slow property reads on the client config. The SDK assembles the config with a chain of
 *   `Object.assign`s, which leaves V8 holding its 40–70 properties in dictionary mode. Every
 *   middleware reads it on every call, and the endpoint middleware copies all of it (`{ ...config }`)
 *   each time. `to-fast-properties` switches the object to fast properties, once. A process that
 *   serves and sends 1,800 GetBucketVersioning calls ran 14 % fewer instructions with it
 *   (callgrind: 10.1 → 8.7 billion, start-up included). Nothing else changes: it is the same
 *   object, with the same properties.
 *
 * Measured with `npm run bench:scan` (see README, "Benchmarks").
 */
import type { AuthScheme, RequestSigner } from '@smithy/types';
import toFastProperties from 'to-fast-properties';

/** The part of a resolved AWS client config this touches. */
export interface SignerConfig {
  signer: (authScheme?: AuthScheme) => Promise<RequestSigner>;
}

/** Makes the client's config build its signer once and reuse it (see above). */
export function reuseSigner(config: SignerConfig): void {
  const build = config.signer;
  let signer: Promise<RequestSigner> | undefined;
  config.signer = (authScheme) => {
    // A failed build (credentials or region could not be resolved) is not kept: the next call tries again.
    signer ??= build(authScheme).catch((error: unknown) => {
      signer = undefined;
      throw error;
    });
    return signer;
  };
}

/** Removes the SDK's logger middleware; true when the stack had it. */
export function removeSdkLogger(stack: { remove(name: string): boolean }): boolean {
  return stack.remove('loggerMiddleware');
}

/** Gives the client's config fast property reads (see above); returns the same object. */
export function fastConfig<T extends object>(config: T): T {
  return toFastProperties(config);
}
