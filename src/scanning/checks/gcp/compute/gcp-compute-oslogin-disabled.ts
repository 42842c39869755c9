import type { CheckResult } from '../../../types.js';
import { SECURE_CONFIGURATION } from '../lib/compliance.js';
import { instanceResult, metadataFlag } from '../lib/compute.js';
import { collectedIn, defineGcpCheck, fail, pass, projectName, unknown, withEachProject } from '../lib/helpers.js';

/**
 * CIS 4.4: OS Login is enabled for the project (`enable-oslogin=TRUE` in project metadata), and no
 * instance turns it off with its own `enable-oslogin=FALSE`. One result for the project, plus one
 * failure per instance that overrides it.
 */
export const check = defineGcpCheck(
  {
    id: 'gcp-compute-oslogin-disabled',
    title: 'OS Login is not enabled',
    service: 'compute',
    resourceType: 'cloudresourcemanager.googleapis.com/Project',
    severity: 'medium',
    description: 'Checks that the project metadata sets enable-oslogin to TRUE and that no VM instance sets it to FALSE.',
    risk: 'Without OS Login, SSH access is managed with keys in metadata that nobody reviews or revokes; with it, access follows IAM, is audited, and ends when the account does.',
    remediation: {
      text: 'Set enable-oslogin=TRUE in project metadata, remove instance-level enable-oslogin=FALSE, and grant roles/compute.osLogin to those who need access.',
      cli: 'gcloud compute project-info add-metadata --project=<PROJECT_ID> --metadata=enable-oslogin=TRUE',
      url: 'https://cloud.google.com/compute/docs/oslogin/set-up-oslogin',
    },
    compliance: { 'cis-gcp-3.0': ['4.4'], ...SECURE_CONFIGURATION, 'nist-800-53-r5': ['AC-2', 'AC-17', 'IA-2'] },
    needs: ['compute.project', 'compute.instances'],
  },
  (snapshot) =>
    withEachProject(snapshot, 'compute.project', (info, project) => {
      const results: CheckResult[] = [];
      const enabled = metadataFlag(info.metadata, 'enable-oslogin') === true;
      results.push(enabled ? pass(projectName(project), 'global', 'enable-oslogin is TRUE in project metadata') : fail(projectName(project), 'global', 'enable-oslogin is not TRUE in project metadata'));
      const instances = collectedIn(snapshot, 'compute.instances', project);
      if (!instances.ok) {
        results.push(unknown(`${projectName(project)}/instances`, 'global', `Could not check instance overrides: ${instances.error}`));
        return results;
      }
      for (const instance of instances.value) {
        if (instance.gkeNode) continue;
        const own = metadataFlag(instance.metadata, 'enable-oslogin');
        if (own === null) continue;
        const { id, region, tags } = instanceResult(project, instance);
        results.push(own ? pass(id, region, 'enable-oslogin is TRUE on the instance', { resourceType: 'compute.googleapis.com/Instance', tags }) : fail(id, region, 'The instance sets enable-oslogin=FALSE', { resourceType: 'compute.googleapis.com/Instance', tags }));
      }
      return results;
    }),
);
