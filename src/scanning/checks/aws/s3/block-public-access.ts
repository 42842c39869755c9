/** Reading a Block Public Access configuration: which of its four settings are off. */
import type { PublicAccessBlock } from '../../../providers/aws/snapshot.js';

const SETTINGS: [keyof PublicAccessBlock, string][] = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
];

const ALL_OFF: readonly string[] = Object.freeze(SETTINGS.map(([, name]) => name));
const NONE_OFF: readonly string[] = Object.freeze([]);

/**
 * The settings that are off; all four when there is no configuration at all. Asked once per bucket
 * by several checks: the usual answers (all on, no configuration) are shared, not built each time.
 */
export function settingsOff(block: PublicAccessBlock | null): readonly string[] {
  if (!block) return ALL_OFF;
  if (block.blockPublicAcls && block.ignorePublicAcls && block.blockPublicPolicy && block.restrictPublicBuckets) return NONE_OFF;
  return SETTINGS.filter(([key]) => !block[key]).map(([, name]) => name);
}
