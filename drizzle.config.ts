import { defineConfig } from 'drizzle-kit';

// Generation only needs the schema; migrations are applied at runtime by `cloudsentinel migrate` / `serve`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/schema.ts',
  out: './migrations',
});
