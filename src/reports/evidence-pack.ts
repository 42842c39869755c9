/**
 * The evidence pack: a zip an auditor can check offline. It holds the compliance report, every
 * evidence item behind it as its own JSON file in the integration guide's structure, and a manifest
 * listing each file's SHA-256 and each item's data checksum. `cloudsentinel evidence verify FILE`
 * recomputes both: a file changed, added or removed after export, or an item whose data no longer
 * matches the checksum taken when it was collected, is reported by name.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { canonicalJson, sha256Hex } from '../store/canonical-json.js';
import type { Executor } from '../store/db.js';
import type { EvidenceItem } from '../store/evidence.js';
import { evidence } from '../store/schema.js';
import { buildComplianceReport, type ComplianceReport, type ReportFramework } from './compliance.js';

export const PACK_FORMAT = 'cloudsentinel-evidence-pack/1';
const MANIFEST = 'manifest.json';

export interface PackManifest {
  format: typeof PACK_FORMAT;
  generated_at: string;
  framework: string;
  integration_id: string | null;
  files: Array<{ path: string; sha256: string; bytes: number }>;
  evidence: Array<{ id: string; path: string; checksum: string }>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/** An item as the guide shows it, plus what an auditor needs to check it. */
function itemFile(item: EvidenceItem): Record<string, unknown> {
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    evidence_type: item.evidenceType,
    status: item.status,
    framework: item.framework,
    control_id: item.controlId,
    data: item.data,
    evidence_metadata: item.evidenceMetadata,
    confidence_score: item.confidenceScore,
    trust_points: item.trustPoints,
    collected_at: item.collectedAt.toISOString(),
    checksum: item.checksum,
    checksum_algorithm: 'sha256 of the canonical JSON (sorted keys, no whitespace) of `data`',
  };
}

export async function buildEvidencePack(
  db: Executor,
  query: { tenantId: string; framework: ReportFramework; integrationId?: string | null; now?: Date },
): Promise<{ zip: Uint8Array; report: ComplianceReport; manifest: PackManifest }> {
  const report = await buildComplianceReport(db, query);
  const ids = [...new Set(report.controls.flatMap((c) => c.evidence.map((e) => e.id)))];
  const items = ids.length === 0 ? [] : await db.select().from(evidence).where(and(eq(evidence.tenantId, query.tenantId), inArray(evidence.id, ids)));
  const files: Zippable = { 'report.json': json(report) };
  for (const item of items) files[`evidence/${item.id}.json`] = json(itemFile(item));
  const manifest: PackManifest = {
    format: PACK_FORMAT,
    generated_at: report.generated_at,
    framework: report.framework,
    integration_id: report.integration_id,
    files: Object.entries(files)
      .map(([path, bytes]) => ({ path, sha256: sha256(bytes as Uint8Array), bytes: (bytes as Uint8Array).byteLength }))
      .sort((a, b) => a.path.localeCompare(b.path)),
    evidence: items.map((item) => ({ id: item.id, path: `evidence/${item.id}.json`, checksum: item.checksum })).sort((a, b) => a.path.localeCompare(b.path)),
  };
  files[MANIFEST] = json(manifest);
  return { zip: zipSync(files, { level: 6, mtime: new Date(report.generated_at) }), report, manifest };
}

export interface PackVerification {
  ok: boolean;
  files: number;
  evidence: number;
  problems: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return undefined;
  try {
    return JSON.parse(strFromU8(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** Checks a pack offline: every listed file present and unchanged, nothing added, every item's data matching its checksum. */
export function verifyEvidencePack(zip: Uint8Array): PackVerification {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    return { ok: false, files: 0, evidence: 0, problems: [`not a readable zip: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const manifest = parseJson(entries[MANIFEST]);
  if (!isRecord(manifest) || manifest.format !== PACK_FORMAT || !Array.isArray(manifest.files) || !Array.isArray(manifest.evidence)) {
    return { ok: false, files: 0, evidence: 0, problems: [`${MANIFEST} is missing or is not a ${PACK_FORMAT} manifest`] };
  }
  const problems: string[] = [];
  const listed = new Set<string>([MANIFEST]);
  for (const file of manifest.files as unknown[]) {
    if (!isRecord(file) || typeof file.path !== 'string' || typeof file.sha256 !== 'string') {
      problems.push('the manifest has a malformed file entry');
      continue;
    }
    listed.add(file.path);
    const bytes = entries[file.path];
    if (!bytes) problems.push(`${file.path}: listed in the manifest but missing`);
    else if (sha256(bytes) !== file.sha256) problems.push(`${file.path}: changed since export (SHA-256 differs from the manifest)`);
  }
  for (const path of Object.keys(entries)) if (!listed.has(path)) problems.push(`${path}: not listed in the manifest`);
  for (const entry of manifest.evidence as unknown[]) {
    if (!isRecord(entry) || typeof entry.path !== 'string' || typeof entry.checksum !== 'string') {
      problems.push('the manifest has a malformed evidence entry');
      continue;
    }
    const item = parseJson(entries[entry.path]);
    if (!isRecord(item)) continue; // reported above as missing or changed
    if (item.checksum !== entry.checksum) problems.push(`${entry.path}: its checksum differs from the manifest's`);
    else if (sha256Hex(canonicalJson(item.data)) !== entry.checksum) problems.push(`${entry.path}: its data does not match the checksum taken when it was collected`);
  }
  return { ok: problems.length === 0, files: manifest.files.length, evidence: manifest.evidence.length, problems };
}
