// The loopback HTTP transport with the real services: token, origin and host checks, body limits,
// unknown channels, invalid payloads, file upload through the codec, static files with CSP.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/main/services'
import { startHttpServer, type HttpServerHandle } from '../../../src/main/http/server'
import { HTTP_CSP, JSON_BODY_LIMIT } from '../../../src/main/http/security'
import { encodeJson } from '../../../src/shared/codec'

let dir: string
let services: Services
let server: HttpServerHandle
let base: string

/** A raw request (fetch would normalise paths and forbid setting Host/Origin). */
function raw(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    if (opts.body !== undefined) req.end(opts.body)
    else req.end()
  })
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (r: Response): Promise<any> => r.json()
const auth = () => ({ Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' })

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ssae-http-'))
  const stat = join(dir, 'renderer')
  mkdirSync(join(stat, 'assets'), { recursive: true })
  writeFileSync(join(stat, 'index.html'), '<!doctype html><title>t</title>')
  writeFileSync(join(stat, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), 'secret')
  services = createServices({ dbPath: join(dir, 'store.sqlite') })
  server = await startHttpServer({ services, staticDir: stat })
  base = `http://127.0.0.1:${server.port}`
})
afterAll(async () => {
  await server.close()
  await services.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('HTTP transport', () => {
  it('listens on 127.0.0.1 with a random token in the URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${encodeURIComponent(server.token)}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('answers a call with the token', async () => {
    const res = await fetch(`${base}/api/call/datasets.list`, { method: 'POST', headers: auth(), body: '{}' })
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual([])
  })

  it('401 without or with a wrong token', async () => {
    const none = await fetch(`${base}/api/call/datasets.list`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(none.status).toBe(401)
    expect(await json(none)).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } })
    const wrong = await fetch(`${base}/api/call/datasets.list`, { method: 'POST', headers: { ...auth(), Authorization: 'Bearer x' + server.token.slice(1) }, body: '{}' })
    expect(wrong.status).toBe(401)
    const events = await raw({ path: '/api/events' })
    expect(events.status).toBe(401)
  })

  it('403 for another origin, even with the token', async () => {
    const r = await raw({ method: 'POST', path: '/api/call/datasets.list', headers: { ...auth(), Origin: 'http://evil.example' }, body: '{}' })
    expect(r.status).toBe(403)
    expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN_ORIGIN')
    const same = await raw({ method: 'POST', path: '/api/call/datasets.list', headers: { ...auth(), Origin: base }, body: '{}' })
    expect(same.status).toBe(200)
  })

  it('403 for a foreign Host header (DNS rebinding)', async () => {
    const r = await raw({ path: '/', headers: { Host: `evil.example:${server.port}` } })
    expect(r.status).toBe(403)
  })

  it('413 when the body is over the limit', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(JSON_BODY_LIMIT + 10) })
    const r = await raw({ method: 'POST', path: '/api/call/datasets.list', headers: auth(), body: big })
    expect(r.status).toBe(413)
    expect(JSON.parse(r.body).error.code).toBe('PAYLOAD_TOO_LARGE')
  })

  it('404 with an ApiError for an unknown channel or route', async () => {
    const r = await fetch(`${base}/api/call/fs.readFile`, { method: 'POST', headers: auth(), body: '{}' })
    expect(r.status).toBe(404)
    expect((await json(r)).error.code).toBe('UNKNOWN_CHANNEL')
    const r2 = await fetch(`${base}/api/whatever`, { headers: auth() })
    expect(r2.status).toBe(404)
  })

  it('400 for an invalid payload or malformed JSON, 415 for another content type, 405 for GET', async () => {
    const bad = await fetch(`${base}/api/call/runs.get`, { method: 'POST', headers: auth(), body: '{"id":"1"}' })
    expect(bad.status).toBe(400)
    expect((await json(bad)).error).toMatchObject({ code: 'INVALID_PAYLOAD', details: { channel: 'runs.get' } })
    const broken = await fetch(`${base}/api/call/runs.get`, { method: 'POST', headers: auth(), body: '{"id":' })
    expect(broken.status).toBe(400)
    expect((await json(broken)).error.code).toBe('INVALID_JSON')
    const form = await fetch(`${base}/api/call/runs.get`, { method: 'POST', headers: { ...auth(), 'Content-Type': 'text/plain' }, body: '{"id":1}' })
    expect(form.status).toBe(415)
    const get = await fetch(`${base}/api/call/runs.get`, { headers: auth() })
    expect(get.status).toBe(405)
  })

  it('a parse error comes back as 422 with its position', async () => {
    const data = new TextEncoder().encode('sample,label,f1,f2\ns1,A,1.0,2.0\ns2,B,1.5\n')
    const r = await fetch(`${base}/api/call/datasets.preview`, { method: 'POST', headers: auth(), body: encodeJson({ fileName: 'b.csv', data, options: {} }) })
    expect(r.status).toBe(422)
    expect((await json(r)).error.details).toEqual({ file: 'b.csv', line: 3, column: 4 })
  })

  it('uploads a file through the codec (bytes larger than the JSON limit are allowed on file channels)', async () => {
    const demo = new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz')))
    const r = await fetch(`${base}/api/call/datasets.preview`, { method: 'POST', headers: auth(), body: encodeJson({ fileName: 'breast.tiro.csv.gz', data: demo, options: {} }) })
    expect(r.status).toBe(200)
    const preview = await json(r)
    expect(preview.format).toBe('tiro')
    expect(preview.orientation).toBe('columns')
    // A body over the 1 MB JSON limit: refused on an ordinary channel, read on a file channel.
    const csv = new TextEncoder().encode('sample,label,f1,f2\n' + Array.from({ length: 60_000 }, (_, i) => `s${i},${i % 2 ? 'A' : 'B'},${i % 97},${(i % 13) + 0.5}`).join('\n'))
    const body = encodeJson({ fileName: 'big.csv', data: csv, options: {} })
    expect(body.length).toBeGreaterThan(JSON_BODY_LIMIT)
    const onList = await raw({ method: 'POST', path: '/api/call/datasets.list', headers: auth(), body })
    expect(onList.status).toBe(413)
    const onFile = await fetch(`${base}/api/call/datasets.preview`, { method: 'POST', headers: auth(), body })
    expect(onFile.status).toBe(200)
    expect((await json(onFile)).nSamples).toBe(60_000)
  })

  it('serves the renderer with CSP and guards against path traversal', async () => {
    const index = await raw({ path: '/' })
    expect(index.status).toBe(200)
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(index.headers['content-security-policy']).toBe(HTTP_CSP)
    expect(index.headers['x-content-type-options']).toBe('nosniff')
    const js = await raw({ path: '/assets/app.js' })
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8')
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const r = await raw({ path })
      expect(r.status === 400 || r.status === 404, `${path} → ${r.status}`).toBe(true)
      expect(r.body).not.toContain('secret')
    }
    expect((await raw({ path: '/missing.js' })).status).toBe(404)
    expect((await raw({ method: 'POST', path: '/' , body: ''})).status).toBe(405)
  })

  it('streams events to a subscriber with the token', async () => {
    const res = await fetch(`${base}/api/events?token=${encodeURIComponent(server.token)}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = res.body!.getReader()
    const first = new TextDecoder().decode((await reader.read()).value)
    expect(first).toContain('retry:')
    await reader.cancel()
  })
})

describe('HTTP binary upload', () => {
  it('accepts a file as raw bytes on the file channels only', async () => {
    const demo = readFileSync(join(__dirname, '..', '..', '..', 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz'))
    const headers = {
      Authorization: `Bearer ${server.token}`,
      'Content-Type': 'application/octet-stream',
      'X-File-Name': encodeURIComponent('breast é.tiro.csv.gz'),
      'X-Import-Options': encodeURIComponent(JSON.stringify({ orientation: 'columns' }))
    }
    const r = await fetch(`${base}/api/call/datasets.preview`, { method: 'POST', headers, body: demo })
    expect(r.status).toBe(200)
    expect((await json(r)).fileName).toBe('breast é.tiro.csv.gz')
    const bad = await fetch(`${base}/api/call/datasets.preview`, { method: 'POST', headers: { ...headers, 'X-Import-Options': encodeURIComponent(JSON.stringify({ orientation: 'diagonal' })) }, body: demo })
    expect(bad.status).toBe(400)
    const broken = await fetch(`${base}/api/call/datasets.preview`, { method: 'POST', headers: { ...headers, 'X-Import-Options': '%7Bnope' }, body: demo })
    expect(broken.status).toBe(400)
    const notFile = await fetch(`${base}/api/call/datasets.list`, { method: 'POST', headers, body: demo })
    expect(notFile.status).toBe(415)
  })
})
