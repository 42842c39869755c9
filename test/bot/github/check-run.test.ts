/** The check run's conclusion, summary and buttons, from a repository's findings (pure). */
import { describe, expect, it } from 'vitest';
import { checkRunFor, type RepositoryFinding } from '../../../src/bot/github/check-run.js';

const finding = (over: Partial<RepositoryFinding>): RepositoryFinding => ({
  checkId: 'github-repo-check',
  title: 'A check',
  severity: 'medium',
  status: 'fail',
  resourceId: 'acme/api',
  statusDetail: 'detail',
  suppressed: false,
  ...over,
});

const input = (findings: RepositoryFinding[], scanStatus: 'complete' | 'partial' = 'complete') => ({ repository: 'acme/api', scanId: 'scan-1', scanStatus, findings });

describe('checkRunFor', () => {
  it('succeeds with nothing failing, fails with a failure, is neutral when something could not be checked', () => {
    expect(checkRunFor(input([]))).toMatchObject({ conclusion: 'success', title: 'All checks pass' });
    expect(checkRunFor(input([finding({})]))).toMatchObject({ conclusion: 'failure', title: '1 failing check' });
    expect(checkRunFor(input([finding({ status: 'unknown' })]))).toMatchObject({ conclusion: 'neutral' });
    expect(checkRunFor(input([], 'partial'))).toMatchObject({ conclusion: 'neutral' });
    // A failure outweighs an unknown.
    expect(checkRunFor(input([finding({}), finding({ checkId: 'b', status: 'unknown' })], 'partial')).conclusion).toBe('failure');
  });

  it('does not count failures whose alert is suppressed, but says so', () => {
    const run = checkRunFor(input([finding({ suppressed: true })]));
    expect(run.conclusion).toBe('success');
    expect(run.summary).toContain('1 failing check is suppressed in triage and not counted.');
  });

  it('tabulates failures most severe first, one line per cell, at most 50 rows', () => {
    const many = Array.from({ length: 60 }, (_, i) => finding({ checkId: `c-${String(i).padStart(2, '0')}`, severity: i === 59 ? 'critical' : 'low' }));
    many.push(finding({ checkId: 'pipes', severity: 'critical', title: 'Has | pipe', statusDetail: 'line one\nline two' }));
    const run = checkRunFor(input(many));
    expect(run.title).toBe('61 failing checks');
    const rows = run.summary.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Severity') && !line.startsWith('| ---'));
    expect(rows).toHaveLength(50);
    expect(rows[0]).toBe('| critical | A check (`c-59`) | `acme/api` | detail |');
    expect(rows[1]).toBe('| critical | Has \\| pipe (`pipes`) | `acme/api` | line one line two |');
    expect(run.summary).toContain('…and 11 more.');
  });

  it('offers at most 3 buttons within GitHub\'s limits', () => {
    const { actions } = checkRunFor(input([]));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.length).toBeLessThanOrEqual(3);
    for (const action of actions) {
      expect(action.label.length).toBeLessThanOrEqual(20);
      expect(action.description.length).toBeLessThanOrEqual(40);
      expect(action.identifier.length).toBeLessThanOrEqual(20);
    }
  });
});
