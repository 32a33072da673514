import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', sequence: { groupOrder: 0 }, include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'], exclude: ['**/*.db.test.ts'], environment: 'node' } },
      { test: { name: 'db', sequence: { groupOrder: 1 }, include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: true, maxWorkers: 2 } },
      { test: { name: 'e2e', sequence: { groupOrder: 2 }, include: ['e2e/**/*.e2e.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
