import { defineOpenPortCheck } from './open-port.js';

/** CIS 3.7: RDP is not open to the internet. */
export const check = defineOpenPortCheck({
  id: 'gcp-network-firewall-rdp-open',
  cis: '3.7',
  service: 'RDP',
  port: 3389,
  protocol: 'tcp',
  severity: 'high',
  risk: 'RDP reachable from anywhere is a favourite ransomware entry point: password spraying and RDP vulnerabilities give an interactive session on the instance.',
});
