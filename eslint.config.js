// Lint rules for the whole repo (ESLint 9 flat config, typescript-eslint 8 recommended, syntax-only so
// `npm run lint` stays fast; tsc does the type checking). Owns rules only: it must not replace tsc or
// the security scan (scripts/electronegativity.mjs).
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// Node globals for the plain .js/.mjs files (bin/, scripts/, configs). TypeScript files do not need
// them: typescript-eslint turns `no-undef` off there because tsc already reports unknown names.
const nodeGlobals = Object.fromEntries(
  [
    'AbortController', 'AbortSignal', 'Buffer', 'TextDecoder', 'TextEncoder', 'URL', 'URLSearchParams',
    'clearImmediate', 'clearInterval', 'clearTimeout', 'console', 'fetch', 'globalThis', 'process',
    'queueMicrotask', 'setImmediate', 'setInterval', 'setTimeout', 'structuredClone',
  ].map(name => [name, 'readonly']),
)

export default defineConfig(
  globalIgnores([
    'out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/', '.zf-data/',
    'coverage/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
    rules: {
      // `@ts-expect-error` fails once the error is gone, so it may stay when it says why; the rest may not.
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-nocheck': true, 'ts-check': false, 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // The app must not print (it may print secrets or client data to a terminal); warn/error are for
      // real faults. Tools that talk to a terminal are exempt below.
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', exports: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
  },
  {
    // Command-line tools print by design; tests print only to the test log.
    files: ['src/main/cli/**', 'bench/**', 'scripts/**', 'bin/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
  },
)
