/** IAM over awsQuery: the credential report, account settings and GetAccountAuthorizationDetails, paginated with Marker/IsTruncated/MaxItems. */
import { policyArn, userArn, type FakeAccount, type FakeInlinePolicy, type FakeManagedPolicy } from '../model.js';
import { paginate } from '../paging.js';
import { FakeError, queryResult } from '../wire.js';
import { members, type XmlObject, type XmlValue } from '../xml.js';
import type { Handler, HandlerContext } from './context.js';

const IAM_PAGE = { defaultSize: 100, min: 1, max: 1000, invalidCode: 'ValidationError' };

/** IAM sends policy documents URL-encoded. */
const encode = (document: object): string => encodeURIComponent(JSON.stringify(document));

function page<T>(all: T[], op: string, req: Parameters<Handler>[0], ctx: HandlerContext) {
  const result = paginate(all, op, req.params.get('Marker'), req.params.get('MaxItems'), IAM_PAGE, ctx.pageSizeCap);
  return { items: result.items, trailer: { IsTruncated: result.next !== undefined, Marker: result.next } };
}

const tagList = (tags: Record<string, string>): XmlObject => members(Object.entries(tags).map(([Key, Value]) => ({ Key, Value })));
const inlineList = (policies: FakeInlinePolicy[]): XmlObject => members(policies.map((p) => ({ PolicyName: p.name, PolicyDocument: encode(p.document) })));

function attachedList(account: FakeAccount, arns: string[]): XmlObject {
  return members(
    arns.map((arn) => {
      const policy = account.iam.policies.find((p) => policyArn(account, p) === arn);
      return { PolicyName: policy?.name ?? arn.split('/').pop() ?? arn, PolicyArn: arn };
    }),
  );
}

const report = (v: string | null | undefined): string => v ?? 'N/A';

export function credentialReportCsv(account: FakeAccount): string {
  const header =
    'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const root = account.iam.root;
  const rows = [
    [
      '<root_account>',
      `arn:${account.partition}:iam::${account.accountId}:root`,
      root.createDate,
      'not_supported',
      root.passwordLastUsed ?? 'no_information',
      'not_supported',
      'not_supported',
      String(root.mfaActive),
      String(root.accessKeyActive),
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ],
    ...account.iam.users.map((u) => [
      u.name,
      userArn(account, u.name),
      u.createDate,
      String(u.passwordEnabled),
      u.passwordEnabled ? (u.passwordLastUsed ?? 'no_information') : 'N/A',
      u.passwordEnabled ? u.createDate : 'N/A',
      'N/A',
      String(u.mfaActive),
      String(u.accessKey1?.active ?? false),
      report(u.accessKey1?.lastRotated),
      report(u.accessKey1?.lastUsed),
      u.accessKey1?.lastUsed ? 'us-east-1' : 'N/A',
      u.accessKey1?.lastUsed ? 's3' : 'N/A',
      'false',
      'N/A',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'N/A',
      'false',
      'N/A',
    ]),
  ];
  return [header, ...rows.map((r) => r.join(','))].join('\n');
}

type Entity = { kind: 'user' | 'group' | 'role'; value: XmlValue } | { kind: 'policy'; value: XmlValue };

function authorizationEntities(account: FakeAccount): Entity[] {
  const { iam } = account;
  const id = (prefix: string, name: string) => `${prefix}${Buffer.from(name).toString('hex').slice(0, 16).toUpperCase()}`;
  return [
    ...iam.users.map((u): Entity => ({
      kind: 'user',
      value: {
        Path: '/',
        UserName: u.name,
        UserId: id('AIDA', u.name),
        Arn: userArn(account, u.name),
        CreateDate: u.createDate,
        UserPolicyList: inlineList(u.inlinePolicies),
        GroupList: members(u.groups),
        AttachedManagedPolicies: attachedList(account, u.attachedPolicyArns),
        Tags: tagList(u.tags),
      },
    })),
    ...iam.groups.map((g): Entity => ({
      kind: 'group',
      value: {
        Path: '/',
        GroupName: g.name,
        GroupId: id('AGPA', g.name),
        Arn: `arn:${account.partition}:iam::${account.accountId}:group/${g.name}`,
        CreateDate: '2021-01-01T00:00:00Z',
        GroupPolicyList: inlineList(g.inlinePolicies),
        AttachedManagedPolicies: attachedList(account, g.attachedPolicyArns),
      },
    })),
    ...iam.roles.map((r): Entity => ({
      kind: 'role',
      value: {
        Path: r.path,
        RoleName: r.name,
        RoleId: id('AROA', r.name),
        Arn: `arn:${account.partition}:iam::${account.accountId}:role${r.path}${r.name}`,
        CreateDate: r.createDate,
        AssumeRolePolicyDocument: encode(r.assumeRolePolicy),
        InstanceProfileList: members([]),
        RolePolicyList: inlineList(r.inlinePolicies),
        AttachedManagedPolicies: attachedList(account, r.attachedPolicyArns),
        Tags: tagList(r.tags),
        RoleLastUsed: r.lastUsed ? { LastUsedDate: r.lastUsed, Region: 'us-east-1' } : {},
      },
    })),
    ...iam.policies.map((p: FakeManagedPolicy): Entity => ({
      kind: 'policy',
      value: {
        PolicyName: p.name,
        PolicyId: id('ANPA', p.name),
        Arn: policyArn(account, p),
        Path: '/',
        DefaultVersionId: 'v2',
        AttachmentCount: p.attachmentCount,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: '2021-01-01T00:00:00Z',
        UpdateDate: '2021-01-01T00:00:00Z',
        // An old version first: the collector must pick the default one.
        PolicyVersionList: members([
          { Document: encode({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }), VersionId: 'v1', IsDefaultVersion: false, CreateDate: '2021-01-01T00:00:00Z' },
          { Document: encode(p.document), VersionId: 'v2', IsDefaultVersion: true, CreateDate: '2021-01-01T00:00:00Z' },
        ]),
      },
    })),
  ];
}

export const handleIam: Handler = (req, ctx) => {
  const { account } = ctx;
  const { iam } = account;
  switch (req.operation) {
    case 'GenerateCredentialReport': {
      ctx.state.credentialReportGenerations += 1;
      const n = ctx.state.credentialReportGenerations;
      const state = n > iam.credentialReportPolls ? 'COMPLETE' : n === 1 ? 'STARTED' : 'INPROGRESS';
      return queryResult('iam', req.operation, { State: state, Description: state === 'COMPLETE' ? undefined : 'No report exists. Starting a new report generation task' });
    }
    case 'GetCredentialReport': {
      if (ctx.state.credentialReportGenerations <= iam.credentialReportPolls) {
        throw new FakeError(404, 'ReportInProgress', 'Report generation in progress.');
      }
      return queryResult('iam', req.operation, {
        Content: Buffer.from(credentialReportCsv(account)).toString('base64'),
        ReportFormat: 'text/csv',
        GeneratedTime: new Date().toISOString(),
      });
    }
    case 'GetAccountSummary':
      return queryResult('iam', req.operation, {
        SummaryMap: { entry: Object.entries(iam.accountSummary).map(([key, value]) => ({ key, value })) },
      });
    case 'GetAccountPasswordPolicy':
      if (!iam.passwordPolicy) throw new FakeError(404, 'NoSuchEntity', `The Password Policy with domain name ${account.accountId} cannot be found.`);
      return queryResult('iam', req.operation, { PasswordPolicy: { ...iam.passwordPolicy } });
    case 'GetAccountAuthorizationDetails': {
      if (req.params.has('Filter.member.1')) throw new FakeError(400, 'ValidationError', 'the fake does not filter');
      const { items, trailer } = page(authorizationEntities(account), req.operation, req, ctx);
      const of = (kind: Entity['kind']) => members(items.filter((e) => e.kind === kind).map((e) => e.value));
      return queryResult('iam', req.operation, {
        UserDetailList: of('user'),
        GroupDetailList: of('group'),
        RoleDetailList: of('role'),
        Policies: of('policy'),
        ...trailer,
      });
    }
    case 'ListVirtualMFADevices': {
      const { items, trailer } = page(iam.virtualMfaDevices, req.operation, req, ctx);
      return queryResult('iam', req.operation, {
        VirtualMFADevices: members(
          items.map((d) => ({
            SerialNumber: d.serialNumber,
            User: d.userArn ? { Path: '/', UserName: d.userArn.split('/').pop() ?? 'root', UserId: 'AIDAMFA', Arn: d.userArn, CreateDate: '2021-01-01T00:00:00Z' } : undefined,
            EnableDate: d.userArn ? '2021-01-01T00:00:00Z' : undefined,
          })),
        ),
        ...trailer,
      });
    }
    case 'ListServerCertificates': {
      const { items, trailer } = page(iam.serverCertificates, req.operation, req, ctx);
      return queryResult('iam', req.operation, {
        ServerCertificateMetadataList: members(
          items.map((c) => ({
            Path: '/',
            ServerCertificateName: c.name,
            ServerCertificateId: `ASCA${c.name.toUpperCase()}`,
            Arn: `arn:${account.partition}:iam::${account.accountId}:server-certificate/${c.name}`,
            UploadDate: '2021-01-01T00:00:00Z',
            Expiration: c.expiration,
          })),
        ),
        ...trailer,
      });
    }
    default:
      throw new FakeError(400, 'InvalidAction', `The action ${req.operation} is not valid for this web service.`);
  }
};
