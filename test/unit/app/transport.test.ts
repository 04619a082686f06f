// IPC/HTTP payload validation and error mapping against the real services (SQLite on a temp file):
// bad payloads are refused with the ApiError shape before any service runs; user errors keep their
// code and file position; nothing returns a stack trace.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CancelledError, UserError } from '../../../src/core/types'
import { createServices, type Services } from '../../../src/main/services'
import { createDispatch, type Dispatch } from '../../../src/main/transport/dispatch'
import { toApiError } from '../../../src/main/transport/errors'
import { createIpcHandler } from '../../../src/main/transport/ipc'

const APP_PAGE = 'file:///app/out/renderer/index.html'
let dir: string
let services: Services
let dispatch: Dispatch
const ipc = () => createIpcHandler(dispatch, (url) => url.startsWith(APP_PAGE))

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ssae-transport-'))
  services = createServices({ dbPath: join(dir, 'store.sqlite') })
  dispatch = createDispatch(services.handlers)
})
afterAll(async () => {
  await services.close()
  rmSync(dir, { recursive: true, force: true })
})

const from = (url: string) => ({ senderFrame: { url } })

describe('IPC validation', () => {
  it('answers a valid call', async () => {
    await expect(ipc()(from(APP_PAGE + '#/runs'), 'datasets.list', {})).resolves.toEqual({ ok: true, value: [] })
  })

  it('refuses a sender that is not the app page', async () => {
    const r = await ipc()(from('https://evil.example/'), 'datasets.list', {})
    expect(r).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: expect.any(String) } })
    const r2 = await ipc()({ senderFrame: null }, 'datasets.list', {})
    expect(r2.ok).toBe(false)
  })

  it.each([
    ['unknown channel', 'fs.read', {}, 'UNKNOWN_CHANNEL'],
    ['prototype key as channel', '__proto__', {}, 'UNKNOWN_CHANNEL'],
    ['non-string channel', 42, {}, 'UNKNOWN_CHANNEL'],
    ['id as a string', 'runs.get', { id: '1' }, 'INVALID_PAYLOAD'],
    ['negative id', 'runs.get', { id: -1 }, 'INVALID_PAYLOAD'],
    ['fractional id', 'datasets.get', { id: 1.5 }, 'INVALID_PAYLOAD'],
    ['extra key', 'datasets.list', { sql: 'DROP TABLE runs' }, 'INVALID_PAYLOAD'],
    ['payload not an object', 'runs.get', 'id=1', 'INVALID_PAYLOAD'],
    ['file data not bytes', 'datasets.preview', { fileName: 'a.csv', data: 'a,b\n1,2', options: {} }, 'INVALID_PAYLOAD'],
    ['bad orientation', 'datasets.preview', { fileName: 'a.csv', data: new Uint8Array(1), options: { orientation: 'diagonal' } }, 'INVALID_PAYLOAD'],
    ['compare with one run', 'runs.compare', { ids: [1] }, 'INVALID_PAYLOAD'],
    ['hidden fraction 1', 'datasets.splitPreview', { id: 1, import: {}, split: { mode: 'hidden', fraction: 1, seed: 1 } }, 'INVALID_PAYLOAD']
  ])('refuses %s', async (_what, channel, payload, code) => {
    const r = await ipc()(from(APP_PAGE), channel, payload)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe(code)
    expect(typeof r.error.message).toBe('string')
    expect(r.error.message).not.toMatch(/\n\s+at /)
  })

  it('refuses a run config with a bad setting and names it', async () => {
    const config = {
      import: {},
      preprocess: { log: false, center: true, scale: true },
      split: { mode: 'given' },
      methods: ['ssae'],
      seed: 1,
      backend: 'auto',
      network: { eta: 10, projection: 'l11', epochs: 0, batchSize: 8, lr: 1e-4, lambda: 0.0005, hidden: 300 },
      graph: { kernel: 'knn', neighbors: 7, gamma: 20, fit: 'transductive' }
    }
    const r = await dispatch('runs.start', { datasetId: 1, config })
    expect(r).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_PAYLOAD' } })
    if (!r.ok) expect(r.error.message).toContain('config.network.epochs')
    const r2 = await dispatch('runs.start', { datasetId: 1, config: { ...config, methods: [] } })
    if (!r2.ok) expect(r2.error.message).toContain('Choose at least one method')
  })

  it('passes a parser error through with its file, line and column', async () => {
    const data = new TextEncoder().encode('sample,label,f1,f2\ns1,A,1.0,2.0\ns2,B,1.5\ns3,A,1,2\n')
    const r = await dispatch('datasets.preview', { fileName: 'broken.csv', data, options: {} })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.status).toBe(422)
    expect(r.error.details).toEqual({ file: 'broken.csv', line: 3, column: 4 })
    expect(r.error.code).not.toBe('INTERNAL')
    expect((await dispatch('datasets.list', {})).ok && (await services.handlers['datasets.list']({})).length).toBe(0)
  })

  it('maps a missing record to a user error, not an internal one', async () => {
    const r = await dispatch('runs.get', { id: 999 })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).not.toBe('INTERNAL')
      expect(r.error.message).toMatch(/999/)
    }
  })

  it('previews the demo file sent as bytes', async () => {
    const data = new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz')))
    const r = await dispatch('datasets.preview', { fileName: 'breast.tiro.csv.gz', data, options: {} })
    expect(r.ok).toBe(true)
  })
})

describe('toApiError', () => {
  it('keeps a UserError code, message and position', () => {
    const e = new UserError('ragged-row', 'x.csv, line 3, column 4: too few fields', { file: 'x.csv', line: 3, column: 4 })
    expect(toApiError(e)).toEqual({ code: 'ragged-row', message: 'x.csv, line 3, column 4: too few fields', details: { file: 'x.csv', line: 3, column: 4 } })
  })
  it('omits details when there is no position', () => {
    expect(toApiError(new UserError('bad', 'Bad.'))).toEqual({ code: 'bad', message: 'Bad.' })
  })
  it('maps cancellation', () => {
    expect(toApiError(new CancelledError())).toEqual({ code: 'CANCELLED', message: 'The run was cancelled.' })
  })
  it('turns an unknown error into a readable message without a stack', () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'x')\n    at foo (/src/a.ts:1:1)")
    const a = toApiError(e)
    expect(a.code).toBe('INTERNAL')
    expect(a.message).toBe("Something went wrong inside SSAE Studio: Cannot read properties of undefined (reading 'x')")
    expect(JSON.stringify(a)).not.toContain('at foo')
    expect(toApiError(undefined)).toEqual({ code: 'INTERNAL', message: 'Something went wrong inside SSAE Studio.' })
  })
  it('keeps only the known fields of a relayed ApiError', () => {
    expect(toApiError({ code: 'x', message: 'y', details: { line: 2, stack: 'at …' }, stack: 'boom' })).toEqual({ code: 'x', message: 'y', details: { line: 2 } })
  })
})
