import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/db/schema.ts', './src/platform/db/scheme-tables.ts', './src/platform/db/rating-tables.ts', './src/platform/db/evaluation-tables.ts', './src/platform/db/grid-tables.ts', './src/platform/db/service-tables.ts'],
  out: './drizzle',
});
