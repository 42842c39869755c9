/** The result of testing an integration's connection, in the integration guide's terms. */
export type FailureClass = 'authentication' | 'authorization' | 'network' | 'throttled' | 'unknown';

export interface ConnectionTest {
  status: 'healthy' | 'degraded' | 'unhealthy' | 'unknown';
  responseTimeMs: number;
  errorMessage: string | null;
  /** What kind of problem, so the operator knows what to fix. */
  failure: FailureClass | null;
  checkedAt: string;
  /** Account id, region, project, subscription, login... */
  metadata: Record<string, string>;
}
