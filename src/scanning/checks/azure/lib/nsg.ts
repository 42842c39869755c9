/**
 * How an NSG treats inbound traffic from the internet, the way Azure evaluates it: inbound rules in
 * priority order (lowest number first), the first rule that matches the traffic decides. A source of
 * `*`, `Internet`, `Any`, `0.0.0.0/0` (or `0.0.0.0`, `::/0`, any `/0`) is the internet; a Deny rule
 * stops internet traffic only when it denies every source of it. Port fields may be `*`, a port, a
 * range `1000-2000`, and a rule may list several (`destinationPortRanges`). The default rules
 * (DenyAllInBound last) deny what no rule allows.
 */
import type { NetworkSecurityGroup, SecurityRule } from '../../../providers/azure/snapshot.js';

export type Transport = 'Tcp' | 'Udp';

const INTERNET_WORDS = new Set(['*', 'internet', 'any']);

/** Whether one source prefix means "anyone on the internet". */
export function isInternetSource(prefix: string): boolean {
  const value = prefix.trim().toLowerCase();
  if (INTERNET_WORDS.has(value) || value === '0.0.0.0') return true;
  return /\/0$/.test(value);
}

function coversProtocol(rule: SecurityRule, transport: Transport): boolean {
  return rule.protocol === '*' || rule.protocol.toLowerCase() === transport.toLowerCase();
}

/** Whether a port field (`*`, `22`, `1000-2000`) includes `port`. */
export function rangeCovers(range: string, port: number): boolean {
  const value = range.trim();
  if (value === '*') return true;
  const match = /^(\d+)\s*-\s*(\d+)$/.exec(value);
  if (match) return Number(match[1]) <= port && port <= Number(match[2]);
  return /^\d+$/.test(value) && Number(value) === port;
}

function coversPort(rule: SecurityRule, port: number): boolean {
  return rule.destinationPortRanges.some((range) => rangeCovers(range, port));
}

function inboundByPriority(group: NetworkSecurityGroup): SecurityRule[] {
  return group.securityRules.filter((rule) => rule.direction === 'Inbound').sort((a, b) => a.priority - b.priority);
}

/** The rule that lets internet traffic to `port`/`transport` in, or null when it is denied. */
export function ruleOpening(group: NetworkSecurityGroup, port: number, transport: Transport): SecurityRule | null {
  for (const rule of inboundByPriority(group)) {
    if (!coversProtocol(rule, transport) || !coversPort(rule, port)) continue;
    const internet = rule.sourceAddressPrefixes.filter(isInternetSource);
    if (rule.access === 'Allow' && internet.length > 0) return rule;
    // A Deny of every internet source decides; a Deny of one range leaves the rest of the internet to later rules.
    if (rule.access === 'Deny' && internet.length > 0) return null;
  }
  return null;
}

export interface OpenPort {
  port: number;
  transport: Transport;
  rule: SecurityRule;
}

/** Which of `ports` the group opens to the internet over `transport`. */
export function openPorts(group: NetworkSecurityGroup, ports: readonly number[], transport: Transport): OpenPort[] {
  return ports.flatMap((port) => {
    const rule = ruleOpening(group, port, transport);
    return rule ? [{ port, transport, rule }] : [];
  });
}

/** `rule allow-ssh (priority 100, from Internet, ports 22)` */
export function describeRule(rule: SecurityRule): string {
  return `rule ${rule.name} (priority ${rule.priority}, ${rule.protocol}, from ${rule.sourceAddressPrefixes.join(', ')}, ports ${rule.destinationPortRanges.join(', ')})`;
}

/**
 * Allow rules that let UDP in from the internet on some port and are not wholly shadowed by a
 * higher-priority Deny of all UDP from the internet.
 */
export function udpRulesOpen(group: NetworkSecurityGroup): SecurityRule[] {
  const open: SecurityRule[] = [];
  for (const rule of inboundByPriority(group)) {
    if (!coversProtocol(rule, 'Udp') || !rule.sourceAddressPrefixes.some(isInternetSource)) continue;
    if (rule.access === 'Deny' && rule.destinationPortRanges.includes('*')) break;
    if (rule.access === 'Allow') open.push(rule);
  }
  return open;
}
