/** Whether Security Hub is enabled in a region. */
import { DescribeHubCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import { unlessCode } from '../collected.js';

/** "Account ... is not subscribed to AWS Security Hub" comes as InvalidAccessException (or ResourceNotFoundException): not enabled. */
export async function collectSecurityHub(securityHub: SecurityHubClient): Promise<{ enabled: boolean }> {
  const out = await unlessCode(['InvalidAccessException', 'ResourceNotFoundException'], null, () => securityHub.send(new DescribeHubCommand({})));
  return { enabled: Boolean(out?.HubArn) };
}
