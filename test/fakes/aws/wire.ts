/**
 * The fake's view of a request, and the five wire protocols' success and error shapes:
 * awsQuery (STS, IAM, RDS), ec2Query, restXml (S3, S3 Control), awsJson1_1 (CloudTrail, KMS,
 * Config) and restJson1 (GuardDuty, Security Hub, Access Analyzer).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { children, element, xmlDocument, type XmlObject } from './xml.js';

export type FakeService =
  | 'sts'
  | 'iam'
  | 'rds'
  | 'ec2'
  | 's3'
  | 's3control'
  | 'cloudtrail'
  | 'kms'
  | 'config'
  | 'guardduty'
  | 'securityhub'
  | 'accessanalyzer';

export type Protocol = 'query' | 'ec2' | 'rest-xml' | 'json' | 'rest-json';

export const PROTOCOL: Record<FakeService, Protocol> = {
  sts: 'query',
  iam: 'query',
  rds: 'query',
  ec2: 'ec2',
  s3: 'rest-xml',
  s3control: 'rest-xml',
  cloudtrail: 'json',
  kms: 'json',
  config: 'json',
  guardduty: 'rest-json',
  securityhub: 'rest-json',
  accessanalyzer: 'rest-json',
};

const QUERY_NAMESPACE: Partial<Record<FakeService, string>> = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  rds: 'http://rds.amazonaws.com/doc/2014-10-31/',
};

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  service: FakeService;
  region: string;
  accessKeyId: string;
  operation: string;
  /** Form parameters (query protocols). */
  params: URLSearchParams;
  /** Parsed body (JSON protocols). */
  json: Record<string, unknown>;
  /** From the SDK's `amz-sdk-request: attempt=N` header. */
  attempt: number;
  /** S3: the bucket in the path. */
  bucket: string | undefined;
}

export interface FakeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Thrown by handlers; the server renders it in the service's protocol. */
export class FakeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** `Credential=AKID/20240101/eu-west-1/iam/aws4_request` */
export function credentialScope(authorization: string | undefined): { accessKeyId: string; region: string; signingName: string } | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { accessKeyId: match[1], region: match[2], signingName: match[3] };
}

export function serviceFor(signingName: string, path: string): FakeService | undefined {
  if (signingName === 's3') return path.startsWith('/v20180820/') ? 's3control' : 's3';
  if (signingName === 'access-analyzer') return 'accessanalyzer';
  return (Object.keys(PROTOCOL) as FakeService[]).find((s) => s === signingName);
}

const requestId = () => randomUUID();

export function queryResult(service: FakeService, action: string, result: XmlObject): FakeResponse {
  const body = xmlDocument(`${action}Response`, { [`${action}Result`]: result, ResponseMetadata: { RequestId: requestId() } }, QUERY_NAMESPACE[service]);
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

export function ec2Result(action: string, result: XmlObject): FakeResponse {
  const body = xmlDocument(`${action}Response`, { requestId: requestId(), ...result }, 'http://ec2.amazonaws.com/doc/2016-11-15/');
  return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
}

export function xmlResult(root: string, body: XmlObject, namespace = 'http://s3.amazonaws.com/doc/2006-03-01/'): FakeResponse {
  return { status: 200, headers: { 'content-type': 'application/xml' }, body: xmlDocument(root, body, namespace) };
}

export function jsonResult(protocol: 'json' | 'rest-json', body: unknown): FakeResponse {
  const contentType = protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(body) };
}

/** An error exactly as each protocol sends it. */
export function errorResponse(service: FakeService, error: FakeError): FakeResponse {
  const headers = { ...error.headers, 'x-amzn-requestid': requestId() };
  const message = error.message;
  switch (PROTOCOL[service]) {
    case 'query': {
      const type = error.status >= 500 ? 'Receiver' : 'Sender';
      const body = xmlDocument('ErrorResponse', { Error: { Type: type, Code: error.code, Message: message }, RequestId: requestId() }, QUERY_NAMESPACE[service]);
      return { status: error.status, headers: { ...headers, 'content-type': 'text/xml' }, body };
    }
    case 'ec2': {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Response>${element('Errors', { Error: { Code: error.code, Message: message } })}${element('RequestID', requestId())}</Response>`;
      return { status: error.status, headers: { ...headers, 'content-type': 'text/xml;charset=UTF-8' }, body };
    }
    case 'rest-xml': {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${children({ Code: error.code, Message: message, RequestId: requestId(), HostId: 'fake' })}</Error>`;
      return { status: error.status, headers: { ...headers, 'content-type': 'application/xml' }, body };
    }
    case 'json':
      return { status: error.status, headers: { ...headers, 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ __type: error.code, message }) };
    case 'rest-json':
      return {
        status: error.status,
        headers: { ...headers, 'content-type': 'application/json', 'x-amzn-errortype': error.code },
        body: JSON.stringify({ message, Message: message }),
      };
  }
}

/** How each service says "slow down". */
export function throttlingError(service: FakeService): FakeError {
  switch (PROTOCOL[service]) {
    case 'query':
      return new FakeError(400, 'Throttling', 'Rate exceeded');
    case 'ec2':
      return new FakeError(503, 'RequestLimitExceeded', 'Request limit exceeded.');
    case 'rest-xml':
      return new FakeError(503, 'SlowDown', 'Please reduce your request rate.');
    case 'json':
      return new FakeError(400, 'ThrottlingException', 'Rate exceeded');
    case 'rest-json':
      return new FakeError(429, service === 'accessanalyzer' ? 'ThrottlingException' : 'TooManyRequestsException', 'Rate exceeded');
  }
}

/** How each service says "you may not". */
export function accessDeniedError(service: FakeService, operation: string, callerArn: string): FakeError {
  const action = `${service === 'accessanalyzer' ? 'access-analyzer' : service === 's3control' ? 's3' : service}:${operation}`;
  const sentence = `User: ${callerArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
  switch (PROTOCOL[service]) {
    case 'query':
      return new FakeError(403, 'AccessDenied', sentence);
    case 'ec2':
      return new FakeError(403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.');
    case 'rest-xml':
      return new FakeError(403, 'AccessDenied', 'Access Denied');
    case 'json':
      return new FakeError(400, 'AccessDeniedException', sentence);
    case 'rest-json':
      return new FakeError(403, 'AccessDeniedException', sentence);
  }
}

export function internalError(service: FakeService): FakeError {
  const code = PROTOCOL[service] === 'json' || PROTOCOL[service] === 'rest-json' ? 'InternalFailure' : 'InternalError';
  return new FakeError(500, code, 'We encountered an internal error. Please try again.');
}

export function authError(service: FakeService, expired: boolean): FakeError {
  if (expired) return new FakeError(403, PROTOCOL[service] === 'json' ? 'ExpiredTokenException' : 'ExpiredToken', 'The security token included in the request is expired');
  switch (PROTOCOL[service]) {
    case 'query':
      return new FakeError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    case 'ec2':
      return new FakeError(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
    case 'rest-xml':
      return new FakeError(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    case 'json':
    case 'rest-json':
      return new FakeError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
}

