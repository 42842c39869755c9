/** `cloudsentinel tokens ...`: long-lived REST API tokens, shown once and stored only as a hash. */
import { Option, type Command } from 'commander';
import type { Role } from '../config.js';
import { AppError } from '../errors.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../store/api-tokens.js';
import { appendAudit } from '../store/audit.js';
import type { Executor } from '../store/db.js';
import { ensureDefaultTenant, getTenantBySlug, type Tenant } from '../store/tenants.js';
import { columns, EXIT_FAILED, withDatabase, type Io } from './context.js';

const ROLES: Role[] = ['admin', 'responder', 'viewer'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function tenantFor(executor: Executor, slug: string | undefined): Promise<Tenant> {
  if (slug === undefined) return ensureDefaultTenant(executor);
  return getTenantBySlug(executor, slug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw new AppError('NOT_FOUND', `No tenant with the slug "${slug}".`, { hint: 'Tenants are made when a chat workspace is connected; leave out --tenant for the default tenant.' });
    }
    throw error;
  });
}

const tenantOption = () => new Option('--tenant <slug>', 'the tenant (default: the default tenant)');

export function registerTokenCommands(program: Command, io: Io): Command {
  const tokens = program.command('tokens').description('REST API tokens (Authorization: Bearer <token>)');
  tokens
    .command('create')
    .description('Create an API token; it is printed once, alone on the last line, and stored only as a hash')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'a label to recognise it by', 'api')
    .addOption(tenantOption())
    .action((options: { role: Role; name: string; tenant?: string }) =>
      withDatabase(async ({ database }) => {
        if (!NAME.test(options.name)) throw new AppError('VALIDATION_ERROR', 'The token name must be 1-63 letters, digits, spaces, dots, dashes or underscores.');
        const { token, row } = await database.db.transaction(async (tx) => {
          const tenant = await tenantFor(tx, options.tenant);
          const created = await createApiToken(tx, { tenantId: tenant.id, name: options.name, role: options.role });
          await appendAudit(tx, {
            tenantId: tenant.id,
            actor: 'cli',
            action: 'api_token.create',
            targetType: 'api_token',
            targetId: created.row.id,
            details: { name: created.row.name, role: created.row.role },
          });
          return created;
        });
        io.out(`Created ${row.role} token "${row.name}" (${row.id}). Keep it secret; it cannot be shown again:`);
        io.out(token);
      }),
    );
  tokens
    .command('list')
    .description('List API tokens (never the tokens themselves)')
    .addOption(tenantOption())
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action((options: { tenant?: string; format: 'table' | 'json' }) =>
      withDatabase(async ({ database }) => {
        const tenant = await tenantFor(database.db, options.tenant);
        const rows = await listApiTokens(database.db, tenant.id);
        if (options.format === 'json') {
          io.out(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) {
          io.out('No API tokens yet. Create one with `cloudsentinel tokens create --role viewer --name dashboards`.');
          return;
        }
        const table = [['ID', 'NAME', 'ROLE', 'CREATED', 'LAST USED', 'REVOKED']];
        for (const r of rows) table.push([r.id, r.name, r.role, r.createdAt.toISOString(), r.lastUsedAt?.toISOString() ?? 'never', r.revokedAt?.toISOString() ?? '-']);
        for (const line of columns(table)) io.out(line);
      }),
    );
  tokens
    .command('revoke')
    .description('Revoke an API token at once; requests with it are refused from then on')
    .argument('<id>', 'the token id (from `tokens list`)')
    .addOption(tenantOption())
    .action((id: string, options: { tenant?: string }) =>
      withDatabase(async ({ database }) => {
        if (!UUID.test(id)) throw new AppError('VALIDATION_ERROR', `"${id}" is not a token id; see \`cloudsentinel tokens list\`.`);
        const revoked = await database.db.transaction(async (tx) => {
          const tenant = await tenantFor(tx, options.tenant);
          const done = await revokeApiToken(tx, tenant.id, id);
          await appendAudit(tx, { tenantId: tenant.id, actor: 'cli', action: 'api_token.revoke', targetType: 'api_token', targetId: id, outcome: done ? 'success' : 'failure' });
          return done;
        });
        if (!revoked) {
          io.err(`No live token ${id} in this tenant (unknown, or already revoked).`);
          process.exitCode = EXIT_FAILED;
          return;
        }
        io.out(`Revoked token ${id}.`);
      }),
    );
  return tokens;
}
