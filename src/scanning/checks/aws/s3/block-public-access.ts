/** Reading a Block Public Access configuration: which of its four settings are off. */
import type { PublicAccessBlock } from '../../../providers/aws/snapshot.js';

const SETTINGS: [keyof PublicAccessBlock, string][] = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
];

/** The settings that are off; all four when there is no configuration at all. */
export function settingsOff(block: PublicAccessBlock | null): string[] {
  return SETTINGS.filter(([key]) => !block?.[key]).map(([, name]) => name);
}
