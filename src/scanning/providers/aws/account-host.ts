/**
 * S3 Control's endpoint rules always put the account id in front of the host
 * (`<account>.<endpoint host>`). Real AWS has DNS for that; an overridden endpoint (an emulator, a
 * private endpoint, a test server) usually does not. These agents resolve `<12 digits>.<host>` as
 * `<host>`, which is exactly what wildcard DNS would do, and leave every other name alone.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

const ACCOUNT_LABEL = /^\d{12}\./;

const lookup = ((hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
  dnsLookup(hostname.replace(ACCOUNT_LABEL, ''), options, callback as never);
}) as LookupFunction;

export function accountHostAgents(): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  return { httpAgent: new http.Agent({ keepAlive: true, lookup }), httpsAgent: new https.Agent({ keepAlive: true, lookup }) };
}
