/**
 * The per-call work removed from the scan's SDK clients (client-trims.ts): one SigV4 signer per
 * client that signs exactly as the SDK's per-request one, no logger middleware, and a client config
 * with fast properties.
 */
import { runInThisContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import type { AuthScheme, HttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { fastConfig, removeSdkLogger, reuseSigner, type SignerConfig } from '../../../src/scanning/providers/aws/client-trims.js';
import { smallAccount } from '../../fakes/aws/small-account.js';
import { CREDENTIALS, startHarness } from './collectors/harness.js';

const AUTH_SCHEME: AuthScheme = { name: 'sigv4', signingName: 's3', signingRegion: 'eu-west-1', properties: {} };

function request(): HttpRequest {
  return { method: 'GET', protocol: 'http:', hostname: 'localhost', port: 4566, path: '/bucket-1', query: { versioning: '' }, headers: { host: 'localhost:4566' } };
}

describe('reuseSigner', () => {
  it('builds the signer once per client, and it signs exactly as a signer built for the request would', async () => {
    const client = new S3Client({ region: 'eu-west-1', credentials: CREDENTIALS, endpoint: 'http://localhost:4566', forcePathStyle: true });
    try {
      const config: SignerConfig = client.config;
      const build = config.signer;
      reuseSigner(config);
      const first = await config.signer(AUTH_SCHEME);
      expect(await config.signer(AUTH_SCHEME)).toBe(first);
      const fresh = await build(AUTH_SCHEME);
      expect(fresh).not.toBe(first);
      // The region and service to sign for come with each request: one signer serves every region.
      for (const signingRegion of ['eu-west-1', 'ap-south-1']) {
        const options = { signingDate: new Date('2026-12-06T10:00:00Z'), signingRegion, signingService: 's3' };
        const reused = await first.sign(request(), options);
        const built = await fresh.sign(request(), options);
        expect(reused.headers['authorization']).toBe(built.headers['authorization']);
        expect(reused.headers['authorization']).toContain(`/20261206/${signingRegion}/s3/aws4_request`);
      }
    } finally {
      client.destroy();
    }
  });

  it('does not keep a signer that failed to build: the next call builds it again', async () => {
    let builds = 0;
    const config: SignerConfig = {
      signer: async () => {
        builds += 1;
        if (builds === 1) throw new Error('region could not be resolved');
        return { sign: async (r: HttpRequest) => r };
      },
    };
    reuseSigner(config);
    await expect(config.signer()).rejects.toThrow('region could not be resolved');
    const signer = await config.signer();
    expect(await config.signer()).toBe(signer);
    expect(builds).toBe(2);
  });
});

describe('the scan clients', () => {
  it('have no logger middleware, and sign every call for their own region', async () => {
    const h = await startHarness(smallAccount());
    try {
      const names = (c: S3Client) => c.middlewareStack.identify().join(' ');
      const bare = new S3Client({ region: 'us-east-1' });
      try {
        expect(names(bare)).toContain('loggerMiddleware');
        expect(removeSdkLogger(bare.middlewareStack)).toBe(true);
        expect(names(bare)).not.toContain('loggerMiddleware');
      } finally {
        bare.destroy();
      }

      const east = h.clients.s3('us-east-1');
      const west = h.clients.s3('eu-west-1');
      expect(names(east)).not.toContain('loggerMiddleware');
      const start = h.fake.calls.length;
      await Promise.all([east, west, east, west].map((client) => client.send(new ListBucketsCommand({}))));
      const signedFor = h.fake.calls.slice(start).map((c) => `${c.operation}@${c.region}:${c.status}`);
      expect(signedFor.sort()).toEqual(['ListBuckets@eu-west-1:200', 'ListBuckets@eu-west-1:200', 'ListBuckets@us-east-1:200', 'ListBuckets@us-east-1:200']);
    } finally {
      await h.close();
    }
  });
});

describe('fastConfig', () => {
  // V8's own answer, through its natives syntax (enabled for functions compiled from here on).
  setFlagsFromString('--allow-natives-syntax');
  const hasFastProperties = runInThisContext('(object) => %HasFastProperties(object)') as (object: object) => boolean;

  it('switches an SDK client config from dictionary mode to fast properties, for good', async () => {
    const bare = new S3Client({ region: 'us-east-1' });
    try {
      expect(hasFastProperties(bare.config)).toBe(false);
      const keys = Object.keys(bare.config);
      expect(fastConfig(bare.config)).toBe(bare.config);
      expect(hasFastProperties(bare.config)).toBe(true);
      expect(Object.keys(bare.config)).toEqual(keys);
    } finally {
      bare.destroy();
    }

    const h = await startHarness(smallAccount());
    try {
      const client = h.clients.s3('us-east-1');
      expect(hasFastProperties(client.config)).toBe(true);
      await client.send(new ListBucketsCommand({}));
      await client.send(new ListBucketsCommand({}));
      expect(hasFastProperties(client.config)).toBe(true);
    } finally {
      await h.close();
    }
  });
});
