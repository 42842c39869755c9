/**
 * Which collector produces each snapshot part, and whether it runs once (global: IAM, S3) or once
 * per region. The type ties each entry to its part's shape in snapshot.ts, so a global part cannot
 * be given a regional collector or a wrong value.
 */
import type { AwsPart, AwsParts, Collected, Regional } from './snapshot.js';
import type { CollectorContext } from './collectors/context.js';
import { collectAnalyzers } from './collectors/accessanalyzer.js';
import { collectTrails } from './collectors/cloudtrail.js';
import { collectConfigRecorders, collectConfigRules } from './collectors/config.js';
import { collectEbsEncryptionByDefault, collectInstances, collectSnapshots, collectVolumes } from './collectors/ec2-compute.js';
import { collectFlowLogs, collectNetworkAcls, collectNetworkInterfaces, collectSecurityGroups, collectVpcs } from './collectors/ec2-network.js';
import { collectDetectors } from './collectors/guardduty.js';
import {
  collectAccountSummary,
  collectAuthorization,
  collectCredentialReport,
  collectPasswordPolicy,
  collectServerCertificates,
  collectVirtualMfaDevices,
} from './collectors/iam.js';
import { collectKeys } from './collectors/kms.js';
import { collectDbInstances, collectDbSnapshots } from './collectors/rds.js';
import { collectAccountPublicAccessBlock, collectBuckets } from './collectors/s3.js';
import { collectSecurityHub } from './collectors/securityhub.js';

/** The value inside a part: T of Collected<T> or Regional<T>. */
export type PartValue<P extends AwsPart> = AwsParts[P] extends Collected<infer T> ? T : AwsParts[P] extends Regional<infer T> ? T : never;

export type PartCollector<P extends AwsPart> = AwsParts[P] extends Collected<unknown>
  ? { scope: 'global'; collect: (ctx: CollectorContext) => Promise<PartValue<P>> }
  : { scope: 'regional'; collect: (ctx: CollectorContext, region: string) => Promise<PartValue<P>> };

export const PART_COLLECTORS: { [P in AwsPart]: PartCollector<P> } = {
  'iam.credentialReport': { scope: 'global', collect: (ctx) => collectCredentialReport(ctx.clients.iam()) },
  'iam.accountSummary': { scope: 'global', collect: (ctx) => collectAccountSummary(ctx.clients.iam()) },
  'iam.passwordPolicy': { scope: 'global', collect: (ctx) => collectPasswordPolicy(ctx.clients.iam()) },
  'iam.authorization': { scope: 'global', collect: (ctx) => collectAuthorization(ctx.clients.iam()) },
  'iam.virtualMfaDevices': { scope: 'global', collect: (ctx) => collectVirtualMfaDevices(ctx.clients.iam()) },
  'iam.serverCertificates': { scope: 'global', collect: (ctx) => collectServerCertificates(ctx.clients.iam()) },
  's3.buckets': { scope: 'global', collect: collectBuckets },
  's3.accountPublicAccessBlock': { scope: 'global', collect: collectAccountPublicAccessBlock },
  'ec2.securityGroups': { scope: 'regional', collect: (ctx, region) => collectSecurityGroups(ctx.clients.ec2(region)) },
  'ec2.networkInterfaces': { scope: 'regional', collect: (ctx, region) => collectNetworkInterfaces(ctx.clients.ec2(region)) },
  'ec2.instances': { scope: 'regional', collect: (ctx, region) => collectInstances(ctx.clients.ec2(region)) },
  'ec2.volumes': { scope: 'regional', collect: (ctx, region) => collectVolumes(ctx.clients.ec2(region)) },
  'ec2.snapshots': { scope: 'regional', collect: (ctx, region) => collectSnapshots(ctx.clients.ec2(region)) },
  'ec2.ebsEncryptionByDefault': { scope: 'regional', collect: (ctx, region) => collectEbsEncryptionByDefault(ctx.clients.ec2(region)) },
  'ec2.vpcs': { scope: 'regional', collect: (ctx, region) => collectVpcs(ctx.clients.ec2(region)) },
  'ec2.flowLogs': { scope: 'regional', collect: (ctx, region) => collectFlowLogs(ctx.clients.ec2(region)) },
  'ec2.networkAcls': { scope: 'regional', collect: (ctx, region) => collectNetworkAcls(ctx.clients.ec2(region)) },
  'cloudtrail.trails': { scope: 'regional', collect: collectTrails },
  'kms.keys': { scope: 'regional', collect: (ctx, region) => collectKeys(ctx.clients.kms(region)) },
  'rds.instances': { scope: 'regional', collect: (ctx, region) => collectDbInstances(ctx.clients.rds(region)) },
  'rds.snapshots': { scope: 'regional', collect: (ctx, region) => collectDbSnapshots(ctx.clients.rds(region)) },
  'config.recorders': { scope: 'regional', collect: (ctx, region) => collectConfigRecorders(ctx.clients.config(region)) },
  'config.rules': { scope: 'regional', collect: (ctx, region) => collectConfigRules(ctx.clients.config(region)) },
  'guardduty.detectors': { scope: 'regional', collect: (ctx, region) => collectDetectors(ctx.clients.guardDuty(region)) },
  'securityhub.hub': { scope: 'regional', collect: (ctx, region) => collectSecurityHub(ctx.clients.securityHub(region)) },
  'accessanalyzer.analyzers': { scope: 'regional', collect: (ctx, region) => collectAnalyzers(ctx.clients.accessAnalyzer(region)) },
};

/**
 * Parts whose collection is a long chain of calls in a large account: one call per bucket setting,
 * paginated authorization details, a credential report to wait for. collectAws starts them before
 * the one-call parts, so they are not queued behind dozens of those and do not finish last.
 */
export const LONG_RUNNING_PARTS: ReadonlySet<AwsPart> = new Set<AwsPart>(['s3.buckets', 'iam.authorization', 'iam.credentialReport']);
