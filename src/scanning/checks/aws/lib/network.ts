/**
 * Ports, protocols and CIDRs for the security group and network ACL checks, plus the few lookups
 * those checks share (ARNs, which groups network interfaces use).
 *
 * "Open to the internet" means a source CIDR that covers a large slice of the public address space,
 * not only exactly 0.0.0.0/0 or ::/0: a rule for 0.0.0.0/1 opens half the internet and is no safer.
 * - IPv4: any prefix shorter than /8 whose block holds public unicast addresses. No private range is
 *   that wide (10/8, 172.16/12, 192.168/16 are /8 or longer), so in practice every /0–/7 counts
 *   except blocks made only of multicast and reserved space (224.0.0.0/3 and inside it).
 * - IPv6: any prefix shorter than /8 that overlaps global unicast 2000::/3 (so ::/0 and ::/1 count;
 *   fc00::/7, unique-local, does not).
 * Big but specific blocks (/8 and longer, e.g. a cloud provider's 52.0.0.0/8) are not counted.
 */
import type { AwsSnapshot, IpPermission, NetworkAclEntry, NetworkInterface, SecurityGroup } from '../../../providers/aws/snapshot.js';

export type Transport = 'tcp' | 'udp';

export interface PortSpec {
  transport: Transport;
  port: number;
}

/** The protocol and port range of a security group permission or a network ACL entry. */
export interface PortRule {
  protocol: string;
  /** Null means every port. */
  fromPort: number | null;
  toPort: number | null;
}

// ------------------------------------------------------------------------------------------- ports

export const PORT_NAMES: Readonly<Record<number, string>> = {
  20: 'FTP data',
  21: 'FTP',
  22: 'SSH',
  23: 'Telnet',
  25: 'SMTP',
  53: 'DNS',
  80: 'HTTP',
  110: 'POP3',
  135: 'MS RPC',
  139: 'NetBIOS',
  143: 'IMAP',
  443: 'HTTPS',
  445: 'SMB/CIFS',
  1433: 'MSSQL',
  1434: 'MSSQL Browser',
  1521: 'Oracle',
  2375: 'Docker',
  2376: 'Docker TLS',
  3306: 'MySQL',
  3389: 'RDP',
  5432: 'PostgreSQL',
  5900: 'VNC',
  5985: 'WinRM',
  5986: 'WinRM HTTPS',
  6379: 'Redis',
  6443: 'Kubernetes API',
  8080: 'HTTP alternate',
  9042: 'Cassandra',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch transport',
  11211: 'Memcached',
  27017: 'MongoDB',
  27018: 'MongoDB shard',
};

function tcp(...ports: number[]): PortSpec[] {
  return ports.map((port) => ({ transport: 'tcp', port }));
}

export const SSH_PORTS: readonly PortSpec[] = tcp(22);
export const RDP_PORTS: readonly PortSpec[] = tcp(3389);
/** CIFS/SMB over TCP (445) and over NetBIOS (139), as Prowler's CIS 5.1.2 check looks at both. */
export const CIFS_PORTS: readonly PortSpec[] = tcp(139, 445);
/** Memcached also answers on UDP, the well-known amplification vector. */
export const DATABASE_PORTS: readonly PortSpec[] = [
  ...tcp(3306, 5432, 1433, 1434, 1521, 27017, 27018, 6379, 9200, 9300, 9042, 11211),
  { transport: 'udp', port: 11211 },
];
export const ADMIN_PORTS: readonly PortSpec[] = tcp(23, 5900, 5985, 5986, 20, 21, 6443, 2375, 2376);
/** Every port some dedicated check reports; the "other ports" check leaves these to them. */
export const NAMED_PORTS: readonly PortSpec[] = [...SSH_PORTS, ...RDP_PORTS, ...CIFS_PORTS, ...DATABASE_PORTS, ...ADMIN_PORTS];

/** `22 (SSH)`, or just `8081`. */
export function portLabel(port: number): string {
  const name = PORT_NAMES[port];
  return name ? `${port} (${name})` : String(port);
}

/** `tcp 22 (SSH), 3389 (RDP), udp 11211 (Memcached)`: the transport is named when it changes. */
export function formatSpecs(specs: readonly PortSpec[]): string {
  return specs.map((spec, i) => (i > 0 && specs[i - 1]?.transport === spec.transport ? portLabel(spec.port) : `${spec.transport} ${portLabel(spec.port)}`)).join(', ');
}

/** Settings name the ports that are meant to be public (80, 443); those are never "admin ports open". */
export function withoutPublicServicePorts(specs: readonly PortSpec[], publicServicePorts: readonly number[]): PortSpec[] {
  return specs.filter((spec) => !publicServicePorts.includes(spec.port));
}

// --------------------------------------------------------------------------------------- protocols

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '-1': 'all', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

// An account spells its protocols a handful of ways, and the security group checks ask for each rule's
// name once per port they look at (~30 per group): remembered, not trimmed and lowercased each time.
const protocolNames = new Map<string, string>();
const MAX_REMEMBERED_PROTOCOLS = 1024;

/** `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or the protocol number for anything else. Security groups say `tcp`, network ACLs `6`. */
export function protocolName(protocol: string): string {
  let name = protocolNames.get(protocol);
  if (name === undefined) {
    const normalised = protocol.trim().toLowerCase();
    name = PROTOCOL_NAMES[normalised] ?? normalised;
    if (protocolNames.size < MAX_REMEMBERED_PROTOCOLS) protocolNames.set(protocol, name);
  }
  return name;
}

/** Whether traffic to `transport`/`port` matches the rule. A UDP rule never covers TCP 22. */
export function coversPort(rule: PortRule, transport: Transport, port: number): boolean {
  const protocol = protocolName(rule.protocol);
  if (protocol === 'all') return true;
  if (protocol !== transport) return false;
  if (rule.fromPort === null || rule.toPort === null) return true;
  return rule.fromPort <= port && port <= rule.toPort;
}

/** All protocols, or every TCP or UDP port (0-65535; 1-65535 counts too, port 0 is not usable). */
export function isAllPorts(rule: PortRule): boolean {
  const protocol = protocolName(rule.protocol);
  if (protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== 'udp') return false;
  if (rule.fromPort === null || rule.toPort === null) return true;
  return rule.fromPort <= 1 && rule.toPort >= 65535;
}

/** `all protocols and ports`, `all tcp ports`, `tcp 20-25`, `tcp 22 (SSH)`, `icmp`. */
export function describeRule(rule: PortRule): string {
  const protocol = protocolName(rule.protocol);
  if (protocol === 'all') return 'all protocols and ports';
  if (protocol !== 'tcp' && protocol !== 'udp') return protocol === 'icmp' || protocol === 'icmpv6' ? protocol : `protocol ${protocol}`;
  if (isAllPorts(rule)) return `all ${protocol} ports`;
  if (rule.fromPort === rule.toPort && rule.fromPort !== null) return `${protocol} ${portLabel(rule.fromPort)}`;
  return `${protocol} ${rule.fromPort}-${rule.toPort}`;
}

export function permissionRule(permission: IpPermission): PortRule {
  return { protocol: permission.ipProtocol, fromPort: permission.fromPort, toPort: permission.toPort };
}

// -------------------------------------------------------------------------------------------- CIDRs

interface Cidr {
  family: 4 | 6;
  prefix: number;
  /** The first 8 bits of the address. */
  firstByte: number;
}

function parseCidr(cidr: string): Cidr | null {
  const [address, prefixText, ...rest] = cidr.trim().split('/');
  if (address === undefined || prefixText === undefined || rest.length > 0 || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const v4 = /^(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.exec(address);
  if (v4) return prefix <= 32 ? { family: 4, prefix, firstByte: Number(v4[1]) } : null;
  if (!address.includes(':') || prefix > 128) return null;
  const firstGroup = address.startsWith('::') ? '0' : (address.split(':')[0] ?? '');
  if (!/^[0-9a-f]{1,4}$/i.test(firstGroup)) return null;
  return { family: 6, prefix, firstByte: Number.parseInt(firstGroup, 16) >> 8 };
}

/** Whether any first-byte value a prefix shorter than /8 spans satisfies `predicate` (no allocation: this runs per rule). */
function someFirstByte(cidr: Cidr, predicate: (byte: number) => boolean): boolean {
  const size = 2 ** (8 - cidr.prefix);
  const start = cidr.firstByte - (cidr.firstByte % size);
  for (let byte = start; byte < start + size; byte += 1) if (predicate(byte)) return true;
  return false;
}

function isPublicIpv4FirstByte(byte: number): boolean {
  return byte !== 0 && byte !== 10 && byte !== 127 && byte < 224;
}

/** 2000::/3, global unicast: first byte 0x20-0x3f. */
function isGlobalIpv6FirstByte(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x3f;
}

/** Whether the CIDR opens a rule to the internet (see the top of this file for the rule of thumb). */
export function isInternetCidr(cidr: string): boolean {
  const parsed = parseCidr(cidr);
  if (!parsed || parsed.prefix >= 8) return false;
  return someFirstByte(parsed, parsed.family === 4 ? isPublicIpv4FirstByte : isGlobalIpv6FirstByte);
}

/** 0.0.0.0/0 or ::/0: every address of its family. */
export function isWholeAddressSpace(cidr: string): boolean {
  return parseCidr(cidr)?.prefix === 0;
}

/** Clauses joined with `; `, the first capitalised. */
export function sentence(clauses: readonly string[]): string {
  const text = clauses.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------- security groups

/** What a permission lets in from the internet: its internet-wide sources and its ports. */
interface InternetIngress {
  sources: readonly string[];
  rule: PortRule;
  /** Every port (the all-ports check reports it; the per-port checks leave it alone). */
  allPorts: boolean;
}

// Every security group check asks about every rule, most of them once per port they look at: each
// rule's CIDRs are parsed and its ports read once per scan.
const internetIngressOf = new WeakMap<IpPermission, InternetIngress | null>();

/** What the permission opens to the internet, or null when no source of it is internet-wide. */
function internetIngress(permission: IpPermission): InternetIngress | null {
  let ingress = internetIngressOf.get(permission);
  if (ingress === undefined) {
    const sources = [...permission.ipv4Ranges, ...permission.ipv6Ranges].filter(isInternetCidr);
    const rule = permissionRule(permission);
    ingress = sources.length > 0 ? { sources, rule, allPorts: isAllPorts(rule) } : null;
    internetIngressOf.set(permission, ingress);
  }
  return ingress;
}

const NO_SOURCES: readonly string[] = Object.freeze([]);

/** The internet-wide sources of a permission (IPv4 and IPv6); other groups and prefix lists never count. */
export function internetSources(permission: IpPermission): readonly string[] {
  return internetIngress(permission)?.sources ?? NO_SOURCES;
}

/** Whether the permission opens every port to the internet. */
export function opensAllPortsToInternet(permission: IpPermission): boolean {
  return internetIngress(permission)?.allPorts === true;
}

export interface Exposure {
  spec: PortSpec;
  sources: string[];
}

/**
 * The ports in `specs` a group opens to the internet, with the sources. Rules that open every port are
 * left out: the all-ports check reports them, once per group, and the per-port checks stay quiet about them.
 */
export function internetExposures(group: SecurityGroup, specs: readonly PortSpec[]): Exposure[] {
  // Eight checks ask this of every group in the account: each rule is looked up once per check, and
  // nothing is allocated for a group that opens none of the ports.
  let sourcesBySpec: (string[] | undefined)[] | undefined;
  for (const permission of group.ingress) {
    const ingress = internetIngress(permission);
    if (ingress === null || ingress.allPorts) continue;
    for (let index = 0; index < specs.length; index += 1) {
      const spec = specs[index] as PortSpec;
      if (!coversPort(ingress.rule, spec.transport, spec.port)) continue;
      sourcesBySpec ??= new Array<string[] | undefined>(specs.length);
      const sources = (sourcesBySpec[index] ??= []);
      for (const source of ingress.sources) if (!sources.includes(source)) sources.push(source);
    }
  }
  if (sourcesBySpec === undefined) return [];
  const exposures: Exposure[] = [];
  for (let index = 0; index < specs.length; index += 1) {
    const sources = sourcesBySpec[index];
    if (sources !== undefined) exposures.push({ spec: specs[index] as PortSpec, sources });
  }
  return exposures;
}

/** `Ingress 0.0.0.0/0, ::/0 on tcp 22 (SSH), 3389 (RDP); ingress ::/0 on tcp 3306 (MySQL)`. */
export function describeExposures(exposures: readonly Exposure[]): string {
  const bySources = new Map<string, PortSpec[]>();
  for (const { spec, sources } of exposures) {
    const key = sources.join(', ');
    bySources.set(key, [...(bySources.get(key) ?? []), spec]);
  }
  return sentence([...bySources].map(([sources, specs]) => `ingress ${sources} on ${formatSpecs(specs)}`));
}

/** Load balancers' interfaces: NLBs have their own type; ALB and Classic ELB interfaces are requested by `amazon-elb`. */
export function isLoadBalancerInterface(eni: NetworkInterface): boolean {
  return eni.interfaceType === 'network_load_balancer' || eni.requesterId === 'amazon-elb';
}

// The unused-group check asks, for every group of a region, which of the region's interfaces use it
// (the other-ports check, for each group open to the internet): the interfaces are indexed by group
// once per region. A scan of all of them per group is quadratic: 2,000 groups and 20,000 interfaces
// made 40 million comparisons, 0.8 s for one check.
const interfacesByGroupOf = new WeakMap<readonly NetworkInterface[], Map<string, NetworkInterface[]>>();
const NO_INTERFACES: readonly NetworkInterface[] = Object.freeze([]);

function interfacesByGroup(interfaces: readonly NetworkInterface[]): Map<string, NetworkInterface[]> {
  let index = interfacesByGroupOf.get(interfaces);
  if (index === undefined) {
    index = new Map();
    for (const eni of interfaces) {
      for (const groupId of eni.groupIds) {
        const users = index.get(groupId);
        if (users === undefined) index.set(groupId, [eni]);
        else if (users[users.length - 1] !== eni) users.push(eni);
      }
    }
    interfacesByGroupOf.set(interfaces, index);
  }
  return index;
}

/** The network interfaces that use the group, in the order of `interfaces`. */
export function interfacesUsing(groupId: string, interfaces: readonly NetworkInterface[]): readonly NetworkInterface[] {
  return interfacesByGroup(interfaces).get(groupId) ?? NO_INTERFACES;
}

/** The group every VPC is created with; it cannot be deleted. */
export function isDefaultGroup(group: SecurityGroup): boolean {
  return group.groupName === 'default';
}

// ------------------------------------------------------------------------------------- network ACLs

export interface NaclOpening {
  spec: PortSpec;
  cidr: string;
  ruleNumber: number;
}

/**
 * Which of `specs` the ACL lets in from the internet. Entries are evaluated as AWS does, lowest rule
 * number first, first match wins, IPv4 and IPv6 separately: an allow from an internet-wide CIDR opens
 * the port; a deny stops the walk only when it covers the whole family (0.0.0.0/0 or ::/0), because a
 * narrower deny still lets the rest of the internet reach the later allow. (Conservative: several
 * narrow denies that together cover the internet are not recognised.)
 */
export function naclInternetOpenings(entries: readonly NetworkAclEntry[], specs: readonly PortSpec[]): NaclOpening[] {
  const ingress = entries.filter((entry) => !entry.egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  const families: ((entry: NetworkAclEntry) => string | null)[] = [(entry) => entry.cidrBlock, (entry) => entry.ipv6CidrBlock];
  return specs.flatMap((spec) =>
    families.flatMap((sourceOf) => {
      for (const entry of ingress) {
        const source = sourceOf(entry);
        if (source === null || !coversPort(entry, spec.transport, spec.port)) continue;
        if (entry.ruleAction === 'deny') {
          if (isWholeAddressSpace(source)) return [];
          continue;
        }
        if (isInternetCidr(source)) return [{ spec, cidr: source, ruleNumber: entry.ruleNumber }];
      }
      return [];
    }),
  );
}

/** `Rule 100 allows 0.0.0.0/0 to tcp 22 (SSH), 3389 (RDP); rule 110 allows ::/0 to tcp 22 (SSH)`. */
export function describeNaclOpenings(openings: readonly NaclOpening[]): string {
  const byRule = new Map<string, PortSpec[]>();
  for (const { spec, cidr, ruleNumber } of openings) {
    const key = `rule ${ruleNumber} allows ${cidr}`;
    byRule.set(key, [...(byRule.get(key) ?? []), spec]);
  }
  return sentence([...byRule].map(([rule, specs]) => `${rule} to ${formatSpecs(specs)}`));
}

// ---------------------------------------------------------------------------------- snapshot lookups

/** `arn:<partition>:ec2:<region>:<account>:<resource>`, e.g. `security-group/sg-1`. Snapshots use an empty account: pass `account: ''`. */
export function ec2Arn(snapshot: AwsSnapshot, region: string, resource: string, account: string = snapshot.accountId): string {
  return `arn:${snapshot.partition}:ec2:${region}:${account}:${resource}`;
}

