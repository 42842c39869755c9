import { LOGGING } from '../lib/compliance.js';
import { defineGcpCheck, fail, pass, subnetworkName, withEachProject } from '../lib/helpers.js';

/** CIS 3.8: VPC flow logs on every ordinary subnet (proxy-only and Private Service Connect subnets cannot have them). */
export const check = defineGcpCheck(
  {
    id: 'gcp-network-subnet-flow-logs-disabled',
    title: 'VPC subnet does not have flow logs enabled',
    service: 'network',
    resourceType: 'compute.googleapis.com/Subnetwork',
    severity: 'low',
    description: 'Checks that every ordinary (PRIVATE purpose) subnet of the project records VPC flow logs.',
    risk: 'Without flow logs there is no record of which hosts talked to which, so lateral movement and data exfiltration cannot be traced.',
    remediation: {
      text: 'Enable flow logs on the subnet (an aggregation interval of 5 s and a sample rate of 1.0 meet CIS).',
      cli: 'gcloud compute networks subnets update <SUBNET> --region=<REGION> --project=<PROJECT_ID> --enable-flow-logs --logging-aggregation-interval=interval-5-sec --logging-flow-sampling=1.0 --logging-metadata=include-all',
      url: 'https://cloud.google.com/vpc/docs/using-flow-logs',
    },
    compliance: { 'cis-gcp-3.0': ['3.8'], ...LOGGING, 'nist-800-53-r5': ['AU-12', 'SI-4'] },
    needs: ['compute.subnetworks'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.subnetworks', (subnets, project) =>
      subnets
        .filter((subnet) => subnet.purpose === 'PRIVATE' || subnet.purpose === 'PRIVATE_RFC_1918')
        .map((subnet) => {
          const id = subnetworkName(project, subnet.region, subnet.name);
          return subnet.flowLogsEnabled ? pass(id, subnet.region, 'Flow logs are enabled') : fail(id, subnet.region, `Flow logs are disabled (network ${subnet.network})`);
        }),
    ),
);
