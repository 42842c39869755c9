import { describe, expect, it } from 'vitest';
import {
  actionMatches,
  deniesInsecureTransport,
  findAdminStatement,
  grantsAdmin,
  isPublicPrincipal,
  parsePolicyDocument,
  PolicyParseError,
  principalEntries,
  publicStatements,
  resourceMatches,
  restrictingConditionKeys,
  statementAllows,
  statementMatchesAction,
  statementsOf,
  toArray,
} from '../../../src/scanning/checks/aws/lib/policy.js';
import type { PolicyDocument, PolicyStatement } from '../../../src/scanning/providers/aws/snapshot.js';

function doc(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** A bucket policy statement giving everyone s3:GetObject, with an optional condition. */
function publicRead(condition?: PolicyStatement['Condition'], principal: PolicyStatement['Principal'] = '*'): PolicyStatement {
  return { Sid: 'PublicRead', Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*', ...(condition ? { Condition: condition } : {}) };
}

describe('normalising', () => {
  it('reads Statement as one object or a list', () => {
    const one: PolicyDocument = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } };
    expect(statementsOf(one)).toHaveLength(1);
    expect(statementsOf(doc(publicRead(), publicRead()))).toHaveLength(2);
  });

  it('reads string-or-list values and principal maps', () => {
    expect(toArray('s3:GetObject')).toEqual(['s3:GetObject']);
    expect(toArray(['a', 'b'])).toEqual(['a', 'b']);
    expect(toArray(undefined)).toEqual([]);
    expect(principalEntries('*')).toEqual([{ kind: '*', value: '*' }]);
    expect(principalEntries({ AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:role/x'], Service: 'ec2.amazonaws.com' })).toEqual([
      { kind: 'AWS', value: 'arn:aws:iam::111122223333:root' },
      { kind: 'AWS', value: 'arn:aws:iam::444455556666:role/x' },
      { kind: 'Service', value: 'ec2.amazonaws.com' },
    ]);
  });
});

describe('parsePolicyDocument', () => {
  const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

  it('parses plain JSON, with surrounding whitespace', () => {
    expect(parsePolicyDocument(`\n  ${JSON.stringify(admin, null, 2)}\n`)).toEqual(admin);
  });

  it('parses URL-encoded JSON as IAM returns it (GetPolicyVersion, GetAccountAuthorizationDetails)', () => {
    // AdministratorAccess's default version as GetPolicyVersion returns it.
    const encoded =
      '%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22%2C%0A%20%20%22Statement%22%3A%20%5B%0A%20%20%20%20%7B%0A%20%20%20%20%20%20%22Effect%22%3A%20%22Allow%22%2C%0A%20%20%20%20%20%20%22Action%22%3A%20%22%2A%22%2C%0A%20%20%20%20%20%20%22Resource%22%3A%20%22%2A%22%0A%20%20%20%20%7D%0A%20%20%5D%0A%7D';
    const parsed = parsePolicyDocument(encoded);
    expect(parsed).toEqual(admin);
    expect(grantsAdmin(parsed)).toBe(true);
  });

  it('parses an encoded trust policy whose values contain encoded characters', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:SourceArn': 'arn:aws:ec2:*:111122223333:instance/*' } } },
    };
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(trust)))).toEqual(trust);
  });

  it('keeps a literal % in a plain JSON document', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: '100%', Effect: 'Deny', Action: 's3:*', Resource: '*' }] });
    expect(statementsOf(parsePolicyDocument(text))[0]?.Sid).toBe('100%');
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['{"Version": "2012-10-17", "Statement": [', /not valid JSON/],
    ['%7B%22Version%22%3A%E0%A4%A', /neither JSON nor valid URL-encoded JSON/],
    ['not a policy', /not valid JSON/],
    ['[]', /must be a JSON object/],
    ['{"Version": "2012-10-17"}', /no Statement/],
    ['{"Statement": [{"Effect": "Permit", "Action": "*", "Resource": "*"}]}', /Statement\[0\]\.Effect must be "Allow" or "Deny"/],
    ['{"Statement": {"Effect": "Allow", "Action": 5, "Resource": "*"}}', /Statement\.Action must be a string or a list of strings/],
    ['{"Statement": [{"Effect": "Allow", "Action": "*", "NotAction": "s3:*", "Resource": "*"}]}', /both Action and NotAction/],
    ['{"Statement": [{"Effect": "Allow", "Principal": 7, "Action": "*"}]}', /Principal must be "\*" or an object/],
    ['{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": true}}]}', /Condition must be an object/],
  ])('rejects %j with a clear error', (text, message) => {
    expect(() => parsePolicyDocument(text)).toThrow(PolicyParseError);
    expect(() => parsePolicyDocument(text)).toThrow(message);
  });
});

describe('actionMatches', () => {
  it.each([
    ['s3:Get*', 's3:GetObject', true],
    ['s3:Get*', 's3:GetObjectVersion', true],
    ['s3:Get*', 's3:PutObject', false],
    ['S3:getobject', 's3:GetObject', true],
    ['s3:GetObject', 'S3:GETOBJECT', true],
    ['s3:GetObject', 's3:GetObjectAcl', false],
    ['s3:?etObject', 's3:GetObject', true],
    ['s3:?etObject', 's3:GetObjectAcl', false],
    ['*', 'iam:CreateUser', true],
    ['*:*', 'iam:CreateUser', true],
    ['iam:*', 's3:GetObject', false],
    ['ec2:Describe*', 'ec2:DescribeInstances', true],
    ['s3.GetObject', 's3:GetObject', false],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe('resourceMatches', () => {
  it.each([
    ['*', 'arn:aws:s3:::bucket/key', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b.txt', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', false],
    ['arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/a', false],
    ['arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::home/alice/notes.txt', true],
    ['arn:aws:s3:::literal/${*}', 'arn:aws:s3:::literal/*', true],
    ['arn:aws:s3:::literal/${*}', 'arn:aws:s3:::literal/x', false],
    ['arn:aws:iam::123456789012:user/?ob', 'arn:aws:iam::123456789012:user/bob', true],
  ])('%s covers %s: %s', (pattern, resource, expected) => {
    expect(resourceMatches(pattern, resource)).toBe(expected);
  });
});

describe('statementAllows', () => {
  it('matches Action and Resource', () => {
    const statement: PolicyStatement = { Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] };
    expect(statementAllows(statement, 's3:GetObject', 'arn:aws:s3:::data/report.csv')).toBe(true);
    expect(statementAllows(statement, 's3:ListBucket', 'arn:aws:s3:::data')).toBe(true);
    expect(statementAllows(statement, 's3:PutObject', 'arn:aws:s3:::data/report.csv')).toBe(false);
    expect(statementAllows(statement, 's3:GetObject', 'arn:aws:s3:::other/report.csv')).toBe(false);
  });

  it('honours NotAction and NotResource', () => {
    const statement: PolicyStatement = { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secrets/*' };
    expect(statementAllows(statement, 's3:GetObject', 'arn:aws:s3:::data/x')).toBe(true);
    expect(statementAllows(statement, 'iam:CreateUser', '*')).toBe(false);
    expect(statementAllows(statement, 's3:GetObject', 'arn:aws:s3:::secrets/key')).toBe(false);
  });

  it('is false for a Deny and treats a missing Resource as every resource', () => {
    expect(statementAllows({ Effect: 'Deny', Action: '*', Resource: '*' }, 's3:GetObject', '*')).toBe(false);
    expect(statementAllows({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }, 'sts:AssumeRole', 'arn:aws:iam::1:role/x')).toBe(true);
  });
});

describe('grantsAdmin', () => {
  it.each<[string, PolicyDocument]>([
    ['Action "*" on "*"', doc({ Effect: 'Allow', Action: '*', Resource: '*' })],
    ['Action "*:*" as CIS writes it', doc({ Effect: 'Allow', Action: '*:*', Resource: '*' })],
    ['lists', doc({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['arn:aws:s3:::x', '*'] })],
    ['Statement as one object', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }],
    ['a Resource of every ARN', doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:*:*:*:*' })],
    ['NotAction with a small exclusion list', doc({ Effect: 'Allow', NotAction: ['s3:DeleteBucket', 'ec2:TerminateInstances'], Resource: '*' })],
    ['NotAction excluding only some IAM writes', doc({ Effect: 'Allow', NotAction: ['iam:PutUserPolicy', 'iam:AttachUserPolicy'], Resource: '*' })],
    ['a condition on the Allow', doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })],
    ['Deny of a service other than IAM', doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 's3:*', Resource: '*' })],
    [
      'a conditional Deny (it might not apply)',
      doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }),
    ],
    ['a Deny of only one IAM write', doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:PutUserPolicy', Resource: '*' })],
  ])('is admin: %s', (_name, document) => {
    expect(grantsAdmin(document)).toBe(true);
  });

  it.each<[string, PolicyDocument]>([
    ['read-only actions', doc({ Effect: 'Allow', Action: ['s3:Get*', 'ec2:Describe*'], Resource: '*' })],
    ['every S3 action', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })],
    ['"*" on one bucket only', doc({ Effect: 'Allow', Action: '*', Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] })],
    ['"*" with NotResource', doc({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secrets/*' })],
    ['a Deny statement of everything', doc({ Effect: 'Deny', Action: '*', Resource: '*' })],
    ['PowerUserAccess (NotAction iam:*, organizations:*, account:*)', doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' })],
    ['Allow "*" then Deny "*"', doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' })],
    ['Allow "*" then Deny NotAction [] (denies everything)', doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', NotAction: [], Resource: '*' })],
    ['Allow "*" then Deny iam:*', doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' })],
    ['Allow "*" then Deny "*:*"', doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*:*', Resource: '*' })],
    ['an empty document', { Version: '2012-10-17', Statement: [] }],
  ])('is not admin: %s', (_name, document) => {
    expect(grantsAdmin(document)).toBe(false);
  });

  it('points at the statement that grants it', () => {
    const admin: PolicyStatement = { Sid: 'Everything', Effect: 'Allow', NotAction: 'cloudtrail:StopLogging', Resource: '*' };
    expect(findAdminStatement(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, admin))).toBe(admin);
  });
});

describe('isPublicPrincipal', () => {
  it.each([
    ['*', true],
    [{ AWS: '*' }, true],
    [{ AWS: ['*'] }, true],
    [{ AWS: ['arn:aws:iam::111122223333:root', '*'] }, true],
    [{ AWS: 'arn:aws:iam::*:root' }, true],
    [{ AWS: 'arn:aws:iam::111122223333:role/*' }, true],
    [{ CanonicalUser: '*' }, true],
    [{ AWS: 'arn:aws:iam::111122223333:root' }, false],
    [{ AWS: '111122223333' }, false],
    [{ Service: 'cloudfront.amazonaws.com' }, false],
    [{ AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHEXAMPLE' }, false],
    [{ Federated: 'cognito-identity.amazonaws.com' }, false],
    [undefined, false],
  ] as const)('%j is public: %s', (principal, expected) => {
    expect(isPublicPrincipal(principal as PolicyStatement['Principal'])).toBe(expected);
  });
});

describe('publicStatements', () => {
  describe('real-world policies that are not public', () => {
    it.each<[string, PolicyDocument]>([
      [
        'CloudFront origin access control (service principal + AWS:SourceArn)',
        {
          Version: '2008-10-17',
          Id: 'PolicyForCloudFrontPrivateContent',
          Statement: [
            {
              Sid: 'AllowCloudFrontServicePrincipal',
              Effect: 'Allow',
              Principal: { Service: 'cloudfront.amazonaws.com' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::my-site/*',
              Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE' } },
            },
          ],
        },
      ],
      [
        'CloudFront origin access identity',
        doc({
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHEXAMPLE' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::my-site/*',
        }),
      ],
      [
        'ALB access logs to the regional ELB account',
        doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::127311923021:root' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::alb-logs/prefix/AWSLogs/111122223333/*' }),
      ],
      [
        'ALB access logs to the log delivery service principal',
        doc({ Effect: 'Allow', Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::alb-logs/AWSLogs/111122223333/*' }),
      ],
      [
        'VPC flow log / NLB delivery (delivery.logs.amazonaws.com with source conditions)',
        doc(
          {
            Sid: 'AWSLogDeliveryWrite',
            Effect: 'Allow',
            Principal: { Service: 'delivery.logs.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::flow-logs/AWSLogs/111122223333/*',
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': '111122223333' }, ArnLike: { 'aws:SourceArn': 'arn:aws:logs:us-east-1:111122223333:*' } },
          },
          { Sid: 'AWSLogDeliveryAclCheck', Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::flow-logs' },
        ),
      ],
      ['everyone in the organization (aws:PrincipalOrgID)', doc(publicRead({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))],
      ['an organization path with a fixed organization id', doc(publicRead({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'] } }))],
      ['a VPC endpoint (aws:SourceVpce)', doc(publicRead({ StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }))],
      ['a VPC (aws:SourceVpc), key written in another case', doc(publicRead({ StringEquals: { 'AWS:SOURCEVPC': ['vpc-111bbb22', 'vpc-222ccc33'] } }))],
      ['a private range (aws:SourceIp 10.0.0.0/8)', doc(publicRead({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { AWS: '*' }))],
      ['an office range and a single address', doc(publicRead({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7'] } }))],
      ['an IPv6 /32', doc(publicRead({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }))],
      ['one account (aws:PrincipalAccount)', doc(publicRead({ StringEquals: { 'aws:PrincipalAccount': '111122223333' } }))],
      ['one role by ARN (aws:PrincipalArn)', doc(publicRead({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Reader' } }))],
      ['every session of one role (aws:userid AROLEID:*)', doc(publicRead({ StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } }))],
      ['an access point of one account', doc(publicRead({ StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-west-2:111122223333:accesspoint/*' } }))],
      ['access points of one account', doc(publicRead({ StringEquals: { 's3:DataAccessPointAccount': '111122223333' } }))],
      [
        'KMS default key policy for a service (kms:CallerAccount + kms:ViaService)',
        doc({
          Sid: 'Allow access through EBS for all principals in the account that are authorized to use EBS',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
          Resource: '*',
          Condition: { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'kms:CallerAccount': '111122223333' } },
        }),
      ],
      [
        'Allow everyone, then Deny everyone not coming through a VPC endpoint',
        doc(publicRead(), {
          Sid: 'DenyOutsideVpce',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::site', 'arn:aws:s3:::site/*'],
          Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
        }),
      ],
      [
        'Allow everyone, then Deny everyone but one role (NotPrincipal)',
        doc(publicRead(), { Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:role/Reader', 'arn:aws:iam::111122223333:root'] }, Action: '*', Resource: '*' }),
      ],
      ['a Deny to everyone', doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::site/*' })],
    ])('%s', (_name, document) => {
      expect(publicStatements(document)).toEqual([]);
    });
  });

  describe('policies that are public', () => {
    it.each<[string, PolicyDocument]>([
      ['static website: Principal "*" s3:GetObject', doc(publicRead())],
      ['Principal {"AWS": "*"}', doc(publicRead(undefined, { AWS: '*' }))],
      ['a wildcard account principal', doc(publicRead(undefined, { AWS: 'arn:aws:iam::*:root' }))],
      ['Allow with NotPrincipal (everyone except)', doc({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/Bob' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' })],
      ['aws:SourceIp 0.0.0.0/0', doc(publicRead({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, { AWS: '*' }))],
      ['aws:SourceIp ::/0', doc(publicRead({ IpAddress: { 'aws:SourceIp': '::/0' } }))],
      ['aws:SourceIp with one narrow and one open range', doc(publicRead({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '0.0.0.0/0'] } }))],
      ['aws:SourceIp broader than /8 (0.0.0.0/1)', doc(publicRead({ IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } }))],
      ['aws:SourceIp that is not a CIDR', doc(publicRead({ IpAddress: { 'aws:SourceIp': 'anywhere' } }))],
      ['NotIpAddress (everyone except a range)', doc(publicRead({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }))],
      ['StringLike aws:PrincipalOrgID "*"', doc(publicRead({ StringLike: { 'aws:PrincipalOrgID': '*' } }))],
      ['StringLike aws:PrincipalOrgID "o-*"', doc(publicRead({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } }))],
      ['aws:PrincipalOrgID among a wildcard', doc(publicRead({ StringEquals: { 'aws:PrincipalOrgID': ['o-a1b2c3d4e5', '*'] } }))],
      ['a policy variable as the value', doc(publicRead({ StringEquals: { 'aws:SourceAccount': '${aws:PrincipalAccount}' } }))],
      ['StringEqualsIfExists aws:SourceVpce (absent for internet callers)', doc(publicRead({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } }))],
      ['StringNotEquals aws:PrincipalOrgID in an Allow', doc(publicRead({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))],
      ['ForAllValues: (true when the key is absent)', doc(publicRead({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }))],
      ['a condition on something else (aws:SecureTransport)', doc(publicRead({ Bool: { 'aws:SecureTransport': 'true' } }))],
      ['an organization path with a wildcard organization', doc(publicRead({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-*/*'] } }))],
      ['an access point ARN with a wildcard account', doc(publicRead({ StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-west-2:*:accesspoint/*' } }))],
      [
        'a Deny that only covers some of the granted actions',
        doc({ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::site/*' }, { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::site/*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } }),
      ],
      [
        'a Deny whose condition does not confine (aws:SecureTransport)',
        doc(publicRead(), { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::site/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ],
      ['a Deny for a wildcard NotPrincipal', doc(publicRead(), { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::*:root' }, Action: '*', Resource: '*' })],
    ])('%s', (_name, document) => {
      expect(publicStatements(document)).toHaveLength(1);
    });
  });

  it('returns the statement with the actions it grants, to tell public read from public write', () => {
    const write: PolicyStatement = { Sid: 'Upload', Effect: 'Allow', Principal: '*', Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: 'arn:aws:s3:::drop/*' };
    const found = publicStatements(doc(publicRead(), write));
    expect(found).toMatchObject([
      { Sid: 'PublicRead', grantedActions: ['s3:GetObject'], exceptActions: [] },
      { Sid: 'Upload', grantedActions: ['s3:PutObject', 's3:PutObjectAcl'], exceptActions: [] },
    ]);
    expect(found.filter((statement) => statementMatchesAction(statement, 's3:PutObject')).map((statement) => statement.Sid)).toEqual(['Upload']);
    expect(found.filter((statement) => statementMatchesAction(statement, 's3:GetObject')).map((statement) => statement.Sid)).toEqual(['PublicRead']);
  });

  it('reports NotAction as every action except', () => {
    const [found] = publicStatements(doc({ Effect: 'Allow', Principal: '*', NotAction: 's3:DeleteBucket', Resource: '*' }));
    expect(found).toMatchObject({ grantedActions: ['*'], exceptActions: ['s3:DeleteBucket'] });
  });

  it('filters by action', () => {
    const document = doc(publicRead(), { Sid: 'Write', Effect: 'Allow', Principal: '*', Action: 's3:Put*', Resource: 'arn:aws:s3:::site/*' });
    expect(publicStatements(document).map((statement) => statement.Sid)).toEqual(['PublicRead', 'Write']);
    expect(publicStatements(document, { actions: ['s3:PutObject', 's3:DeleteObject'] }).map((statement) => statement.Sid)).toEqual(['Write']);
    expect(publicStatements(document, { actions: ['sts:AssumeRole'] })).toEqual([]);
  });

  it('ignores identity-policy statements (no principal)', () => {
    expect(publicStatements(doc({ Effect: 'Allow', Action: '*', Resource: '*' }))).toEqual([]);
  });

  it('names the keys that restrict a statement', () => {
    const statement = publicRead({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:SourceVpce': 'vpce-1' }, Bool: { 'aws:SecureTransport': 'true' } });
    expect(restrictingConditionKeys(statement)).toEqual(['aws:PrincipalOrgID', 'aws:SourceVpce']);
    expect(restrictingConditionKeys(publicRead())).toEqual([]);
  });

  it('reads trust policies: any AWS principal vs. an organization', () => {
    const open = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
    const org = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } });
    const externalId = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'shared-secret' } } });
    expect(publicStatements(open, { actions: ['sts:AssumeRole'] })).toHaveLength(1);
    expect(publicStatements(org, { actions: ['sts:AssumeRole'] })).toHaveLength(0);
    expect(publicStatements(externalId, { actions: ['sts:AssumeRole'] })).toHaveLength(1);
  });
});

describe('deniesInsecureTransport', () => {
  const bucket = 'arn:aws:s3:::data';
  function denyHttp(overrides: Partial<PolicyStatement> = {}): PolicyStatement {
    return {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucket, `${bucket}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      ...overrides,
    };
  }

  it.each<[string, PolicyStatement]>([
    ['the CIS statement ("false" as a string)', denyHttp()],
    ['false as a boolean', denyHttp({ Condition: { Bool: { 'aws:SecureTransport': false } } })],
    ['false in a list', denyHttp({ Condition: { Bool: { 'aws:SecureTransport': ['false'] } } })],
    ['BoolIfExists', denyHttp({ Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })],
    ['Action "*"', denyHttp({ Action: '*' })],
    ['Principal {"AWS": "*"}', denyHttp({ Principal: { AWS: '*' } })],
    ['one wildcard resource covering bucket and objects', denyHttp({ Resource: `${bucket}*` })],
    ['key written in another case', denyHttp({ Condition: { Bool: { 'AWS:SecureTransport': 'FALSE' } } })],
  ])('holds for %s', (_name, statement) => {
    const document = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:*', Resource: `${bucket}/*` }, statement);
    expect(deniesInsecureTransport(document)).toBe(true);
    expect(deniesInsecureTransport(document, bucket)).toBe(true);
  });

  it.each<[string, PolicyStatement]>([
    ['an Allow', denyHttp({ Effect: 'Allow' })],
    ['Deny only for one principal', denyHttp({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })],
    ['Deny of GetObject only', denyHttp({ Action: 's3:GetObject' })],
    ['Deny when SecureTransport is true', denyHttp({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })],
    ['Deny with another condition too', denyHttp({ Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })],
    ['Deny with no condition on SecureTransport', denyHttp({ Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })],
    ['objects only', denyHttp({ Resource: `${bucket}/*` })],
    ['the bucket only', denyHttp({ Resource: bucket })],
    ['one prefix of the objects', denyHttp({ Resource: [bucket, `${bucket}/private/*`] })],
    ['NotAction leaving out S3 actions', denyHttp({ Action: undefined, NotAction: 's3:GetObject' })],
  ])('does not hold for %s', (_name, statement) => {
    expect(deniesInsecureTransport(doc(statement), bucket)).toBe(false);
  });

  it('holds for every action through Deny NotAction []', () => {
    expect(deniesInsecureTransport(doc(denyHttp({ Action: undefined, NotAction: [] })), bucket)).toBe(true);
  });

  it('checks the resources against the bucket when given', () => {
    const other = doc(denyHttp({ Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] }));
    expect(deniesInsecureTransport(other, bucket)).toBe(false);
    expect(deniesInsecureTransport(other)).toBe(true);
  });

  it('is false for a policy without statements', () => {
    expect(deniesInsecureTransport({ Version: '2012-10-17', Statement: [] })).toBe(false);
  });
});
