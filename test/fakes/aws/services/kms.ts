/** KMS over awsJson1_1: ListKeys (Limit/Marker/Truncated), DescribeKey, GetKeyRotationStatus, GetKeyPolicy. */
import { keyArn, regionOf, type FakeKey } from '../model.js';
import { paginate } from '../paging.js';
import { FakeError, jsonResult } from '../wire.js';
import type { Handler } from './context.js';

export const handleKms: Handler = (req, ctx) => {
  const { account } = ctx;
  const keys = regionOf(account, req.region).kmsKeys;
  const find = (id: unknown): FakeKey => {
    const key = keys.find((k) => k.keyId === id || keyArn(account, req.region, k.keyId) === id);
    if (!key) throw new FakeError(400, 'NotFoundException', `Key '${String(id)}' does not exist`);
    return key;
  };
  switch (req.operation) {
    case 'ListKeys': {
      const page = paginate(keys, `ListKeys:${req.region}`, req.json.Marker as string | undefined, req.json.Limit as number | undefined, { defaultSize: 100, min: 1, max: 1000, invalidCode: 'ValidationException' }, ctx.pageSizeCap);
      return jsonResult('json', {
        Keys: page.items.map((k) => ({ KeyId: k.keyId, KeyArn: keyArn(account, req.region, k.keyId) })),
        Truncated: page.next !== undefined,
        NextMarker: page.next,
      });
    }
    case 'DescribeKey': {
      const k = find(req.json.KeyId);
      return jsonResult('json', {
        KeyMetadata: {
          AWSAccountId: account.accountId,
          KeyId: k.keyId,
          Arn: keyArn(account, req.region, k.keyId),
          CreationDate: 1_600_000_000,
          Enabled: k.keyState === 'Enabled',
          KeyUsage: k.keyUsage,
          KeyState: k.keyState,
          Origin: k.origin ?? 'AWS_KMS',
          KeyManager: k.keyManager,
          CustomerMasterKeySpec: k.keySpec,
          KeySpec: k.keySpec,
          MultiRegion: false,
        },
      });
    }
    case 'GetKeyRotationStatus': {
      const k = find(req.json.KeyId);
      if (k.keySpec !== 'SYMMETRIC_DEFAULT' || (k.origin ?? 'AWS_KMS') !== 'AWS_KMS') {
        throw new FakeError(400, 'UnsupportedOperationException', `${k.keyId} key type does not support automatic rotation`);
      }
      if (k.keyState === 'PendingDeletion') throw new FakeError(400, 'KMSInvalidStateException', `${k.keyId} is pending deletion.`);
      return jsonResult('json', { KeyRotationEnabled: k.rotationEnabled, KeyId: k.keyId });
    }
    case 'GetKeyPolicy': {
      const k = find(req.json.KeyId);
      if (req.json.PolicyName !== undefined && req.json.PolicyName !== 'default') throw new FakeError(400, 'NotFoundException', 'No such policy');
      return jsonResult('json', { Policy: JSON.stringify(k.policy), PolicyName: 'default' });
    }
    default:
      throw new FakeError(400, 'UnknownOperationException', `Unknown operation ${req.operation}`);
  }
};
