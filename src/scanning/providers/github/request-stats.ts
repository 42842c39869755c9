/**
 * Counts what a scan asked of GitHub, for `ScanOutcome.apiCalls`: requests the collectors made
 * (`calls`, pagination pages included, one each however many attempts it took), HTTP attempts
 * beyond the first (`retries`: server errors retried by plugin-retry, rate limits waited out by
 * plugin-throttling), rate-limited answers (`throttled`), and conditional requests answered
 * 304 Not Modified from the ETag cache (`notModified`, which GitHub does not charge to the rate limit).
 */
import type { GitHubClient, GitHubRequestObserver } from './clients.js';

export class GitHubRequestStats {
  calls = 0;
  attempts = 0;
  throttled = 0;
  notModified = 0;

  get retries(): number {
    return Math.max(0, this.attempts - this.calls);
  }

  /**
   * The client observer: counts attempts and throttled answers, and waits out a rate limit only
   * when its reset is at most `maxWaitSeconds` away (a scan should not sleep for most of an hour).
   */
  observer(maxWaitSeconds: number): GitHubRequestObserver {
    return {
      onAttempt: () => {
        this.attempts += 1;
      },
      onThrottled: (_kind, retryAfterSeconds) => {
        this.throttled += 1;
        return retryAfterSeconds <= maxWaitSeconds;
      },
    };
  }

  /** Counts each request once: registered after the plugins, this hook wraps their retries. */
  install(octokit: GitHubClient): void {
    octokit.hook.wrap('request', async (request, options) => {
      this.calls += 1;
      return request(options);
    });
  }
}
