import { defineOpenPortCheck } from './open-port.js';

/** CIS 3.6: SSH is not open to the internet. */
export const check = defineOpenPortCheck({
  id: 'gcp-network-firewall-ssh-open',
  cis: '3.6',
  service: 'SSH',
  port: 22,
  protocol: 'tcp',
  severity: 'high',
  risk: 'SSH reachable from anywhere is scanned and brute-forced within minutes; one weak or leaked key, or an sshd flaw, gives a shell on the instance.',
});
