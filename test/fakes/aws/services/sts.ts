import { FakeError, queryResult } from '../wire.js';
import type { Handler } from './context.js';

export const handleSts: Handler = (req, { account }) => {
  if (req.operation !== 'GetCallerIdentity') throw new FakeError(400, 'InvalidAction', `Unknown action ${req.operation}`);
  return queryResult('sts', 'GetCallerIdentity', { Arn: account.callerArn, UserId: 'AIDAFAKEUSERID', Account: account.accountId });
};
