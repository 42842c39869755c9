import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/finding-equality.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database; two cores run two files at once.
    pool: 'forks',
    fileParallelism: true,
    // Node reads NODE_EXTRA_CA_CERTS once, at start-up: vitest puts `env` into each forked worker's
    // environment when it spawns it, so every worker trusts the test CA that signs the HTTPS fakes
    // (Azure's SDK sends bearer tokens over HTTPS only). See test/fixtures/tls/generate.sh.
    env: { NODE_EXTRA_CA_CERTS: fileURLToPath(new URL('./test/fixtures/tls/ca.pem', import.meta.url)) },
  },
});
