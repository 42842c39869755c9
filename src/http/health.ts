/**
 * /healthz says the process is alive; /readyz says it can do its work: the database answers, the
 * migrations are applied and the job queue runs. A load balancer stops sending traffic on 503.
 */
import { Router } from 'express';

export interface ReadinessCheck {
  name: string;
  /** Resolves when ready; rejects with the reason when not. */
  check(): Promise<void>;
}

export interface Readiness {
  checks: ReadinessCheck[];
  /** Set once shutdown begins, so traffic drains away before the process exits. */
  shuttingDown: boolean;
}

const CHECK_TIMEOUT_MS = 3000;

async function run(check: ReadinessCheck): Promise<{ name: string; ok: boolean; reason?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { name: check.name, ok: true };
  } catch (error) {
    return { name: check.name, ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRouter(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  router.get('/readyz', async (_req, res) => {
    if (readiness.shuttingDown) {
      res.status(503).json({ status: 'not_ready', notReady: [{ name: 'process', reason: 'shutting down' }] });
      return;
    }
    const results = await Promise.all(readiness.checks.map(run));
    const failing = results.filter((r) => !r.ok).map(({ name, reason }) => ({ name, reason }));
    const checks = Object.fromEntries(results.map((r) => [r.name, r.ok ? 'ok' : 'failing']));
    if (failing.length > 0) {
      res.status(503).json({ status: 'not_ready', checks, notReady: failing });
      return;
    }
    res.json({ status: 'ready', checks });
  });
  return router;
}
