/** AWS Config recorders in a region, joined with their recording status. */
import { DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand, type ConfigServiceClient } from '@aws-sdk/client-config-service';
import type { ConfigRecorder } from '../snapshot.js';

export async function collectConfigRecorders(config: ConfigServiceClient): Promise<ConfigRecorder[]> {
  const [recorders, statuses] = await Promise.all([
    config.send(new DescribeConfigurationRecordersCommand({})),
    config.send(new DescribeConfigurationRecorderStatusCommand({})),
  ]);
  const statusByName = new Map((statuses.ConfigurationRecordersStatus ?? []).map((s) => [s.name ?? '', s]));
  return (recorders.ConfigurationRecorders ?? []).map((r) => {
    const status = statusByName.get(r.name ?? '');
    return {
      name: r.name ?? '',
      allSupported: r.recordingGroup?.allSupported ?? false,
      includeGlobalResourceTypes: r.recordingGroup?.includeGlobalResourceTypes ?? false,
      recording: status?.recording ?? false,
      lastStatus: status?.lastStatus ?? null,
    };
  });
}
