// Vite asset imports used by the renderer: `?url` answers the served URL of a bundled file.
declare module '*?url' {
  const url: string
  export default url
}

// Vite's lazy `import.meta.glob` (src/renderer/src/vault/pdfData.ts): a loader per matched file.
interface ImportMeta {
  glob<T>(pattern: string, options: { query: string; import: 'default' }): Record<string, () => Promise<T>>
}
