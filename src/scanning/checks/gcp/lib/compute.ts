/** Reading Compute Engine metadata and service accounts. */
import type { ComputeInstance } from '../../../providers/gcp/snapshot.js';
import { instanceName, regionOfZone } from './helpers.js';

/** Compute metadata booleans: `TRUE`, `true`, `1`, `yes` (as the guest agent reads them). */
export function metadataFlag(metadata: Record<string, string>, key: string): boolean | null {
  const value = metadata[key];
  if (value === undefined) return null;
  return /^(true|1|yes|y|on)$/i.test(value.trim());
}

export function isDefaultComputeServiceAccount(email: string): boolean {
  return /-compute@developer\.gserviceaccount\.com$/.test(email);
}

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** The instance's resource name, region and labels, as every instance result reports them. */
export function instanceResult(project: string, instance: ComputeInstance): { id: string; region: string; tags: Record<string, string> } {
  return { id: instanceName(project, instance.zone, instance.name), region: regionOfZone(instance.zone), tags: instance.labels };
}
