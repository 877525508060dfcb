import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        // as in the renderer's build: pdf.js's CMaps and fonts are inlined assets (src/renderer/src/vault/pdfData.ts)
        assetsInclude: ['**/*.bcmap', '**/*.pfb'],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          // projects with different maxWorkers must run in separate groups (vitest 4)
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Argon2id at 64 MiB per derivation: keep parallel workers modest on a 2-core machine
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
