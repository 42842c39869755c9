/** One shape for CIS 3.4 / 3.5: a DNSSEC-signed public zone does not sign with RSASHA1 (key-signing or zone-signing key). */
import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { defineGcpCheck, dnsZoneName, fail, pass, withEachProject, type GcpCheck } from '../lib/helpers.js';

export function defineRsaSha1Check(spec: { id: string; cis: string; keyType: 'keySigning' | 'zoneSigning'; label: string }): GcpCheck {
  return defineGcpCheck(
    {
      id: spec.id,
      title: `Cloud DNS zone signs its ${spec.label} with RSASHA1`,
      service: 'dns',
      resourceType: 'dns.googleapis.com/ManagedZone',
      severity: 'medium',
      description: `Checks that no DNSSEC-enabled Cloud DNS zone uses the RSASHA1 algorithm for its ${spec.label} (${spec.keyType}).`,
      risk: 'RSASHA1 relies on SHA-1, whose collisions are practical: signatures made with it no longer reliably prove that DNS answers are genuine, and validating resolvers increasingly reject them.',
      remediation: {
        text: `The algorithm can only be chosen while DNSSEC is off: turn DNSSEC off (removing the DS record at the registrar first), set the ${spec.label} to RSASHA256 or ECDSAP256SHA256, and turn DNSSEC on again.`,
        cli: `gcloud dns managed-zones update <ZONE_NAME> --project=<PROJECT_ID> --dnssec-state=on --${spec.keyType === 'keySigning' ? 'ksk' : 'zsk'}-algorithm=rsasha256 --${spec.keyType === 'keySigning' ? 'ksk' : 'zsk'}-key-length=2048 --denial-of-existence=nsec3`,
        url: 'https://cloud.google.com/dns/docs/dnssec-advanced',
      },
      compliance: { 'cis-gcp-3.0': [spec.cis], ...SECURE_CONFIGURATION, 'nist-800-53-r5': ['SC-13', 'SC-20'] },
      needs: ['dns.managedZones'],
    },
    (snapshot) =>
      withEachProject(snapshot, 'dns.managedZones', (zones, project) =>
        zones
          // Zones that do not sign have no key to judge (CIS 3.3 reports them).
          .filter((zone) => zone.visibility === 'public' && zone.dnssecState !== 'off')
          .map((zone) => {
            const id = dnsZoneName(project, zone.name);
            const weak = zone.keySpecs.some((key) => key.keyType === spec.keyType && key.algorithm === 'rsasha1');
            const algorithms = zone.keySpecs.filter((key) => key.keyType === spec.keyType).map((key) => key.algorithm);
            return weak
              ? fail(id, 'global', `The ${spec.label} of ${zone.dnsName} uses RSASHA1`, { tags: zone.labels })
              : pass(id, 'global', `The ${spec.label} of ${zone.dnsName} uses ${algorithms.join(', ') || 'the default algorithm (RSASHA256)'}`, { tags: zone.labels });
          }),
      ),
  );
}
