import { existsSync } from 'node:fs';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: unit tests beside the code and the integration tests (as before). `e2e`: browser tests in
 * test/e2e/ (real `./fl serve` + headless Debian Chromium), run after `unit` (groupOrder), one file at a time, with
 * long timeouts. The e2e project exists only when /usr/bin/chromium does (`./fl test` says so when it skips them).
 * Run one side with `--project unit` or `--project e2e`.
 */
const CHROMIUM = '/usr/bin/chromium';
const E2E = 'test/e2e/**';

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, E2E],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          pool: 'forks',
          sequence: { groupOrder: 0 },
        },
      },
      ...(existsSync(CHROMIUM) ? [{
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          // Pages render asynchronously: expect.poll waits like Playwright's own locators do.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          // beforeAll starts ./fl serve, which may first rebuild dist/ and web/dist.
          hookTimeout: 300_000,
          pool: 'forks' as const,
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      }] : []),
    ],
  },
});
