// The loopback HTTP transport: the built renderer and the same services as the Electron window, for a
// lab that prefers a browser and for the end-to-end tests. 127.0.0.1 only; a random token per start is
// required on /api/*; other origins and foreign Host headers are refused; bodies are bounded.
//
//   POST /api/call/<channel>   JSON body (Uint8Array as {"$bytes": base64}, see src/shared/codec.ts), 1 MB;
//                              datasets.preview/import: 256 MB of JSON, or the file as raw bytes
//                              (application/octet-stream, up to 1 GB) with headers X-File-Name and
//                              X-Import-Options (both URI-encoded; options as JSON).
//                              200 → the encoded result; otherwise { error: ApiError } with 400/401/403/
//                              404/405/409/413/415/422/500.
//   GET  /api/events?token=…   server-sent events, one ApiEvent per `data:` line.
//   GET  /…                    the renderer (static files, CSP header). Startup prints nothing.

import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { ApiError, ApiEvent } from '../../shared/api'
import { decodeJson, encodeJson } from '../../shared/codec'
import { isChannel } from '../../shared/channels'
import { createDispatch, type ApiHandlers } from '../transport/dispatch'
import { FILE_CHANNELS } from '../transport/schemas'
import { unknownChannel } from '../transport/errors'
import { FILE_BINARY_LIMIT, FILE_BODY_LIMIT, HTTP_CSP, JSON_BODY_LIMIT, ownHosts } from './security'
import { serveStatic } from './static'

/** What the HTTP transport needs from the services (Services from src/main/services satisfies it). */
export interface HttpServices {
  handlers: ApiHandlers
  subscribe(listener: (e: ApiEvent) => void): () => void
}

export interface HttpServerOptions {
  services: HttpServices
  /** 0 or absent: a free port chosen by the system. */
  port?: number
  host?: '127.0.0.1'
  /** The built renderer (out/renderer). */
  staticDir: string
  /** Fixed token (tests); a random one otherwise. */
  token?: string
}

export interface HttpServerHandle {
  /** The page to open, token included. */
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

class BodyTooLarge extends Error {}

function sendError(res: ServerResponse, status: number, error: ApiError, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const body = JSON.stringify({ error })
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...COMMON_HEADERS,
    ...extra
  })
  res.end(body)
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge())
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let failed = false
    req.on('data', (chunk: Buffer) => {
      if (failed) return
      size += chunk.length
      if (size > limit) {
        failed = true
        chunks.length = 0
        reject(new BodyTooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!failed) resolveBody(Buffer.concat(chunks))
    })
    req.on('error', (e) => {
      if (!failed) {
        failed = true
        reject(e)
      }
    })
  })
}

function tokenMatches(expected: Buffer, given: string | null | undefined): boolean {
  if (!given) return false
  const g = Buffer.from(given)
  return g.length === expected.length && timingSafeEqual(g, expected)
}

export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServerHandle> {
  const host = opts.host ?? '127.0.0.1'
  if (host !== '127.0.0.1') throw new Error('The HTTP transport listens on 127.0.0.1 only.')
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const tokenBytes = Buffer.from(token)
  const dispatch = createDispatch(opts.services.handlers)
  const streams = new Set<ServerResponse>()
  const sockets = new Set<Socket>()
  let port = 0

  function bearer(req: IncomingMessage, url: URL): string | null {
    const auth = req.headers.authorization
    if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7).trim()
    return url.searchParams.get('token')
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') {
      sendError(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'API calls use POST.' }, { Allow: 'POST' })
      return
    }
    if (!isChannel(channel)) {
      sendError(res, 404, unknownChannel(channel))
      return
    }
    const type = String(req.headers['content-type'] ?? '').toLowerCase()
    const binary = FILE_CHANNELS.has(channel) && type.startsWith('application/octet-stream')
    if (!binary && !type.startsWith('application/json')) {
      sendError(res, 415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'API calls send application/json (or the raw file for an upload).' })
      return
    }
    const limit = binary ? FILE_BINARY_LIMIT : FILE_CHANNELS.has(channel) ? FILE_BODY_LIMIT : JSON_BODY_LIMIT
    let payload: unknown
    try {
      const body = await readBody(req, limit)
      if (binary) {
        const header = (name: string): string => decodeURIComponent(String(req.headers[name] ?? ''))
        const optionsText = header('x-import-options')
        payload = {
          fileName: header('x-file-name'),
          data: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
          options: optionsText ? JSON.parse(optionsText) : {}
        }
      } else {
        const text = body.toString('utf8')
        payload = text.trim() === '' ? {} : decodeJson(text)
      }
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        const mb = Math.round(limit / (1024 * 1024))
        sendError(
          res,
          413,
          { code: 'PAYLOAD_TOO_LARGE', message: `The request is larger than the ${mb} MB allowed for ${channel}.` },
          { Connection: 'close' }
        )
        // Stop reading a body we refuse; the socket closes once the answer is written.
        res.on('finish', () => req.destroy())
        return
      }
      sendError(res, 400, { code: 'INVALID_JSON', message: binary ? 'The upload headers are malformed (X-File-Name, X-Import-Options).' : 'The request body is not valid JSON.' })
      return
    }
    const result = await dispatch(channel, payload)
    if (!result.ok) {
      sendError(res, result.status, result.error)
      return
    }
    const body = encodeJson(result.value ?? null)
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'Cache-Control': 'no-store',
      ...COMMON_HEADERS
    })
    res.end(body)
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'GET') {
      sendError(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'Events use GET.' }, { Allow: 'GET' })
      return
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      ...COMMON_HEADERS
    })
    res.write('retry: 2000\n\n')
    streams.add(res)
    const unsubscribe = opts.services.subscribe((e) => {
      res.write(`data: ${encodeJson(e)}\n\n`)
    })
    // A comment line now and then keeps proxies and idle timers from closing the stream.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000)
    heartbeat.unref()
    const done = (): void => {
      clearInterval(heartbeat)
      unsubscribe()
      streams.delete(res)
    }
    req.on('close', done)
    res.on('close', done)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hosts = ownHosts(port)
    // DNS-rebinding guard: a page on another name that resolves to 127.0.0.1 still sends its own Host.
    if (!hosts.includes(String(req.headers.host ?? ''))) {
      sendError(res, 403, { code: 'FORBIDDEN_HOST', message: 'This server only answers to its own loopback address.' })
      return
    }
    const origin = req.headers.origin
    if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) {
      sendError(res, 403, { code: 'FORBIDDEN_ORIGIN', message: 'Requests from other origins are refused.' })
      return
    }
    const url = new URL(req.url ?? '/', `http://${hosts[0]}`)
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      if (!tokenMatches(tokenBytes, bearer(req, url))) {
        sendError(res, 401, { code: 'UNAUTHORIZED', message: 'Missing or wrong access token. Open the URL printed by "ssae serve".' }, { 'WWW-Authenticate': 'Bearer' })
        return
      }
      if (url.pathname === '/api/events') return handleEvents(req, res)
      if (url.pathname.startsWith('/api/call/')) return handleCall(req, res, decodeURIComponent(url.pathname.slice(10)))
      sendError(res, 404, { code: 'NOT_FOUND', message: `No API route ${url.pathname}.` })
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'Only GET serves the app.' }, { Allow: 'GET, HEAD' })
      return
    }
    await serveStatic(opts.staticDir, url.pathname, req, res, { ...COMMON_HEADERS, 'Content-Security-Policy': HTTP_CSP })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => sendError(res, 500, { code: 'INTERNAL', message: 'Something went wrong inside SSAE Studio.' }))
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  server.requestTimeout = 0 // large uploads and event streams outlive the default

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const s of streams) s.end()
        streams.clear()
        server.close(() => resolveClose())
        for (const s of sockets) s.destroy()
      })
  }
}
