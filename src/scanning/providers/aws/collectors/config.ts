/** AWS Config in a region: recorders joined with their recording status, and rules with their compliance. */
import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  paginateDescribeComplianceByConfigRule,
  paginateDescribeConfigRules,
  type ConfigServiceClient,
} from '@aws-sdk/client-config-service';
import type { ConfigRecorder, ConfigRuleCompliance } from '../snapshot.js';
import { allPages } from './values.js';

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

/**
 * Every Config rule with its compliance. A rule Config has not evaluated yet has no compliance
 * entry; it reads INSUFFICIENT_DATA, as the console shows it.
 */
export async function collectConfigRules(config: ConfigServiceClient): Promise<ConfigRuleCompliance[]> {
  const [rules, compliance] = await Promise.all([
    allPages(paginateDescribeConfigRules({ client: config }, {}), (page) => page.ConfigRules),
    allPages(paginateDescribeComplianceByConfigRule({ client: config }, {}), (page) => page.ComplianceByConfigRules),
  ]);
  const byName = new Map(compliance.map((c) => [c.ConfigRuleName ?? '', c.Compliance]));
  return rules.map((rule) => {
    const result = byName.get(rule.ConfigRuleName ?? '');
    return {
      name: rule.ConfigRuleName ?? '',
      arn: rule.ConfigRuleArn ?? '',
      compliance: result?.ComplianceType ?? 'INSUFFICIENT_DATA',
      nonCompliantResources: result?.ComplianceContributorCount?.CappedCount ?? 0,
      owner: rule.Source?.Owner ?? '',
      sourceIdentifier: rule.Source?.SourceIdentifier ?? '',
      state: rule.ConfigRuleState ?? '',
    };
  });
}
