import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

export interface DirectoryLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database is one process's alone: two processes writing one PGlite directory would
 * corrupt it. A lock file holding the owner's pid keeps a second one out; a stale lock (its owner
 * died) is taken over.
 */
export function acquireDirectoryLock(dir: string): DirectoryLock {
  const path = join(dir, 'cloudsentinel.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(owner) && isAlive(owner)) {
        throw new AppError('DATABASE_ERROR', `The embedded database in ${dir} is in use by another CloudSentinel process (pid ${owner}); it cannot be opened twice.`, {
          hint: 'Stop that process first, or run both against PostgreSQL by setting DATABASE_URL.',
        });
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('DATABASE_ERROR', `Could not lock the embedded database directory ${dir}.`);
}
