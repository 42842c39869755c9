/**
 * Per-client rate limiting: an authenticated caller is counted by identity (`api:<token id>`,
 * `jwt:<sub>`), so many clients behind one proxy do not share a budget and one client cannot dodge
 * it by changing address; a caller not (yet) identified is counted by IP address (IPv6 by /56).
 * Counts live in this process's memory: with several servers behind a balancer each allows the limit.
 */
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ApiConfig } from '../config.js';
import { errorBody } from '../http/error-handler.js';

export function clientRateLimit(config: Pick<ApiConfig, 'rateLimitPerMinute'>): RequestHandler {
  const limit = config.rateLimitPerMinute;
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const caller = req.caller;
      if (caller && 'principal' in caller) return caller.principal.actor;
      return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (req, res) => {
      const retryAfter = String(res.getHeader('Retry-After') ?? '60');
      req.log.info({ route: req.path }, 'API client rate limited');
      res
        .status(429)
        .json(
          errorBody('Too many requests', [
            { code: 'RATE_LIMITED', message: `This client may make ${limit} requests per minute; retry in ${retryAfter} second${retryAfter === '1' ? '' : 's'}.` },
          ]),
        );
    },
  });
}
