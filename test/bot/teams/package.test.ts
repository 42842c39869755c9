/**
 * The Teams app package: the manifest (schema 1.17, the bot in every scope, commands that mirror the
 * core's), the icons Teams requires (192×192 colour, 32×32 white-on-transparent outline), and
 * `npm run teams:package`, which fills in the app id and zips the three files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { HELP } from '../../../src/bot/core/commands.js';
import { buildTeamsPackage, TeamsPackageError } from '../../../scripts/teams-package.js';

const APP_ID = '123e4567-e89b-12d3-a456-426614174000';
const out = mkdtempSync(join(tmpdir(), 'cs-teams-package-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Png {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Buffer;
}

/** Reads the RGBA PNGs this repository ships (8-bit, unfiltered rows). */
function readPng(data: Uint8Array): Png {
  const buf = Buffer.from(data);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('ascii', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const start = y * (width * 4 + 1);
    expect(raw[start]).toBe(0);
    rows.push(raw.subarray(start + 1, start + 1 + width * 4));
  }
  return { width, height, pixels: Buffer.concat(rows) };
}

describe('the Teams app package', () => {
  const manifest = JSON.parse(readFileSync('teams/manifest.json', 'utf8')) as {
    manifestVersion: string;
    name: { short: string; full: string };
    description: { short: string; full: string };
    bots: Array<{ scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }> }>;
    icons: { color: string; outline: string };
  };

  it('has a manifest of schema 1.17 with the bot in personal, team and group chat scopes', () => {
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(manifest.bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('lists the commands the core knows, within Teams limits', () => {
    const commands = manifest.bots[0]?.commandLists[0]?.commands ?? [];
    expect(commands.length).toBeLessThanOrEqual(10);
    for (const command of commands) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
      expect(HELP).toContain(`/sentinel ${command.title}`);
    }
    const verbs = [...HELP.matchAll(/`\/sentinel (\w+)/g)].map((m) => m[1]);
    expect(commands.map((c) => c.title).sort()).toEqual([...new Set(verbs)].sort());
  });

  it('ships a 192×192 colour icon and a 32×32 white-on-transparent outline', () => {
    const color = readPng(readFileSync('teams/color.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(readFileSync('teams/outline.png'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let white = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) continue;
      expect([r, g, b, a]).toEqual([255, 255, 255, 255]);
      white += 1;
    }
    expect(white).toBeGreaterThan(50);
  });

  it('zips the manifest with the app id filled in, and the icons', () => {
    const file = buildTeamsPackage({ appId: APP_ID, domains: ['cloudsentinel.example.com'], outFile: join(out, 'app.zip') });
    const files = unzipSync(readFileSync(file));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array)) as { id: string; bots: Array<{ botId: string }>; validDomains: string[] };
    expect(packaged.id).toBe(APP_ID);
    expect(packaged.bots[0]?.botId).toBe(APP_ID);
    expect(packaged.validDomains).toEqual(['cloudsentinel.example.com']);
    expect(Buffer.from(files['color.png'] as Uint8Array)).toEqual(readFileSync('teams/color.png'));
  });

  it('refuses a missing or malformed app id, or a bad domain, with a message that says what to set', () => {
    expect(() => buildTeamsPackage({ appId: undefined, outFile: join(out, 'x.zip') })).toThrow(/MICROSOFT_APP_ID is not set/);
    expect(() => buildTeamsPackage({ appId: 'my-bot', outFile: join(out, 'x.zip') })).toThrow(TeamsPackageError);
    expect(() => buildTeamsPackage({ appId: APP_ID, domains: ['https://x'], outFile: join(out, 'x.zip') })).toThrow(/--domain/);
  });
});
