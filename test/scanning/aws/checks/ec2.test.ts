import { describe, expect, it } from 'vitest';
import { computeNetworkChecks } from '../../../../src/scanning/checks/aws/compute-network-checks.js';
import type { AwsCheck } from '../../../../src/scanning/checks/aws/lib/helpers.js';
import { AWS_PARTS } from '../../../../src/scanning/providers/aws/snapshot.js';
import type { AwsParts, NetworkInterface, SecurityGroup } from '../../../../src/scanning/providers/aws/snapshot.js';
import { DEFAULT_SETTINGS } from '../../../../src/scanning/types.js';
import type { CheckResult, ScanSettings } from '../../../../src/scanning/types.js';
import {
  ALLOW_ALL_EGRESS,
  albInterface,
  ebsSnapshot,
  ec2Arn,
  flowLog,
  instance,
  NACL_DENY_ALL,
  naclEntry,
  networkAcl,
  networkInterface,
  openToWorld,
  permission,
  securityGroup,
  volume,
  vpc,
  VPC_ID,
} from '../fixtures/ec2.js';
import { ACCESS_DENIED, failed, inRegions, NOW, ok, perRegion, REGIONS, snapshot } from '../fixtures/snapshot.js';

const REGION = 'us-east-1';
const SG_ID = 'sg-0123456789abcdef0';
const SG_ARN = ec2Arn(`security-group/${SG_ID}`);

function checkById(id: string): AwsCheck {
  const found = computeNetworkChecks.find((check) => check.meta.id === id);
  if (!found) throw new Error(`No check ${id}`);
  return found;
}

/** Runs a check over a one-region snapshot. */
function run(id: string, parts: Partial<AwsParts>, settings: ScanSettings = DEFAULT_SETTINGS): CheckResult[] {
  return checkById(id).evaluate(snapshot(parts, [REGION]), settings, NOW);
}

function only(results: CheckResult[]): CheckResult {
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}

function groups(...list: SecurityGroup[]): Partial<AwsParts> {
  return { 'ec2.securityGroups': inRegions(list, [REGION]) };
}

function withInterfaces(list: SecurityGroup[], interfaces: NetworkInterface[]): Partial<AwsParts> {
  return { ...groups(...list), 'ec2.networkInterfaces': inRegions(interfaces, [REGION]) };
}

const EC2_AREA_CHECKS = computeNetworkChecks.filter((check) => check.meta.service !== 'rds');

/** The CIS AWS Foundations Benchmark v5.0 controls each check answers (from the v5.0 requirement list). */
const CIS: Record<string, string[] | undefined> = {
  'aws-ec2-security-group-ssh-open-to-internet': ['5.3', '5.4'],
  'aws-ec2-security-group-rdp-open-to-internet': ['5.3', '5.4'],
  'aws-ec2-security-group-all-ports-open-to-internet': ['5.3', '5.4'],
  'aws-ec2-security-group-admin-ports-open-to-internet': ['5.3', '5.4'],
  'aws-ec2-security-group-cifs-open-to-internet': ['5.1.2'],
  'aws-ec2-default-security-group-allows-traffic': ['5.5'],
  'aws-vpc-network-acl-admin-ports-open-to-internet': ['5.2'],
  'aws-ec2-instance-imdsv1-allowed': ['5.7'],
  'aws-ec2-instance-no-iam-profile': ['1.17'],
  'aws-ebs-encryption-by-default-disabled': ['5.1.1'],
  'aws-ebs-volume-unencrypted': ['5.1.1'],
  'aws-vpc-flow-logs-disabled': ['3.7'],
  'aws-rds-instance-storage-unencrypted': ['2.2.1'],
  'aws-rds-instance-auto-minor-version-upgrade-disabled': ['2.2.2'],
  'aws-rds-instance-publicly-accessible': ['2.2.3'],
  'aws-rds-instance-not-multi-az': ['2.2.4'],
};

describe('compute and network checks: metadata', () => {
  it('has at least 22 checks with unique ids', () => {
    const ids = computeNetworkChecks.map((check) => check.meta.id);
    expect(ids.length).toBeGreaterThanOrEqual(22);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(computeNetworkChecks.map((check) => [check.meta.id, check] as const))('%s has well-formed metadata', (id, check) => {
    const { meta } = check;
    expect(id).toMatch(new RegExp(`^aws-${meta.service}-[a-z0-9]+(-[a-z0-9]+)*$`));
    expect(meta.provider).toBe('aws');
    expect(['ec2', 'ebs', 'vpc', 'rds']).toContain(meta.service);
    expect(meta.resourceType).toMatch(/^AWS::[A-Za-z0-9]*::[A-Za-z]+$/);
    expect(meta.title.length).toBeGreaterThan(10);
    expect(meta.description.length).toBeGreaterThan(20);
    expect(meta.risk.length).toBeGreaterThan(20);
    expect(meta.remediation.text.length).toBeGreaterThan(20);
    expect(meta.remediation.cli).toMatch(/^aws (ec2|rds) [a-z-]+ .*<[A-Z_]+>/);
    expect(meta.remediation.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    const frameworks = Object.entries(meta.compliance);
    expect(frameworks.length).toBeGreaterThan(0);
    for (const [, controls] of frameworks) {
      expect(controls?.length).toBeGreaterThan(0);
      for (const control of controls ?? []) expect(typeof control).toBe('string');
    }
    expect(meta.compliance['cis-aws-5.0']).toEqual(CIS[id]);
    expect(meta.needs.length).toBeGreaterThan(0);
    for (const part of meta.needs) expect(AWS_PARTS).toContain(part);
  });
});

describe('EC2, EBS and VPC checks: parts that could not be collected, and empty accounts', () => {
  it.each(EC2_AREA_CHECKS.map((check) => [check.meta.id, check] as const))('%s answers unknown per region when its parts failed', (_id, check) => {
    const parts = Object.fromEntries(check.meta.needs.map((part) => [part, perRegion({ 'us-east-1': failed(), 'eu-west-1': failed() })]));
    const results = check.evaluate(snapshot(parts), DEFAULT_SETTINGS, NOW);
    expect(results.map((result) => [result.region, result.status, result.statusDetail])).toEqual(REGIONS.map((region) => [region, 'unknown', `Could not check: ${ACCESS_DENIED}`]));
  });

  it.each(EC2_AREA_CHECKS.map((check) => [check.meta.id, check] as const))('%s answers unknown per region when its parts were not collected', (_id, check) => {
    const results = check.evaluate(snapshot({}), DEFAULT_SETTINGS, NOW);
    expect(results).toHaveLength(REGIONS.length);
    for (const result of results) {
      expect(result.status).toBe('unknown');
      expect(result.statusDetail).toBe(`Could not check: ${check.meta.needs[0]} was not collected`);
    }
  });

  it.each(EC2_AREA_CHECKS.filter((check) => check.meta.id !== 'aws-ebs-encryption-by-default-disabled').map((check) => [check.meta.id, check] as const))(
    '%s has no results when there are no resources',
    (_id, check) => {
      const parts = Object.fromEntries(check.meta.needs.map((part) => [part, inRegions([])]));
      expect(check.evaluate(snapshot(parts), DEFAULT_SETTINGS, NOW)).toEqual([]);
    },
  );
});

describe('aws-ec2-security-group-ssh-open-to-internet', () => {
  const id = 'aws-ec2-security-group-ssh-open-to-internet';

  it('passes a group that allows SSH only from another security group and HTTPS from anywhere', () => {
    const result = only(run(id, groups(securityGroup({ ingress: [permission({ userIdGroupPairs: ['sg-bastion'] }), openToWorld('tcp', 443)] }))));
    expect(result).toMatchObject({ resourceId: SG_ARN, region: REGION, status: 'pass', statusDetail: 'No ingress from the internet to SSH', tags: { Environment: 'prod' } });
    expect(result.exposed).toBeUndefined();
  });

  it('fails TCP 22 from 0.0.0.0/0, exposed', () => {
    const result = only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 22)] }))));
    expect(result).toMatchObject({ resourceId: SG_ARN, status: 'fail', statusDetail: 'Ingress 0.0.0.0/0 on tcp 22 (SSH)', exposed: true, tags: { Environment: 'prod' } });
  });

  it('fails a port range that contains 22 (20-25)', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 20, 25)] }))))).toMatchObject({ status: 'fail', statusDetail: 'Ingress 0.0.0.0/0 on tcp 22 (SSH)' });
  });

  it('fails ::/0 alone (IPv6 counts)', () => {
    const result = only(run(id, groups(securityGroup({ ingress: [permission({ ipv6Ranges: ['::/0'] })] }))));
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'Ingress ::/0 on tcp 22 (SSH)', exposed: true });
  });

  it('passes UDP 22 from anywhere: that does not open SSH', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [openToWorld('udp', 22)] })))).status).toBe('pass');
  });

  it('passes a rule to another security group only', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [permission({ fromPort: 0, toPort: 65535, userIdGroupPairs: ['sg-app'] })] })))).status).toBe('pass');
  });

  it.each([
    ['protocol -1', openToWorld('-1', null)],
    ['TCP 0-65535', openToWorld('tcp', 0, 65535)],
  ])('leaves %s to the all-ports check and says so', (_name, rule) => {
    const result = only(run(id, groups(securityGroup({ ingress: [rule] }))));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('aws-ec2-security-group-all-ports-open-to-internet');
    expect(only(run('aws-ec2-security-group-all-ports-open-to-internet', groups(securityGroup({ ingress: [rule] })))).status).toBe('fail');
  });

  it('still reports a specific SSH rule next to an all-ports rule', () => {
    const result = only(run(id, groups(securityGroup({ ingress: [permission({ ipProtocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['0.0.0.0/0'] }), permission({ ipv6Ranges: ['::/0'] })] }))));
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'Ingress ::/0 on tcp 22 (SSH)' });
  });

  it('counts 0.0.0.0/1 (half the internet) but not a private range', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [permission({ ipv4Ranges: ['0.0.0.0/1'] })] })))).status).toBe('fail');
    expect(only(run(id, groups(securityGroup({ ingress: [permission({ ipv4Ranges: ['10.0.0.0/8'] })] })))).status).toBe('pass');
  });

  it('does not check a port the settings call a public service', () => {
    const result = only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 22)] })), { ...DEFAULT_SETTINGS, publicServicePorts: [22, 80, 443] }));
    expect(result).toMatchObject({ status: 'pass', statusDetail: 'Not checked: tcp 22 (SSH) are public service ports in the scan settings' });
  });
});

describe('a region with more groups than a function call takes arguments', () => {
  it('reports every one of 150,000 security groups, each with its own ARN', () => {
    const many = Array.from({ length: 150_000 }, (_, i) => securityGroup({ groupId: `sg-${i}`, ingress: i % 2 === 0 ? [openToWorld('tcp', 22)] : [] }));
    const results = run('aws-ec2-security-group-ssh-open-to-internet', { 'ec2.securityGroups': inRegions(many, [REGION]) });
    expect(results).toHaveLength(150_000);
    expect(results.filter((result) => result.status === 'fail')).toHaveLength(75_000);
    expect(results[149_999]).toMatchObject({ resourceId: ec2Arn('security-group/sg-149999'), status: 'pass' });
  });
});

describe('aws-ec2-security-group-rdp-open-to-internet', () => {
  const id = 'aws-ec2-security-group-rdp-open-to-internet';

  it('fails a range containing 3389', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 3000, 4000)] }))))).toMatchObject({ status: 'fail', statusDetail: 'Ingress 0.0.0.0/0 on tcp 3389 (RDP)', exposed: true });
  });

  it('passes RDP from a corporate range', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [permission({ fromPort: 3389, toPort: 3389, ipv4Ranges: ['203.0.113.0/24'] })] })))).status).toBe('pass');
  });
});

describe('aws-ec2-security-group-all-ports-open-to-internet', () => {
  const id = 'aws-ec2-security-group-all-ports-open-to-internet';

  it('fails all traffic from anywhere once per group, naming each rule', () => {
    const rules = [openToWorld('-1', null), permission({ ipProtocol: 'tcp', fromPort: 0, toPort: 65535, ipv6Ranges: ['::/0'] })];
    const result = only(run(id, groups(securityGroup({ ingress: rules }))));
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'Ingress 0.0.0.0/0 on all protocols and ports; ingress ::/0 on all tcp ports', exposed: true });
  });

  it('passes a group with specific ports open', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 22), openToWorld('tcp', 1024, 65535)] }))))).toMatchObject({ status: 'pass', statusDetail: 'No rule opens every port to the internet' });
  });

  it('passes all traffic from the group itself (the AWS default ingress)', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [permission({ ipProtocol: '-1', fromPort: null, toPort: null, userIdGroupPairs: [SG_ID] })] })))).status).toBe('pass');
  });
});

describe('aws-ec2-security-group-database-ports-open-to-internet', () => {
  const id = 'aws-ec2-security-group-database-ports-open-to-internet';

  it('fails once per group, listing every open database port', () => {
    const rules = [openToWorld('tcp', 3306), openToWorld('tcp', 6379), openToWorld('udp', 11211), openToWorld('tcp', 443)];
    const result = only(run(id, groups(securityGroup({ ingress: rules }))));
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'Ingress 0.0.0.0/0 on tcp 3306 (MySQL), 6379 (Redis), udp 11211 (Memcached)', exposed: true });
  });

  it('fails a range that spans several engines', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 27000, 28000)] })))).statusDetail).toBe('Ingress 0.0.0.0/0 on tcp 27017 (MongoDB), 27018 (MongoDB shard)');
  });

  it('passes PostgreSQL open to the VPC only', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [permission({ fromPort: 5432, toPort: 5432, ipv4Ranges: ['10.0.0.0/16'] })] })))).status).toBe('pass');
  });
});

describe('aws-ec2-security-group-cifs-open-to-internet', () => {
  const id = 'aws-ec2-security-group-cifs-open-to-internet';

  it('fails SMB 445 and NetBIOS 139 from anywhere', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 139), openToWorld('tcp', 445)] }))))).toMatchObject({ status: 'fail', statusDetail: 'Ingress 0.0.0.0/0 on tcp 139 (NetBIOS), 445 (SMB/CIFS)' });
  });

  it('passes SMB from a private range', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [permission({ fromPort: 445, toPort: 445, ipv4Ranges: ['172.16.0.0/12'] })] })))).status).toBe('pass');
  });
});

describe('aws-ec2-security-group-admin-ports-open-to-internet', () => {
  const id = 'aws-ec2-security-group-admin-ports-open-to-internet';

  it('fails Telnet and the Docker daemon from anywhere', () => {
    const result = only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 23), permission({ fromPort: 2375, toPort: 2376, ipv6Ranges: ['::/0'] })] }))));
    expect(result).toMatchObject({ status: 'fail', statusDetail: 'Ingress 0.0.0.0/0 on tcp 23 (Telnet); ingress ::/0 on tcp 2375 (Docker), 2376 (Docker TLS)', exposed: true });
  });

  it('never reports public service ports (80, 443)', () => {
    expect(only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 80), openToWorld('tcp', 443)] })))).status).toBe('pass');
  });

  it('honours extra public service ports from the settings', () => {
    const settings = { ...DEFAULT_SETTINGS, publicServicePorts: [80, 443, 6443] };
    expect(only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 6443)] })), settings)).status).toBe('pass');
    expect(only(run(id, groups(securityGroup({ ingress: [openToWorld('tcp', 6443)] })))).status).toBe('fail');
  });
});

describe('an ALB security group with 443 open to the internet', () => {
  const alb = securityGroup({ groupId: 'sg-alb', groupName: 'alb', ingress: [openToWorld('tcp', 443), permission({ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv6Ranges: ['::/0'] })] });
  const parts = withInterfaces([alb], [albInterface('sg-alb'), albInterface('sg-alb', { networkInterfaceId: 'eni-alb-2' })]);

  it.each([
    'aws-ec2-security-group-ssh-open-to-internet',
    'aws-ec2-security-group-rdp-open-to-internet',
    'aws-ec2-security-group-all-ports-open-to-internet',
    'aws-ec2-security-group-database-ports-open-to-internet',
    'aws-ec2-security-group-cifs-open-to-internet',
    'aws-ec2-security-group-admin-ports-open-to-internet',
    'aws-ec2-security-group-internet-ingress-other-ports',
    'aws-ec2-security-group-unused',
  ])('passes %s', (id) => {
    expect(only(run(id, parts)).status).toBe('pass');
  });
});

describe('aws-ec2-security-group-internet-ingress-other-ports', () => {
  const id = 'aws-ec2-security-group-internet-ingress-other-ports';
  const instanceEni = networkInterface();

  it('fails a non-standard port open to the internet on an instance', () => {
    const result = only(run(id, withInterfaces([securityGroup({ ingress: [openToWorld('tcp', 8080), openToWorld('tcp', 443)] })], [instanceEni])));
    expect(result).toMatchObject({ resourceId: SG_ARN, status: 'fail', statusDetail: 'Ingress 0.0.0.0/0 on tcp 8080 (HTTP alternate)', exposed: true });
  });

  it('passes public service ports and ports other checks report', () => {
    const rules = [openToWorld('tcp', 443), openToWorld('tcp', 22), openToWorld('tcp', 3306), openToWorld('-1', null), openToWorld('icmp', -1)];
    expect(only(run(id, withInterfaces([securityGroup({ ingress: rules })], [instanceEni])))).toMatchObject({ status: 'pass' });
  });

  it('passes a range made only of ports other checks report or the settings call public, counting a port named twice once', () => {
    // 20-23 are FTP data, FTP, SSH and Telnet; 22 is also a public service port here, and must not make 20-24 look covered.
    const settings = { ...DEFAULT_SETTINGS, publicServicePorts: [22, 80, 443] };
    const covered = [openToWorld('tcp', 20, 23), openToWorld('tcp', 1433, 1434), openToWorld('tcp', 27017, 27018), openToWorld('udp', 11211)];
    expect(only(run(id, withInterfaces([securityGroup({ ingress: covered })], [instanceEni]), settings))).toMatchObject({ status: 'pass' });
    const wider = only(run(id, withInterfaces([securityGroup({ ingress: [openToWorld('tcp', 20, 24), openToWorld('udp', 3306)] })], [instanceEni]), settings));
    expect(wider.statusDetail).toBe('Ingress 0.0.0.0/0 on tcp 20-24; ingress 0.0.0.0/0 on udp 3306 (MySQL)');
  });

  it('reports a range that mixes reported and other ports, as the whole range', () => {
    expect(only(run(id, withInterfaces([securityGroup({ ingress: [openToWorld('tcp', 3000, 3389)] })], [instanceEni]))).statusDetail).toBe('Ingress 0.0.0.0/0 on tcp 3000-3389');
  });

  it('fails a non-port protocol such as GRE open to the internet', () => {
    expect(only(run(id, withInterfaces([securityGroup({ ingress: [openToWorld('47', null)] })], [instanceEni]))).statusDetail).toBe('Ingress 0.0.0.0/0 on protocol 47');
  });

  it('passes a group used only by load balancer interfaces (NLB type or amazon-elb requester)', () => {
    const group = securityGroup({ ingress: [openToWorld('tcp', 8443)] });
    const nlb = networkInterface({ networkInterfaceId: 'eni-nlb', interfaceType: 'network_load_balancer', attachmentInstanceId: null });
    const result = only(run(id, withInterfaces([group], [albInterface(SG_ID), nlb])));
    expect(result.status).toBe('pass');
    expect(result.statusDetail).toContain('load balancers');
  });

  it('fails when the group is shared by a load balancer and an instance', () => {
    const group = securityGroup({ ingress: [openToWorld('tcp', 8443)] });
    expect(only(run(id, withInterfaces([group], [albInterface(SG_ID), instanceEni]))).status).toBe('fail');
  });

  it('answers unknown for an open group when the network interfaces could not be read, and still passes closed groups', () => {
    const open = securityGroup({ ingress: [openToWorld('tcp', 8080)] });
    const closed = securityGroup({ groupId: 'sg-closed', ingress: [] });
    const results = run(id, { ...groups(open, closed), 'ec2.networkInterfaces': perRegion({ [REGION]: failed() }) });
    expect(results.map((result) => result.status)).toEqual(['unknown', 'pass']);
    expect(results[0]?.statusDetail).toContain(`Could not check: ${ACCESS_DENIED}`);
  });
});

describe('aws-ec2-default-security-group-allows-traffic', () => {
  const id = 'aws-ec2-default-security-group-allows-traffic';

  it('passes a default group with no rules, and ignores other groups', () => {
    const results = run(id, groups(securityGroup({ groupId: 'sg-default', groupName: 'default', ingress: [], egress: [] }), securityGroup({ ingress: [openToWorld('tcp', 22)] })));
    expect(only(results)).toMatchObject({ resourceId: ec2Arn('security-group/sg-default'), status: 'pass', statusDetail: `Default security group of ${VPC_ID} has no rules` });
  });

  it('fails the default group as AWS creates it (all from itself, all out), not exposed', () => {
    const group = securityGroup({ groupId: 'sg-default', groupName: 'default', ingress: [permission({ ipProtocol: '-1', fromPort: null, toPort: null, userIdGroupPairs: ['sg-default'] })], egress: [ALLOW_ALL_EGRESS] });
    expect(only(run(id, groups(group)))).toMatchObject({
      status: 'fail',
      statusDetail: `Default security group of ${VPC_ID} has 2 rule(s): inbound all protocols and ports from sg-default; outbound all protocols and ports to 0.0.0.0/0`,
      exposed: false,
    });
  });

  it('fails and marks exposed a default group open to the internet', () => {
    const group = securityGroup({ groupName: 'default', ingress: [openToWorld('tcp', 22)], egress: [] });
    expect(only(run(id, groups(group)))).toMatchObject({ status: 'fail', exposed: true });
  });
});

describe('aws-ec2-security-group-unused', () => {
  const id = 'aws-ec2-security-group-unused';
  const defaultGroup = securityGroup({ groupId: 'sg-default', groupName: 'default' });

  it('fails a group no interface uses, passes a used one and the default group', () => {
    const unused = securityGroup({ groupId: 'sg-old' });
    const results = run(id, withInterfaces([securityGroup(), unused, defaultGroup], [networkInterface()]));
    expect(results.map((result) => [result.resourceId, result.status, result.statusDetail])).toEqual([
      [SG_ARN, 'pass', 'Used by 1 network interface(s)'],
      [ec2Arn('security-group/sg-old'), 'fail', 'Not attached to any network interface'],
      [ec2Arn('security-group/sg-default'), 'pass', 'Default security group of its VPC; it cannot be deleted'],
    ]);
  });

  it('answers unknown per group when the network interfaces could not be read (the default group still passes)', () => {
    const results = run(id, { ...groups(securityGroup(), defaultGroup), 'ec2.networkInterfaces': perRegion({ [REGION]: failed() }) });
    expect(results.map((result) => [result.status, result.statusDetail])).toEqual([
      ['unknown', `Could not check: ${ACCESS_DENIED}`],
      ['pass', 'Default security group of its VPC; it cannot be deleted'],
    ]);
  });
});

describe('aws-vpc-network-acl-admin-ports-open-to-internet', () => {
  const id = 'aws-vpc-network-acl-admin-ports-open-to-internet';
  const arn = ec2Arn('network-acl/acl-0123456789abcdef0');
  const acls = (...list: ReturnType<typeof networkAcl>[]): Partial<AwsParts> => ({ 'ec2.networkAcls': inRegions(list, [REGION]) });

  it('fails the default ACL (rule 100 allows all from 0.0.0.0/0), not marked exposed', () => {
    const result = only(run(id, acls(networkAcl({ isDefault: true, entries: [naclEntry(), NACL_DENY_ALL] }))));
    expect(result).toMatchObject({ resourceId: arn, status: 'fail', statusDetail: 'Rule 100 allows 0.0.0.0/0 to tcp 22 (SSH), 3389 (RDP)' });
    expect(result.exposed).toBeUndefined();
  });

  it('passes when lower-numbered denies for 22 and 3389 come before the allow-all', () => {
    const entries = [
      naclEntry({ ruleNumber: 100 }),
      naclEntry({ ruleNumber: 10, protocol: '6', fromPort: 22, toPort: 22, ruleAction: 'deny' }),
      naclEntry({ ruleNumber: 20, protocol: '6', fromPort: 3389, toPort: 3389, ruleAction: 'deny' }),
      NACL_DENY_ALL,
    ];
    expect(only(run(id, acls(networkAcl({ entries }))))).toMatchObject({ status: 'pass', statusDetail: 'No inbound rule lets the internet reach tcp 22 (SSH), 3389 (RDP)' });
  });

  it('fails when the deny comes after the allow', () => {
    const entries = [naclEntry({ ruleNumber: 100, protocol: '6', fromPort: 22, toPort: 22 }), naclEntry({ ruleNumber: 110, protocol: '6', fromPort: 22, toPort: 22, ruleAction: 'deny' }), NACL_DENY_ALL];
    expect(only(run(id, acls(networkAcl({ entries }))))).toMatchObject({ status: 'fail', statusDetail: 'Rule 100 allows 0.0.0.0/0 to tcp 22 (SSH)' });
  });

  it('passes an ACL that only lets in HTTPS from the internet and SSH from the VPC', () => {
    const entries = [naclEntry({ ruleNumber: 100, protocol: '6', fromPort: 443, toPort: 443 }), naclEntry({ ruleNumber: 110, protocol: '6', fromPort: 22, toPort: 22, cidrBlock: '10.0.0.0/16' }), NACL_DENY_ALL];
    expect(only(run(id, acls(networkAcl({ entries })))).status).toBe('pass');
  });

  it('fails an IPv6 allow and says when the ACL is not associated with a subnet', () => {
    const entries = [naclEntry({ ruleNumber: 100, cidrBlock: null, ipv6CidrBlock: '::/0', protocol: '6', fromPort: 3389, toPort: 3389 }), NACL_DENY_ALL];
    expect(only(run(id, acls(networkAcl({ entries, subnetIds: [] }))))).toMatchObject({ status: 'fail', statusDetail: 'Rule 100 allows ::/0 to tcp 3389 (RDP) (not associated with any subnet)' });
  });
});

describe('aws-ec2-instance-imdsv1-allowed', () => {
  const id = 'aws-ec2-instance-imdsv1-allowed';
  const arn = ec2Arn('instance/i-0123456789abcdef0');
  const instances = (...list: ReturnType<typeof instance>[]): Partial<AwsParts> => ({ 'ec2.instances': inRegions(list, [REGION]) });

  it('passes an instance that requires IMDSv2', () => {
    expect(only(run(id, instances(instance())))).toMatchObject({ resourceId: arn, status: 'pass', tags: { Name: 'web-1' } });
  });

  it('passes an instance whose metadata endpoint is disabled, even with optional tokens', () => {
    expect(only(run(id, instances(instance({ metadataHttpTokens: 'optional', metadataHttpEndpoint: 'disabled' }))))).toMatchObject({ status: 'pass', statusDetail: 'Instance metadata endpoint is disabled' });
  });

  it('fails optional tokens with the endpoint enabled; exposed when the instance is public', () => {
    expect(only(run(id, instances(instance({ metadataHttpTokens: 'optional' }))))).toMatchObject({ status: 'fail', exposed: false });
    expect(only(run(id, instances(instance({ metadataHttpTokens: 'optional', publicIp: '54.0.0.1' }))))).toMatchObject({ status: 'fail', exposed: true });
  });

  it('does not look at terminated instances but does at stopped ones', () => {
    const results = run(id, instances(instance({ instanceId: 'i-gone', state: 'terminated', metadataHttpTokens: 'optional' }), instance({ instanceId: 'i-stopped', state: 'stopped', metadataHttpTokens: 'optional' })));
    expect(only(results)).toMatchObject({ resourceId: ec2Arn('instance/i-stopped'), status: 'fail' });
  });
});

describe('aws-ec2-instance-no-iam-profile', () => {
  const id = 'aws-ec2-instance-no-iam-profile';
  const instances = (...list: ReturnType<typeof instance>[]): Partial<AwsParts> => ({ 'ec2.instances': inRegions(list, [REGION]) });

  it('passes an instance with a profile and fails one without', () => {
    const results = run(id, instances(instance(), instance({ instanceId: 'i-bare', iamInstanceProfileArn: null })));
    expect(results.map((result) => [result.resourceId, result.status])).toEqual([
      [ec2Arn('instance/i-0123456789abcdef0'), 'pass'],
      [ec2Arn('instance/i-bare'), 'fail'],
    ]);
    expect(results[1]?.statusDetail).toBe('No IAM instance profile attached');
  });
});

describe('aws-ec2-instance-public-ip', () => {
  const id = 'aws-ec2-instance-public-ip';
  const instances = (...list: ReturnType<typeof instance>[]): Partial<AwsParts> => ({ 'ec2.instances': inRegions(list, [REGION]) });

  it('fails an instance with a public IP, exposed, and passes a private one', () => {
    const results = run(id, instances(instance({ publicIp: '54.12.34.56' }), instance({ instanceId: 'i-private' })));
    expect(results[0]).toMatchObject({ status: 'fail', statusDetail: 'Public IP address 54.12.34.56', exposed: true });
    expect(results[1]).toMatchObject({ status: 'pass', statusDetail: 'No public IP address' });
  });
});

describe('aws-ebs-encryption-by-default-disabled', () => {
  const id = 'aws-ebs-encryption-by-default-disabled';
  const check = checkById(id);

  it('reports each region on its own setting resource: pass, fail, unknown', () => {
    const parts: Partial<AwsParts> = { 'ec2.ebsEncryptionByDefault': perRegion({ 'us-east-1': ok(true), 'eu-west-1': ok(false), 'ap-south-1': failed() }) };
    const results = check.evaluate(snapshot(parts, ['us-east-1', 'eu-west-1', 'ap-south-1']), DEFAULT_SETTINGS, NOW);
    expect(results).toEqual([
      { resourceId: ec2Arn('ebs-encryption-by-default', 'us-east-1'), region: 'us-east-1', status: 'pass', statusDetail: 'EBS encryption by default is enabled' },
      { resourceId: ec2Arn('ebs-encryption-by-default', 'eu-west-1'), region: 'eu-west-1', status: 'fail', statusDetail: 'EBS encryption by default is disabled' },
      { resourceId: ec2Arn('ebs-encryption-by-default', 'ap-south-1'), region: 'ap-south-1', status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` },
    ]);
  });

  it('reports nothing when no region is scanned', () => {
    expect(check.evaluate(snapshot({ 'ec2.ebsEncryptionByDefault': {} }, []), DEFAULT_SETTINGS, NOW)).toEqual([]);
  });
});

describe('aws-ebs-volume-unencrypted', () => {
  const id = 'aws-ebs-volume-unencrypted';
  const volumes = (...list: ReturnType<typeof volume>[]): Partial<AwsParts> => ({ 'ec2.volumes': inRegions(list, [REGION]) });

  it('passes an encrypted volume and fails an unencrypted one, naming its instance', () => {
    const results = run(id, volumes(volume(), volume({ volumeId: 'vol-plain', encrypted: false, kmsKeyId: null, tags: { Name: 'data' } })));
    expect(results[0]).toMatchObject({ resourceId: ec2Arn('volume/vol-0123456789abcdef0'), status: 'pass' });
    expect(results[1]).toMatchObject({ resourceId: ec2Arn('volume/vol-plain'), status: 'fail', statusDetail: 'Not encrypted (attached to i-0123456789abcdef0)', tags: { Name: 'data' } });
  });

  it('does not look at deleted volumes', () => {
    expect(run(id, volumes(volume({ encrypted: false, state: 'deleted' })))).toEqual([]);
  });
});

describe('aws-ebs-snapshot-public', () => {
  const id = 'aws-ebs-snapshot-public';
  const snapshots = (...list: ReturnType<typeof ebsSnapshot>[]): Partial<AwsParts> => ({ 'ec2.snapshots': inRegions(list, [REGION]) });
  const arn = ec2Arn('snapshot/snap-0123456789abcdef0', REGION, '');

  it('fails a snapshot shared with group "all": critical exposure, ARN with an empty account', () => {
    const result = only(run(id, snapshots(ebsSnapshot({ createVolumePermission: ok({ groups: ['all'], userIds: [] }) }))));
    expect(result).toMatchObject({ resourceId: arn, status: 'fail', exposed: true });
    expect(arn).toBe('arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0');
  });

  it('passes a private snapshot and one shared with specific accounts', () => {
    const results = run(id, snapshots(ebsSnapshot(), ebsSnapshot({ snapshotId: 'snap-shared', createVolumePermission: ok({ groups: [], userIds: ['210987654321'] }) })));
    expect(results.map((result) => [result.status, result.statusDetail])).toEqual([
      ['pass', 'Not shared'],
      ['pass', 'Not public; shared with 1 account(s)'],
    ]);
  });

  it('answers unknown when the permission attribute could not be read', () => {
    expect(only(run(id, snapshots(ebsSnapshot({ createVolumePermission: failed() }))))).toMatchObject({ resourceId: arn, status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` });
  });
});

describe('aws-ebs-snapshot-unencrypted', () => {
  const id = 'aws-ebs-snapshot-unencrypted';

  it('passes an encrypted snapshot and fails an unencrypted one', () => {
    const results = run(id, { 'ec2.snapshots': inRegions([ebsSnapshot(), ebsSnapshot({ snapshotId: 'snap-plain', encrypted: false })], [REGION]) });
    expect(results.map((result) => [result.resourceId, result.status, result.statusDetail])).toEqual([
      [ec2Arn('snapshot/snap-0123456789abcdef0', REGION, ''), 'pass', 'Encrypted'],
      [ec2Arn('snapshot/snap-plain', REGION, ''), 'fail', 'Not encrypted (from vol-0123456789abcdef0)'],
    ]);
  });
});

describe('aws-vpc-flow-logs-disabled', () => {
  const id = 'aws-vpc-flow-logs-disabled';
  const arn = ec2Arn(`vpc/${VPC_ID}`);
  const parts = (logs: ReturnType<typeof flowLog>[]): Partial<AwsParts> => ({ 'ec2.vpcs': inRegions([vpc()], [REGION]), 'ec2.flowLogs': inRegions(logs, [REGION]) });

  it('passes a VPC with an active flow log on it', () => {
    expect(only(run(id, parts([flowLog({ trafficType: 'REJECT' })])))).toMatchObject({ resourceId: arn, status: 'pass', tags: { Name: 'main' } });
  });

  it('fails a VPC with no flow log, or one only on a subnet', () => {
    expect(only(run(id, parts([])))).toMatchObject({ status: 'fail', statusDetail: 'No flow log' });
    expect(only(run(id, parts([flowLog({ resourceId: 'subnet-0123' })])))).toMatchObject({ status: 'fail', statusDetail: 'No flow log' });
  });

  it('fails a VPC whose only flow log is not active', () => {
    expect(only(run(id, parts([flowLog({ flowLogId: 'fl-broken', status: 'FAILED' })])))).toMatchObject({ status: 'fail', statusDetail: 'No active flow log: fl-broken is FAILED' });
  });

  it('answers unknown per VPC when the flow logs could not be read', () => {
    const results = run(id, { 'ec2.vpcs': inRegions([vpc()], [REGION]), 'ec2.flowLogs': perRegion({ [REGION]: failed() }) });
    expect(only(results)).toMatchObject({ resourceId: arn, status: 'unknown', statusDetail: `Could not check: ${ACCESS_DENIED}` });
  });
});

describe('aws-vpc-default-vpc-in-use', () => {
  const id = 'aws-vpc-default-vpc-in-use';
  const defaultVpc = vpc({ vpcId: 'vpc-default', isDefault: true, cidrBlock: '172.31.0.0/16' });
  const defaultVpcGroup = securityGroup({ groupId: 'sg-in-default', vpcId: 'vpc-default' });
  const parts = (interfaces: NetworkInterface[]): Partial<AwsParts> => ({
    'ec2.vpcs': inRegions([defaultVpc, vpc()], [REGION]),
    'ec2.securityGroups': inRegions([defaultVpcGroup, securityGroup()], [REGION]),
    'ec2.networkInterfaces': inRegions(interfaces, [REGION]),
  });

  it('fails a default VPC that has network interfaces (found through their security groups), info severity', () => {
    const result = only(run(id, parts([networkInterface({ networkInterfaceId: 'eni-1', groupIds: ['sg-in-default'] }), networkInterface()])));
    expect(result).toMatchObject({ resourceId: ec2Arn('vpc/vpc-default'), status: 'fail', statusDetail: 'Default VPC has 1 network interface(s): eni-1' });
    expect(checkById(id).meta.severity).toBe('info');
  });

  it('passes an empty default VPC and ignores other VPCs', () => {
    expect(only(run(id, parts([networkInterface()])))).toMatchObject({ status: 'pass', statusDetail: 'Default VPC has no network interfaces' });
  });

  it('answers unknown when the network interfaces or the security groups could not be read', () => {
    expect(only(run(id, { ...parts([]), 'ec2.networkInterfaces': perRegion({ [REGION]: failed() }) })).status).toBe('unknown');
    expect(only(run(id, { ...parts([]), 'ec2.securityGroups': perRegion({ [REGION]: failed('Throttling: Rate exceeded') }) }))).toMatchObject({ status: 'unknown', statusDetail: 'Could not check: Throttling: Rate exceeded' });
  });
});
