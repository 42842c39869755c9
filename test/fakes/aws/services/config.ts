/** AWS Config over awsJson1_1: recorders and their status. */
import { regionOf } from '../model.js';
import { FakeError, jsonResult } from '../wire.js';
import type { Handler } from './context.js';

export const handleConfig: Handler = (req, { account }) => {
  const recorders = regionOf(account, req.region).configRecorders;
  switch (req.operation) {
    case 'DescribeConfigurationRecorders':
      return jsonResult('json', {
        ConfigurationRecorders: recorders.map((r) => ({
          name: r.name,
          roleARN: `arn:aws:iam::${account.accountId}:role/config`,
          recordingGroup: { allSupported: r.allSupported, includeGlobalResourceTypes: r.includeGlobalResourceTypes, resourceTypes: [] },
        })),
      });
    case 'DescribeConfigurationRecorderStatus':
      return jsonResult('json', {
        ConfigurationRecordersStatus: recorders.map((r) => ({ name: r.name, recording: r.recording, lastStatus: r.lastStatus ?? undefined, lastStartTime: 1_600_000_000 })),
      });
    default:
      throw new FakeError(400, 'UnknownOperationException', `Unknown operation ${req.operation}`);
  }
};
