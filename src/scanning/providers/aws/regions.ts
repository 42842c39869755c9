/**
 * The regions to scan: the ones asked for, or every region the account has enabled (EC2
 * DescribeRegions without AllRegions lists opt-in-not-required and opted-in regions only).
 */
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import type { AwsClients } from './clients.js';

export interface ResolvedRegions {
  regions: string[];
  /** Why discovery fell back to the home region, when it did. */
  fallbackReason: unknown;
}

export async function resolveRegions(clients: AwsClients, requested: readonly string[] | undefined): Promise<ResolvedRegions> {
  if (requested && requested.length > 0) return { regions: [...new Set(requested)], fallbackReason: undefined };
  try {
    const out = await clients.ec2().send(new DescribeRegionsCommand({ AllRegions: false }));
    const regions = (out.Regions ?? [])
      .filter((r) => r.OptInStatus !== 'not-opted-in')
      .map((r) => r.RegionName)
      .filter((name): name is string => Boolean(name))
      .sort();
    if (regions.length > 0) return { regions, fallbackReason: undefined };
    return { regions: [clients.region], fallbackReason: new Error('DescribeRegions listed no region') };
  } catch (error) {
    // Without ec2:DescribeRegions the home region can still be scanned: better than nothing.
    return { regions: [clients.region], fallbackReason: error };
  }
}
