/**
 * `npm run teams:package`: the Teams app package to sideload or publish — `teams/manifest.json` with
 * the bot's app id filled in (as the app's own id and as the bot's), and the two icons, zipped into
 * `dist/teams/cloudsentinel-teams.zip`.
 *
 * Usage: MICROSOFT_APP_ID=<guid> npm run teams:package [-- --domain cloudsentinel.example.com]
 * (`--domain` adds the host CloudSentinel is served from to the manifest's validDomains).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { strToU8, zipSync } from 'fflate';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export interface TeamsPackageOptions {
  /** The Azure Bot's Microsoft App ID. */
  appId: string | undefined;
  /** Hosts to list in validDomains (the public host CloudSentinel runs on). */
  domains?: string[];
  /** Where manifest.json and the icons are. Default: `teams/` in the repository. */
  sourceDir?: string;
  /** The zip to write. Default: `dist/teams/cloudsentinel-teams.zip`. */
  outFile?: string;
}

export class TeamsPackageError extends Error {
  override name = 'TeamsPackageError';
}

interface Manifest {
  id: string;
  bots: Array<{ botId: string }>;
  validDomains?: string[];
  [field: string]: unknown;
}

function readManifest(path: string): Manifest {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('bots' in parsed) || !Array.isArray(parsed.bots) || parsed.bots.length === 0) {
    throw new TeamsPackageError(`${path} is not a Teams app manifest with a bot.`);
  }
  return parsed as Manifest;
}

/** Writes the package and returns its path. */
export function buildTeamsPackage(options: TeamsPackageOptions): string {
  const appId = options.appId?.trim() ?? '';
  if (!appId) throw new TeamsPackageError('MICROSOFT_APP_ID is not set: set it to the Azure Bot\'s Microsoft App ID (a GUID), e.g. MICROSOFT_APP_ID=<guid> npm run teams:package.');
  if (!GUID.test(appId)) throw new TeamsPackageError(`MICROSOFT_APP_ID must be the bot's Microsoft App ID, a GUID such as 123e4567-e89b-12d3-a456-426614174000, not "${appId}".`);
  const domains = options.domains ?? [];
  const badDomain = domains.find((domain) => !HOST.test(domain));
  if (badDomain) throw new TeamsPackageError(`--domain takes a host name such as cloudsentinel.example.com, not "${badDomain}".`);

  const sourceDir = options.sourceDir ?? join(ROOT, 'teams');
  const outFile = options.outFile ?? join(ROOT, 'dist', 'teams', 'cloudsentinel-teams.zip');
  const manifest = readManifest(join(sourceDir, 'manifest.json'));
  manifest.id = appId;
  manifest.bots = manifest.bots.map((bot) => ({ ...bot, botId: appId }));
  manifest.validDomains = [...new Set([...(manifest.validDomains ?? []), ...domains])];

  const zip = zipSync({
    'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': readFileSync(join(sourceDir, 'color.png')),
    'outline.png': readFileSync(join(sourceDir, 'outline.png')),
  });
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return outFile;
}

/** `--domain a.example.com --domain b.example.com` → the hosts. */
function domainsFrom(argv: readonly string[]): string[] {
  const domains: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--domain' && argv[i + 1]) domains.push(argv[i + 1] as string);
    else if (arg.startsWith('--domain=')) domains.push(arg.slice('--domain='.length));
  });
  return domains;
}

function main(): void {
  try {
    // A build script, not the service: it reads the one variable it needs itself.
    // eslint-disable-next-line no-restricted-properties
    const out = buildTeamsPackage({ appId: process.env.MICROSOFT_APP_ID, domains: domainsFrom(process.argv.slice(2)) });
    process.stdout.write(`Teams app package written to ${out}\nUpload it in Teams: Apps → Manage your apps → Upload an app.\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
