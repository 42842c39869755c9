import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../src/logger.js';

function capture(): { lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return { lines, write: (line: string) => lines.push(line) };
}

describe('logger', () => {
  it('writes JSON lines with level labels and ISO times', () => {
    const out = capture();
    createLogger('info', out).info({ scanId: 's-1' }, 'scan started');
    const line = JSON.parse(out.lines[0] as string) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', service: 'cloudsentinel', scanId: 's-1', msg: 'scan started' });
    expect(typeof line.time).toBe('string');
  });

  it('redacts secret fields wherever they appear', () => {
    const out = capture();
    const canary = 'CANARY-wJalrXUtnFEMI-K7MDENG';
    createLogger('info', out).info(
      {
        credentials: { access_key_id: 'AKIA', secret_access_key: canary },
        integration: { name: 'prod', client_secret: canary, token: canary },
        deep: { nested: { private_key: canary, password: canary } },
        req: { headers: { authorization: `Bearer ${canary}` } },
        botToken: canary,
      },
      'connecting',
    );
    const text = out.lines.join('\n');
    expect(text).not.toContain(canary);
    expect(text).toContain('"name":"prod"');
    expect(text).toContain('[redacted]');
  });

  it('scrubs secrets out of free-text messages, as Bolt logs request bodies', () => {
    const line = 'http request body: {"code":"4711.abc","client_id":"111.222","client_secret":"s3cr3t-value"} token xoxb-123-456-abcDEF and xapp-1-A1-xyz';
    const scrubbed = scrubSecrets(line);
    expect(scrubbed).toBe('http request body: {"code":"[redacted]","client_id":"111.222","client_secret":"[redacted]"} token [redacted] and [redacted]');
  });

  it('scrubs Discord bot tokens out of free text', () => {
    const token = `MTA${'x'.repeat(21)}.GhIjKl.${'y'.repeat(30)}`;
    expect(scrubSecrets(`PATCH failed with Authorization: Bot ${token} (401)`)).toBe('PATCH failed with Authorization: Bot [redacted] (401)');
  });

  it('respects the level', () => {
    const out = capture();
    const logger = createLogger('warn', out);
    logger.info('hidden');
    logger.warn('shown');
    expect(out.lines).toHaveLength(1);
  });
});
