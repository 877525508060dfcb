// Vite asset imports used by the renderer: `?url` answers the served URL of a bundled file.
declare module '*?url' {
  const url: string
  export default url
}
