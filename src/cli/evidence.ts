/**
 * `cloudsentinel evidence export` writes a compliance evidence pack (a zip of the report, every
 * evidence item and a manifest of checksums); `cloudsentinel evidence verify FILE` checks one
 * offline — no database, no server — so an auditor can run it on what they were handed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../errors.js';
import { REPORT_FRAMEWORKS, type ReportFramework } from '../reports/compliance.js';
import { buildEvidencePack, verifyEvidencePack } from '../reports/evidence-pack.js';
import { findIntegrationByName } from '../store/integrations.js';
import { ensureDefaultTenant } from '../store/tenants.js';
import { EXIT_FAILED, EXIT_USAGE, withDatabase, type Io } from './context.js';

function frameworkOf(value: string): ReportFramework {
  if ((REPORT_FRAMEWORKS as readonly string[]).includes(value)) return value as ReportFramework;
  throw new AppError('VALIDATION_ERROR', `Unknown framework \`${value}\`: use one of ${REPORT_FRAMEWORKS.join(', ')}.`);
}

export function registerEvidenceCommands(program: Command, io: Io): void {
  const evidence = program.command('evidence').description('Compliance evidence packs: export one, verify one offline');

  evidence
    .command('export')
    .description('Write the evidence pack of a framework (report, evidence items, manifest of checksums) as a zip')
    .requiredOption('--framework <name>', `one of ${REPORT_FRAMEWORKS.join(', ')}`)
    .option('--integration <name>', 'only this integration')
    .requiredOption('-o, --out <file>', 'where to write the zip')
    .action((options: { framework: string; integration?: string; out: string }) =>
      withDatabase(async ({ database }) => {
        const framework = frameworkOf(options.framework);
        const tenant = await ensureDefaultTenant(database.db);
        let integrationId: string | null = null;
        if (options.integration) {
          const integration = await findIntegrationByName(database.db, tenant.id, options.integration);
          if (!integration) throw new AppError('NOT_FOUND', `There is no integration called \`${options.integration}\`.`);
          integrationId = integration.id;
        }
        const pack = await buildEvidencePack(database.db, { tenantId: tenant.id, framework, integrationId });
        await writeFile(options.out, pack.zip);
        const { summary } = pack.report;
        io.out(`Wrote ${options.out}: ${summary.controls} control(s) — ${summary.fail} failing, ${summary.pass} passing, ${summary.unknown} unknown — and ${pack.manifest.evidence.length} evidence item(s).`);
      }),
    );

  evidence
    .command('verify <file>')
    .description('Check an evidence pack offline: every file unchanged since export and every item matching its checksum; exit 1 otherwise')
    .action(async (file: string) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(file));
      } catch (error) {
        io.err(`cloudsentinel: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = EXIT_USAGE;
        return;
      }
      const result = verifyEvidencePack(bytes);
      if (result.ok) {
        io.out(`OK: ${result.files} file(s) and ${result.evidence} evidence item(s) match their checksums.`);
        return;
      }
      io.out(`FAILED: ${result.problems.length} problem(s) in ${file}:`);
      for (const problem of result.problems) io.out(`  - ${problem}`);
      process.exitCode = EXIT_FAILED;
    });
}
