import { describe, expect, it } from 'vitest';
import {
  coversPort,
  describeExposures,
  describeNaclOpenings,
  describeRule,
  formatSpecs,
  internetExposures,
  interfacesUsing,
  internetSources,
  isAllPorts,
  isInternetCidr,
  isWholeAddressSpace,
  naclInternetOpenings,
  opensAllPortsToInternet,
  portLabel,
  protocolName,
  RDP_PORTS,
  SSH_PORTS,
  withoutPublicServicePorts,
} from '../../../src/scanning/checks/aws/lib/network.js';
import type { IpPermission } from '../../../src/scanning/providers/aws/snapshot.js';
import { NACL_DENY_ALL, naclEntry, networkInterface, openToWorld, permission, securityGroup } from './fixtures/ec2.js';

describe('isInternetCidr', () => {
  it.each(['0.0.0.0/0', '::/0', '0.0.0.0/1', '128.0.0.0/1', '0.0.0.0/4', '::/1', '2000::/3', '2001:db8::/7'])('%s is open to the internet', (cidr) => {
    expect(isInternetCidr(cidr)).toBe(true);
  });

  it.each([
    ['10.0.0.0/8', 'private'],
    ['172.16.0.0/12', 'private'],
    ['192.168.0.0/16', 'private'],
    ['52.0.0.0/8', 'a /8 is a specific network, not the internet'],
    ['203.0.113.10/32', 'one host'],
    ['224.0.0.0/3', 'multicast and reserved space only'],
    ['fc00::/7', 'IPv6 unique-local'],
    ['8000::/1', 'no global unicast IPv6 in it'],
    ['2001:db8::/32', 'a specific IPv6 network'],
    ['not-a-cidr', 'garbage'],
    ['0.0.0.0', 'no prefix'],
    ['0.0.0.0/33', 'prefix out of range'],
  ])('%s is not (%s)', (cidr) => {
    expect(isInternetCidr(cidr)).toBe(false);
  });

  it('isWholeAddressSpace is only /0', () => {
    expect(isWholeAddressSpace('0.0.0.0/0')).toBe(true);
    expect(isWholeAddressSpace('::/0')).toBe(true);
    expect(isWholeAddressSpace('0.0.0.0/1')).toBe(false);
  });
});

describe('protocols and ports', () => {
  it('normalises security group names and network ACL numbers', () => {
    expect(protocolName('-1')).toBe('all');
    expect(protocolName('6')).toBe('tcp');
    expect(protocolName('TCP')).toBe('tcp');
    expect(protocolName('17')).toBe('udp');
    expect(protocolName('58')).toBe('icmpv6');
    expect(protocolName('47')).toBe('47');
  });

  it('a range covers the ports inside it, inclusive', () => {
    expect(coversPort({ protocol: 'tcp', fromPort: 20, toPort: 25 }, 'tcp', 22)).toBe(true);
    expect(coversPort({ protocol: 'tcp', fromPort: 0, toPort: 65535 }, 'tcp', 3389)).toBe(true);
    expect(coversPort({ protocol: 'tcp', fromPort: 22, toPort: 22 }, 'tcp', 22)).toBe(true);
    expect(coversPort({ protocol: 'tcp', fromPort: 23, toPort: 80 }, 'tcp', 22)).toBe(false);
  });

  it('protocol -1 covers everything; UDP 22 does not open TCP 22', () => {
    expect(coversPort({ protocol: '-1', fromPort: null, toPort: null }, 'tcp', 22)).toBe(true);
    expect(coversPort({ protocol: '-1', fromPort: null, toPort: null }, 'udp', 11211)).toBe(true);
    expect(coversPort({ protocol: 'udp', fromPort: 22, toPort: 22 }, 'tcp', 22)).toBe(false);
    expect(coversPort({ protocol: 'icmp', fromPort: -1, toPort: -1 }, 'tcp', 22)).toBe(false);
    expect(coversPort({ protocol: '6', fromPort: 22, toPort: 22 }, 'tcp', 22)).toBe(true);
  });

  it('all ports: protocol -1, or TCP/UDP 0-65535 (or 1-65535)', () => {
    expect(isAllPorts({ protocol: '-1', fromPort: null, toPort: null })).toBe(true);
    expect(isAllPorts({ protocol: 'tcp', fromPort: 0, toPort: 65535 })).toBe(true);
    expect(isAllPorts({ protocol: 'udp', fromPort: 1, toPort: 65535 })).toBe(true);
    expect(isAllPorts({ protocol: 'tcp', fromPort: 1024, toPort: 65535 })).toBe(false);
    expect(isAllPorts({ protocol: 'icmp', fromPort: -1, toPort: -1 })).toBe(false);
  });

  it('names well-known ports in details', () => {
    expect(portLabel(22)).toBe('22 (SSH)');
    expect(portLabel(8081)).toBe('8081');
    expect(formatSpecs([...SSH_PORTS, ...RDP_PORTS, { transport: 'udp', port: 11211 }])).toBe('tcp 22 (SSH), 3389 (RDP), udp 11211 (Memcached)');
    expect(describeRule({ protocol: '-1', fromPort: null, toPort: null })).toBe('all protocols and ports');
    expect(describeRule({ protocol: 'tcp', fromPort: 0, toPort: 65535 })).toBe('all tcp ports');
    expect(describeRule({ protocol: 'tcp', fromPort: 20, toPort: 25 })).toBe('tcp 20-25');
    expect(describeRule({ protocol: '47', fromPort: null, toPort: null })).toBe('protocol 47');
  });

  it('public service ports from the settings are never checked', () => {
    expect(withoutPublicServicePorts([...SSH_PORTS, { transport: 'tcp', port: 443 }], [80, 443])).toEqual(SSH_PORTS);
  });
});

describe('internetExposures (security groups)', () => {
  it('finds the port through a range and reports IPv4 and IPv6 sources together', () => {
    const group = securityGroup({ ingress: [permission({ fromPort: 20, toPort: 25, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'] })] });
    const exposures = internetExposures(group, [...SSH_PORTS, ...RDP_PORTS]);
    expect(exposures).toEqual([{ spec: { transport: 'tcp', port: 22 }, sources: ['0.0.0.0/0', '::/0'] }]);
    expect(describeExposures(exposures)).toBe('Ingress 0.0.0.0/0, ::/0 on tcp 22 (SSH)');
  });

  it('leaves rules that open every port to the all-ports check', () => {
    expect(internetExposures(securityGroup({ ingress: [openToWorld('-1', null)] }), SSH_PORTS)).toEqual([]);
    expect(internetExposures(securityGroup({ ingress: [openToWorld('tcp', 0, 65535)] }), SSH_PORTS)).toEqual([]);
  });

  it('ignores rules from other security groups, prefix lists and private ranges', () => {
    const group = securityGroup({ ingress: [permission({ userIdGroupPairs: ['sg-bastion'], prefixListIds: ['pl-123'], ipv4Ranges: ['10.0.0.0/8'] })] });
    expect(internetExposures(group, SSH_PORTS)).toEqual([]);
  });

  it('names each source once when several rules open the same port to it, in rule order', () => {
    const group = securityGroup({
      ingress: [
        permission({ fromPort: 22, toPort: 22, ipv6Ranges: ['::/0'] }),
        permission({ fromPort: 20, toPort: 30, ipv4Ranges: ['0.0.0.0/0', '203.0.113.0/24'], ipv6Ranges: ['::/0'] }),
        permission({ fromPort: 3389, toPort: 3389, ipv4Ranges: ['192.168.0.0/16'] }),
      ],
    });
    expect(internetExposures(group, [...SSH_PORTS, ...RDP_PORTS])).toEqual([{ spec: { transport: 'tcp', port: 22 }, sources: ['::/0', '0.0.0.0/0'] }]);
    // The same answer again, from the sources parsed once per rule.
    expect(internetSources(group.ingress[1] as IpPermission)).toBe(internetSources(group.ingress[1] as IpPermission));
  });

  it('lists the ports in the order asked, whatever the order of the rules', () => {
    const group = securityGroup({ ingress: [permission({ fromPort: 3389, toPort: 3389, ipv6Ranges: ['::/0'] }), openToWorld('tcp', 22), openToWorld('tcp', 3389)] });
    expect(internetExposures(group, [...SSH_PORTS, ...RDP_PORTS])).toEqual([
      { spec: { transport: 'tcp', port: 22 }, sources: ['0.0.0.0/0'] },
      { spec: { transport: 'tcp', port: 3389 }, sources: ['::/0', '0.0.0.0/0'] },
    ]);
    expect(internetExposures(group, [...RDP_PORTS, ...SSH_PORTS]).map((exposure) => exposure.spec.port)).toEqual([3389, 22]);
  });

  it('tells the rules that open every port to the internet', () => {
    expect(opensAllPortsToInternet(openToWorld('-1', null))).toBe(true);
    expect(opensAllPortsToInternet(openToWorld('tcp', 0, 65535))).toBe(true);
    expect(opensAllPortsToInternet(openToWorld('tcp', 22))).toBe(false);
    expect(opensAllPortsToInternet(permission({ ipProtocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['10.0.0.0/8'] }))).toBe(false);
  });

  it('groups ports by source in the detail', () => {
    const group = securityGroup({ ingress: [openToWorld('tcp', 22), permission({ fromPort: 3389, toPort: 3389, ipv6Ranges: ['::/0'] })] });
    expect(describeExposures(internetExposures(group, [...SSH_PORTS, ...RDP_PORTS]))).toBe('Ingress 0.0.0.0/0 on tcp 22 (SSH); ingress ::/0 on tcp 3389 (RDP)');
  });
});

describe('interfacesUsing', () => {
  const web = networkInterface({ networkInterfaceId: 'eni-web', groupIds: ['sg-web', 'sg-shared'] });
  const twice = networkInterface({ networkInterfaceId: 'eni-twice', groupIds: ['sg-shared', 'sg-shared'] });
  const db = networkInterface({ networkInterfaceId: 'eni-db', groupIds: ['sg-db', 'sg-shared'] });
  const interfaces = [web, twice, db];

  it('finds the interfaces that use a group, in their order, each once', () => {
    expect(interfacesUsing('sg-shared', interfaces).map((eni) => eni.networkInterfaceId)).toEqual(['eni-web', 'eni-twice', 'eni-db']);
    expect(interfacesUsing('sg-db', interfaces)).toEqual([db]);
    expect(interfacesUsing('sg-unused', interfaces)).toEqual([]);
  });

  it('answers for the list it is given, not one it indexed before', () => {
    expect(interfacesUsing('sg-web', interfaces)).toEqual([web]);
    expect(interfacesUsing('sg-web', [db])).toEqual([]);
    expect(interfacesUsing('sg-db', [db, web])).toEqual([db]);
  });
});

describe('naclInternetOpenings (network ACLs, rule-number order)', () => {
  const ports = [...SSH_PORTS, ...RDP_PORTS];

  it('the default ACL (rule 100 allows all) opens both ports', () => {
    const openings = naclInternetOpenings([naclEntry(), NACL_DENY_ALL], ports);
    expect(describeNaclOpenings(openings)).toBe('Rule 100 allows 0.0.0.0/0 to tcp 22 (SSH), 3389 (RDP)');
  });

  it('a lower-numbered deny wins over a later allow, whatever the listing order', () => {
    const entries = [naclEntry({ ruleNumber: 100 }), naclEntry({ ruleNumber: 90, protocol: '6', fromPort: 22, toPort: 22, ruleAction: 'deny' }), NACL_DENY_ALL];
    expect(naclInternetOpenings(entries, ports).map((opening) => opening.spec.port)).toEqual([3389]);
  });

  it('a deny numbered after the allow does not help', () => {
    const entries = [naclEntry({ ruleNumber: 100 }), naclEntry({ ruleNumber: 200, protocol: '6', fromPort: 22, toPort: 22, ruleAction: 'deny' }), NACL_DENY_ALL];
    expect(naclInternetOpenings(entries, SSH_PORTS)).toHaveLength(1);
  });

  it('a narrow deny does not block the rest of the internet', () => {
    const entries = [naclEntry({ ruleNumber: 50, cidrBlock: '198.51.100.0/24', ruleAction: 'deny' }), naclEntry({ ruleNumber: 100 }), NACL_DENY_ALL];
    expect(naclInternetOpenings(entries, SSH_PORTS)).toHaveLength(1);
  });

  it('evaluates IPv6 entries on their own', () => {
    const entries = [
      naclEntry({ ruleNumber: 90, ruleAction: 'deny' }),
      naclEntry({ ruleNumber: 100, cidrBlock: null, ipv6CidrBlock: '::/0', protocol: '6', fromPort: 22, toPort: 22 }),
      NACL_DENY_ALL,
    ];
    expect(describeNaclOpenings(naclInternetOpenings(entries, ports))).toBe('Rule 100 allows ::/0 to tcp 22 (SSH)');
  });

  it('ignores egress, UDP and private sources', () => {
    const entries = [
      naclEntry({ ruleNumber: 10, egress: true }),
      naclEntry({ ruleNumber: 20, protocol: '17', fromPort: 0, toPort: 65535 }),
      naclEntry({ ruleNumber: 30, cidrBlock: '10.0.0.0/8' }),
      NACL_DENY_ALL,
    ];
    expect(naclInternetOpenings(entries, ports)).toEqual([]);
  });
});
