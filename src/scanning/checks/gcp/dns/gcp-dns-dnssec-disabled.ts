import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { defineGcpCheck, dnsZoneName, fail, pass, withEachProject } from '../lib/helpers.js';

/** CIS 3.3: DNSSEC is on for every public Cloud DNS zone (private zones are not served to the internet, and DNSSEC does not apply to them). */
export const check = defineGcpCheck(
  {
    id: 'gcp-dns-dnssec-disabled',
    title: 'Cloud DNS public zone does not have DNSSEC enabled',
    service: 'dns',
    resourceType: 'dns.googleapis.com/ManagedZone',
    severity: 'medium',
    description: 'Checks that every public Cloud DNS managed zone has DNSSEC turned on.',
    risk: 'Without DNSSEC, resolvers cannot tell a forged answer from a real one: DNS spoofing and cache poisoning can send the domain\'s users to an attacker\'s servers.',
    remediation: {
      text: 'Turn DNSSEC on for the zone, then add the DS record that Cloud DNS shows to the domain at its registrar.',
      cli: 'gcloud dns managed-zones update <ZONE_NAME> --project=<PROJECT_ID> --dnssec-state=on',
      url: 'https://cloud.google.com/dns/docs/dnssec-config',
    },
    compliance: { 'cis-gcp-3.0': ['3.3'], ...SECURE_CONFIGURATION, 'nist-800-53-r5': ['SC-20', 'SC-21'] },
    needs: ['dns.managedZones'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'dns.managedZones', (zones, project) =>
      zones
        .filter((zone) => zone.visibility === 'public')
        .map((zone) => {
          const id = dnsZoneName(project, zone.name);
          return zone.dnssecState === 'on'
            ? pass(id, 'global', `DNSSEC is on for ${zone.dnsName}`, { tags: zone.labels })
            : fail(id, 'global', `DNSSEC is ${zone.dnssecState} for ${zone.dnsName}`, { tags: zone.labels });
        }),
    ),
);
