/** AWS Config over awsJson1_1: recorders and their status, rules and their compliance (paged by NextToken, as Config does). */
import { regionOf } from '../model.js';
import { paginate } from '../paging.js';
import { FakeError, jsonResult } from '../wire.js';
import type { Handler } from './context.js';

export const handleConfig: Handler = (req, ctx) => {
  const { account } = ctx;
  const region = regionOf(account, req.region);
  const recorders = region.configRecorders;
  const page = <T>(all: readonly T[]) => paginate(all, `${req.operation}:${req.region}`, req.json.NextToken as string | undefined, undefined, { defaultSize: 25 }, ctx.pageSizeCap);
  switch (req.operation) {
    case 'DescribeConfigRules': {
      const { items, next } = page(region.configRules);
      return jsonResult('json', {
        ConfigRules: items.map((r) => ({
          ConfigRuleName: r.name,
          ConfigRuleArn: r.arn,
          ConfigRuleState: r.state,
          Source: { Owner: r.owner, SourceIdentifier: r.sourceIdentifier },
        })),
        NextToken: next,
      });
    }
    case 'DescribeComplianceByConfigRule': {
      // Rules Config has not evaluated yet have no compliance entry.
      const { items, next } = page(region.configRules.filter((r) => r.compliance !== 'INSUFFICIENT_DATA'));
      return jsonResult('json', {
        ComplianceByConfigRules: items.map((r) => ({
          ConfigRuleName: r.name,
          Compliance: { ComplianceType: r.compliance, ComplianceContributorCount: r.compliance === 'NON_COMPLIANT' ? { CappedCount: r.nonCompliantResources, CapExceeded: false } : undefined },
        })),
        NextToken: next,
      });
    }
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
