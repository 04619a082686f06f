// Serves the built renderer: only files under the root, with a MIME type, never a directory listing.

import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8'
}

export function mimeType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/** Resolves a URL path inside root, or null when it escapes root or is malformed. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  const full = resolve(base, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded))
  if (full !== base && !full.startsWith(base + sep)) return null
  return full
}

export async function serveStatic(
  root: string,
  urlPath: string,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>
): Promise<void> {
  const path = urlPath === '/' ? '/index.html' : urlPath
  const full = resolveInside(root, path)
  if (full === null) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('Bad path')
    return
  }
  let size: number
  try {
    const s = await stat(full)
    if (!s.isFile()) throw new Error('not a file')
    size = s.size
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end('Not found')
    return
  }
  res.writeHead(200, {
    'Content-Type': mimeType(full),
    'Content-Length': String(size),
    'Cache-Control': full.endsWith('.html') ? 'no-store' : 'max-age=3600',
    ...headers
  })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  createReadStream(full).on('error', () => res.destroy()).pipe(res)
}
