/**
 * Output formats for a scan: `renderFindings(format, report)` returns the text to write to stdout or
 * `--output FILE`. Every format ends with a line break.
 */
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderOcsf } from './ocsf.js';
import type { OutputFormat, ScanReport } from './report.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

export interface RenderOptions {
  /** table: ANSI colours for severities (default false; pass `process.stdout.isTTY`). */
  color?: boolean;
  /** table: terminal width in columns (default 120). */
  width?: number;
  /** sarif: `tool.driver.informationUri` (left out when not given). */
  informationUri?: string;
}

export function renderFindings(format: OutputFormat, report: ScanReport, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(report, options);
    case 'json':
      return renderJson(report);
    case 'csv':
      return renderCsv(report);
    case 'sarif':
      return renderSarif(report, options);
    case 'ocsf':
      return renderOcsf(report);
  }
}

export { OUTPUT_FORMATS } from './report.js';
export type { OutputFormat, ScanReport } from './report.js';
