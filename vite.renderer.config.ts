// Plain Vite build of the renderer alone (no Electron), used by the e2e harness: it serves out/renderer
// and injects the real preload api over a test transport.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const here = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: resolve(here, 'src/renderer'),
  base: './',
  plugins: [react()],
  // pdf.js's CMaps and Type 1 fonts, inlined into lazy chunks (src/renderer/src/vault/pdfData.ts)
  assetsInclude: ['**/*.bcmap', '**/*.pfb'],
  build: {
    outDir: resolve(here, 'out/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    // the bundle is loaded from the app's own origin; one big chunk is fine offline
    chunkSizeWarningLimit: 4096,
  },
})
