import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      // native modules (@journeyapps/sqlcipher, argon2) and the rest of node_modules stay external
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // a sandboxed preload cannot require node_modules: bundle everything into one CommonJS file
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
    plugins: [react()],
    // pdf.js's CMaps and Type 1 fonts, inlined into lazy chunks (src/renderer/src/vault/pdfData.ts)
    assetsInclude: ['**/*.bcmap', '**/*.pfb'],
  },
})
