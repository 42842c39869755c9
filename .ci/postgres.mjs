// Tiny PostgreSQL helper for CI: `ping URL`, `create URL NAME`, `drop URL NAME`.
import postgres from 'postgres';

const [command, url, name] = process.argv.slice(2);
const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
try {
  if (command === 'ping') await sql`select 1`;
  else if (command === 'create') await sql.unsafe(`create database "${name}"`);
  else if (command === 'drop') await sql.unsafe(`drop database if exists "${name}" with (force)`);
  else throw new Error(`unknown command ${command}`);
  await sql.end();
  process.exit(0);
} catch {
  await sql.end({ timeout: 1 }).catch(() => {});
  process.exit(1);
}
