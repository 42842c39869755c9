import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { instanceResult, metadataFlag } from '../lib/compute.js';
import { collectedIn, defineGcpCheck, fail, pass, withEachProject } from '../lib/helpers.js';

/** CIS 4.5: interactive serial console access is off (instance metadata, else the project's). */
export const check = defineGcpCheck(
  {
    id: 'gcp-compute-instance-serial-port-enabled',
    title: 'VM instance allows interactive serial port access',
    service: 'compute',
    resourceType: 'compute.googleapis.com/Instance',
    severity: 'medium',
    description: 'Checks that serial-port-enable is not true for any VM instance, in its own metadata or inherited from project metadata.',
    risk: 'The serial console accepts connections from any IP address and bypasses firewall rules: whoever holds the right key or IAM permission gets a console on the instance.',
    remediation: {
      text: 'Set serial-port-enable=FALSE on the instance and in project metadata; enforce the compute.disableSerialPortAccess organization policy.',
      cli: 'gcloud compute instances add-metadata <INSTANCE> --zone=<ZONE> --project=<PROJECT_ID> --metadata=serial-port-enable=FALSE',
      url: 'https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console',
    },
    compliance: { 'cis-gcp-3.0': ['4.5'], ...SECURE_CONFIGURATION, 'nist-800-53-r5': ['AC-17', 'CM-7'] },
    needs: ['compute.instances', 'compute.project'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.instances', (instances, project) => {
      const info = collectedIn(snapshot, 'compute.project', project);
      const projectWide = info.ok ? metadataFlag(info.value.metadata, 'serial-port-enable') : null;
      return instances.map((instance) => {
        const { id, region, tags } = instanceResult(project, instance);
        const own = metadataFlag(instance.metadata, 'serial-port-enable');
        if (own === true) return fail(id, region, 'serial-port-enable is true on the instance', { tags });
        if (own === null && projectWide === true) return fail(id, region, 'serial-port-enable is true in project metadata and the instance does not override it', { tags });
        return pass(id, region, 'Interactive serial port access is off', { tags });
      });
    }),
);
