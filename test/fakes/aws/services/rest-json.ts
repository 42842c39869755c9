/** The restJson1 services: GuardDuty, Security Hub, Access Analyzer — routes, query-string paging. */
import { regionOf } from '../model.js';
import { paginate } from '../paging.js';
import { FakeError, jsonResult, type FakeService } from '../wire.js';
import type { Handler } from './context.js';

/** The operation a restJson1 request asks for, from its method and path. */
export function restJsonOperation(service: FakeService, method: string, path: string): string {
  if (method !== 'GET') return 'Unknown';
  if (service === 'guardduty') return path === '/detector' ? 'ListDetectors' : /^\/detector\/[^/]+$/.test(path) ? 'GetDetector' : 'Unknown';
  if (service === 'securityhub') return path === '/accounts' ? 'DescribeHub' : 'Unknown';
  if (service === 'accessanalyzer') return path === '/analyzer' ? 'ListAnalyzers' : 'Unknown';
  return 'Unknown';
}

export const handleGuardDuty: Handler = (req, ctx) => {
  const detectors = regionOf(ctx.account, req.region).guardDutyDetectors;
  if (req.operation === 'ListDetectors') {
    const page = paginate(detectors, `detectors:${req.region}`, req.query.get('nextToken'), req.query.get('maxResults'), { defaultSize: 50, min: 1, max: 50, invalidCode: 'BadRequestException' }, ctx.pageSizeCap);
    return jsonResult('rest-json', { detectorIds: page.items.map((d) => d.detectorId), nextToken: page.next ?? '' });
  }
  if (req.operation === 'GetDetector') {
    const id = decodeURIComponent(req.path.split('/')[2] ?? '');
    const detector = detectors.find((d) => d.detectorId === id);
    if (!detector) throw new FakeError(400, 'BadRequestException', 'The request is rejected because the input detectorId is not owned by the current account.');
    return jsonResult('rest-json', { status: detector.status, serviceRole: 'arn:aws:iam::role/guardduty', createdAt: '2021-01-01T00:00:00.000Z', findingPublishingFrequency: 'SIX_HOURS' });
  }
  throw new FakeError(404, 'NotFoundException', `No route for ${req.method} ${req.path}`);
};

export const handleSecurityHub: Handler = (req, ctx) => {
  if (req.operation !== 'DescribeHub') throw new FakeError(404, 'NotFoundException', `No route for ${req.method} ${req.path}`);
  if (!regionOf(ctx.account, req.region).securityHubEnabled) {
    throw new FakeError(401, 'InvalidAccessException', `Account ${ctx.account.accountId} is not subscribed to AWS Security Hub`);
  }
  return jsonResult('rest-json', {
    HubArn: `arn:aws:securityhub:${req.region}:${ctx.account.accountId}:hub/default`,
    SubscribedAt: '2021-01-01T00:00:00.000Z',
    AutoEnableControls: true,
  });
};

export const handleAccessAnalyzer: Handler = (req, ctx) => {
  if (req.operation !== 'ListAnalyzers') throw new FakeError(404, 'ResourceNotFoundException', `No route for ${req.method} ${req.path}`);
  const analyzers = regionOf(ctx.account, req.region).analyzers;
  const page = paginate(analyzers, `analyzers:${req.region}`, req.query.get('nextToken'), req.query.get('maxResults'), { defaultSize: 100, min: 1, max: 1000, invalidCode: 'ValidationException' }, ctx.pageSizeCap);
  return jsonResult('rest-json', {
    analyzers: page.items.map((a) => ({ arn: a.arn, name: a.name, type: a.type, status: a.status, createdAt: '2021-01-01T00:00:00Z' })),
    nextToken: page.next,
  });
};
