/** CloudSentinel's version, from package.json (one place to bump): the CLI's --version and every report's toolVersion. */
import { createRequire } from 'node:module';

// src/version.ts and dist/version.js both sit one level below package.json.
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
