// The HTTP transport's security policy, as data: the CSP the renderer is served with, the body limits
// and the origin/host rules. Kept apart from the server so tests and docs can read it.

/** The renderer's Content-Security-Policy, here and in the Electron window (src/main/electron/security.ts). */
export const HTTP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** JSON body limit for ordinary calls. */
export const JSON_BODY_LIMIT = 1024 * 1024
/**
 * Body limit for the two channels that carry a whole file (datasets.preview / datasets.import). The file
 * travels base64-encoded inside the JSON (4/3 larger), so 256 MB of JSON holds a file of about 190 MB.
 */
export const FILE_BODY_LIMIT = 256 * 1024 * 1024

/**
 * Body limit for a file sent as raw bytes (Content-Type: application/octet-stream) to the same two
 * channels: no base64, no giant JSON string, so much larger files fit.
 */
export const FILE_BINARY_LIMIT = 1024 * 1024 * 1024

/** Origins/hosts the server answers to: its own loopback address, under either name. */
export function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}
