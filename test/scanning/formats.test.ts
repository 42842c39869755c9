import { describe, expect, it } from 'vitest';
import { renderFindings } from '../../src/scanning/formats/index.js';
import type { ScanReport } from '../../src/scanning/formats/index.js';
import { csvCell, flattenCompliance } from '../../src/scanning/formats/csv.js';
import { truncateMiddle } from '../../src/scanning/formats/table.js';
import type { CheckMeta, Finding } from '../../src/scanning/types.js';

// ---------------------------------------------------------------------------------------------
// A small hand-made report: four failures (one critical/high tie on risk, one with a very long id,
// one with attacker-shaped text), two passes, three unknowns with two distinct reasons.
// ---------------------------------------------------------------------------------------------

function check(id: string, overrides: Partial<CheckMeta> = {}): CheckMeta {
  return {
    id,
    title: `Title of ${id}`,
    provider: 'aws',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    severity: 'high',
    description: `Description of ${id}.`,
    risk: `Risk of ${id}.`,
    remediation: { text: `Fix ${id}.`, cli: `aws s3api fix --bucket <BUCKET>`, url: `https://docs.aws.amazon.com/${id}` },
    compliance: { 'cis-aws-5.0': ['2.1.1'], soc2: ['CC6.1', 'CC6.6'] },
    needs: [],
    ...overrides,
  };
}

function finding(overrides: Partial<Finding> & Pick<Finding, 'checkId' | 'resourceId' | 'status' | 'severity' | 'riskScore'>): Finding {
  return {
    provider: 'aws',
    service: 's3',
    resourceType: 'AWS::S3::Bucket',
    region: 'us-east-1',
    title: `Title of ${overrides.checkId}`,
    statusDetail: `Detail for ${overrides.resourceId}`,
    remediation: `Fix ${overrides.checkId}.`,
    compliance: { 'cis-aws-5.0': ['2.1.1'], soc2: ['CC6.1', 'CC6.6'] },
    fingerprint: `fp-${overrides.checkId}-${overrides.resourceId}`,
    ...overrides,
  };
}

const LONG_ID = `arn:aws:s3:::${'very-long-bucket-name-'.repeat(10)}end`;
const ESC = '\u001b';

const FINDINGS: Finding[] = [
  finding({ checkId: 'aws-s3-bucket-versioning', resourceId: 'arn:aws:s3:::medium-bucket', status: 'fail', severity: 'medium', riskScore: 5, statusDetail: 'Versioning is "Suspended", not enabled,\nso deleted objects are gone' }),
  finding({ checkId: 'aws-s3-bucket-public-access', resourceId: 'arn:aws:s3:::tied-high', status: 'fail', severity: 'high', riskScore: 9.1 }),
  finding({ checkId: 'aws-s3-bucket-public-acl', resourceId: 'arn:aws-us-gov:s3:::public-bucket', status: 'fail', severity: 'critical', riskScore: 9.1, statusDetail: 'ACL grants READ to AllUsers' }),
  finding({ checkId: 'aws-s3-bucket-logging', resourceId: LONG_ID, status: 'fail', severity: 'low', riskScore: 2.5, region: 'eu-west-1' }),
  finding({
    checkId: 'aws-s3-bucket-tags',
    resourceId: '=HYPERLINK("http://evil.example","click")',
    status: 'fail',
    severity: 'low',
    riskScore: 1,
    statusDetail: `-2+3 ${ESC}[2J${ESC}]0;owned\u0007 cleared`,
    title: '@SUM(A1:A2)',
    remediation: '\tTabbed',
    compliance: {},
  }),
  finding({ checkId: 'aws-s3-bucket-public-acl', resourceId: 'arn:aws:s3:::private-bucket', status: 'pass', severity: 'critical', riskScore: 0, statusDetail: 'No public grants' }),
  finding({ checkId: 'aws-s3-bucket-versioning', resourceId: 'arn:aws:s3:::passing-bucket', status: 'pass', severity: 'info', riskScore: 0 }),
  finding({ checkId: 'aws-s3-bucket-logging', resourceId: 'arn:aws:s3:::denied-1', status: 'unknown', severity: 'low', riskScore: 0, statusDetail: 'AccessDenied: s3:GetBucketLogging' }),
  finding({ checkId: 'aws-s3-bucket-logging', resourceId: 'arn:aws:s3:::denied-2', status: 'unknown', severity: 'low', riskScore: 0, statusDetail: 'AccessDenied: s3:GetBucketLogging' }),
  finding({ checkId: 'aws-s3-bucket-versioning', resourceId: 'arn:aws:s3:::throttled', status: 'unknown', severity: 'medium', riskScore: 0, statusDetail: 'Throttling: rate exceeded' }),
];

const CHECKS: CheckMeta[] = [
  check('aws-s3-bucket-public-acl', { severity: 'critical' }),
  check('aws-s3-bucket-public-access', { severity: 'high' }),
  check('aws-s3-bucket-versioning', { severity: 'medium' }),
  check('aws-s3-bucket-logging', { severity: 'low' }),
  // Ran, found nothing: still a SARIF rule.
  check('aws-s3-bucket-encryption', { severity: 'info' }),
  // `aws-s3-bucket-tags` is deliberately missing: formats must cope with a finding whose check
  // metadata was not passed in.
];

const REPORT: ScanReport = {
  scan: {
    id: 'scan-1',
    provider: 'aws',
    accountId: '123456789012',
    startedAt: '2025-01-02T03:04:05.000Z',
    finishedAt: '2025-01-02T03:05:06.000Z',
    status: 'partial',
    regions: ['us-east-1', 'eu-west-1'],
    checks: 6,
    toolVersion: '0.1.0',
    errors: ['ec2 in ap-south-1: region disabled'],
  },
  findings: FINDINGS,
  checks: CHECKS,
};

const FINDING_FIELDS = [
  'checkId',
  'provider',
  'service',
  'resourceId',
  'resourceType',
  'region',
  'status',
  'severity',
  'riskScore',
  'title',
  'statusDetail',
  'remediation',
  'compliance',
  'fingerprint',
];

type Json = Record<string, unknown>;

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

describe('json', () => {
  const output = renderFindings('json', REPORT);
  const parsed = JSON.parse(output) as { scan: Json; findings: Json[] };

  it('has exactly scan and findings, pretty-printed with two spaces', () => {
    expect(Object.keys(parsed)).toEqual(['scan', 'findings']);
    expect(output.startsWith('{\n  "scan": {\n    "id": "scan-1",')).toBe(true);
    expect(output.endsWith('}\n')).toBe(true);
    expect(parsed.scan).toEqual(REPORT.scan);
  });

  it('gives every finding exactly the contract fields, in the contract order', () => {
    expect(parsed.findings).toHaveLength(FINDINGS.length);
    for (const [index, item] of parsed.findings.entries()) {
      expect(Object.keys(item)).toEqual(FINDING_FIELDS);
      expect(item).toEqual(at(FINDINGS, index));
    }
  });

  it('does not leak fields beyond the contract', () => {
    const extra = { ...at(FINDINGS, 0), internalId: 42 } as Finding;
    const out = JSON.parse(renderFindings('json', { ...REPORT, findings: [extra] })) as { findings: Json[] };
    expect(Object.keys(at(out.findings, 0))).toEqual(FINDING_FIELDS);
  });
});

// A tiny RFC 4180 parser: quoted fields may hold commas, CR, LF and doubled quotes; records end in CRLF.
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i += 1;
      } else {
        field += char;
        i += 1;
      }
    } else if (char === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (char === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (char === '\r' && text.charAt(i + 1) === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (char === '\r' || char === '\n') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('last record does not end in CRLF');
  return records;
}

describe('csv', () => {
  const output = renderFindings('csv', REPORT);
  const rows = parseCsv(output);

  it('has a header row and one row per finding, each ending in CRLF', () => {
    expect(at(rows, 0)).toEqual(FINDING_FIELDS);
    expect(rows).toHaveLength(FINDINGS.length + 1);
    expect(output.endsWith('\r\n')).toBe(true);
    for (const row of rows) expect(row).toHaveLength(FINDING_FIELDS.length);
  });

  it('quotes fields with commas, quotes or line breaks and doubles the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(output).toContain('"Versioning is ""Suspended"", not enabled,\nso deleted objects are gone"');
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
    expect(csvCell(-1)).toBe("'-1");
    expect(csvCell('a=b')).toBe('a=b');
    const injected = at(rows, 5);
    expect(injected[FINDING_FIELDS.indexOf('resourceId')]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(injected[FINDING_FIELDS.indexOf('title')]).toBe("'@SUM(A1:A2)");
    expect(injected[FINDING_FIELDS.indexOf('statusDetail')]?.startsWith("'-2+3")).toBe(true);
    expect(injected[FINDING_FIELDS.indexOf('remediation')]).toBe("'\tTabbed");
    // No cell of the output starts with a formula character.
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('flattens compliance as framework:control|control;framework:control', () => {
    expect(flattenCompliance({ 'cis-aws-5.0': ['2.1.1'], soc2: ['CC6.1', 'CC6.6'] })).toBe('cis-aws-5.0:2.1.1;soc2:CC6.1|CC6.6');
    expect(flattenCompliance({ hipaa: [], gdpr: ['32'] })).toBe('gdpr:32');
    expect(at(rows, 1)[FINDING_FIELDS.indexOf('compliance')]).toBe('cis-aws-5.0:2.1.1;soc2:CC6.1|CC6.6');
  });

  it('round-trips every value (less the injection guard)', () => {
    for (const [index, source] of FINDINGS.entries()) {
      const row = at(rows, index + 1);
      for (const [column, field] of FINDING_FIELDS.entries()) {
        const value = source[field as Exclude<keyof Finding, 'compliance'>];
        const expected = field === 'compliance' ? flattenCompliance(source.compliance) : String(value);
        const cell = row[column] ?? '';
        expect(/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell).toBe(expected);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0: the properties each object may have and must have, from the OASIS schema
// (sarif-schema-2.1.0.json), for the objects this output uses. Every object there is
// `additionalProperties: false` except property bags, so an unknown key is an error.
// ---------------------------------------------------------------------------------------------

interface Shape {
  allowed: string[];
  required: string[];
}

const SARIF_SHAPES = {
  sarifLog: { allowed: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'], required: ['version', 'runs'] },
  run: {
    allowed: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
    required: ['tool'],
  },
  tool: { allowed: ['driver', 'extensions', 'properties'], required: ['driver'] },
  toolComponent: {
    allowed: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
    required: ['name'],
  },
  reportingDescriptor: {
    allowed: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'],
    required: ['id'],
  },
  reportingConfiguration: { allowed: ['enabled', 'level', 'rank', 'parameters', 'properties'], required: [] },
  multiformatMessageString: { allowed: ['text', 'markdown', 'properties'], required: ['text'] },
  message: { allowed: ['text', 'markdown', 'id', 'arguments', 'properties'], required: ['text'] },
  result: {
    allowed: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
    required: ['message'],
  },
  location: { allowed: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'], required: [] },
  logicalLocation: { allowed: ['name', 'index', 'fullyQualifiedName', 'decoratedName', 'parentIndex', 'kind', 'properties'], required: [] },
  invocation: {
    allowed: ['commandLine', 'arguments', 'responseFiles', 'startTimeUtc', 'endTimeUtc', 'exitCode', 'ruleConfigurationOverrides', 'notificationConfigurationOverrides', 'toolExecutionNotifications', 'toolConfigurationNotifications', 'exitCodeDescription', 'exitSignalName', 'exitSignalNumber', 'processStartFailureMessage', 'executionSuccessful', 'machine', 'account', 'processId', 'executableLocation', 'workingDirectory', 'environmentVariables', 'stdin', 'stdout', 'stderr', 'stdoutStderr', 'properties'],
    required: ['executionSuccessful'],
  },
  notification: { allowed: ['locations', 'message', 'level', 'threadId', 'timeUtc', 'exception', 'descriptor', 'associatedRule', 'properties'], required: ['message'] },
  reportingDescriptorReference: { allowed: ['id', 'index', 'guid', 'toolComponent', 'properties'], required: [] },
} satisfies Record<string, Shape>;

const LEVELS = ['none', 'note', 'warning', 'error'];

function obj(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not an object`);
  return value as Json;
}

function arr(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where} is not an array`);
  return value as unknown[];
}

function expectShape(value: unknown, shape: Shape, where: string): Json {
  const object = obj(value, where);
  for (const key of Object.keys(object)) expect(shape.allowed, `${where}.${key} is not a SARIF property`).toContain(key);
  for (const key of shape.required) expect(object, `${where} lacks ${key}`).toHaveProperty(key);
  return object;
}

function expectUri(value: unknown, where: string): void {
  expect(typeof value, where).toBe('string');
  expect(() => new URL(value as string), where).not.toThrow();
}

function expectMessage(value: unknown, where: string): void {
  const message = expectShape(value, SARIF_SHAPES.message, where);
  expect(typeof message.text, `${where}.text`).toBe('string');
}

function expectPropertyBag(value: unknown, where: string): Json {
  const bag = obj(value, where);
  if ('tags' in bag) {
    const tags = arr(bag.tags, `${where}.tags`);
    for (const tag of tags) expect(typeof tag).toBe('string');
    expect(new Set(tags).size, `${where}.tags must be unique`).toBe(tags.length);
  }
  return bag;
}

function expectLocation(value: unknown, where: string): Json {
  const location = expectShape(value, SARIF_SHAPES.location, where);
  expect(location, `${where}: cloud resources have no file`).not.toHaveProperty('physicalLocation');
  for (const [i, logical] of arr(location.logicalLocations, `${where}.logicalLocations`).entries()) {
    const l = expectShape(logical, SARIF_SHAPES.logicalLocation, `${where}.logicalLocations[${i}]`);
    expect(typeof l.fullyQualifiedName).toBe('string');
    expect(l.kind).toBe('resource');
  }
  return location;
}

/** Checks a log against the SARIF 2.1.0 schema's required properties, enums and key sets. */
function expectValidSarif(log: unknown): { rules: Json[]; results: Json[]; invocation: Json } {
  const root = expectShape(log, SARIF_SHAPES.sarifLog, 'log');
  expect(root.version).toBe('2.1.0');
  expectUri(root.$schema, '$schema');
  const runs = arr(root.runs, 'runs');
  expect(runs).toHaveLength(1);
  const run = expectShape(runs[0], SARIF_SHAPES.run, 'runs[0]');
  const tool = expectShape(run.tool, SARIF_SHAPES.tool, 'tool');
  const driver = expectShape(tool.driver, SARIF_SHAPES.toolComponent, 'driver');
  expect(typeof driver.name).toBe('string');
  if ('informationUri' in driver) expectUri(driver.informationUri, 'driver.informationUri');

  const rules = arr(driver.rules, 'rules').map((rule, i) => {
    const r = expectShape(rule, SARIF_SHAPES.reportingDescriptor, `rules[${i}]`);
    for (const key of ['shortDescription', 'fullDescription', 'help'] as const) {
      const text = expectShape(r[key], SARIF_SHAPES.multiformatMessageString, `rules[${i}].${key}`);
      expect(typeof text.text).toBe('string');
    }
    const config = expectShape(r.defaultConfiguration, SARIF_SHAPES.reportingConfiguration, `rules[${i}].defaultConfiguration`);
    expect(LEVELS).toContain(config.level);
    if ('helpUri' in r) expectUri(r.helpUri, `rules[${i}].helpUri`);
    expectPropertyBag(r.properties, `rules[${i}].properties`);
    return r;
  });
  expect(new Set(rules.map((rule) => rule.id)).size, 'rule ids are unique').toBe(rules.length);

  const results = arr(run.results, 'results').map((result, i) => {
    const r = expectShape(result, SARIF_SHAPES.result, `results[${i}]`);
    expectMessage(r.message, `results[${i}].message`);
    expect(LEVELS).toContain(r.level);
    expect(Number.isInteger(r.ruleIndex) && (r.ruleIndex as number) >= -1).toBe(true);
    for (const [j, location] of arr(r.locations, `results[${i}].locations`).entries()) expectLocation(location, `results[${i}].locations[${j}]`);
    for (const value of Object.values(obj(r.partialFingerprints, `results[${i}].partialFingerprints`))) expect(typeof value).toBe('string');
    expectPropertyBag(r.properties, `results[${i}].properties`);
    return r;
  });

  const invocations = arr(run.invocations, 'invocations');
  const invocation = expectShape(invocations[0], SARIF_SHAPES.invocation, 'invocations[0]');
  expect(typeof invocation.executionSuccessful).toBe('boolean');
  for (const key of ['startTimeUtc', 'endTimeUtc']) if (key in invocation) expect(new Date(invocation[key] as string).toISOString()).toBe(invocation[key]);
  for (const [i, notification] of arr(invocation.toolExecutionNotifications, 'toolExecutionNotifications').entries()) {
    const n = expectShape(notification, SARIF_SHAPES.notification, `notifications[${i}]`);
    expectMessage(n.message, `notifications[${i}].message`);
    expect(LEVELS).toContain(n.level);
    if ('associatedRule' in n) expectShape(n.associatedRule, SARIF_SHAPES.reportingDescriptorReference, `notifications[${i}].associatedRule`);
    if ('locations' in n) for (const [j, location] of arr(n.locations, 'locations').entries()) expectLocation(location, `notifications[${i}].locations[${j}]`);
  }
  return { rules, results, invocation };
}

describe('sarif', () => {
  const output = renderFindings('sarif', REPORT, { informationUri: 'https://cloudsentinel.example/docs' });
  const log = JSON.parse(output) as Json;
  const { rules, results, invocation } = expectValidSarif(log);

  it('is SARIF 2.1.0 with the schemastore schema and the CloudSentinel driver', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    const driver = obj(obj(obj(at(arr(log.runs, 'runs'), 0), 'run').tool, 'tool').driver, 'driver');
    expect(driver.name).toBe('CloudSentinel');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toBe('https://cloudsentinel.example/docs');
  });

  it('has a rule per check that ran, plus one for a check whose metadata was missing', () => {
    expect(rules.map((rule) => rule.id)).toEqual([...CHECKS.map((c) => c.id), 'aws-s3-bucket-tags']);
    const acl = at(rules, 0);
    expect(acl.name).toBe('AwsS3BucketPublicAcl');
    expect(acl.shortDescription).toEqual({ text: 'Title of aws-s3-bucket-public-acl' });
    expect(acl.fullDescription).toEqual({ text: 'Description of aws-s3-bucket-public-acl. Risk of aws-s3-bucket-public-acl.' });
    expect(acl.helpUri).toBe('https://docs.aws.amazon.com/aws-s3-bucket-public-acl');
    const help = obj(acl.help, 'help');
    expect(help.text).toContain('Fix aws-s3-bucket-public-acl.');
    expect(help.text).toContain('aws s3api fix --bucket <BUCKET>');
    expect(help.markdown).toContain('```sh\naws s3api fix --bucket <BUCKET>\n```');
    expect(acl.properties).toEqual({ tags: ['security', 'aws', 's3'], 'security-severity': '9.5', precision: 'high' });
    const severities = rules.map((rule) => obj(rule.properties, 'properties')['security-severity']);
    expect(severities).toEqual(['9.5', '8.0', '5.5', '3.0', '0.0', '3.0']);
    for (const value of severities) expect(Number.isFinite(Number(value))).toBe(true);
  });

  it('reports only failing findings, each pointing at its rule by index', () => {
    const failing = FINDINGS.filter((f) => f.status === 'fail');
    expect(results).toHaveLength(failing.length);
    for (const [i, result] of results.entries()) {
      const source = at(failing, i);
      expect(result.ruleId).toBe(source.checkId);
      expect(at(rules, result.ruleIndex as number).id).toBe(result.ruleId);
      expect(obj(result.message, 'message').text).toBe(`${source.title}: ${source.statusDetail}`);
      expect(result.partialFingerprints).toEqual({ 'cloudsentinel/v2': source.fingerprint });
      expect(result.locations).toEqual([{ logicalLocations: [{ fullyQualifiedName: source.resourceId, kind: 'resource' }] }]);
      expect(result.properties).toEqual({ riskScore: source.riskScore, region: source.region, compliance: source.compliance });
    }
    const located = results.map((result) => JSON.stringify(result.locations));
    for (const other of FINDINGS.filter((f) => f.status !== 'fail')) expect(located.join()).not.toContain(other.resourceId);
  });

  it('maps severities to levels: critical/high error, medium warning, low/info note', () => {
    const levelOf = (checkId: string): unknown => results.find((r) => r.ruleId === checkId)?.level;
    expect(levelOf('aws-s3-bucket-public-acl')).toBe('error');
    expect(levelOf('aws-s3-bucket-public-access')).toBe('error');
    expect(levelOf('aws-s3-bucket-versioning')).toBe('warning');
    expect(levelOf('aws-s3-bucket-logging')).toBe('note');
    expect(at(rules, 4).defaultConfiguration).toEqual({ level: 'note' });
  });

  it('puts unknown results and scan errors in the invocation as notifications', () => {
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.startTimeUtc).toBe('2025-01-02T03:04:05.000Z');
    expect(invocation.endTimeUtc).toBe('2025-01-02T03:05:06.000Z');
    const notifications = arr(invocation.toolExecutionNotifications, 'notifications').map((n) => obj(n, 'notification'));
    expect(notifications).toHaveLength(4);
    expect(at(notifications, 0)).toEqual({ level: 'warning', message: { text: 'ec2 in ap-south-1: region disabled' } });
    const unknowns = notifications.slice(1);
    for (const n of unknowns) {
      expect(n.level).toBe('note');
      const rule = obj(n.associatedRule, 'associatedRule');
      expect(at(rules, rule.index as number).id).toBe(rule.id);
    }
    expect(obj(at(unknowns, 0).message, 'message').text).toBe('Could not evaluate aws-s3-bucket-logging on arn:aws:s3:::denied-1: AccessDenied: s3:GetBucketLogging');
  });

  it('marks a failed scan unsuccessful, its errors as errors, and leaves informationUri out unless given', () => {
    const failed = JSON.parse(renderFindings('sarif', { ...REPORT, scan: { ...REPORT.scan, status: 'failed' }, findings: [] })) as Json;
    const { invocation: inv, results: none } = expectValidSarif(failed);
    expect(inv.executionSuccessful).toBe(false);
    expect(none).toEqual([]);
    expect(arr(inv.toolExecutionNotifications, 'n')).toEqual([{ level: 'error', message: { text: 'ec2 in ap-south-1: region disabled' } }]);
    const driver = obj(obj(obj(at(arr(failed.runs, 'runs'), 0), 'run').tool, 'tool').driver, 'driver');
    expect(driver).not.toHaveProperty('informationUri');
  });
});

describe('ocsf', () => {
  const events = JSON.parse(renderFindings('ocsf', REPORT)) as Json[];

  it('emits one Detection Finding per finding, of every status', () => {
    expect(events).toHaveLength(FINDINGS.length);
    for (const event of events) {
      expect(event).toMatchObject({
        class_uid: 2004,
        class_name: 'Detection Finding',
        category_uid: 2,
        category_name: 'Findings',
        activity_id: 1,
        activity_name: 'Create',
        type_uid: 200401,
        time: Date.parse('2025-01-02T03:05:06.000Z'),
      });
      // Required by OCSF 1.3 for this class (base event + finding): present and typed.
      for (const key of ['activity_id', 'category_uid', 'class_uid', 'severity_id', 'time', 'type_uid']) expect(Number.isInteger(event[key]), key).toBe(true);
      expect(event.type_uid).toBe((event.class_uid as number) * 100 + (event.activity_id as number));
      const metadata = obj(event.metadata, 'metadata');
      expect(metadata.version).toBe('1.3.0');
      expect(metadata.product).toEqual({ name: 'CloudSentinel', vendor_name: 'CloudSentinel', version: '0.1.0' });
      expect(metadata.profiles).toEqual(['cloud']);
      obj(event.finding_info, 'finding_info');
      obj(event.cloud, 'cloud');
    }
  });

  it('maps severity ids: info 1, low 2, medium 3, high 4, critical 5', () => {
    const bySeverity = new Map(events.map((event, i) => [at(FINDINGS, i).severity, [event.severity_id, event.severity]]));
    expect(Object.fromEntries(bySeverity)).toEqual({
      info: [1, 'Informational'],
      low: [2, 'Low'],
      medium: [3, 'Medium'],
      high: [4, 'High'],
      critical: [5, 'Critical'],
    });
  });

  it('maps statuses: fail New/FAIL, pass Resolved/PASS, unknown Unknown/UNKNOWN', () => {
    const pick = (event: Json): unknown[] => [event.status_id, event.status, event.status_code, obj(obj(event.unmapped, 'u').compliance, 'c').status];
    expect(pick(at(events, 0))).toEqual([1, 'New', 'FAIL', 'Fail']);
    expect(pick(at(events, 5))).toEqual([4, 'Resolved', 'PASS', 'Pass']);
    expect(pick(at(events, 7))).toEqual([0, 'Unknown', 'UNKNOWN', 'Unknown']);
  });

  it('fills finding_info, resources, cloud, remediation, risk and compliance from the finding', () => {
    const event = at(events, 2);
    const source = at(FINDINGS, 2);
    expect(event.status_detail).toBe(source.statusDetail);
    expect(obj(event.metadata, 'metadata').uid).toBe(source.fingerprint);
    expect(event.finding_info).toEqual({ uid: source.fingerprint, title: source.title, desc: source.statusDetail, types: [source.checkId] });
    expect(event.resources).toEqual([{ uid: source.resourceId, type: 'AWS::S3::Bucket', region: 'us-east-1', cloud_partition: 'aws-us-gov' }]);
    expect(event.cloud).toEqual({ provider: 'AWS', account: { uid: '123456789012' }, region: 'us-east-1' });
    expect(event.remediation).toEqual({ desc: source.remediation, references: ['https://docs.aws.amazon.com/aws-s3-bucket-public-acl'] });
    expect(event.risk_score).toBe(9);
    expect(event.unmapped).toEqual({
      check_id: source.checkId,
      service: 's3',
      risk_score: 9.1,
      scan_id: 'scan-1',
      compliance: { standards: ['cis-aws-5.0', 'soc2'], requirements: ['cis-aws-5.0:2.1.1', 'soc2:CC6.1', 'soc2:CC6.6'], status_id: 3, status: 'Fail' },
    });
    // Not an attribute of Detection Finding (it belongs to Compliance Finding 2003).
    expect(event).not.toHaveProperty('compliance');
    // A check missing from report.checks: no reference link, but the finding's own remediation.
    expect(at(events, 4).remediation).toEqual({ desc: '\tTabbed' });
  });

  it('names the other providers the OCSF way', () => {
    const github: Finding = { ...at(FINDINGS, 0), provider: 'github', resourceId: 'octo/repo' };
    const [event] = JSON.parse(renderFindings('ocsf', { ...REPORT, findings: [github] })) as Json[];
    expect(obj(event?.cloud, 'cloud').provider).toBe('GitHub');
    expect(at(arr(event?.resources, 'resources'), 0)).not.toHaveProperty('cloud_partition');
  });
});

describe('table', () => {
  const plain = renderFindings('table', REPORT);
  const lines = plain.split('\n');

  it('starts with the scan and its counts by status and severity', () => {
    expect(at(lines, 0)).toContain('aws account 123456789012');
    expect(at(lines, 0)).toContain('regions us-east-1, eu-west-1');
    expect(at(lines, 0)).toContain('scan partial');
    expect(at(lines, 1)).toContain('5 fail, 2 pass, 3 unknown');
    expect(at(lines, 1)).toContain('1 critical, 1 high, 1 medium, 2 low, 0 info');
  });

  it('lists failing findings by risk, then severity, with the detail indented beneath', () => {
    const header = lines.findIndex((line) => line.startsWith('SEVERITY'));
    expect(at(lines, header)).toMatch(/^SEVERITY {2}RISK {2}CHECK +RESOURCE +REGION$/);
    const rows = lines.slice(header + 1).filter((line) => /^[A-Z]+ {2,}\d/.test(line));
    expect(rows.map((row) => row.split(/\s+/).slice(0, 3))).toEqual([
      ['CRITICAL', '9.1', 'aws-s3-bucket-public-acl'],
      ['HIGH', '9.1', 'aws-s3-bucket-public-access'],
      ['MEDIUM', '5.0', 'aws-s3-bucket-versioning'],
      ['LOW', '2.5', 'aws-s3-bucket-logging'],
      ['LOW', '1.0', 'aws-s3-bucket-tags'],
    ]);
    expect(at(lines, header + 2)).toBe('    ACL grants READ to AllUsers');
    // Columns line up: every row has RESOURCE at the same offset as the header.
    const resourceAt = at(lines, header).indexOf('RESOURCE');
    for (const row of rows) expect(row.charAt(resourceAt - 1)).toBe(' ');
    expect(at(rows, 0).slice(resourceAt).startsWith('arn:aws-us-gov:s3:::public-bucket')).toBe(true);
  });

  it('shortens long resource ids in the middle to fit the width', () => {
    const row = lines.find((line) => line.includes('aws-s3-bucket-logging') && line.startsWith('LOW'));
    expect(row).toBeDefined();
    expect(row).toContain('…');
    expect(row).toContain('arn:aws:s3:::very');
    expect(row).toContain('name-end');
    expect(row).toMatch(/eu-west-1$/);
    expect([...(row ?? '')].length).toBeLessThanOrEqual(120);
    const narrow = renderFindings('table', REPORT, { width: 80 });
    for (const line of narrow.split('\n').filter((l) => l.includes('arn:'))) expect([...line].length).toBeLessThanOrEqual(80);
    expect(truncateMiddle('abcdefghij', 5)).toBe('a…hij');
    expect(truncateMiddle('short', 10)).toBe('short');
  });

  it('counts passes without listing them, and summarises unknowns by reason', () => {
    expect(plain).not.toContain('private-bucket');
    expect(plain).not.toContain('passing-bucket');
    expect(plain).not.toContain('denied-1');
    expect(plain).toContain('Could not evaluate 3 results:\n  2 × AccessDenied: s3:GetBucketLogging\n  1 × Throttling: rate exceeded');
    expect(plain).toContain('Scan errors:\n  ec2 in ap-south-1: region disabled');
  });

  it('ends with a one-line summary', () => {
    expect(plain.endsWith('\n')).toBe(true);
    expect(at(lines, lines.length - 2)).toBe('5 failing findings (1 critical, 1 high, 1 medium, 2 low); 2 passed, 3 unknown; scan partial.');
    const clean = renderFindings('table', { ...REPORT, findings: FINDINGS.filter((f) => f.status === 'pass'), scan: { ...REPORT.scan, status: 'complete', errors: [] } });
    expect(clean).toContain('No failing findings.');
    expect(clean.trimEnd().split('\n').at(-1)).toBe('No failing findings; 2 passed, 0 unknown; scan complete.');
  });

  it('has no escape codes without colour, even from cloud-supplied text', () => {
    expect(plain).not.toContain(ESC);
    expect(plain).not.toContain('\u0007');
    expect(plain).toContain('-2+3 ?[2J?]0;owned? cleared');
  });

  it('colours severities when asked, and keeps the columns aligned', () => {
    const colored = renderFindings('table', REPORT, { color: true });
    expect(colored).toContain(`${ESC}[1;31mCRITICAL${ESC}[0m`);
    expect(colored).toContain(`${ESC}[31mHIGH${ESC}[0m`);
    expect(colored).toContain(`${ESC}[33mMEDIUM${ESC}[0m`);
    expect(colored).toContain(`${ESC}[36mLOW${ESC}[0m`);
    // eslint-disable-next-line no-control-regex -- stripping the colour codes this test asked for.
    expect(colored.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });
});
