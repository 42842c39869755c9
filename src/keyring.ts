import type { Config } from './config.js';
import { AppError } from './errors.js';
import type { Logger } from './logger.js';
import { Keyring, loadOrCreateKeyFile, parseKeyring } from './store/crypto.js';

/**
 * The keyring from CLOUDSENTINEL_ENCRYPTION_KEYS; on the embedded default without one, a key kept in
 * the data directory (made on first use). A shared PostgreSQL deployment must bring its own key:
 * every server and worker needs the same one, and a generated file would exist on one machine only.
 */
export function resolveKeyring(config: Config, logger: Logger): Keyring {
  if (config.encryptionKeys) return new Keyring(parseKeyring(config.encryptionKeys).keys);
  if (config.database.kind === 'postgres') {
    throw new AppError('CONFIG_ERROR', 'CLOUDSENTINEL_ENCRYPTION_KEYS is required with DATABASE_URL: stored credentials are encrypted with it.', {
      hint: 'Generate a key with `cloudsentinel keys generate` (or `echo v1:$(openssl rand -base64 32)`) and set it on every server and worker.',
    });
  }
  const file = loadOrCreateKeyFile(config.dataDir);
  const { keys, problems } = parseKeyring(file.spec);
  if (problems.length > 0) {
    throw new AppError('CONFIG_ERROR', `The key file ${file.path} is damaged: ${problems.join('; ')}.`, {
      hint: 'Restore it from a backup; without it the stored credentials cannot be decrypted.',
    });
  }
  if (file.created) {
    logger.warn(
      { keyFile: file.path },
      'Generated an encryption key for stored credentials in the data directory. Back it up, and for production set CLOUDSENTINEL_ENCRYPTION_KEYS instead.',
    );
  }
  return new Keyring(keys);
}
