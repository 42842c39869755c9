/**
 * How a failed Azure call is described for an `unknown` result: Azure's code and message (from the
 * error, or from the body the pipeline kept), Key Vault's inner code, one line, bounded, and without
 * tokens, signatures, keys or secrets.
 */
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../../src/logger.js';
import { AzureErrorBodies, describeAzureError, parseAzureErrorBody } from '../../../src/scanning/providers/azure/errors.js';

/** What the SDKs throw: a RestError-like object carrying its (non-enumerable) request. */
function restError(message: string, options: { code?: string; statusCode?: number; request?: object } = {}): Error {
  const error = Object.assign(new Error(message), { name: 'RestError', code: options.code, statusCode: options.statusCode });
  Object.defineProperty(error, 'request', { value: options.request, enumerable: false });
  return error;
}

describe('describeAzureError', () => {
  it('gives the code, the first line of the message and the status', () => {
    expect(describeAzureError(restError("The client 'app' does not have authorization to perform action 'Microsoft.Sql/servers/read'.\n{ ...body }", { code: 'AuthorizationFailed', statusCode: 403 }))).toBe(
      "AuthorizationFailed: The client 'app' does not have authorization to perform action 'Microsoft.Sql/servers/read'. (HTTP 403)",
    );
  });

  it('prefers the error body the pipeline kept for the request to the pager\'s generic message', async () => {
    const bodies = new AzureErrorBodies();
    const request = { url: 'https://management.azure.com/x' };
    const body = JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action Microsoft.KeyVault/vaults/read.' } });
    await bodies.policy.sendRequest(request as never, async () => ({ status: 403, bodyAsText: body, headers: new Map(), request }) as never);
    const error = restError('Pagination failed with unexpected statusCode 403', { code: 'AuthorizationFailed', statusCode: 403, request });
    expect(describeAzureError(error)).toBe('AuthorizationFailed: Pagination failed with unexpected statusCode 403 (HTTP 403)');
    expect(describeAzureError(error, bodies)).toBe('AuthorizationFailed: The client does not have authorization to perform action Microsoft.KeyVault/vaults/read. (HTTP 403)');
    expect(bodies.of(restError('other', { request: {} }))).toBeNull();
  });

  it('names the status when neither Azure nor the SDK gave a code, and keeps the name of other errors', () => {
    expect(describeAzureError(restError('Pagination failed with unexpected statusCode 404', { statusCode: 404 }))).toBe('NotFound: Pagination failed with unexpected statusCode 404 (HTTP 404)');
    expect(describeAzureError(new TypeError('fetch failed'))).toBe('TypeError: fetch failed');
    expect(describeAzureError('boom')).toBe('Error: boom');
    expect(describeAzureError(restError('', { statusCode: 500 }))).toBe('InternalServerError: no message (HTTP 500)');
  });

  it('bounds a long message', () => {
    const described = describeAzureError(restError('x'.repeat(2000), { code: 'BadRequest', statusCode: 400 }));
    expect(described.length).toBeLessThan(540);
    expect(described).toContain('…');
  });
});

describe('parseAzureErrorBody', () => {
  it('reads the wrapped and the bare shapes, with Key Vault\'s inner code', () => {
    expect(parseAzureErrorBody('{"error":{"code":"Forbidden","message":"denied","innererror":{"code":"ForbiddenByRbac"}}}')).toEqual({ code: 'Forbidden', message: 'denied', innerCode: 'ForbiddenByRbac' });
    expect(parseAzureErrorBody('{"code":"ResourceGroupNotFound","message":"Resource group \'rg\' could not be found."}')).toMatchObject({ code: 'ResourceGroupNotFound', innerCode: null });
  });

  it('is null for what is not an Azure error', () => {
    for (const body of [undefined, '', '<html>403</html>', '{}', '[]', '"text"']) expect(parseAzureErrorBody(body)).toBeNull();
  });
});

describe('scrubSecrets on Azure messages', () => {
  it('takes out bearer tokens, JWTs, SAS signatures, keys and secrets, and keeps the rest', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(scrubSecrets(`Authorization: Bearer abc.def-ghi denied`)).toBe('Authorization: Bearer [redacted] denied');
    expect(scrubSecrets(`token ${jwt} expired`)).toBe('token [redacted token] expired');
    expect(scrubSecrets('GET https://a.blob.core.windows.net/c?sv=2022&sig=AbC%2Bd&se=1 failed')).toBe('GET https://a.blob.core.windows.net/c?sv=2022&sig=[redacted]&se=1 failed');
    expect(scrubSecrets('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zm9v==;EndpointSuffix=x')).toBe('DefaultEndpointsProtocol=https;AccountName=a;AccountKey=[redacted];EndpointSuffix=x');
    expect(scrubSecrets('client_secret=s3cr3t&password: "hunter2"')).toBe('client_secret=[redacted]&password: "[redacted]"');
    const plain = "The client 'app' with object id 'oid' does not have authorization to perform action 'Microsoft.KeyVault/vaults/secrets/read' over scope '/subscriptions/s'.";
    expect(scrubSecrets(plain)).toBe(plain);
  });
});
