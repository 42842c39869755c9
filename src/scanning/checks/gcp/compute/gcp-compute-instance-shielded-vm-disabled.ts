import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { instanceResult } from '../lib/compute.js';
import { defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** CIS 4.8: Shielded VM with vTPM and integrity monitoring (secure boot is reported, CIS does not require it). */
export const check = defineGcpCheck(
  {
    id: 'gcp-compute-instance-shielded-vm-disabled',
    title: 'VM instance is not a Shielded VM',
    service: 'compute',
    resourceType: 'compute.googleapis.com/Instance',
    severity: 'medium',
    description: 'Checks that every VM instance has Shielded VM vTPM and integrity monitoring enabled.',
    risk: 'Without measured boot and integrity monitoring, boot-level malware (rootkits, bootkits) can persist on the instance undetected.',
    remediation: {
      text: 'Stop the instance and turn on vTPM and integrity monitoring (and secure boot where the image supports it).',
      cli: 'gcloud compute instances update <INSTANCE> --zone=<ZONE> --project=<PROJECT_ID> --shielded-vtpm --shielded-integrity-monitoring --shielded-secure-boot',
      url: 'https://cloud.google.com/compute/shielded-vm/docs/modifying-shielded-vm',
    },
    compliance: { 'cis-gcp-3.0': ['4.8'], ...SECURE_CONFIGURATION, 'nist-800-53-r5': ['SI-7', 'CM-6'] },
    needs: ['compute.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.instances', (instances, project) =>
      instances.map((instance) => {
        const { id, region, tags } = instanceResult(project, instance);
        const shielded = instance.shieldedVm;
        if (!shielded) return fail(id, region, 'No Shielded VM configuration', { tags });
        const off = [!shielded.vtpm && 'vTPM', !shielded.integrityMonitoring && 'integrity monitoring'].filter(Boolean);
        if (off.length > 0) return fail(id, region, `Shielded VM ${off.join(' and ')} disabled`, { tags });
        return pass(id, region, `vTPM and integrity monitoring on; secure boot ${shielded.secureBoot ? 'on' : 'off'}`, { tags });
      }),
    ),
);
