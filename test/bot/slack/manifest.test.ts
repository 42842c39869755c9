/**
 * The Slack app manifest at the repository root: one command, every URL on the one Bolt endpoint
 * (or the OAuth redirect), the scopes the app needs and the Home tab event. Read with a small
 * block-style YAML reader below, since the project has no YAML parser of its own; it throws on
 * anything it does not understand rather than misreading it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
  no: number;
}

/** Drops a trailing ` # comment` that is not inside quotes. */
function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || text.charAt(i - 1) === ' ')) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text;
}

function scalar(text: string, no: number): Yaml {
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text.startsWith("'") && text.endsWith("'")) return text.slice(1, -1).replaceAll("''", "'");
  if (/^[[{|>&*!%@`]/.test(text)) throw new Error(`manifest line ${no}: unsupported YAML syntax "${text}"`);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  if (/^-?\d+$/.test(text)) return Number(text);
  return text;
}

const KEY = /^([\w.-]+):(?:\s+(.*))?$/;

/** A block-style mapping at exactly `indent`, from `lines[start]`. */
function readMap(lines: Line[], start: number, indent: number): [Yaml, number] {
  const map: Record<string, Yaml> = {};
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    if (!line || line.indent < indent) break;
    if (line.indent > indent || line.text.startsWith('-')) throw new Error(`manifest line ${line.no}: unexpected indentation`);
    const match = KEY.exec(line.text);
    const key = match?.[1];
    if (!key) throw new Error(`manifest line ${line.no}: expected "key: value", got "${line.text}"`);
    if (key in map) throw new Error(`manifest line ${line.no}: duplicate key ${key}`);
    i += 1;
    const next = lines[i];
    if (match[2] !== undefined) map[key] = scalar(match[2], line.no);
    else if (next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- ')))) [map[key], i] = readBlock(lines, i, next.indent);
    else map[key] = null;
  }
  return [map, i];
}

/** A block-style sequence at exactly `indent`; `- key: value` items are mappings. */
function readSeq(lines: Line[], start: number, indent: number): [Yaml, number] {
  const items: Yaml[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    if (!line || line.indent < indent || (line.indent === indent && !line.text.startsWith('- '))) break;
    if (line.indent > indent) throw new Error(`manifest line ${line.no}: unexpected indentation`);
    const rest = line.text.slice(2).trimStart();
    if (KEY.test(rest)) {
      // The item's first key sits on the dash line; its other keys line up under it.
      const column = indent + line.text.length - rest.length;
      const itemLines = [...lines];
      itemLines[i] = { indent: column, text: rest, no: line.no };
      const [item, next] = readMap(itemLines, i, column);
      items.push(item);
      i = next;
    } else {
      items.push(scalar(rest, line.no));
      i += 1;
    }
  }
  return [items, i];
}

function readBlock(lines: Line[], start: number, indent: number): [Yaml, number] {
  return lines[start]?.text.startsWith('- ') ? readSeq(lines, start, indent) : readMap(lines, start, indent);
}

function parseYaml(source: string): Yaml {
  const lines: Line[] = [];
  for (const [index, raw] of source.split('\n').entries()) {
    if (raw.includes('\t')) throw new Error(`manifest line ${index + 1}: tabs are not YAML indentation`);
    const text = stripComment(raw.trim());
    if (text !== '') lines.push({ indent: raw.length - raw.trimStart().length, text, no: index + 1 });
  }
  const [value, end] = readMap(lines, 0, 0);
  if (end < lines.length) throw new Error(`manifest line ${lines[end]?.no}: unexpected indentation`);
  return value;
}

/** The value at a path of keys and indexes, or undefined. */
function at(value: Yaml | undefined, ...path: Array<string | number>): Yaml | undefined {
  let node = value;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? (typeof step === 'number' ? node[step] : undefined) : typeof step === 'string' ? node[step] : undefined;
  }
  return node;
}

const source = readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8');
const manifest = parseYaml(source);

describe('manifest.yml', () => {
  it('is a version 1.1 manifest for CloudSentinel', () => {
    expect(at(manifest, '_metadata')).toEqual({ major_version: 1, minor_version: 1 });
    expect(at(manifest, 'display_information', 'name')).toBe('CloudSentinel');
    expect(at(manifest, 'display_information', 'background_color')).toMatch(/^#[0-9a-f]{6}$/i);
    // Slack refuses a short description over 140 characters.
    const description = at(manifest, 'display_information', 'description');
    expect(typeof description === 'string' && description.length > 0 && description.length <= 140).toBe(true);
    expect(at(manifest, 'features', 'bot_user')).toEqual({ display_name: 'CloudSentinel', always_online: true });
  });

  it('declares /sentinel on the Bolt endpoint, with the subcommands as its hint', () => {
    const commands = at(manifest, 'features', 'slash_commands');
    expect(Array.isArray(commands) && commands.length).toBe(1);
    expect(at(commands, 0, 'command')).toBe('/sentinel');
    expect(at(commands, 0, 'url')).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(at(commands, 0, 'description')).toEqual(expect.any(String));
    expect(at(commands, 0, 'usage_hint')).toBe('help | scan <integration> | status | alerts | subscribe | unsubscribe | integrations | suppressions | role');
  });

  it('sends interactivity and events to /slack/events, and OAuth back to /slack/oauth_redirect', () => {
    expect(at(manifest, 'settings', 'interactivity')).toEqual({ is_enabled: true, request_url: expect.stringMatching(/^https:\/\/[^/]+\/slack\/events$/) as unknown });
    expect(at(manifest, 'settings', 'event_subscriptions', 'request_url')).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    const redirects = at(manifest, 'oauth_config', 'redirect_urls');
    expect(redirects).toEqual([expect.stringMatching(/^https:\/\/[^/]+\/slack\/oauth_redirect$/)]);
    // One placeholder host everywhere, so one search-and-replace sets it up.
    const hosts = new Set([...source.matchAll(/https:\/\/([^/\s]+)\/slack\//g)].map((match) => match[1]));
    expect([...hosts]).toEqual(['YOUR-HOST']);
  });

  it('asks for the bot scopes the app uses', () => {
    const scopes = at(manifest, 'oauth_config', 'scopes', 'bot');
    expect(scopes).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:read', 'groups:read', 'im:write', 'app_mentions:read']),
    );
    expect(at(manifest, 'oauth_config', 'scopes', 'user')).toBeUndefined();
  });

  it('subscribes to app_home_opened and enables the Home and Messages tabs', () => {
    expect(at(manifest, 'settings', 'event_subscriptions', 'bot_events')).toEqual(['app_home_opened']);
    expect(at(manifest, 'features', 'app_home')).toEqual({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  });

  it('runs over HTTP, in one workspace at a time, without token rotation', () => {
    expect(at(manifest, 'settings')).toMatchObject({ org_deploy_enabled: false, socket_mode_enabled: false, token_rotation_enabled: false });
  });
});

describe('the manifest reader', () => {
  it('reads nested mappings, sequences of mappings, quoted strings and comments', () => {
    const parsed = parseYaml(['a:', '  b: "#x" # note', '  list:', '    - k: 1', '      v: true', '    - plain: https://h/p', 'c:', '  - one'].join('\n'));
    expect(parsed).toEqual({ a: { b: '#x', list: [{ k: 1, v: true }, { plain: 'https://h/p' }] }, c: ['one'] });
  });

  it('refuses syntax it does not read instead of misreading it', () => {
    expect(() => parseYaml('a: [x, y]')).toThrow(/unsupported YAML syntax/);
    expect(() => parseYaml('a: 1\n   b: 2')).toThrow(/unexpected indentation/);
    expect(() => parseYaml('a: 1\na: 2')).toThrow(/duplicate key/);
  });
});
