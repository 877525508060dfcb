// Playwright config for the Electron smoke test (tests/electron/): the built app under a real Electron
// binary. Kept apart from playwright.config.ts (browser e2e): no browser, one worker. It must stay green where
// no Electron binary exists: the test then skips and says why.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // includes `electron-vite build` of main, preload and renderer before the first launch
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results/electron',
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
})
