import { defineAwsCheck } from '../lib/helpers.js';
import { DATABASE_PORTS } from '../lib/network.js';
import { portExposureResults } from './internet-ingress.js';

/**
 * Fails a security group that opens a database or data-store port to the internet: MySQL 3306,
 * PostgreSQL 5432, MSSQL 1433/1434, Oracle 1521, MongoDB 27017-27018, Redis 6379, Elasticsearch
 * 9200/9300, Cassandra 9042, Memcached 11211 (TCP and UDP). One result per group, naming the ports.
 * Rules that open every port are left to aws-ec2-security-group-all-ports-open-to-internet.
 */
export const check = defineAwsCheck(
  {
    id: 'aws-ec2-security-group-database-ports-open-to-internet',
    title: 'Security group allows ingress from the internet to database ports',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    severity: 'high',
    description:
      'Checks whether any inbound rule of the security group allows a common database or cache port (MySQL, PostgreSQL, MSSQL, Oracle, MongoDB, Redis, Elasticsearch, Cassandra, Memcached) from 0.0.0.0/0, ::/0 or another internet-wide range.',
    risk: 'Databases reachable from the internet are found by automated scanners and hit with credential stuffing, ransom-wipe campaigns (MongoDB, Elasticsearch, Redis) and engine exploits; Memcached over UDP is abused for DDoS amplification.',
    remediation: {
      text: 'Remove the internet-wide rule and allow the database port only from the application tier (reference its security group) or trusted internal ranges.',
      cli: "aws ec2 revoke-security-group-ingress --region <REGION> --group-id <GROUP_ID> --ip-permissions 'IpProtocol=tcp,FromPort=<PORT>,ToPort=<PORT>,IpRanges=[{CidrIp=0.0.0.0/0}]' 'IpProtocol=tcp,FromPort=<PORT>,ToPort=<PORT>,Ipv6Ranges=[{CidrIpv6=::/0}]'",
      url: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
    },
    compliance: {
      soc2: ['CC6.1', 'CC6.6'],
      'iso27001-2022': ['A.8.20', 'A.8.22'],
      'nist-800-53-r5': ['AC-4', 'CM-7', 'SC-7'],
      'nist-csf-2.0': ['PR.IR-01'],
      'pci-dss-4.0': ['1.3.1', '1.4.2', '1.4.4'],
      hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
      gdpr: ['Art.32'],
    },
    needs: ['ec2.securityGroups'],
  },
  (snapshot, settings) => portExposureResults(snapshot, settings, DATABASE_PORTS, 'database ports'),
);
