/** IAM Access Analyzer analyzers in a region. */
import { paginateListAnalyzers, type AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import type { AccessAnalyzer } from '../snapshot.js';
import { allPages } from './values.js';

export async function collectAnalyzers(accessAnalyzer: AccessAnalyzerClient): Promise<AccessAnalyzer[]> {
  const analyzers = await allPages(paginateListAnalyzers({ client: accessAnalyzer, pageSize: 100 }, {}), (page) => page.analyzers);
  return analyzers.map((a) => ({ name: a.name ?? '', arn: a.arn ?? '', type: a.type ?? '', status: a.status ?? '' }));
}
