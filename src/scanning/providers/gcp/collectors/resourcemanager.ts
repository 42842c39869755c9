/** Cloud Resource Manager: a project's IAM policy (with its audit configuration), and an organization's projects. */
import type { ProjectIamPolicy } from '../snapshot.js';
import { bindingsOf, paginate, type GcpCollectorContext } from './context.js';

export async function collectProjectIamPolicy(ctx: GcpCollectorContext, project: string): Promise<ProjectIamPolicy> {
  const crm = await ctx.rest.resourceManager();
  const { data } = await crm.projects.getIamPolicy({ resource: `projects/${project}`, requestBody: { options: { requestedPolicyVersion: 3 } } });
  return {
    bindings: bindingsOf(data),
    auditConfigs: (data.auditConfigs ?? []).map((config) => ({
      service: config.service ?? '',
      auditLogConfigs: (config.auditLogConfigs ?? []).map((log) => ({ logType: log.logType ?? '', exemptedMembers: log.exemptedMembers ?? [] })),
    })),
  };
}

/**
 * Every ACTIVE project under an organization, however deep in folders: projects and folders are
 * listed per parent (Resource Manager v3 lists direct children only), folders walked breadth-first.
 */
export async function listOrganizationProjects(ctx: GcpCollectorContext, organizationId: string): Promise<string[]> {
  const crm = await ctx.rest.resourceManager();
  const parent0 = organizationId.startsWith('organizations/') ? organizationId : `organizations/${organizationId}`;
  const projects: string[] = [];
  const queue = [parent0];
  const visited = new Set<string>();
  while (queue.length > 0) {
    const parent = queue.shift() as string;
    if (visited.has(parent)) continue;
    visited.add(parent);
    const [children, folders] = await Promise.all([
      paginate((pageToken) => crm.projects.list({ parent, ...(pageToken ? { pageToken } : {}) }).then(({ data }) => ({ items: data.projects, next: data.nextPageToken }))),
      paginate((pageToken) => crm.folders.list({ parent, ...(pageToken ? { pageToken } : {}) }).then(({ data }) => ({ items: data.folders, next: data.nextPageToken }))),
    ]);
    for (const project of children) if (project.state === 'ACTIVE' && project.projectId) projects.push(project.projectId);
    for (const folder of folders) if (folder.state === 'ACTIVE' && folder.name) queue.push(folder.name);
  }
  return [...new Set(projects)].sort();
}
