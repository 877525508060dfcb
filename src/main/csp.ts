// The window's Content-Security-Policy, served with every app:// response (and by the e2e harness):
// no network at all (connect-src 'none'), no inline or remote script, no plugins, no frames.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // antd injects its component styles at run time
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ')
