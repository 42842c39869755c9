import { describe, expect, it } from 'vitest';
import { neededParts, selectChecks } from '../../src/scanning/engine.js';
import { AWS_PARTS } from '../../src/scanning/providers/aws/snapshot.js';
import { allChecks, awsChecks } from '../../src/scanning/registry.js';

const FRAMEWORKS = ['cis-aws-5.0', 'soc2', 'iso27001-2022', 'nist-800-53-r5', 'nist-csf-2.0', 'pci-dss-4.0', 'hipaa', 'gdpr'];
/** Every automated CIS AWS Foundations 5.0 control for IAM, S3, EC2/EBS/VPC, RDS, CloudTrail, KMS and Config. */
const CIS_AUTOMATED = ['1.3', '1.4', '1.7', '1.8', '1.9', '1.11', '1.12', '1.13', '1.14', '1.15', '1.16', '1.17', '1.18', '1.19', '2.1.1', '2.1.4', '2.2.1', '2.2.2', '2.2.3', '3.2', '3.3', '3.5', '3.6', '3.7', '3.8', '3.9', '5.1.1', '5.1.2', '5.2', '5.3', '5.4', '5.5', '5.7'];

describe('check registry', () => {
  it('has at least 60 AWS checks with unique, well-formed ids', () => {
    expect(awsChecks.length).toBeGreaterThanOrEqual(60);
    const ids = allChecks.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(aws|azure|gcp|github)-[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  it('gives every check remediation, a provider service, known parts and compliance mappings with string control ids', () => {
    for (const { meta } of awsChecks) {
      expect(meta.provider, meta.id).toBe('aws');
      expect(meta.remediation.text.length, meta.id).toBeGreaterThan(10);
      expect(meta.remediation.cli, meta.id).toMatch(/^aws /);
      expect(meta.remediation.url, meta.id).toMatch(/^https:\/\//);
      expect(meta.needs.length, meta.id).toBeGreaterThan(0);
      for (const part of meta.needs) expect(AWS_PARTS, meta.id).toContain(part);
      const frameworks = Object.keys(meta.compliance);
      expect(frameworks.length, meta.id).toBeGreaterThan(0);
      for (const framework of frameworks) expect(FRAMEWORKS, meta.id).toContain(framework);
      for (const controls of Object.values(meta.compliance)) for (const control of controls ?? []) expect(typeof control).toBe('string');
    }
  });

  it('covers every automated CIS AWS 5.0 control in scope', () => {
    const covered = new Set(awsChecks.flatMap((c) => c.meta.compliance['cis-aws-5.0'] ?? []));
    expect(CIS_AUTOMATED.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('selects checks by id, refuses unknown ids, and merges their needs', () => {
    const picked = selectChecks(awsChecks, ['aws-s3-bucket-public-acl', 'aws-s3-bucket-public-policy']);
    expect(picked.map((c) => c.meta.id)).toEqual(['aws-s3-bucket-public-acl', 'aws-s3-bucket-public-policy']);
    expect(neededParts(picked)).toEqual(expect.arrayContaining(['s3.buckets', 's3.accountPublicAccessBlock']));
    expect(() => selectChecks(awsChecks, ['aws-nope'])).toThrow(/Unknown check id\(s\): aws-nope/);
    expect(selectChecks(awsChecks, undefined)).toHaveLength(awsChecks.length);
  });
});
