/** Reading firewall rules: is a port reachable from anywhere on the internet? */
import type { FirewallRule } from '../../../providers/gcp/snapshot.js';

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);

/** An enabled ingress rule that admits the whole internet. */
export function isOpenToInternet(rule: FirewallRule): boolean {
  return !rule.disabled && rule.direction === 'INGRESS' && rule.sourceRanges.some((range) => ANYWHERE.has(range));
}

function inSpec(spec: string, port: number): boolean {
  const [low, high] = spec.split('-').map((part) => Number(part));
  if (low === undefined || Number.isNaN(low)) return false;
  return high === undefined ? port === low : port >= low && port <= (Number.isNaN(high) ? low : high);
}

/** Whether the rule allows `port` over `protocol` (`tcp`/`udp`); `all` and port-less entries allow every port. */
export function allowsPort(rule: FirewallRule, protocol: 'tcp' | 'udp', port: number): boolean {
  return rule.allowed.some((entry) => (entry.protocol === 'all' || entry.protocol === protocol) && (entry.ports.length === 0 || entry.ports.some((spec) => inSpec(spec, port))));
}

/** Whether the rule allows every port of every protocol, or every TCP or UDP port. */
export function allowsAllPorts(rule: FirewallRule): boolean {
  return rule.allowed.some((entry) => (entry.protocol === 'all' || entry.protocol === 'tcp' || entry.protocol === 'udp') && (entry.ports.length === 0 || entry.ports.includes('0-65535') || entry.ports.includes('1-65535')));
}
