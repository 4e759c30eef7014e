import { defineConfig } from '@playwright/test';

// API requests only: no project, no browser; one worker so that the matrix's own concurrency is the only one.
export default defineConfig({
  testDir: '.',
  testMatch: 'isolation.spec.ts',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 600_000,
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR || 'test-results',
});
