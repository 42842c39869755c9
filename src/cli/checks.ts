/** `cloudsentinel checks list`: every check, its severity and the controls it maps to. */
import { Option, type Command } from 'commander';
import { allChecks } from '../scanning/registry.js';
import type { CheckMeta, Provider } from '../scanning/types.js';
import { columns, type Io } from './context.js';
import { PROVIDERS } from './integrations.js';

function complianceSummary(meta: CheckMeta): string {
  return Object.entries(meta.compliance)
    .map(([framework, controls]) => `${framework}:${(controls ?? []).join('|')}`)
    .join(' ');
}

export function registerCheckCommands(program: Command, io: Io): void {
  const checks = program.command('checks').description('The checks CloudSentinel runs');
  checks
    .command('list')
    .description('List checks with severity and compliance mappings')
    .addOption(new Option('--provider <provider>', 'only this provider').choices(PROVIDERS))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((options: { provider?: Provider; format: 'table' | 'json' }) => {
      const selected = allChecks.filter((c) => !options.provider || c.meta.provider === options.provider).map((c) => c.meta);
      if (options.format === 'json') {
        io.out(JSON.stringify(selected.map(({ needs: _needs, ...meta }) => meta), null, 2));
        return;
      }
      const rows = [['ID', 'SEVERITY', 'SERVICE', 'TITLE', 'COMPLIANCE']];
      for (const meta of selected) rows.push([meta.id, meta.severity, meta.service, meta.title, complianceSummary(meta)]);
      for (const line of columns(rows)) io.out(line);
      io.out(`\n${selected.length} check(s).`);
    });
}
